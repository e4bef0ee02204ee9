import { describe, expect, it } from "vitest";
import { formatJoinCode } from "../../../lib/join-code";
import { db } from "../../db";
import { createUser } from "../../../../test/factories";
import { callerFor, expectTRPCError } from "../../../../test/trpc";

describe("courses: create and join by code", () => {
  it("a teacher creates a course whose code is stored normalised", async () => {
    const teacher = await createUser(db, { role: "TEACHER" });
    const course = await callerFor(teacher).course.create({ title: "  Algorithms 101  " });
    expect(course.title).toBe("Algorithms 101");
    expect(course.joinCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const mine = await callerFor(teacher).course.mine();
    expect(mine.find((c) => c.id === course.id)).toMatchObject({ isOwner: true, joinCode: course.joinCode, students: 0 });
  });

  it("students join with the code as printed, in any case, with or without the dash; twice is harmless", async () => {
    const teacher = await createUser(db, { role: "TEACHER" });
    const course = await callerFor(teacher).course.create({ title: "Join me" });
    const printed = formatJoinCode(course.joinCode); // "ABCD-EFGH", as the teacher shows it
    expect(printed).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const spellings = [printed, printed.toLowerCase(), printed.replace("-", ""), ` ${printed.toLowerCase().replace("-", " ")} `];
    for (const code of spellings) {
      const student = await createUser(db);
      const joined = await callerFor(student).course.join({ joinCode: code });
      expect(joined).toEqual({ id: course.id, title: "Join me" });
      // Joining again changes nothing and does not fail.
      await callerFor(student).course.join({ joinCode: code });
      const mine = await callerFor(student).course.mine();
      expect(mine.filter((c) => c.id === course.id)).toHaveLength(1);
      expect(mine.find((c) => c.id === course.id)).toMatchObject({ isOwner: false, joinCode: null });
    }
    expect(await db.enrollment.count({ where: { courseId: course.id } })).toBe(spellings.length);
  });

  it("the seeded demo code DEMO-2026 is stored normalised, so the code the README prints works", async () => {
    const teacher = await createUser(db, { role: "TEACHER" });
    // As prisma/seed.ts writes it (and as the migration normalised older rows).
    const code = `D${Date.now().toString(36).toUpperCase().slice(-3)}2026`;
    await db.course.create({ data: { title: "Demo", joinCode: code, ownerId: teacher.id } });
    const student = await createUser(db);
    const printed = `${code.slice(0, 4)}-${code.slice(4)}`;
    await expect(callerFor(student).course.join({ joinCode: printed.toLowerCase() })).resolves.toMatchObject({ title: "Demo" });
  });

  it("the database refuses a join code that is not normalised", async () => {
    const teacher = await createUser(db, { role: "TEACHER" });
    await expect(db.course.create({ data: { title: "Bad", joinCode: "ab-cd", ownerId: teacher.id } })).rejects.toThrow();
  });

  it("a wrong code is NOT_FOUND with a message for the field; a blank one is BAD_REQUEST", async () => {
    const student = await createUser(db);
    const error = await expectTRPCError(
      callerFor(student).course.join({ joinCode: "ZZZZ-ZZZZ" }),
      "NOT_FOUND",
      "No course has this join code.",
    );
    expect(error.message).toBe("No course has this join code.");
    await expectTRPCError(callerFor(student).course.join({ joinCode: "  " }), "BAD_REQUEST");
  });

  it("students cannot create courses; anonymous users cannot join", async () => {
    const student = await createUser(db);
    await expectTRPCError(callerFor(student).course.create({ title: "Mine" }), "FORBIDDEN");
    await expectTRPCError(callerFor(null).course.join({ joinCode: "ABCD-EFGH" }), "UNAUTHORIZED");
  });
});
