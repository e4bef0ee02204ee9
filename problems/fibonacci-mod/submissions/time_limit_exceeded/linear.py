# Earns group 1 (n <= 10^6); far too slow for n = 10^18.
M = 1_000_000_007
n = int(input())
a, b = 0, 1
for _ in range(n):
    a, b = b, (a + b) % M
print(a)
