// Command chanlab is a Jupyter kernel for Go built on the yaegi interpreter,
// made for learning and exploring concurrency.
//
// Usage:
//
//	chanlab kernel --connection-file FILE   run the kernel (Jupyter starts this)
//	chanlab install [--user|--sys-prefix|--prefix P] [--name N] [--display-name D]
//	chanlab worker                          run the engine worker (the kernel starts it)
//	chanlab version
//
// One binary plays two processes: "chanlab kernel" speaks the Jupyter
// protocol (kernel/server) and supervises "chanlab worker", which runs the
// cells (kernel/engine); see kernel/README.md. Environment variables:
// CHANLAB_HISTORY names the history file ("off" disables it; the default is
// chanlab/history.jsonl in the user's data directory).
package main
