import { getServerAuthSession } from "@/server/auth";
import { db } from "@/server/db";
import { HTTP_STATUS, toAppError } from "@/server/errors";
import { ARCHIVE_LIMITS } from "@/server/services/problem-archive";
import { importProblemArchive } from "@/server/services/problem-import-service";

export const dynamic = "force-dynamic";

/** Reads the body with a hard cap, whatever Content-Length claims. */
async function readCapped(request: Request, cap: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > cap) return null;
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > cap) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * POST a Kattis package zip as the raw body (`?replace=1` to replace the problem of the
 * same slug; `x-file-name` names the archive). Teachers and admins only.
 */
export async function POST(request: Request) {
  const session = await getServerAuthSession();
  if (!session) return Response.json({ error: "Please sign in." }, { status: 401 });
  if (session.user.role === "STUDENT") return Response.json({ error: "Only teachers can import problems." }, { status: 403 });
  const body = await readCapped(request, ARCHIVE_LIMITS.archiveBytes);
  if (!body)
    return Response.json({ error: `The archive is larger than ${ARCHIVE_LIMITS.archiveBytes / 1024 / 1024} MiB.` }, { status: 413 });
  const url = new URL(request.url);
  try {
    const result = await importProblemArchive(db, session.user, body, {
      fileName: request.headers.get("x-file-name") ?? undefined,
      replace: url.searchParams.get("replace") === "1",
    });
    return Response.json(result);
  } catch (error) {
    const appError = toAppError(error);
    if (!appError) {
      console.error("[teach/import] internal error:", error);
      return Response.json({ error: "Something went wrong on our side. Please try again." }, { status: 500 });
    }
    return Response.json({ error: appError.message }, { status: HTTP_STATUS[appError.code] });
  }
}
