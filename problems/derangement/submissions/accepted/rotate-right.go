package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	var n int
	fmt.Scan(&n)
	if n == 1 {
		fmt.Println("impossible")
		return
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	fmt.Fprint(out, n)
	for i := 1; i < n; i++ {
		fmt.Fprint(out, " ", i)
	}
	fmt.Fprintln(out)
}
