package engine_test

// The corpus: small, self-contained Go programs (testdata/corpus/NNN_category_name.go)
// with the output `go run` gives them (NNN_category_name.out). TestCorpus runs each one
// through the engine, as a notebook would: the program as one cell, then
// main() in a second cell, and compares what it prints with go run's output.
//
// Regenerate the expected outputs after adding or changing a program:
//
//	go generate ./kernel/engine   (runs: go test -run TestCorpusGolden -update)
//
// testdata/corpus/KNOWN_FAILURES lists programs the engine does not run
// correctly yet, one per line: name, a tab, the reason. TestCorpus skips them
// (with the reason) and fails when one of them passes, so the list stays the
// team's honest to-do.

//go:generate go test -run TestCorpusGolden -update

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chanlab/chanlab/kernel/engine"
)

var updateCorpus = flag.Bool("update", false, "regenerate testdata/corpus/*.out and corpus.sum with go run")

const corpusDir = "testdata/corpus"

// corpusProgram is one program of the corpus.
type corpusProgram struct {
	name     string // file name without .go
	category string // second part of the name: lang, conc, modern, ...
	path     string
}

func loadCorpus(t *testing.T) []corpusProgram {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(corpusDir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	var progs []corpusProgram
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".go")
		parts := strings.SplitN(name, "_", 3)
		if len(parts) < 3 {
			t.Fatalf("%s: name must be NNN_category_name.go", f)
		}
		progs = append(progs, corpusProgram{name: name, category: parts[1], path: f})
	}
	if len(progs) == 0 {
		t.Fatal("no corpus programs")
	}
	return progs
}

// TestCorpusGolden checks that every program has an expected output made
// from its current source (corpus.sum holds the hashes). With -update it
// first regenerates the outputs by running every program with go run.
func TestCorpusGolden(t *testing.T) {
	progs := loadCorpus(t)
	sumPath := filepath.Join(corpusDir, "corpus.sum")
	if *updateCorpus {
		var mu sync.Mutex
		var sums []string
		var wg sync.WaitGroup
		sem := make(chan struct{}, 2)
		for _, p := range progs {
			wg.Go(func() {
				sem <- struct{}{}
				defer func() { <-sem }()
				out, err := goRun(p.path)
				if err != nil {
					t.Errorf("%s: %v", p.name, err)
					return
				}
				if err := os.WriteFile(outPath(p), out, 0o644); err != nil {
					t.Error(err)
					return
				}
				src, err := os.ReadFile(p.path)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				sums = append(sums, sumLine(p.name, src, out))
				mu.Unlock()
			})
		}
		wg.Wait()
		sort.Strings(sums)
		if err := os.WriteFile(sumPath, []byte(strings.Join(sums, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]string{}
	data, err := os.ReadFile(sumPath)
	if err != nil {
		t.Fatalf("%v: run go generate ./kernel/engine", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if name, _, ok := strings.Cut(line, " "); ok {
			want[name] = line
		}
	}
	for _, p := range progs {
		src, err := os.ReadFile(p.path)
		if err != nil {
			t.Fatal(err)
		}
		out, err := os.ReadFile(outPath(p))
		if err != nil {
			t.Errorf("%s: no expected output: run go generate ./kernel/engine", p.name)
			continue
		}
		if want[p.name] != sumLine(p.name, src, out) {
			t.Errorf("%s: expected output is stale: run go generate ./kernel/engine", p.name)
		}
	}
}

func outPath(p corpusProgram) string { return strings.TrimSuffix(p.path, ".go") + ".out" }

func sumLine(name string, src, out []byte) string {
	hs, ho := sha256.Sum256(src), sha256.Sum256(out)
	return name + " " + hex.EncodeToString(hs[:8]) + " " + hex.EncodeToString(ho[:8])
}

// goRun returns the standard output of go run on one file; the program
// must succeed and print nothing on standard error.
func goRun(path string) ([]byte, error) {
	cmd := exec.Command("go", "run", path)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go run: %w: %s", err, stderr.String())
	}
	if stderr.Len() > 0 {
		return nil, fmt.Errorf("go run printed on stderr: %s", stderr.String())
	}
	return stdout.Bytes(), nil
}

// knownFailures reads KNOWN_FAILURES: name -> reason.
func knownFailures(t *testing.T) map[string]string {
	t.Helper()
	known := map[string]string{}
	f, err := os.Open(filepath.Join(corpusDir, "KNOWN_FAILURES"))
	if os.IsNotExist(err) {
		return known
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, reason, _ := strings.Cut(line, "\t")
		known[strings.TrimSpace(name)] = strings.TrimSpace(reason)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return known
}

// TestCorpus runs every corpus program through the engine and compares its
// output with go run's. It ends with a pass/fail count per category.
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus: skipped in -short mode")
	}
	progs := loadCorpus(t)
	known := knownFailures(t)
	type tally struct{ pass, fail, known int }
	counts := map[string]*tally{}
	for _, p := range progs {
		if counts[p.category] == nil {
			counts[p.category] = &tally{}
		}
		c := counts[p.category]
		t.Run(p.name, func(t *testing.T) {
			err := runCorpusProgram(t, p)
			reason, isKnown := known[p.name]
			switch {
			case err == nil && isKnown:
				c.pass++
				t.Errorf("passes now: remove it from %s/KNOWN_FAILURES", corpusDir)
			case err == nil:
				c.pass++
			case isKnown:
				c.known++
				t.Skipf("known failure (%s): %v", reason, err)
			default:
				c.fail++
				t.Error(err)
			}
		})
	}
	var cats []string
	for k := range counts {
		cats = append(cats, k)
	}
	sort.Strings(cats)
	var sb strings.Builder
	total := tally{}
	for _, k := range cats {
		c := counts[k]
		fmt.Fprintf(&sb, "\n  %-8s pass %3d  fail %3d  known failures %3d", k, c.pass, c.fail, c.known)
		total.pass += c.pass
		total.fail += c.fail
		total.known += c.known
	}
	fmt.Fprintf(&sb, "\n  %-8s pass %3d  fail %3d  known failures %3d", "total", total.pass, total.fail, total.known)
	t.Logf("corpus results:%s", sb.String())
}

// runCorpusProgram runs one program in a fresh engine: the source as cell
// 1, then main() as cell 2. It returns an error describing any difference
// from the expected output.
func runCorpusProgram(t *testing.T, p corpusProgram) error {
	t.Helper()
	src, err := os.ReadFile(p.path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(outPath(p))
	if err != nil {
		t.Fatalf("%v: run go generate ./kernel/engine", err)
	}
	var stdout, stderr syncBuffer
	e, err := engine.New(engine.Options{Stdout: &stdout, Stderr: &stderr})
	if err != nil {
		t.Skipf("engine not ready: engine.New: %v", err)
	}
	defer e.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for i, cell := range []string{string(src), "main()"} {
		r := e.Execute(ctx, cell, i+1)
		if r.Status != "ok" {
			return fmt.Errorf("cell %d (%s): %s: %s: %s\nstderr: %s", i+1, firstLine(cell), r.Status, r.EName, r.EValue, stderr.String())
		}
	}
	if got := stdout.String(); got != string(want) {
		return fmt.Errorf("output differs\n got: %q\nwant: %q\nstderr: %s", clip(got), clip(string(want)), stderr.String())
	}
	return nil
}

func firstLine(s string) string {
	if s == "main()" {
		return s
	}
	return "program"
}

func clip(s string) string {
	if len(s) > 600 {
		return s[:600] + "..."
	}
	return s
}

// syncBuffer is a bytes.Buffer safe for concurrent writes (goroutines of
// the program print while the test reads).
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
