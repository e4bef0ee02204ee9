/**
 * Similarity-report benchmark: `npm run bench:similarity`. See bench/README.md ("Similarity").
 *
 * Seeds 200 students' accepted Python submissions to one problem in the bench database:
 * variations of five real solutions (identifiers renamed, functions reordered, comments and
 * blank lines added), then runs one report with the worker's own code
 * (`processSimilarityReport`: selection, Dolos over all 19,900 pairs, storing the kept pairs)
 * and prints its wall time with the machine's load. Target: under 60 s. The rows it creates
 * are deleted at the end.
 */
import os from "node:os";
import { BENCH_DATABASE_URL, prepareDatabase } from "./database";

const STUDENTS = Number(process.env.BENCH_SIMILARITY_STUDENTS ?? 200);
const TARGET_MS = 60_000;

const loadLine = () => {
  const [one, five] = os.loadavg();
  return `load average ${one!.toFixed(2)} (1 min), ${five!.toFixed(2)} (5 min) on ${os.availableParallelism()} cores`;
};

/** A deterministic pseudo-random generator, so every run compares the same programs. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const NAMES = ["value", "item", "acc", "tmp", "res", "cnt", "arr", "lst", "num", "elem", "buf", "key", "out", "q", "w", "z"];
const COMMENTS = ["# read the input", "# TODO: tidy up", "# compute the answer", "# edge case", "# works on the samples"];

async function main() {
  console.log(`[bench:similarity] preparing ${BENCH_DATABASE_URL}`);
  await prepareDatabase(BENCH_DATABASE_URL);
  process.env.DATABASE_URL = BENCH_DATABASE_URL;
  const { createPrismaClient } = await import("../src/server/db");
  const { processSimilarityReport } = await import("../worker/similarity");
  const { createProblem, createUser, insertJudgedSubmission } = await import("../test/factories");
  const { DISTINCT_SOLUTIONS, renameIdentifiers, reorderPythonFunctions } = await import("../test/similarity-sources");
  const db = createPrismaClient();
  const rand = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;

  /** A student's version of a solution: renamed short identifiers, comments, blank lines, reordered functions. */
  const variation = (source: string) => {
    const identifiers = [...new Set(source.match(/\b[a-z_][a-z0-9_]{0,11}\b/g) ?? [])].filter(
      (w) =>
        !/^(def|for|in|if|else|elif|return|import|from|print|sum|len|int|map|sorted|min|max|not|and|or|is|None|class|self|while|lambda|open|sys|list|dict|str|range|key|as)$/.test(
          w,
        ),
    );
    const renames = Object.fromEntries(identifiers.filter(() => rand() < 0.5).map((w) => [w, `${pick(NAMES)}${Math.floor(rand() * 100)}`]));
    let code = renameIdentifiers(source, renames);
    if (rand() < 0.5) code = reorderPythonFunctions(code);
    return code
      .split("\n")
      .flatMap((line) => (rand() < 0.08 ? [line.match(/^\s*/)![0] + pick(COMMENTS), line] : rand() < 0.05 ? [line, ""] : [line]))
      .join("\n");
  };

  const teacher = await createUser(db, { role: "TEACHER", label: "bench-sim" });
  const problem = await createProblem(db, teacher.id, { label: "bench-similarity" });
  const userIds: string[] = [teacher.id];
  try {
    console.log(`[bench:similarity] seeding ${STUDENTS} submissions`);
    let lines = 0;
    for (let i = 0; i < STUDENTS; i++) {
      const student = await createUser(db, { label: "bench-sim-student" });
      userIds.push(student.id);
      const source = variation(pick(DISTINCT_SOLUTIONS));
      lines += source.split("\n").length;
      await insertJudgedSubmission(db, { userId: student.id, problemId: problem.id, verdict: "AC", source });
    }
    const report = await db.similarityReport.create({
      data: { problemId: problem.id, createdById: teacher.id },
      select: { id: true },
    });

    console.log(`[bench:similarity] before: ${loadLine()}`);
    const started = performance.now();
    await processSimilarityReport(report.id, { db });
    const ms = performance.now() - started;
    const after = loadLine();

    const done = await db.similarityReport.findUniqueOrThrow({
      where: { id: report.id },
      select: { status: true, submissions: true, languages: true },
    });
    const top = await db.similarityPair.findFirst({
      where: { reportId: report.id },
      orderBy: { similarity: "desc" },
      select: { similarity: true },
    });
    const pairs = (STUDENTS * (STUDENTS - 1)) / 2;
    console.log(`[bench:similarity] after:  ${after}`);
    console.log(
      `[bench:similarity] ${done.submissions} submissions (${Math.round(lines / STUDENTS)} lines each on average), ${pairs} pairs: ` +
        `${(ms / 1000).toFixed(1)} s (${((ms * 1000) / pairs).toFixed(0)} µs per pair), status ${done.status}, top similarity ${top?.similarity.toFixed(2) ?? "—"}`,
    );
    console.log(
      `[bench:similarity] target < ${TARGET_MS / 1000} s: ${ms < TARGET_MS ? "met" : "MISSED"} (${(ms / TARGET_MS).toFixed(2)} of the budget)`,
    );
  } finally {
    await db.problem.delete({ where: { id: problem.id } });
    await db.user.deleteMany({ where: { id: { in: userIds } } });
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(`[bench:similarity] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(2);
});
