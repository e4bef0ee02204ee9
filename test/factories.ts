/**
 * The one set of test factories: unit, integration, e2e and bench all use these.
 * Every call creates its own uniquely named rows, so files running in parallel on one
 * database never collide and never need cleaning up between tests.
 */
import { randomBytes } from "node:crypto";
import type {
  PrismaClient,
  Role,
  ScoringMode,
  SubmissionKind,
  SubmissionStatus,
  Verdict,
  Visibility,
} from "../src/generated/prisma/client";
import { hashPassword } from "../src/server/services/user-service";

export const uniqueSuffix = () => randomBytes(5).toString("hex");

export interface CreatedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The plain password when one was set (e2e sign-in), else null. */
  password: string | null;
}

/** A user; pass `password: true` for a random password (hashed with the app's own cost). */
export async function createUser(
  db: PrismaClient,
  options: { role?: Role; label?: string; password?: string | true } = {},
): Promise<CreatedUser> {
  const role = options.role ?? "STUDENT";
  const suffix = uniqueSuffix();
  const label = options.label ?? role.toLowerCase();
  const password = options.password === true ? `pw-${suffix}-secret` : (options.password ?? null);
  const user = await db.user.create({
    data: {
      email: `${label}-${suffix}@test.coderunner`,
      name: `${label} ${suffix}`,
      role,
      passwordHash: password ? await hashPassword(password) : null,
    },
    select: { id: true, email: true, name: true, role: true },
  });
  return { ...user, password };
}

export interface TestSpec {
  input: string;
  expectedOutput: string;
  points?: number;
  isSample?: boolean;
}

/** `count` tests of "a b" → "a+b". */
export function sumTests(count: number): TestSpec[] {
  return Array.from({ length: count }, (_, i) => ({ input: `${i} ${i * 7}\n`, expectedOutput: `${i * 8}\n` }));
}

/** One sample and one hidden test whose data is marked SECRET, to prove it never leaks. */
export const SECRET_SUM_TESTS: TestSpec[] = [
  { input: "1 2\n", expectedOutput: "3\n", isSample: true },
  { input: "SECRET-INPUT-40 2\n", expectedOutput: "SECRET-OUTPUT-42\n" },
];

export interface ProblemOptions {
  tests?: TestSpec[];
  label?: string;
  title?: string;
  statement?: string;
  timeLimitMs?: number;
  memoryLimitMb?: number;
  scoringMode?: ScoringMode;
  visibility?: Visibility;
}

/** A "sum of the numbers" problem with the given tests (default: three sum tests, the first a sample). */
export async function createProblem(db: PrismaClient, authorId: string, options: ProblemOptions = {}) {
  const slug = `${options.label ?? "test-sum"}-${uniqueSuffix()}`;
  const tests = options.tests ?? sumTests(3).map((t, i) => ({ ...t, isSample: i === 0 }));
  return db.problem.create({
    data: {
      slug,
      title: options.title ?? `Sum ${slug}`,
      statement: options.statement ?? "Print the sum of the numbers on the line.",
      timeLimitMs: options.timeLimitMs ?? 2000,
      memoryLimitMb: options.memoryLimitMb ?? 256,
      scoringMode: options.scoringMode ?? "ICPC",
      visibility: options.visibility ?? "PUBLIC",
      authorId,
      tests: {
        create: tests.map((t, i) => ({
          position: i + 1,
          input: t.input,
          expectedOutput: t.expectedOutput,
          points: t.points ?? 1,
          isSample: t.isSample ?? false,
        })),
      },
    },
    include: { tests: { orderBy: { position: "asc" } } },
  });
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

/** A finished submission with a verdict, as the worker would leave it (history, leaderboards). */
export async function insertJudgedSubmission(
  db: PrismaClient,
  input: {
    userId: string;
    problemId: string | null;
    verdict: Verdict | null;
    createdAt?: Date;
    kind?: SubmissionKind;
    language?: string;
    maxCpuMs?: number | null;
    maxPeakKb?: number | null;
    source?: string;
  },
) {
  return db.submission.create({
    data: {
      userId: input.userId,
      problemId: input.problemId,
      kind: input.kind ?? "SUBMIT",
      language: input.language ?? "python",
      source: input.source ?? "print(1)",
      status: "DONE",
      verdict: input.verdict,
      createdAt: input.createdAt ?? new Date(),
      maxCpuMs: input.maxCpuMs === undefined ? 10 : input.maxCpuMs,
      maxPeakKb: input.maxPeakKb === undefined ? 1024 : input.maxPeakKb,
    },
    select: { id: true },
  });
}
