M = 1_000_000_007


def fib_pair(n):
    """(F(n), F(n+1)) mod M by fast doubling: O(log n)."""
    if n == 0:
        return 0, 1
    a, b = fib_pair(n >> 1)
    c = a * (2 * b - a) % M
    d = (a * a + b * b) % M
    return (d, (c + d) % M) if n & 1 else (c, d)


print(fib_pair(int(input()))[0])
