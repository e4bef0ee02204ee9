import { Redis } from "ioredis";
import { env } from "@/env";
import { progressChannel, type ProgressEvent } from "@/judge/queue";
import { getServerAuthSession } from "@/server/auth";
import { db } from "@/server/db";
import { canWatchSubmission } from "@/server/services/submission-service";
import { isFinishedStatus } from "@/judge/submission-status";
import { webLogger } from "@/server/logger";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;

/**
 * Server-Sent Events: forwards the worker's progress events for one submission
 * (owner or staff only) and closes after `done`. The client treats each event as a
 * cue to refetch `submission.byId`, and polls instead if this stream fails.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const session = await getServerAuthSession();
  if (!session) return new Response("Please sign in.", { status: 401 });
  const { id } = await params;
  if (id.length > 64 || !(await canWatchSubmission(db, session.user, id))) {
    return new Response("Submission not found.", { status: 404 });
  }

  const encoder = new TextEncoder();
  const subscriber = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true, enableOfflineQueue: false });
  subscriber.on("error", () => undefined); // surfaced through the connect/subscribe promises below
  let heartbeat: NodeJS.Timeout | undefined;
  let closed = false;

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: string, data: unknown) => {
        if (!closed) controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        subscriber.disconnect();
        controller.close();
      };
      request.signal.addEventListener("abort", close);
      try {
        await subscriber.connect();
        subscriber.on("message", (_channel: string, message: string) => {
          let event: ProgressEvent;
          try {
            event = JSON.parse(message) as ProgressEvent;
          } catch {
            return;
          }
          send("progress", event);
          if (event.type === "done") close();
        });
        await subscriber.subscribe(progressChannel(id));
      } catch (error) {
        webLogger().warn({ submissionId: id, err: error }, "[sse] cannot subscribe to progress; client polls instead");
        send("unavailable", { message: "Live progress is unavailable; polling instead." });
        close();
        return;
      }
      // Subscribed: anything that happened before is in the database, so send the current state.
      const current = await db.submission.findUnique({ where: { id }, select: { status: true, verdict: true } });
      send("progress", { submissionId: id, type: "status", status: current?.status, verdict: current?.verdict ?? undefined });
      if (!current || isFinishedStatus(current.status)) {
        send("progress", { submissionId: id, type: "done", status: current?.status });
        close();
        return;
      }
      heartbeat = setInterval(() => {
        if (!closed) controller.enqueue(encoder.encode(": keep-alive\n\n"));
      }, HEARTBEAT_MS);
    },
    cancel() {
      closed = true;
      clearInterval(heartbeat);
      subscriber.disconnect();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
