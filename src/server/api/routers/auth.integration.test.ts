import { describe, expect, it } from "vitest";
import { db } from "../../db";
import { linkOAuthAccount, verifyCredentials } from "../../services/user-service";
import { createUser, uniqueSuffix } from "../../../../test/factories";
import { callerFor, expectTRPCError } from "../../../../test/trpc";

const anonymous = callerFor(null);

describe("auth.signUp", () => {
  it("creates a STUDENT whose password is hashed and verifies", async () => {
    const email = `New.User-${uniqueSuffix()}@Example.com`;
    const user = await anonymous.auth.signUp({ name: "New User", email, password: "correct horse" });
    expect(user).toEqual({ id: expect.any(String), name: "New User", email: email.toLowerCase() });
    expect(user).not.toHaveProperty("passwordHash");
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { role: true, passwordHash: true } });
    expect(row.role).toBe("STUDENT");
    expect(row.passwordHash).toMatch(/^\$2[aby]\$12\$/);
    expect(await verifyCredentials(db, email, "correct horse")).toMatchObject({ id: user.id, role: "STUDENT" });
    expect(await verifyCredentials(db, email, "wrong horse")).toBeNull();
    expect(await verifyCredentials(db, `nobody-${uniqueSuffix()}@example.com`, "correct horse")).toBeNull();
  });

  it("refuses a duplicate email (any case) with CONFLICT and a field message", async () => {
    const email = `dup-${uniqueSuffix()}@example.com`;
    await anonymous.auth.signUp({ name: "First", email, password: "password-1" });
    const error = await expectTRPCError(
      anonymous.auth.signUp({ name: "Second", email: email.toUpperCase(), password: "password-2" }),
      "CONFLICT",
    );
    expect(error.message).toBe("An account with this email already exists.");
    expect(await db.user.count({ where: { email } })).toBe(1);
  });

  it.each([
    [{ name: "A", email: "not-an-email", password: "long enough" }, "email"],
    [{ name: "A", email: `short-${uniqueSuffix()}@example.com`, password: "short" }, "password"],
    [{ name: "", email: `noname-${uniqueSuffix()}@example.com`, password: "long enough" }, "name"],
  ])("rejects invalid input %# with BAD_REQUEST on field %s", async (input, field) => {
    const error = await expectTRPCError(anonymous.auth.signUp(input), "BAD_REQUEST");
    expect(JSON.stringify(error.cause)).toContain(field);
    expect(await db.user.count({ where: { email: input.email.toLowerCase() } })).toBe(0);
  });
});

describe("role checks", () => {
  it("an anonymous caller gets UNAUTHORIZED from protected procedures", async () => {
    await expectTRPCError(anonymous.problem.list(), "UNAUTHORIZED");
    await expectTRPCError(anonymous.submission.mine(), "UNAUTHORIZED");
  });

  it("a student gets FORBIDDEN from teacher procedures", async () => {
    const student = callerFor(await createUser(db, { role: "STUDENT" }));
    await expectTRPCError(student.problem.create({ slug: `s-${uniqueSuffix()}`, title: "T", statement: "S", tests: [] }), "FORBIDDEN");
    await expectTRPCError(student.course.create({ title: "Mine" }), "FORBIDDEN");
    await expectTRPCError(student.submission.forProblem({ problemSlug: "anything" }), "FORBIDDEN");
  });

  it("teachers and admins pass teacher procedures", async () => {
    for (const role of ["TEACHER", "ADMIN"] as const) {
      const caller = callerFor(await createUser(db, { role: role }));
      const slug = `role-${uniqueSuffix()}`;
      await expect(caller.problem.create({ slug, title: "T", statement: "S", tests: [] })).resolves.toMatchObject({ slug });
    }
  });
});

describe("GitHub sign-in linking", () => {
  it("links to the user with the same email, then finds it again by GitHub id", async () => {
    const existing = await createUser(db, { role: "TEACHER" });
    const githubId = `gh-${uniqueSuffix()}`;
    const linked = await linkOAuthAccount(db, {
      provider: "github",
      providerAccountId: githubId,
      verifiedEmail: existing.email.toUpperCase(),
      name: "Octo",
    });
    expect(linked).toMatchObject({ id: existing.id, role: "TEACHER" });
    // Later the GitHub email changed: the identity still resolves to the same user.
    const again = await linkOAuthAccount(db, { provider: "github", providerAccountId: githubId, verifiedEmail: "changed@example.com" });
    expect(again?.id).toBe(existing.id);
    expect(await db.account.count({ where: { userId: existing.id } })).toBe(1);
  });

  it("creates a student for a new email and refuses an identity without email", async () => {
    const email = `octo-${uniqueSuffix()}@example.com`;
    const created = await linkOAuthAccount(db, {
      provider: "github",
      providerAccountId: `gh-${uniqueSuffix()}`,
      verifiedEmail: email,
      name: "Octo Cat",
    });
    expect(created).toMatchObject({ email, name: "Octo Cat", role: "STUDENT" });
    const row = await db.user.findUniqueOrThrow({ where: { email }, select: { passwordHash: true } });
    expect(row.passwordHash).toBeNull();
    expect(await verifyCredentials(db, email, "")).toBeNull();
    expect(await linkOAuthAccount(db, { provider: "github", providerAccountId: `gh-${uniqueSuffix()}`, verifiedEmail: null })).toBeNull();
  });
});
