import { getServerAuthSession } from "@/server/auth";
import { db } from "@/server/db";
import { progressStreamResponse } from "@/server/progress-stream";

export const dynamic = "force-dynamic";

/** Live progress of one submission over Server-Sent Events (see src/server/progress-stream.ts). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const session = await getServerAuthSession();
  if (!session) return new Response("Please sign in.", { status: 401 });
  const { id } = await params;
  return progressStreamResponse({ db, actor: session.user, submissionId: id, signal: request.signal });
}
