package cellsrc

import "testing"

func TestSplit(t *testing.T) {
	cases := []struct {
		src  string
		want string // a letter a segment: p package, i import, d declaration, s statement
	}{
		{`fmt.Println(1)`, "s"},
		{"import \"fmt\"\nfmt.Println(1)", "is"},
		{"func f() int {\n\treturn 1\n}\nx := f()\nx", "dss"},
		{"func (s *S) M() {}\ntype S struct{}", "dd"},
		{"func() { fmt.Println(1) }()", "s"},
		{"func(x int) {}(3); var y = 2", "sd"},
		{"package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(1)\n}\n", "pid"},
		{"for i := range 3 {\n\tfmt.Println(i)\n}\n", "s"},
		{"const (\n\tA = 1\n\tB\n)\nvar x, y = 1, 2\nx + y", "dds"},
		{"func Map[T any](xs []T) {}\n", "d"},
		{"func (l List[T]) Len() int { return 0 }", "d"},
		{"x := 1; y := 2", "ss"},
		{"func f() {\n\tif true {\n", "d"}, // unfinished
		{"", ""},
	}
	for _, c := range cases {
		got := ""
		for _, s := range Split(c.src) {
			got += string("sidp"[s.Kind])
		}
		if got != c.want {
			t.Errorf("Split(%q) = %q, want %q", c.src, got, c.want)
		}
	}
}

func TestSegmentBounds(t *testing.T) {
	src := "x := 1;  \nfunc f() {}\n\n"
	segs := Split(src)
	if len(segs) != 2 {
		t.Fatalf("Split(%q) = %v", src, segs)
	}
	if got := src[segs[0].Start:segs[0].End]; got != "x := 1;" {
		t.Errorf("first segment %q, want the statement with its semicolon", got)
	}
	if got := src[segs[1].Start:segs[1].End]; got != "func f() {}" {
		t.Errorf("second segment %q, want the declaration without trailing space", got)
	}
}

func TestBlankKeepsPositions(t *testing.T) {
	src := "x := 1\nfunc f() {}\ny := 2"
	got := Blank(src, Split(src), Segment.IsDecl)
	if got != "      \nfunc f() {}\n      " {
		t.Fatalf("Blank = %q", got)
	}
}
