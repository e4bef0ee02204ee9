package main

import "fmt"

func main() {
	var a, b int64
	fmt.Scan(&a, &b)
	values := []int64{a, b}
	index := 2
	fmt.Println(values[index]) // panics: index out of range
}
