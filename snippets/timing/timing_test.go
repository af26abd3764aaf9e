package timing

import (
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestMeasureCountsRuns(t *testing.T) {
	calls := 0
	s := Measure("count", func() { calls++ }, Runs(7), Warmup(2))
	if calls != 9 || s.Runs != 7 {
		t.Fatalf("calls = %d, runs = %d; want 9, 7", calls, s.Runs)
	}
	if !(s.Min <= s.Median && s.Median <= s.Max && s.Min <= s.Mean && s.Mean <= s.Max) {
		t.Fatalf("inconsistent stats %+v", s)
	}
}

func TestBudgetStopsSlowWork(t *testing.T) {
	calls := 0
	s := Measure("slow", func() { calls++; time.Sleep(20 * time.Millisecond) }, Budget(10*time.Millisecond))
	if calls != 1 || s.Runs != 1 {
		t.Fatalf("calls = %d, runs = %d; a warm-up over budget should be the only run", calls, s.Runs)
	}
	calls = 0
	Measure("slow", func() { calls++; time.Sleep(20 * time.Millisecond) }, Warmup(0), Budget(30*time.Millisecond))
	if calls < 1 || calls > 2 {
		t.Fatalf("calls = %d, want 1 or 2 (stop once 30 ms are spent)", calls)
	}
}

func TestSummarize(t *testing.T) {
	ms := time.Millisecond
	s := summarize("x", []time.Duration{4 * ms, 1 * ms, 3 * ms, 2 * ms})
	if s.Min != ms || s.Max != 4*ms || s.Median != 2500*time.Microsecond || s.Mean != 2500*time.Microsecond {
		t.Fatalf("%+v", s)
	}
	if s := summarize("y", []time.Duration{3 * ms, 1 * ms, 2 * ms}); s.Median != 2*ms {
		t.Fatalf("odd median %v", s.Median)
	}
}

func TestCompareSpeedupTable(t *testing.T) {
	c := &Comparison{Title: "t", Results: []Stats{
		{Name: "sequential", Runs: 1, Median: 400 * time.Millisecond},
		{Name: "parallel", Runs: 1, Median: 100 * time.Millisecond},
	}}
	if got := c.Speedup("parallel"); got != 4 {
		t.Fatalf("Speedup = %v", got)
	}
	if c.Speedup("missing") != 0 || c.Median("parallel") != 100*time.Millisecond {
		t.Fatal("lookup of missing or median failed")
	}
	out := c.String()
	for _, want := range []string{"Variant", "Speedup", "sequential", "1.00x", "4.00x", "400 ms"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	real := Compare("real", []Variant{{"a", func() {}}, {"b", func() {}}}, Runs(2))
	if len(real.Results) != 2 || real.Results[1].Runs != 2 {
		t.Fatalf("%+v", real.Results)
	}
}

func TestSweep(t *testing.T) {
	var mu sync.Mutex
	seen := map[string][]int{}
	r := Sweep("s", "Workers", []int{1, 2, 4}, []SweepVariant{
		{"Sequential", func(n int) { mu.Lock(); seen["Sequential"] = append(seen["Sequential"], n); mu.Unlock() }},
		{"Parallel", func(n int) { mu.Lock(); seen["Parallel"] = append(seen["Parallel"], n); mu.Unlock() }},
	}, Runs(1), Warmup(0))
	if got := seen["Parallel"]; len(got) != 3 || got[0] != 1 || got[2] != 4 {
		t.Fatalf("parallel ran with %v", got)
	}
	if len(r.Stats["Sequential"]) != 3 {
		t.Fatal(r.Stats)
	}
	out := r.String()
	if !strings.HasPrefix(out, "s\nWorkers") || !strings.Contains(out, "Sequential") || !strings.Contains(out, "Parallel") {
		t.Fatalf("table:\n%s", out)
	}
}

func TestWithGOMAXPROCSRestores(t *testing.T) {
	old := runtime.GOMAXPROCS(0)
	WithGOMAXPROCS(1, func() {
		if runtime.GOMAXPROCS(0) != 1 {
			t.Error("not set")
		}
	})
	func() {
		defer func() { recover() }()
		WithGOMAXPROCS(1, func() { panic("x") })
	}()
	if runtime.GOMAXPROCS(0) != old {
		t.Fatalf("GOMAXPROCS = %d, want %d", runtime.GOMAXPROCS(0), old)
	}
}

func TestRecorderConcurrent(t *testing.T) {
	r := NewRecorder()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lane := "lane " + string(rune('A'+i%2))
			r.Record(lane, "work", func() { time.Sleep(time.Millisecond) })
			end := r.Begin(lane, "more")
			end()
			end() // second call is ignored
		}()
	}
	wg.Wait()
	spans := r.Spans()
	if len(spans) != 16 {
		t.Fatalf("%d spans", len(spans))
	}
	for i, s := range spans {
		if s.End < s.Start || (i > 0 && spans[i-1].Start > s.Start) {
			t.Fatalf("bad span order or times: %+v", spans)
		}
	}
	if l := r.Lanes(); len(l) != 2 {
		t.Fatalf("lanes %v", l)
	}
	r.Reset()
	if len(r.Spans()) != 0 {
		t.Fatal("Reset kept spans")
	}
}

func TestStopwatch(t *testing.T) {
	sw := Start()
	a := sw.Lap("a")
	b := sw.Lap("b")
	laps := sw.Laps()
	if len(laps) != 2 || laps[0].Duration != a || laps[1].Duration != b || laps[1].Total < laps[0].Total {
		t.Fatalf("%+v", laps)
	}
	if sw.Elapsed() < laps[1].Total {
		t.Fatal("elapsed before last lap")
	}
	if !strings.Contains(sw.String(), "elapsed") {
		t.Fatal(sw.String())
	}
}

func TestFormatDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		12:                       "12 ns",
		1500:                     "1.50 µs",
		45600 * time.Microsecond: "45.6 ms",
		789 * time.Millisecond:   "789 ms",
		1234 * time.Millisecond:  "1.23 s",
		-2 * time.Second:         "-2.00 s",
	} {
		if got := FormatDuration(d); got != want {
			t.Errorf("FormatDuration(%d) = %q, want %q", d, got, want)
		}
	}
}

func TestRenderMIME(t *testing.T) {
	c := &Comparison{Title: "cmp", Results: []Stats{{Name: "a", Median: time.Second}, {Name: "b", Median: 250 * time.Millisecond}}}
	r := &SweepResult{Title: "sw", Param: "Workers", Values: []int{1, 2}, Names: []string{"a"},
		Stats: map[string][]Stats{"a": {{Median: time.Millisecond}, {Median: 2 * time.Millisecond}}}}
	rec := NewRecorder()
	rec.Record("worker 1", "task 0", func() {})
	for name, m := range map[string]map[string]any{"comparison": c.RenderMIME(), "sweep": r.RenderMIME(), "stats": c.Results[0].RenderMIME()} {
		if s, _ := m["text/html"].(string); !strings.Contains(s, "<table") {
			t.Errorf("%s: no HTML table", name)
		}
		if s, _ := m["text/plain"].(string); s == "" {
			t.Errorf("%s: no text", name)
		}
	}
	if s := c.RenderMIME()["text/html"].(string); !strings.Contains(s, "data:image/png;base64,") {
		t.Error("comparison HTML lacks the chart")
	}
	if m := rec.RenderMIME(); m["image/png"] == nil || m["image/svg+xml"] == nil {
		t.Error("recorder lacks the timeline images")
	}
}

// Compare interleaves the runs of its variants, round by round, after
// warming each one up.
func TestCompareInterleavesRuns(t *testing.T) {
	var order []string
	variant := func(name string) Variant {
		return Variant{Name: name, Fn: func() { order = append(order, name) }}
	}
	c := Compare("order", []Variant{variant("a"), variant("b")}, Runs(3), Warmup(1), Budget(0))
	if got, want := strings.Join(order, ""), "ab"+"ababab"; got != want {
		t.Errorf("call order %q, want %q", got, want)
	}
	for _, s := range c.Results {
		if s.Runs != 3 {
			t.Errorf("%s: %d runs, want 3", s.Name, s.Runs)
		}
	}
}
