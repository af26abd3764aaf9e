package engine

import "testing"

func TestSplitCell(t *testing.T) {
	cases := []struct {
		src  string
		want string // one letter a segment: d decl, s statement, p package clause
	}{
		{`fmt.Println(1)`, "s"},
		{"import \"fmt\"\nfmt.Println(1)", "ds"},
		{"func f() int {\n\treturn 1\n}\nx := f()\nx", "dss"},
		{"func (s *S) M() {}\ntype S struct{}", "dd"},
		{"func() { fmt.Println(1) }()", "s"},
		{"func(x int) {}(3); var y = 2", "sd"},
		{"package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(1)\n}\n", "pdd"},
		{"for i := range 3 {\n\tfmt.Println(i)\n}\n", "s"},
		{"const (\n\tA = 1\n\tB\n)\nvar x, y = 1, 2\nx + y", "dds"},
		{"func Map[T any](xs []T) {}\n", "d"},
		{"func (l List[T]) Len() int { return 0 }", "d"},
		{"", ""},
	}
	for _, c := range cases {
		segs := splitCell(c.src)
		got := ""
		for _, s := range segs {
			switch {
			case s.pkgClause:
				got += "p"
			case s.decl:
				got += "d"
			default:
				got += "s"
			}
		}
		if got != c.want {
			t.Errorf("splitCell(%q) = %q, want %q", c.src, got, c.want)
		}
	}
}

func TestBlankKeepsPositions(t *testing.T) {
	src := "x := 1\nfunc f() {}\ny := 2"
	segs := splitCell(src)
	got := blank(src, segs, func(s segment) bool { return s.decl })
	if got != "      \nfunc f() {}\n      " {
		t.Fatalf("blank = %q", got)
	}
}
