package main

import "fmt"

type Point struct{ X, Y int }

func (p Point) Add(q Point) Point { return Point{p.X + q.X, p.Y + q.Y} }

func (p *Point) Scale(k int) {
	p.X *= k
	p.Y *= k
}

func main() {
	p := Point{1, 2}
	q := p.Add(Point{3, 4})
	q.Scale(2)
	fmt.Println(p, q)
	fmt.Println(q.X, q.Y)
}
