import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { db } from "../db";
import { AppError, GENERIC_INTERNAL_MESSAGE } from "../errors";
import { webLogger } from "../logger";
import { appRouter } from "./root";
import { uniqueSuffix } from "../../../test/factories";
import { createInnerTRPCContext, createTRPCRouter, publicProcedure } from "./trpc";

// Procedures that fail in each of the ways the error mapping must handle.
const failingRouter = createTRPCRouter({
  internal: publicProcedure.query(() => {
    throw new Error("connection to 10.0.0.5 failed: password authentication for user judge");
  }),
  appError: publicProcedure.query(() => {
    throw new AppError("CONFLICT", "That slug is taken.", { fieldErrors: { slug: ["That slug is taken."] } });
  }),
  uniqueViolation: publicProcedure.input(z.object({ email: z.string() })).mutation(async ({ input }) => {
    await db.user.create({ data: { email: input.email, name: "twice" } });
    await db.user.create({ data: { email: input.email, name: "twice" } });
  }),
  missingRow: publicProcedure.mutation(() => db.user.update({ where: { id: `missing-${uniqueSuffix()}` }, data: { name: "x" } })),
});

async function call(router: typeof appRouter | typeof failingRouter, path: string, input?: unknown, method: "GET" | "POST" = "GET") {
  const url = new URL(`http://localhost/api/trpc/${path}`);
  const body = input === undefined ? undefined : JSON.stringify({ json: input });
  if (method === "GET" && body) url.searchParams.set("input", body);
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(url, { method, body: method === "POST" ? body : undefined, headers: { "content-type": "application/json" } }),
    router,
    createContext: () => createInnerTRPCContext({ session: null }),
  });
  return { status: res.status, body: (await res.json()) as { error?: { json: { message: string; data: Record<string, unknown> } } } };
}

// Internal errors are logged through the web app's structured logger.
const errorSpy = vi.spyOn(webLogger(), "error").mockImplementation(() => undefined);
afterAll(() => errorSpy.mockRestore());

describe("tRPC error formatting over HTTP", () => {
  it("turns zod errors into per-field messages", async () => {
    const { status, body } = await call(appRouter, "auth.signUp", { name: "", email: "nope", password: "short" }, "POST");
    expect(status).toBe(400);
    expect(body.error?.json.data.code).toBe("BAD_REQUEST");
    expect(body.error?.json.message).toBe("Please enter your name.");
    expect(body.error?.json.data.fieldErrors).toEqual({
      name: ["Please enter your name."],
      email: ["Please enter a valid email address."],
      password: ["Password must be at least 8 characters."],
    });
  });

  it("never leaks an internal error's message or stack, but logs it", async () => {
    const { status, body } = await call(failingRouter, "internal");
    expect(status).toBe(500);
    expect(body.error?.json.message).toBe(GENERIC_INTERNAL_MESSAGE);
    expect(JSON.stringify(body)).not.toMatch(/10\.0\.0\.5|password authentication|stack/);
    expect(errorSpy).toHaveBeenCalledWith(
      expect.objectContaining({ err: expect.objectContaining({ message: expect.stringContaining("10.0.0.5") }) }),
      expect.stringContaining("internal"),
    );
  });

  it("maps AppError to its code with field messages", async () => {
    const { status, body } = await call(failingRouter, "appError");
    expect(status).toBe(409);
    expect(body.error?.json).toMatchObject({
      message: "That slug is taken.",
      data: { code: "CONFLICT", fieldErrors: { slug: ["That slug is taken."] } },
    });
  });

  it("maps Prisma's unique violation (P2002) to CONFLICT and record-not-found (P2025) to NOT_FOUND", async () => {
    const conflict = await call(failingRouter, "uniqueViolation", { email: `twice-${uniqueSuffix()}@test.coderunner` }, "POST");
    expect(conflict.status).toBe(409);
    expect(conflict.body.error?.json.data.code).toBe("CONFLICT");
    const missing = await call(failingRouter, "missingRow", undefined, "POST");
    expect(missing.status).toBe(404);
    expect(missing.body.error?.json.data.code).toBe("NOT_FOUND");
  });

  it("answers UNAUTHORIZED without a session", async () => {
    const { status, body } = await call(appRouter, "problem.list");
    expect(status).toBe(401);
    expect(body.error?.json.data.code).toBe("UNAUTHORIZED");
  });
});

describe("the tRPC route handler", () => {
  it("refuses a request body over 8 MiB before reading it (413, clear message)", async () => {
    const { POST } = await import("../../app/api/trpc/[trpc]/route");
    const req = new Request("http://localhost/api/trpc/submission.create", {
      method: "POST",
      body: "x",
      headers: { "content-type": "application/json", "content-length": String(64 * 1024 * 1024) },
    });
    const res = await POST(req as Parameters<typeof POST>[0]);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/larger than 8 MiB/);
  });
});
