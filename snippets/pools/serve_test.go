package pools

import (
	"bufio"
	"encoding/json"
	"io"
	"testing"
)

// The worker loop notices that the pool went away while a task is still
// running, so a worker whose parent died does not outlive it.
func TestServeNoticesLostPoolDuringTask(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{})
	RegisterTask("serve.block", func(json.RawMessage) (any, error) {
		close(started)
		<-release
		return "late", nil
	})
	defer RegisterTask("serve.block", nil)

	reqR, reqW := io.Pipe()
	respR, respW := io.Pipe()
	lost := make(chan error, 1)
	served := make(chan error, 1)
	go func() { served <- serve(reqR, respW, func(err error) { lost <- err }) }()

	dec := json.NewDecoder(bufio.NewReader(respR))
	var ready response
	if err := dec.Decode(&ready); err != nil || !ready.Ready {
		t.Fatalf("ready: %+v, %v", ready, err)
	}
	go io.WriteString(reqW, `{"id":1,"task":"serve.block"}`+"\n")
	<-started
	reqW.Close() // the pool goes away mid-task
	if err := <-lost; err != nil {
		t.Fatalf("lost(%v), want lost(nil) at the end of the requests", err)
	}
	close(release)
	go io.Copy(io.Discard, respR)
	if err := <-served; err != nil {
		t.Fatal(err)
	}
}

func TestRunTaskOutcomes(t *testing.T) {
	RegisterTask("serve.bad", func(json.RawMessage) (any, error) { return func() {}, nil })
	defer RegisterTask("serve.bad", nil)
	if r := runTask(request{ID: 3, Task: "serve.bad"}); r.ID != 3 || r.Error == "" {
		t.Fatalf("unencodable result: %+v", r)
	}
	if r := runTask(request{Task: "serve.none"}); r.Error == "" {
		t.Fatalf("unknown task: %+v", r)
	}
}
