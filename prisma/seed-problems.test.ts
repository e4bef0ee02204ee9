import { describe, expect, it } from "vitest";
import { loadSeedProblems } from "./seed-problems";

describe("loadSeedProblems", () => {
  it("loads every fixture package under problems/", async () => {
    const problems = await loadSeedProblems();
    const bySlug = new Map(problems.map((p) => [p.slug, p]));
    expect([...bySlug.keys()]).toEqual(["circle-area", "derangement", "fibonacci-mod", "sum-two"]);

    const sumTwo = bySlug.get("sum-two")!;
    expect(sumTwo).toMatchObject({
      title: "Sum of Two",
      timeLimitMs: 1000,
      memoryLimitMb: 128,
      checkerKind: "STANDARD",
      scoringMode: "ICPC",
    });
    expect(sumTwo.statement).toMatch(/^Your first problem: read two integers/);
    expect(sumTwo.checkerSource).toBeNull();
    expect(sumTwo.tests.slice(0, 3).map((t) => [t.name, t.isSample])).toEqual([
      ["sample/1", true],
      ["sample/2", true],
      ["secret/01-zeros", false],
    ]);
    expect(sumTwo.tests.map((t) => t.position)).toEqual(sumTwo.tests.map((_, i) => i + 1));

    expect(bySlug.get("circle-area")).toMatchObject({ checkerKind: "FLOAT", checkerOptions: { absTol: 1e-6, relTol: 1e-6 } });
    const derangement = bySlug.get("derangement")!;
    expect(derangement).toMatchObject({ checkerKind: "CUSTOM", checkerLanguage: "python" });
    expect(derangement.checkerSource).toContain("sys.exit(code)");
    const fibonacci = bySlug.get("fibonacci-mod")!;
    expect(fibonacci.scoringMode).toBe("POINTS");
    expect(fibonacci.tests.reduce((sum, t) => sum + t.points, 0)).toBe(100);
  });
});
