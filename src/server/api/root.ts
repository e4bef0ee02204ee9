import { apiTokenRouter } from "./routers/api-token";
import { authRouter } from "./routers/auth";
import { courseRouter } from "./routers/course";
import { insightsRouter } from "./routers/insights";
import { leaderboardRouter } from "./routers/leaderboard";
import { problemRouter } from "./routers/problem";
import { reviewRouter } from "./routers/review";
import { submissionRouter } from "./routers/submission";
import { userRouter } from "./routers/user";
import { similarityRouter } from "./routers/similarity";
import { teachRouter } from "./routers/teach";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  problem: problemRouter,
  submission: submissionRouter,
  course: courseRouter,
  apiToken: apiTokenRouter,
  leaderboard: leaderboardRouter,
  user: userRouter,
  teach: teachRouter,
  similarity: similarityRouter,
  review: reviewRouter,
  insights: insightsRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller: `createCaller(ctx).problem.list()`. */
export const createCaller = createCallerFactory(appRouter);
