/**
 * The teacher workspace (/teach): courses, roster, co-teachers, problem sets, tests,
 * reference solutions, Verify and rejudge. Every procedure is teachers-only; the
 * services check course staff and problem authorship.
 */
import { z } from "zod";
import { Verdict } from "../../../generated/prisma/enums";
import { LANGUAGE_IDS } from "../../../judge/languages";
import {
  addCoTeacher,
  addStudentByEmail,
  getCourseForStaff,
  listTaughtCourses,
  regenerateJoinCode,
  removeCoTeacher,
  removeStudent,
  updateCourse,
} from "../../services/course-admin-service";
import { createCourse } from "../../services/course-service";
import {
  addReferenceSolution,
  addTests,
  deleteReferenceSolution,
  deleteTests,
  getProblemForEditing,
  getTest,
  getVerifyResults,
  listAuthoredProblems,
  reorderTests,
  updateTest,
  verifyProblem,
} from "../../services/problem-admin-service";
import {
  createProblemSet,
  deleteProblemSet,
  getProblemSetForStaff,
  listAssignableProblems,
  listCourseSubmissions,
  setProblemSetProblems,
  updateProblemSet,
} from "../../services/problem-set-service";
import { getRejudge, listRejudges, rejudgeProblem, rejudgeSubmission } from "../../services/rejudge-service";
import { slugSchema } from "../../../judge/problem-rules";
import { createTRPCRouter, teacherProcedure } from "../trpc";
import { idSchema as id } from "../schemas";

const title = z.string().trim().min(1, "Please enter a title.").max(200, "The title is too long.");
const email = z.string().trim().email("Please enter an email address.").max(320);
const courseIdInput = z.object({ courseId: id });

const courseRouter = createTRPCRouter({
  list: teacherProcedure.query(({ ctx }) => listTaughtCourses(ctx.db, ctx.user)),
  byId: teacherProcedure.input(courseIdInput).query(({ ctx, input }) => getCourseForStaff(ctx.db, ctx.user, input.courseId)),
  create: teacherProcedure.input(z.object({ title })).mutation(({ ctx, input }) => createCourse(ctx.db, ctx.user, input.title)),
  update: teacherProcedure
    .input(courseIdInput.extend({ title: title.optional(), archived: z.boolean().optional() }))
    .mutation(({ ctx, input: { courseId, ...patch } }) => updateCourse(ctx.db, ctx.user, courseId, patch)),
  regenerateJoinCode: teacherProcedure
    .input(courseIdInput)
    .mutation(({ ctx, input }) => regenerateJoinCode(ctx.db, ctx.user, input.courseId)),
  addStudent: teacherProcedure
    .input(courseIdInput.extend({ email }))
    .mutation(({ ctx, input }) => addStudentByEmail(ctx.db, ctx.user, input.courseId, input.email)),
  removeStudent: teacherProcedure
    .input(courseIdInput.extend({ userId: id }))
    .mutation(({ ctx, input }) => removeStudent(ctx.db, ctx.user, input.courseId, input.userId)),
  addCoTeacher: teacherProcedure
    .input(courseIdInput.extend({ email }))
    .mutation(({ ctx, input }) => addCoTeacher(ctx.db, ctx.user, input.courseId, input.email)),
  removeCoTeacher: teacherProcedure
    .input(courseIdInput.extend({ userId: id }))
    .mutation(({ ctx, input }) => removeCoTeacher(ctx.db, ctx.user, input.courseId, input.userId)),
  submissions: teacherProcedure
    .input(
      courseIdInput.extend({
        problemSetId: id.optional(),
        userId: id.optional(),
        cursor: id.nullish(),
        limit: z.number().int().min(1).max(100).default(50),
      }),
    )
    .query(({ ctx, input }) => listCourseSubmissions(ctx.db, ctx.user, input)),
});

const problemSetFields = z.object({
  title,
  opensAt: z.date().nullish(),
  dueAt: z.date().nullish(),
  allowLate: z.boolean().default(true),
});

const problemSetRouter = createTRPCRouter({
  byId: teacherProcedure
    .input(z.object({ problemSetId: id }))
    .query(({ ctx, input }) => getProblemSetForStaff(ctx.db, ctx.user, input.problemSetId)),
  create: teacherProcedure
    .input(problemSetFields.extend({ courseId: id }))
    .mutation(({ ctx, input: { courseId, ...fields } }) => createProblemSet(ctx.db, ctx.user, courseId, fields)),
  update: teacherProcedure
    .input(problemSetFields.partial().extend({ problemSetId: id }))
    .mutation(({ ctx, input: { problemSetId, ...patch } }) => updateProblemSet(ctx.db, ctx.user, problemSetId, patch)),
  delete: teacherProcedure
    .input(z.object({ problemSetId: id }))
    .mutation(({ ctx, input }) => deleteProblemSet(ctx.db, ctx.user, input.problemSetId)),
  setProblems: teacherProcedure
    .input(z.object({ problemSetId: id, problemSlugs: z.array(slugSchema).max(100, "At most 100 problems per set.") }))
    .mutation(({ ctx, input }) => setProblemSetProblems(ctx.db, ctx.user, input.problemSetId, input.problemSlugs)),
  assignableProblems: teacherProcedure.query(({ ctx }) => listAssignableProblems(ctx.db, ctx.user)),
});

const testFields = z.object({
  name: z.string().trim().max(100).nullish(),
  input: z.string(),
  expectedOutput: z.string(),
  isSample: z.boolean().default(false),
  points: z.number().int().min(0).max(1000).default(1),
});

const problemRouter = createTRPCRouter({
  list: teacherProcedure.query(({ ctx }) => listAuthoredProblems(ctx.db, ctx.user)),
  forEditing: teacherProcedure
    .input(z.object({ slug: slugSchema }))
    .query(({ ctx, input }) => getProblemForEditing(ctx.db, ctx.user, input.slug)),
  test: teacherProcedure.input(z.object({ testId: id })).query(({ ctx, input }) => getTest(ctx.db, ctx.user, input.testId)),
  addTests: teacherProcedure
    .input(z.object({ problemId: id, tests: z.array(testFields).min(1).max(500, "At most 500 tests at once.") }))
    .mutation(({ ctx, input }) => addTests(ctx.db, ctx.user, input.problemId, input.tests)),
  updateTest: teacherProcedure
    .input(testFields.partial().extend({ testId: id }))
    .mutation(({ ctx, input: { testId, ...patch } }) => updateTest(ctx.db, ctx.user, testId, patch)),
  deleteTests: teacherProcedure
    .input(z.object({ problemId: id, testIds: z.array(id).min(1).max(1000) }))
    .mutation(({ ctx, input }) => deleteTests(ctx.db, ctx.user, input.problemId, input.testIds)),
  reorderTests: teacherProcedure
    .input(z.object({ problemId: id, testIds: z.array(id).max(1000) }))
    .mutation(({ ctx, input }) => reorderTests(ctx.db, ctx.user, input.problemId, input.testIds)),
  addReference: teacherProcedure
    .input(
      z.object({
        problemId: id,
        name: z.string().trim().min(1, "Please name the solution.").max(100),
        language: z.enum(LANGUAGE_IDS, { error: "Please choose a supported language." }),
        source: z.string().min(1, "Source code is empty."),
        expectedVerdict: z.enum(Verdict),
      }),
    )
    .mutation(({ ctx, input: { problemId, ...ref } }) => addReferenceSolution(ctx.db, ctx.user, problemId, ref)),
  deleteReference: teacherProcedure
    .input(z.object({ referenceId: id }))
    .mutation(({ ctx, input }) => deleteReferenceSolution(ctx.db, ctx.user, input.referenceId)),
  verify: teacherProcedure
    .input(z.object({ problemId: id }))
    .mutation(({ ctx, input }) => verifyProblem(ctx.db, ctx.user, input.problemId)),
  verifyResults: teacherProcedure
    .input(z.object({ problemId: id }))
    .query(({ ctx, input }) => getVerifyResults(ctx.db, ctx.user, input.problemId)),
});

const rejudgeRouter = createTRPCRouter({
  submission: teacherProcedure
    .input(z.object({ submissionId: id }))
    .mutation(({ ctx, input }) => rejudgeSubmission(ctx.db, ctx.user, input.submissionId)),
  problem: teacherProcedure
    .input(z.object({ problemId: id }))
    .mutation(({ ctx, input }) => rejudgeProblem(ctx.db, ctx.user, input.problemId)),
  byId: teacherProcedure.input(z.object({ rejudgeId: id })).query(({ ctx, input }) => getRejudge(ctx.db, ctx.user, input.rejudgeId)),
  forProblem: teacherProcedure
    .input(z.object({ problemId: id }))
    .query(({ ctx, input }) => listRejudges(ctx.db, ctx.user, input.problemId)),
});

export const teachRouter = createTRPCRouter({
  course: courseRouter,
  problemSet: problemSetRouter,
  problem: problemRouter,
  rejudge: rejudgeRouter,
});
