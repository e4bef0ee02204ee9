import { getServerAuthSession } from "@/server/auth";
import { db } from "@/server/db";
import { AppError, HTTP_STATUS, toAppError } from "@/server/errors";
import { readBodyCapped } from "@/server/http/body-limit";
import { ARCHIVE_LIMITS, type FolderFile } from "@/server/services/problem-archive";
import { importProblemArchive, importProblemFolder } from "@/server/services/problem-import-service";

export const dynamic = "force-dynamic";

/**
 * The files of a folder upload: multipart form data with, in order, one `path` field (the
 * file's path relative to the chosen folder's parent) before each `file` field.
 */
async function folderFiles(body: Uint8Array, contentType: string): Promise<FolderFile[]> {
  let form: FormData;
  try {
    form = await new Response(Buffer.from(body), { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new AppError("BAD_REQUEST", "The folder upload is not valid form data.");
  }
  const paths = form.getAll("path");
  const files = form.getAll("file");
  if (paths.length !== files.length || paths.some((p) => typeof p !== "string") || files.some((f) => typeof f === "string")) {
    throw new AppError("BAD_REQUEST", "The folder upload must pair each file with its path.");
  }
  return Promise.all(files.map(async (f, i) => ({ path: paths[i] as string, data: new Uint8Array(await (f as File).arrayBuffer()) })));
}

/**
 * POST a Kattis package zip as the raw body (`x-file-name` names the archive), or a
 * package folder as multipart form data (see folderFiles); `?replace=1` replaces the
 * problem of the same slug. Teachers and admins only.
 */
export async function POST(request: Request) {
  const session = await getServerAuthSession();
  if (!session) return Response.json({ error: "Please sign in." }, { status: 401 });
  if (session.user.role === "STUDENT") return Response.json({ error: "Only teachers can import problems." }, { status: 403 });
  const body = await readBodyCapped(request, ARCHIVE_LIMITS.archiveBytes);
  if (!body)
    return Response.json({ error: `The archive is larger than ${ARCHIVE_LIMITS.archiveBytes / 1024 / 1024} MiB.` }, { status: 413 });
  const url = new URL(request.url);
  try {
    const replace = url.searchParams.get("replace") === "1";
    const contentType = request.headers.get("content-type") ?? "";
    const result = contentType.startsWith("multipart/form-data")
      ? await importProblemFolder(db, session.user, await folderFiles(body, contentType), { replace })
      : await importProblemArchive(db, session.user, body, { fileName: request.headers.get("x-file-name") ?? undefined, replace });
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
