// Package adapter lets an assist.Assistant serve as the kernel server's
// server.Assistant, so that package assist does not depend on the server
// and the server does not depend on assist.
package adapter

import (
	"github.com/chanlab/chanlab/kernel/assist"
	"github.com/chanlab/chanlab/kernel/server"
)

// New returns a server.Assistant answering with a.
func New(a *assist.Assistant) server.Assistant { return adapted{a} }

type adapted struct{ *assist.Assistant }

// Complete converts the assistant's completion to the server's type.
func (x adapted) Complete(code string, cursor int) server.Completion {
	return server.Completion(x.Assistant.Complete(code, cursor))
}
