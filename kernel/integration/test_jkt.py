"""jupyter_kernel_test's standard checks, with Go snippets for ChanLab."""

import unittest

import jupyter_kernel_test

from conftest import KERNEL_NAME


class ChanLabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL_NAME
    language_name = "go"
    file_extension = ".go"

    code_hello_world = 'import "fmt"\nfmt.Println("hello, world")'
    code_stderr = 'import (\n\t"fmt"\n\t"os"\n)\nfmt.Fprintln(os.Stderr, "to stderr")'

    code_execute_result = [
        {"code": "6*7", "result": "42"},
        {"code": "1 << 10", "result": "1024"},
    ]
    code_generate_error = "undefinedVariable + 1"

    completion_samples = [
        {"text": "fmt.Sprin", "matches": {"Sprint", "Sprintf", "Sprintln"}},
    ]
    complete_code_samples = ["x := 1", 'fmt.Println("hi")', "func f() {}"]
    incomplete_code_samples = ["func f() {", "for i := 0; i < 3; i++ {", "x := []int{1,"]
    invalid_code_samples = ["x := 1)", "}"]

    code_inspect_sample = "fmt.Println"

    code_history_pattern = "6*7"
    supported_history_operations = ("tail", "range", "search")

    code_display_data = [
        {
            "code": 'import "github.com/chanlab/chanlab/snippets/display"\ndisplay.HTML("<b>hi</b>")',
            "mime": "text/html",
        },
        {"code": 'display.Markdown("*hi*")', "mime": "text/markdown"},
    ]
    code_clear_output = 'import "github.com/chanlab/chanlab/snippets/display"\ndisplay.Clear(false)'


if __name__ == "__main__":
    unittest.main()
