package chart

import "testing"

func BenchmarkPNG(b *testing.B) {
	for name, c := range sampleCharts() {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				c.PNG()
			}
		})
	}
}

func BenchmarkRaster(b *testing.B) {
	c := sampleCharts()["timeline"]
	for b.Loop() {
		c.draw().raster(PNGScale)
	}
}

func BenchmarkSVG(b *testing.B) {
	c := sampleCharts()["timeline"]
	for b.Loop() {
		c.SVG()
	}
}
