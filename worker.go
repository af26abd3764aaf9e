package main

import (
	"fmt"
	"os"
)

// runWorker runs the engine worker process. Until kernel/engine provides
// engine.Main, it explains that and fails.
func runWorker() int {
	fmt.Fprintln(os.Stderr, "chanlab worker: this build has no engine yet")
	return 1
}
