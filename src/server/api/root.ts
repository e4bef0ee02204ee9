import { apiTokenRouter } from "./routers/api-token";
import { authRouter } from "./routers/auth";
import { courseRouter } from "./routers/course";
import { problemRouter } from "./routers/problem";
import { submissionRouter } from "./routers/submission";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  problem: problemRouter,
  submission: submissionRouter,
  course: courseRouter,
  apiToken: apiTokenRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller: `createCaller(ctx).problem.list()`. */
export const createCaller = createCallerFactory(appRouter);
