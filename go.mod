module github.com/chanlab/chanlab

go 1.26.0
