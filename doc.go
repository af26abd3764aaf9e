// Command chanlab is a Jupyter kernel for Go built on the yaegi interpreter,
// made for learning and exploring concurrency.
//
// Usage:
//
//	chanlab kernel --connection-file FILE   run the kernel (Jupyter starts this)
//	chanlab install [--user|--sys-prefix|--prefix P] [--name N]
//	chanlab version
package main
