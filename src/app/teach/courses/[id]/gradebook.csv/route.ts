import { getServerAuthSession } from "@/server/auth";
import { db } from "@/server/db";
import { csvDownload } from "@/server/http/csv";
import { getGradebookCsv } from "@/server/services/insights-service";

export const dynamic = "force-dynamic";

/** The course's gradebook as CSV (its owner, co-teachers and admins). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return csvDownload(await getServerAuthSession(), (actor) => getGradebookCsv(db, actor, id.slice(0, 64)));
}
