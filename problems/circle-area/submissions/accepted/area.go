package main

import (
	"bufio"
	"fmt"
	"math"
	"os"
)

func main() {
	in := bufio.NewReader(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	var n int
	fmt.Fscan(in, &n)
	for i := 0; i < n; i++ {
		var r float64
		fmt.Fscan(in, &r)
		fmt.Fprintln(out, math.Pi*r*r) // e.g. 3.141592653589793e+08
	}
}
