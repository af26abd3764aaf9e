package main

import "github.com/chanlab/chanlab/kernel/engine"

// runWorker runs the engine worker process (see kernel/README.md).
func runWorker() int { return engine.Main() }
