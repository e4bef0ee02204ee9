package main

import (
	"bufio"
	"os"
)

func main() {
	out := bufio.NewWriter(os.Stdout)
	for {
		if _, err := out.WriteString("2 1 2 1 2 1 2 1 2 1 2 1 2 1 2 1\n"); err != nil {
			return
		}
	}
}
