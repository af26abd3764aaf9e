package main

import (
	"fmt"
	"time"
)

func main() {
	d := 90 * time.Second
	fmt.Println(d, d.Minutes())
	t := time.Date(2024, time.March, 15, 10, 30, 0, 0, time.UTC)
	fmt.Println(t.Format("2006-01-02 15:04"), t.Weekday())
	fmt.Println(t.Add(36 * time.Hour).Format(time.RFC3339))
	d2, _ := time.ParseDuration("1h15m")
	fmt.Println(d2, d2 > time.Hour)
}
