package stdlib

import (
	"encoding"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"log"
	"reflect"
)

func typeOf[T any]() reflect.Type { return reflect.TypeFor[T]() }

func init() {
	printing := []reflect.Type{typeOf[fmt.Formatter](), typeOf[fmt.Stringer](), typeOf[error]()}
	for _, f := range []any{
		fmt.Errorf, fmt.Fprint, fmt.Fprintf, fmt.Fprintln, fmt.Print, fmt.Printf, fmt.Println,
		fmt.Sprint, fmt.Sprintf, fmt.Sprintln, fmt.Append, fmt.Appendf, fmt.Appendln,
		log.Fatal, log.Fatalf, log.Fatalln, log.Panic, log.Panicf, log.Panicln,
		log.Print, log.Printf, log.Println,
	} {
		MapTypes[reflect.ValueOf(f)] = printing
	}
	scanning := []reflect.Type{typeOf[fmt.Scanner]()}
	for _, f := range []any{fmt.Scan, fmt.Scanf, fmt.Scanln, fmt.Sscan, fmt.Sscanf, fmt.Sscanln, fmt.Fscan, fmt.Fscanf, fmt.Fscanln} {
		MapTypes[reflect.ValueOf(f)] = scanning
	}
	text := []reflect.Type{typeOf[encoding.TextMarshaler]()}
	MapTypes[reflect.ValueOf(json.Marshal)] = append([]reflect.Type{typeOf[json.Marshaler]()}, text...)
	MapTypes[reflect.ValueOf(json.MarshalIndent)] = append([]reflect.Type{typeOf[json.Marshaler]()}, text...)
	MapTypes[reflect.ValueOf(json.Unmarshal)] = []reflect.Type{typeOf[json.Unmarshaler](), typeOf[encoding.TextUnmarshaler]()}
	MapTypes[reflect.ValueOf(xml.Marshal)] = append([]reflect.Type{typeOf[xml.Marshaler]()}, text...)
	MapTypes[reflect.ValueOf(xml.Unmarshal)] = []reflect.Type{typeOf[xml.Unmarshaler](), typeOf[encoding.TextUnmarshaler]()}
}
