package main

import (
	"context"

	"github.com/chanlab/chanlab/kernel/magic"
	"github.com/chanlab/chanlab/kernel/server"
)

// magicEngine answers magic cells (%help, %snippet, %history) itself and
// sends every other cell to the engine.
type magicEngine struct {
	server.Engine
	magic magic.Handler
}

// Execute runs a magic cell, or passes the cell on.
func (m *magicEngine) Execute(ctx context.Context, req server.ExecuteRequest, out server.Output) server.ExecuteResult {
	res, ok := m.magic.Handle(req.Code)
	if !ok {
		return m.Engine.Execute(ctx, req, out)
	}
	if res.Stdout != "" {
		out.Stream("stdout", res.Stdout)
	}
	if res.Err != nil {
		return server.ExecuteResult{Status: "error", Error: &server.ExecError{
			EName: magic.ErrorName, EValue: res.Err.Error(),
			Traceback: []string{magic.ErrorName + ": " + res.Err.Error()},
		}}
	}
	return server.ExecuteResult{Status: "ok", Payload: res.Payload}
}
