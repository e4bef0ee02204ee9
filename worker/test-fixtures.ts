/**
 * Rows for worker integration tests and benchmarks. Every call creates its own uniquely
 * named user/problem, so files running in parallel on one database never collide.
 */
import { randomBytes } from "node:crypto";
import type { PrismaClient, SubmissionKind, SubmissionStatus } from "../src/generated/prisma/client";

export const uniqueSuffix = () => randomBytes(5).toString("hex");

export async function createUser(db: PrismaClient, label = "worker") {
  const suffix = uniqueSuffix();
  return db.user.create({ data: { email: `${label}-${suffix}@test.invalid`, name: `${label} ${suffix}` } });
}

export interface TestSpec {
  input: string;
  expectedOutput: string;
  points?: number;
}

export async function createProblem(
  db: PrismaClient,
  authorId: string,
  tests: TestSpec[],
  overrides: { timeLimitMs?: number; memoryLimitMb?: number; scoringMode?: "ICPC" | "POINTS"; label?: string } = {},
) {
  const slug = `${overrides.label ?? "worker"}-${uniqueSuffix()}`;
  return db.problem.create({
    data: {
      slug,
      title: slug,
      statement: "Print the sum of the numbers on the line.",
      timeLimitMs: overrides.timeLimitMs ?? 2000,
      memoryLimitMb: overrides.memoryLimitMb ?? 256,
      scoringMode: overrides.scoringMode ?? "ICPC",
      authorId,
      tests: {
        create: tests.map((t, i) => ({ position: i + 1, input: t.input, expectedOutput: t.expectedOutput, points: t.points ?? 1 })),
      },
    },
    include: { tests: { orderBy: { position: "asc" } } },
  });
}

/** `count` tests of "a b" → "a+b". */
export function sumTests(count: number): TestSpec[] {
  return Array.from({ length: count }, (_, i) => ({ input: `${i} ${i * 7}\n`, expectedOutput: `${i * 8}\n` }));
}

export const SUM_SOLUTIONS = {
  python: "import sys\nprint(sum(map(int, sys.stdin.read().split())))\n",
  java: "import java.util.*;\npublic class Sum {\n  public static void main(String[] a) {\n    Scanner s = new Scanner(System.in);\n    long t = 0;\n    while (s.hasNextLong()) t += s.nextLong();\n    System.out.println(t);\n  }\n}\n",
  c: '#include <stdio.h>\nint main(void){long a,t=0;while(scanf("%ld",&a)==1)t+=a;printf("%ld\\n",t);return 0;}\n',
} as const;

export async function createSubmission(
  db: PrismaClient,
  data: {
    userId: string;
    problemId?: string | null;
    kind?: SubmissionKind;
    language: string;
    source: string;
    stdin?: string;
    status?: SubmissionStatus;
    attempts?: number;
  },
) {
  return db.submission.create({
    data: {
      userId: data.userId,
      problemId: data.problemId ?? null,
      kind: data.kind ?? "SUBMIT",
      language: data.language,
      source: data.source,
      stdin: data.stdin,
      status: data.status ?? "QUEUED",
      attempts: data.attempts ?? 0,
    },
  });
}

/** Poll Postgres (the source of truth) until the submission is DONE or FAILED. */
export async function waitForFinal(db: PrismaClient, submissionId: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await db.submission.findUniqueOrThrow({ where: { id: submissionId } });
    if (row.status === "DONE" || row.status === "FAILED") return row;
    if (Date.now() > deadline) throw new Error(`submission ${submissionId} still ${row.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
