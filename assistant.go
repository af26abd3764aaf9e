package main

import (
	"github.com/chanlab/chanlab/kernel/assist"
	"github.com/chanlab/chanlab/kernel/assist/adapter"
	"github.com/chanlab/chanlab/kernel/server"
)

// newAssistant returns the completion, inspection and is_complete helper.
// It starts reading the most used package sources in the background, so
// the first completion is quick.
func newAssistant() server.Assistant {
	a := assist.New(assist.Options{})
	a.Warm(nil)
	return adapter.New(a)
}
