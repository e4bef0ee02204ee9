n = int(input())
print(*range(1, n + 1))  # everyone grades their own paper
