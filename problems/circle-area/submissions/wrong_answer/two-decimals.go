package main

import (
	"fmt"
	"math"
)

func main() {
	var n int
	fmt.Scan(&n)
	for i := 0; i < n; i++ {
		var r float64
		fmt.Scan(&r)
		fmt.Printf("%.2f\n", math.Pi*r*r) // too few digits for small circles
	}
}
