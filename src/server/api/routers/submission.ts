import { z } from "zod";
import { LANGUAGE_IDS } from "../../../judge/languages";
import { VERDICTS } from "../../../judge/verdicts";
import {
  byteLength,
  createRun,
  createSubmission,
  getSubmission,
  listMySubmissions,
  listMySubmittedProblems,
  listSubmissionsForProblem,
  MAX_SOURCE_BYTES,
  MAX_STDIN_BYTES,
  SOURCE_TOO_LARGE_MESSAGE,
  STDIN_TOO_LARGE_MESSAGE,
} from "../../services/submission-service";
import { getAcceptedStats } from "../../services/submission-stats";
import { createTRPCRouter, protectedProcedure, teacherProcedure } from "../trpc";
import { idSchema } from "../schemas";

const languageSchema = z.enum(LANGUAGE_IDS, { error: "Please choose a supported language." });
const sourceSchema = z
  .string()
  .min(1, "Source code is empty.")
  .refine((s) => byteLength(s) <= MAX_SOURCE_BYTES, SOURCE_TOO_LARGE_MESSAGE);
const stdinSchema = z.string().refine((s) => byteLength(s) <= MAX_STDIN_BYTES, STDIN_TOO_LARGE_MESSAGE);
const problemSlugSchema = z.string().trim().min(1).max(64);
const pageSchema = { cursor: idSchema.nullish(), limit: z.number().int().min(1).max(100).default(20) };

export const submissionRouter = createTRPCRouter({
  create: protectedProcedure
    .input(z.object({ problemSlug: problemSlugSchema, language: languageSchema, source: sourceSchema }))
    .mutation(({ ctx, input }) => createSubmission(ctx.db, ctx.user, input)),

  run: protectedProcedure
    .input(
      z.object({
        language: languageSchema,
        source: sourceSchema,
        stdin: stdinSchema.nullish(),
        problemSlug: problemSlugSchema.optional(),
      }),
    )
    .mutation(({ ctx, input }) => createRun(ctx.db, ctx.user, input)),

  byId: protectedProcedure.input(z.object({ id: idSchema })).query(({ ctx, input }) => getSubmission(ctx.db, ctx.user, input.id)),

  /** "Faster than X %" of an Accepted submission (null otherwise). */
  acceptedStats: protectedProcedure
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) => getAcceptedStats(ctx.db, ctx.user, input.id)),

  mine: protectedProcedure
    .input(
      z
        .object({
          ...pageSchema,
          problemSlug: problemSlugSchema.optional(),
          // Default SUBMIT: custom runs are not history.
          kind: z.enum(["SUBMIT", "RUN"]).optional(),
          language: languageSchema.optional(),
          verdict: z.enum(VERDICTS).optional(),
        })
        .default({ limit: 20 }),
    )
    .query(({ ctx, input }) => listMySubmissions(ctx.db, ctx.user, input)),

  /** Problems the caller has submitted to (the history's problem filter). */
  myProblems: protectedProcedure.query(({ ctx }) => listMySubmittedProblems(ctx.db, ctx.user)),

  forProblem: teacherProcedure
    .input(z.object({ ...pageSchema, problemSlug: problemSlugSchema, userId: idSchema.optional() }))
    .query(({ ctx, input }) => listSubmissionsForProblem(ctx.db, ctx.user, input)),
});
