package main

func main() {
	var blocks [][]byte
	for {
		block := make([]byte, 16<<20)
		for i := 0; i < len(block); i += 4096 {
			block[i] = 1 // touch every page so it really counts
		}
		blocks = append(blocks, block)
	}
}
