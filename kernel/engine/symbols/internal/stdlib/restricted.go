package stdlib

import (
	"errors"
	"fmt"
	"io"
	"log"
	"os"
)

// The yaegi extract tool maps a few symbols that would end or escape the
// worker process to functions of the destination package with fixed names
// (osExit for os.Exit, logFatal for log.Fatal, ...). They are defined here:
// exiting becomes a panic, which the engine reports as an error of the cell.

var errOwnProcess = errors.New("symbols: os.FindProcess of the kernel's own process is not allowed")

// osExit stands for os.Exit: it panics instead of ending the kernel.
func osExit(code int) { panic(fmt.Sprintf("os.Exit(%d)", code)) }

// osFindProcess stands for os.FindProcess, refusing the worker itself.
func osFindProcess(pid int) (*os.Process, error) {
	if pid == os.Getpid() {
		return nil, errOwnProcess
	}
	return os.FindProcess(pid)
}

// logFatal, logFatalf and logFatalln stand for log.Fatal*: they panic.
func logFatal(v ...any)                 { log.Panic(v...) }
func logFatalf(format string, v ...any) { log.Panicf(format, v...) }
func logFatalln(v ...any)               { log.Panicln(v...) }

// logLogger stands for log.Logger: the same, but Fatal* panic.
type logLogger struct{ *log.Logger }

// logNew stands for log.New.
func logNew(out io.Writer, prefix string, flag int) *logLogger {
	return &logLogger{log.New(out, prefix, flag)}
}

// Fatal panics with the message, instead of exiting.
func (l *logLogger) Fatal(v ...any) { l.Panic(v...) }

// Fatalf panics with the formatted message, instead of exiting.
func (l *logLogger) Fatalf(format string, v ...any) { l.Panicf(format, v...) }

// Fatalln panics with the message, instead of exiting.
func (l *logLogger) Fatalln(v ...any) { l.Panicln(v...) }
