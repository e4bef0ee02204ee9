// Shared by the router integration tests: unique users/problems per call, never shared rows.
import { randomBytes } from "node:crypto";
import type { Session } from "next-auth";
import { db } from "../db";
import type { Role } from "../../generated/prisma/enums";
import { createCaller } from "./root";
import { createInnerTRPCContext } from "./trpc";

export const uniqueSuffix = () => randomBytes(5).toString("hex");

export async function createTestUser(role: Role = "STUDENT") {
  const suffix = uniqueSuffix();
  return db.user.create({
    data: { email: `${role.toLowerCase()}-${suffix}@test.coderunner`, name: `${role} ${suffix}`, role },
    select: { id: true, email: true, name: true, role: true },
  });
}

export function callerFor(user: { id: string; email: string; name: string; role: Role } | null) {
  const session: Session | null = user ? { user, expires: new Date(Date.now() + 3600_000).toISOString() } : null;
  return createCaller(createInnerTRPCContext({ session }));
}

export async function createTestProblem(authorId: string, options: { visibility?: "PUBLIC" | "COURSE" | "HIDDEN" } = {}) {
  const slug = `test-sum-${uniqueSuffix()}`;
  return db.problem.create({
    data: {
      slug,
      title: `Sum ${slug}`,
      statement: "Print the sum of **two** integers.",
      visibility: options.visibility ?? "PUBLIC",
      authorId,
      tests: {
        create: [
          { position: 1, input: "1 2\n", expectedOutput: "3\n", isSample: true },
          { position: 2, input: "SECRET-INPUT-40 2\n", expectedOutput: "SECRET-OUTPUT-42\n", isSample: false },
        ],
      },
    },
    select: { id: true, slug: true },
  });
}

/** A judged submission inserted directly (no queue, no worker), for list and leaderboard tests. */
export async function insertJudgedSubmission(input: {
  userId: string;
  problemId: string | null;
  verdict: "AC" | "WA" | "TLE" | "MLE" | "RE" | "CE" | "OLE" | "IE" | null;
  createdAt?: Date;
  kind?: "SUBMIT" | "RUN";
  language?: string;
  maxCpuMs?: number | null;
  maxPeakKb?: number | null;
  source?: string;
}) {
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
