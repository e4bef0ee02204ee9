package main

import "fmt"

const mod = 1_000_000_007

// fibPair returns (F(n), F(n+1)) mod 1e9+7.
func fibPair(n uint64) (uint64, uint64) {
	if n == 0 {
		return 0, 1
	}
	a, b := fibPair(n / 2)
	c := a * ((2*b + mod - a) % mod) % mod
	d := (a*a + b*b) % mod
	if n%2 == 1 {
		return d, (c + d) % mod
	}
	return c, d
}

func main() {
	var n uint64
	fmt.Scan(&n)
	f, _ := fibPair(n)
	fmt.Println(f)
}
