import { z } from "zod";
import { LANGUAGE_IDS } from "../../../judge/languages";
import { courseLeaderboard, globalLeaderboard, problemLeaderboard } from "../../services/leaderboard-service";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { idSchema } from "../schemas";

// Ranking rules (solved, then ICPC penalty) are documented in leaderboard-service.ts.
export const leaderboardRouter = createTRPCRouter({
  global: protectedProcedure.query(({ ctx }) => globalLeaderboard(ctx.db, ctx.user)),

  course: protectedProcedure
    .input(z.object({ courseId: idSchema }))
    .query(({ ctx, input }) => courseLeaderboard(ctx.db, ctx.user, input.courseId)),

  problem: protectedProcedure
    .input(
      z.object({
        problemSlug: z.string().trim().min(1).max(64),
        language: z.enum(LANGUAGE_IDS, { error: "Please choose a supported language." }).optional(),
      }),
    )
    .query(({ ctx, input }) => problemLeaderboard(ctx.db, ctx.user, input)),
});
