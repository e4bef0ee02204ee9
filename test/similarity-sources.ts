/**
 * Realistic Python solutions of one task (read numbers, print count, sum, mean, median and
 * the most frequent value) for the similarity tests and bench: distinct solutions, and
 * disguised copies of them (renamed identifiers, reordered functions).
 */

export const DISTINCT_SOLUTIONS: string[] = [
  `import sys


def read_numbers():
    data = sys.stdin.read().split()
    return [int(x) for x in data]


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2 == 1:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def most_frequent(values):
    counts = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    best = None
    for v, c in counts.items():
        if best is None or c > counts[best] or (c == counts[best] and v < best):
            best = v
    return best


def main():
    numbers = read_numbers()
    total = sum(numbers)
    print(len(numbers), total, total / len(numbers), median(numbers), most_frequent(numbers))


main()
`,
  `from collections import Counter
import statistics

nums = list(map(int, open(0).read().split()))
c = Counter(nums)
top = min(c, key=lambda k: (-c[k], k))
print(len(nums), sum(nums), statistics.mean(nums), statistics.median(nums), top)
`,
  `import sys

lines = sys.stdin.readlines()
xs = []
for line in lines:
    for token in line.strip().split(' '):
        if token:
            xs.append(int(token))
n = 0
s = 0
freq = dict()
for x in xs:
    n = n + 1
    s = s + x
    if x in freq:
        freq[x] += 1
    else:
        freq[x] = 1
xs.sort()
if n % 2:
    med = xs[n // 2]
else:
    med = (xs[n // 2 - 1] + xs[n // 2]) / 2
mode = sorted(freq.items(), key=lambda item: (-item[1], item[0]))[0][0]
print(f"{n} {s} {s / n} {med} {mode}")
`,
  `import sys
import heapq


class Stats:
    def __init__(self):
        self.low = []
        self.high = []
        self.count = 0
        self.total = 0
        self.seen = {}

    def add(self, value):
        self.count += 1
        self.total += value
        self.seen[value] = self.seen.get(value, 0) + 1
        heapq.heappush(self.low, -value)
        heapq.heappush(self.high, -heapq.heappop(self.low))
        if len(self.high) > len(self.low):
            heapq.heappush(self.low, -heapq.heappop(self.high))

    def median(self):
        if len(self.low) > len(self.high):
            return -self.low[0]
        return (-self.low[0] + self.high[0]) / 2

    def mode(self):
        return max(sorted(self.seen), key=lambda k: self.seen[k])


stats = Stats()
for token in sys.stdin.read().split():
    stats.add(int(token))
print(stats.count, stats.total, stats.total / stats.count, stats.median(), stats.mode())
`,
  `def solve(text):
    arr = sorted(int(t) for t in text.split())
    size = len(arr)
    acc = 0
    run_value, run_length, best_value, best_length = None, 0, None, 0
    for a in arr:
        acc += a
        if a == run_value:
            run_length += 1
        else:
            run_value, run_length = a, 1
        if run_length > best_length:
            best_value, best_length = run_value, run_length
    half = size // 2
    mid = arr[half] if size % 2 else (arr[half - 1] + arr[half]) / 2
    return "%d %d %s %s %d" % (size, acc, acc / size, mid, best_value)


if __name__ == "__main__":
    import sys
    print(solve(sys.stdin.read()))
`,
];

/** Rename identifiers (whole words) in a source: a copier's first disguise. */
export function renameIdentifiers(source: string, renames: Record<string, string>): string {
  return Object.entries(renames).reduce((code, [from, to]) => code.replace(new RegExp(`\\b${from}\\b`, "g"), to), source);
}

/** Reverse the order of a Python module's top-level `def` blocks: the second disguise. */
export function reorderPythonFunctions(source: string): string {
  const blocks = source.split(/\n(?=def |class )/);
  const head = blocks[0]!.startsWith("def ") || blocks[0]!.startsWith("class ") ? [] : [blocks.shift()!];
  const defs = blocks.map((b) => b.replace(/\n+$/, ""));
  const tail = defs.length > 0 ? defs[defs.length - 1]!.split(/\n\n\n(?=\S)/) : [];
  if (defs.length > 0) defs[defs.length - 1] = tail.shift()!;
  return [...head.map((h) => h.replace(/\n+$/, "")), ...defs.reverse(), ...tail].join("\n\n\n") + "\n";
}

/** A near-copy of the first solution: every function and variable renamed, functions reordered. */
export function disguisedCopy(source: string): string {
  return reorderPythonFunctions(
    renameIdentifiers(source, {
      read_numbers: "get_input",
      median: "middle_value",
      most_frequent: "mode_of",
      data: "raw",
      ordered: "srt",
      middle: "half",
      values: "items",
      counts: "tally",
      best: "winner",
      numbers: "nums",
      total: "acc",
    }),
  );
}
