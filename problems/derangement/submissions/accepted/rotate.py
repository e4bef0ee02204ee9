n = int(input())
if n == 1:
    print("impossible")
else:
    # Everyone grades the next student's paper; the last grades the first.
    print(*[i % n + 1 for i in range(1, n + 1)])
