package main

import "fmt"

func describe(v any) string {
	switch x := v.(type) {
	case int:
		return fmt.Sprintf("int %d", x)
	case string:
		return fmt.Sprintf("string %q", x)
	case []int:
		return fmt.Sprintf("slice of %d ints", len(x))
	case nil:
		return "nil"
	default:
		return fmt.Sprintf("other %v", x)
	}
}

func main() {
	for _, v := range []any{1, "two", []int{3, 4}, nil, 5.5} {
		fmt.Println(describe(v))
	}
}
