import { getServerAuthSession } from "@/server/auth";
import { db } from "@/server/db";
import { toAppError } from "@/server/errors";
import { exportProblemArchive } from "@/server/services/problem-import-service";

export const dynamic = "force-dynamic";

/** The problem as a Kattis package zip (its author or an admin). */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const session = await getServerAuthSession();
  if (!session) return new Response("Please sign in.", { status: 401 });
  const { slug } = await params;
  try {
    const { fileName, zip } = await exportProblemArchive(db, session.user, slug.slice(0, 64));
    return new Response(Buffer.from(zip), {
      headers: { "content-type": "application/zip", "content-disposition": `attachment; filename="${fileName}"` },
    });
  } catch (error) {
    const appError = toAppError(error);
    if (!appError) throw error;
    return new Response(appError.message, { status: appError.code === "NOT_FOUND" ? 404 : appError.code === "FORBIDDEN" ? 403 : 400 });
  }
}
