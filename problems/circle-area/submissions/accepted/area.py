import math
import sys

tokens = sys.stdin.read().split()
n = int(tokens[0])
print("\n".join(f"{math.pi * float(r) ** 2:.9f}" for r in tokens[1 : n + 1]))
