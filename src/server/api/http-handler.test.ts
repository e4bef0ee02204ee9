import { describe, expect, it } from "vitest";
import { Gate, procedureNames } from "./http-handler";

describe("Gate", () => {
  it("lets at most `limit` in at once; the others enter in arrival order as slots free", async () => {
    const gate = new Gate(2);
    const entered: number[] = [];
    const releases = new Map<number, () => void>();
    const arrivals = [1, 2, 3, 4, 5].map((n) =>
      gate.enter().then((release) => {
        entered.push(n);
        releases.set(n, release);
      }),
    );
    await new Promise((r) => setTimeout(r, 10));
    expect(entered).toEqual([1, 2]);
    releases.get(2)!();
    releases.get(2)!(); // a second release of the same slot frees nothing more
    await new Promise((r) => setTimeout(r, 10));
    expect(entered).toEqual([1, 2, 3]);
    releases.get(1)!();
    releases.get(3)!();
    await Promise.all(arrivals);
    expect(entered).toEqual([1, 2, 3, 4, 5]);
    releases.get(4)!();
    releases.get(5)!();
    // Everything released: two enter at once again.
    const again = await Promise.all([gate.enter(), gate.enter()]);
    expect(again).toHaveLength(2);
  });
});

describe("procedureNames", () => {
  it("reads single and batched calls", () => {
    expect(procedureNames("http://x/api/trpc/submission.create")).toEqual(["submission.create"]);
    expect(procedureNames("http://x/api/trpc/problem.bySlug,submission.run?batch=1")).toEqual(["problem.bySlug", "submission.run"]);
    expect(procedureNames("http://x/api/trpc/problem.bySlug%2Csubmission.create?batch=1")).toEqual(["problem.bySlug", "submission.create"]);
  });
});
