package rewrite

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestDev(t *testing.T) {
	src, err := os.ReadFile(os.Getenv("DEVSRC"))
	if err != nil {
		t.Skip()
	}
	if os.Getenv("DEVCASES") != "" {
		for _, c := range strings.Split(string(src), "\n-----\n") {
			got := gofmt(rewriteSrc(t, "package main\n"+c))
			got = strings.TrimPrefix(got, "package main\n")
			fmt.Printf("IN:\n%s\nOUT:\n%s\n=====\n", c, got)
		}
		return
	}
	t.Log(rewriteSrc(t, string(src)))
	t.Log(runRewritten(t, string(src)))
}
