def build(i, n):
    # One Python frame per student: RecursionError for n ~ 1000.
    if i > n:
        return []
    return [i % n + 1] + build(i + 1, n)


n = int(input())
print("impossible" if n == 1 else " ".join(map(str, build(1, n))))
