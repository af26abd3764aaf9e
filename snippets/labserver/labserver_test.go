package labserver_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chanlab/chanlab/snippets/labserver"
)

func get(t *testing.T, c *http.Client, u string) (*http.Response, string) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

func TestEndpoints(t *testing.T) {
	s := labserver.MustStart()
	defer s.Close()
	c := &http.Client{}
	defer c.CloseIdleConnections()

	resp, body := get(t, c, s.URL+"/get?name=gopher&n=1&n=2")
	var echo struct {
		Args    map[string]any    `json:"args"`
		Headers map[string]string `json:"headers"`
		URL     string            `json:"url"`
	}
	if err := json.Unmarshal([]byte(body), &echo); err != nil || resp.StatusCode != 200 {
		t.Fatalf("/get: %v %s", err, body)
	}
	if echo.Args["name"] != "gopher" || len(echo.Args["n"].([]any)) != 2 || !strings.HasPrefix(echo.URL, s.URL) {
		t.Fatalf("/get echo: %+v", echo)
	}

	post, err := c.Post(s.URL+"/post", "application/json", strings.NewReader(`{"x": 1}`))
	if err != nil {
		t.Fatal(err)
	}
	var pj struct{ JSON map[string]any }
	json.NewDecoder(post.Body).Decode(&pj)
	post.Body.Close()
	if pj.JSON["x"] != 1.0 {
		t.Fatalf("/post json: %+v", pj)
	}

	for path, want := range map[string]string{
		"/json": `"Gopher Supply Co."`, "/html": "<title>", "/xml": "<?xml", "/": "lab server",
		"/headers": `"headers"`, "/ip": "127.0.0.1", "/user-agent": "Go-http-client",
	} {
		if resp, body := get(t, c, s.URL+path); resp.StatusCode != 200 || !strings.Contains(body, want) {
			t.Errorf("%s: %d %q", path, resp.StatusCode, body)
		}
	}
	if _, body := get(t, c, s.URL+"/uuid"); !regexp.MustCompile(`"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"`).MatchString(body) {
		t.Errorf("/uuid: %s", body)
	}
	for _, code := range []int{200, 404, 418, 500} {
		if resp, _ := get(t, c, s.URL+"/status/"+strconv.Itoa(code)); resp.StatusCode != code {
			t.Errorf("/status/%d: %d", code, resp.StatusCode)
		}
	}
	if _, a := get(t, c, s.URL+"/bytes/64?seed=7"); len(a) != 64 {
		t.Errorf("/bytes/64: %d bytes", len(a))
	} else if _, b := get(t, c, s.URL+"/bytes/64?seed=7"); a != b {
		t.Error("/bytes with a seed is not repeatable")
	}
	if resp, _ := get(t, c, s.URL+"/delay/x"); resp.StatusCode != 400 {
		t.Errorf("/delay/x: %d", resp.StatusCode)
	}
	if s.Requests() < 10 || s.MaxInFlight() < 1 {
		t.Errorf("stats: %d requests, peak %d", s.Requests(), s.MaxInFlight())
	}
}

func TestDelay(t *testing.T) {
	s := labserver.MustStart()
	defer s.Close()
	start := time.Now()
	resp, body := get(t, http.DefaultClient, s.URL+"/delay/1")
	if took := time.Since(start); took < time.Second {
		t.Fatalf("/delay/1 answered after %v", took)
	}
	if resp.StatusCode != 200 || !strings.Contains(body, `"delay": 1`) {
		t.Fatalf("/delay/1: %d %s", resp.StatusCode, body)
	}
}

// A crawler from /site/ finds every page, a broken link and an external link.
func TestSiteCrawl(t *testing.T) {
	s := labserver.MustStart()
	defer s.Close()
	href := regexp.MustCompile(`<a href="([^"]+)"`)
	seen := map[string]int{}
	queue := []string{s.URL + "/site/"}
	external := 0
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		if _, ok := seen[u]; ok {
			continue
		}
		resp, body := get(t, http.DefaultClient, u)
		seen[u] = resp.StatusCode
		for _, m := range href.FindAllStringSubmatch(body, -1) {
			base, _ := url.Parse(u)
			ref, _ := url.Parse(m[1])
			next := base.ResolveReference(ref)
			if next.Host != base.Host {
				external++
				continue
			}
			queue = append(queue, next.String())
		}
	}
	for _, p := range labserver.SitePages() {
		if seen[s.URL+p] != 200 {
			t.Errorf("page %s: status %d", p, seen[s.URL+p])
		}
	}
	if seen[s.URL+"/site/missing"] != 404 {
		t.Errorf("broken link: %d", seen[s.URL+"/site/missing"])
	}
	if external == 0 {
		t.Error("no external link found")
	}
}

func TestCloseEndsDelaysAndLeaksNothing(t *testing.T) {
	before := runtime.NumGoroutine()
	s := labserver.MustStart()
	tr := &http.Transport{}
	c := &http.Client{Transport: tr}
	errs := make(chan error, 3)
	for i := 0; i < 3; i++ {
		go func() {
			resp, err := c.Get(s.URL + "/delay/10")
			if err == nil {
				resp.Body.Close()
			}
			errs <- err
		}()
	}
	for s.Requests() < 3 { // wait until the three requests are being served
		time.Sleep(5 * time.Millisecond)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		<-errs
	}
	s.Close()
	tr.CloseIdleConnections()
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines before, %d after Close:\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}
