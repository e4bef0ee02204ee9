import { z } from "zod";
import { CheckerKind, Difficulty, ScoringMode, TestFeedback, Visibility } from "../../../generated/prisma/enums";
import { LANGUAGE_IDS } from "../../../judge/languages";
import { MAX_VALIDATOR_BYTES, MAX_VALIDATOR_FILES } from "../../../judge/validator-files";
import { memoryLimitSchema, PROBLEM_LIMITS, slugSchema, timeLimitSchema } from "../../../judge/problem-rules";
import { listProblems, listProblemTags, PROBLEM_STATUS_FILTERS } from "../../services/problem-list-service";
import { createProblem, getProblemBySlug, updateProblem } from "../../services/problem-service";
import { createTRPCRouter, protectedProcedure, teacherProcedure } from "../trpc";
import { idSchema } from "../schemas";

const testCaseSchema = z.object({
  name: z.string().max(100).nullish(),
  input: z.string().max(16 * 1024 * 1024, "Test input is larger than 16 MiB."),
  expectedOutput: z.string().max(16 * 1024 * 1024, "Expected output is larger than 16 MiB."),
  isSample: z.boolean().default(false),
  points: z.number().int().min(0).max(1000).default(1),
});

/** Everything an author sets; `update` takes any subset of it. */
const problemFieldsSchema = z.object({
  title: z.string().trim().min(1, "Please enter a title.").max(200),
  statement: z.string().max(200_000, "Statement is too long."),
  timeLimitMs: timeLimitSchema,
  memoryLimitMb: memoryLimitSchema,
  checkerKind: z.enum(CheckerKind),
  checkerOptions: z.record(z.string(), z.union([z.string().max(100), z.number(), z.boolean()])).nullish(),
  checkerSource: z
    .string()
    .max(256 * 1024, "The validator's source is larger than 256 KiB.")
    .nullish(),
  checkerLanguage: z.enum(LANGUAGE_IDS, { error: "Please choose a supported language." }).nullish(),
  checkerFiles: z
    .array(z.object({ name: z.string().trim().min(1, "Please name the file.").max(300), content: z.string().max(MAX_VALIDATOR_BYTES) }))
    .max(MAX_VALIDATOR_FILES, `At most ${MAX_VALIDATOR_FILES} validator files.`)
    .nullish(),
  timeLimitDerived: z.boolean(),
  starterCode: z.partialRecord(z.enum(LANGUAGE_IDS), z.string().max(64 * 1024, "Starter code is larger than 64 KiB.")).nullish(),
  scoringMode: z.enum(ScoringMode),
  visibility: z.enum(Visibility),
  testFeedback: z.enum(TestFeedback),
  tests: z.array(testCaseSchema).max(500, "At most 500 tests."),
});

const createProblemSchema = problemFieldsSchema.extend({
  slug: slugSchema,
  timeLimitMs: timeLimitSchema.default(PROBLEM_LIMITS.timeLimitMs.default),
  memoryLimitMb: memoryLimitSchema.default(PROBLEM_LIMITS.memoryLimitMb.default),
  checkerKind: z.enum(CheckerKind).default("STANDARD"),
  scoringMode: z.enum(ScoringMode).default("ICPC"),
  // New problems are drafts until their author publishes them (the schema's default too).
  visibility: z.enum(Visibility).default("HIDDEN"),
  testFeedback: z.enum(TestFeedback).default("FULL"),
  timeLimitDerived: z.boolean().default(false),
  tests: problemFieldsSchema.shape.tests.default([]),
});

const updateProblemSchema = problemFieldsSchema.partial().extend({ slug: slugSchema });

export const problemRouter = createTRPCRouter({
  /** Search, filters and page-number paging; every value is optional (page 1, 50 a page). */
  list: protectedProcedure
    .input(
      z
        .object({
          search: z.string().trim().max(100, "Search is too long.").optional(),
          courseId: idSchema.optional(),
          status: z.enum(PROBLEM_STATUS_FILTERS).optional(),
          difficulty: z.enum(Difficulty).optional(),
          tag: z.string().trim().min(1).max(50).optional(),
          page: z.number().int().min(1).max(100_000).default(1),
          pageSize: z.number().int().min(1).max(100).default(50),
        })
        .default({ page: 1, pageSize: 50 }),
    )
    .query(({ ctx, input }) => listProblems(ctx.db, ctx.user, input)),

  tags: protectedProcedure.query(({ ctx }) => listProblemTags(ctx.db, ctx.user)),

  bySlug: protectedProcedure
    .input(z.object({ slug: slugSchema }))
    .query(({ ctx, input }) => getProblemBySlug(ctx.db, ctx.user, input.slug)),

  create: teacherProcedure.input(createProblemSchema).mutation(({ ctx, input }) => createProblem(ctx.db, ctx.user, input)),

  update: teacherProcedure
    .input(updateProblemSchema)
    .mutation(({ ctx, input: { slug, ...patch } }) => updateProblem(ctx.db, ctx.user, slug, patch)),
});
