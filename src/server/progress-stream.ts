/**
 * The live-progress stream of one submission (Server-Sent Events), behind
 * src/app/api/submissions/[id]/events. It forwards the worker's progress events to the
 * owner or staff, filtered like `submission.byId` (test-feedback.ts), and closes after
 * `done` or after its maximum lifetime. The client treats each event as a cue to refetch
 * `submission.byId`, and polls instead if this stream fails or ends early.
 */
import { env } from "../env";
import type { PrismaClient } from "../generated/prisma/client";
import { progressChannel, type ProgressEvent } from "../judge/queue";
import { hitRateLimit } from "./rate-limit";
import { RATE_LIMITS } from "./rate-limit-rules";
import { type Actor } from "./services/access";
import { staffMaySeeWorkOf } from "./services/course-admin-service";
import { feedbackPolicy } from "./services/submission-service";
import { visiblePositions, type TestOutcome } from "./services/test-feedback";
import { getProgressHub, type ProgressHub } from "./progress-hub";
import { isFinishedStatus } from "@/judge/submission-status";

const HEARTBEAT_MS = 15_000;
/** The only fields an event may carry to the browser. */
const EVENT_FIELDS = ["submissionId", "type", "status", "position", "verdict", "cpuMs", "peakKb", "testsDone", "testsTotal"] as const;

export interface ProgressStreamOptions {
  db: PrismaClient;
  actor: Actor;
  submissionId: string;
  /** Aborted when the browser goes away. */
  signal: AbortSignal;
  hub?: ProgressHub;
  maxLifetimeMs?: number;
  heartbeatMs?: number;
}

const pick = (event: ProgressEvent) => Object.fromEntries(EVENT_FIELDS.filter((k) => event[k] !== undefined).map((k) => [k, event[k]]));

export async function progressStreamResponse(options: ProgressStreamOptions): Promise<Response> {
  const { db, actor, submissionId: id, signal } = options;
  const hub = options.hub ?? getProgressHub();
  const maxLifetimeMs = options.maxLifetimeMs ?? env.PROGRESS_STREAM_MAX_SECONDS * 1000;
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;

  const limit = await hitRateLimit(RATE_LIMITS.progressStreams, actor.id);
  if (!limit.ok) {
    return new Response(`Too many live-progress connections. Please wait ${limit.retryAfterSec} s and try again.`, {
      status: 429,
      headers: { "Retry-After": String(limit.retryAfterSec) },
    });
  }
  const row =
    id.length > 64
      ? null
      : await db.submission.findUnique({
          where: { id },
          select: {
            userId: true,
            problemId: true,
            kind: true,
            problem: { select: { authorId: true, testFeedback: true, tests: { where: { isSample: true }, select: { position: true } } } },
          },
        });
  // Teachers watch their own students' work and work on their own problems; admins all.
  if (!row || (row.userId !== actor.id && !(await staffMaySeeWorkOf(db, actor, row.userId, row.problemId)))) {
    return new Response("Submission not found.", { status: 404 });
  }
  const policy = feedbackPolicy(actor, row);
  const samples = new Set(row.problem?.tests.map((t) => t.position));
  // What this stream knows of the tests so far: FIRST_FAILURE depends on earlier results.
  const known = new Map<number, TestOutcome>();
  const remember = (position: number, verdict: string) => known.set(position, { position, verdict, isSample: samples.has(position) });

  const encoder = new TextEncoder();
  let closed = false;
  let unsubscribe: (() => void) | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let lifetime: NodeJS.Timeout | undefined;
  const release = () => {
    closed = true;
    clearInterval(heartbeat);
    clearTimeout(lifetime);
    unsubscribe?.();
    unsubscribe = undefined;
  };

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const write = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const send = (event: string, data: unknown) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      const close = () => {
        if (closed) return;
        release();
        controller.close();
      };
      const forward = (event: ProgressEvent) => {
        if (event.type === "test" && typeof event.position === "number") {
          remember(event.position, event.verdict ?? "");
          if (!visiblePositions([...known.values()], policy).has(event.position)) return;
        }
        send("progress", pick(event));
        if (event.type === "done") close();
      };
      // Events that arrive while the current state is read are handled after it.
      let backlog: ProgressEvent[] | null = [];
      const onMessage = (message: string) => {
        let event: ProgressEvent;
        try {
          event = JSON.parse(message) as ProgressEvent;
        } catch {
          return;
        }
        if (backlog) backlog.push(event);
        else if (!closed) forward(event);
      };

      signal.addEventListener("abort", close);
      try {
        unsubscribe = await hub.subscribe(progressChannel(id), onMessage);
      } catch (error) {
        console.error(`[sse] cannot subscribe to progress of ${id}:`, error);
        send("unavailable", { message: "Live progress is unavailable; polling instead." });
        close();
        return;
      }
      if (closed) return release(); // the browser left while subscribing
      // Subscribed: anything that happened before is in the database.
      const current = await db.submission.findUnique({
        where: { id },
        select: { status: true, verdict: true, results: { select: { position: true, verdict: true } } },
      });
      for (const r of current?.results ?? []) remember(r.position, r.verdict);
      send("progress", { submissionId: id, type: "status", status: current?.status, verdict: current?.verdict ?? undefined });
      if (!current || isFinishedStatus(current.status)) {
        send("progress", { submissionId: id, type: "done", status: current?.status });
        close();
        return;
      }
      const pending = backlog;
      backlog = null;
      for (const event of pending) if (!closed) forward(event);
      if (closed) return;
      heartbeat = setInterval(() => write(": keep-alive\n\n"), heartbeatMs);
      // A stream never outlives its maximum: the page falls back to polling.
      lifetime = setTimeout(() => {
        send("timeout", { message: "Live progress ended; polling instead." });
        close();
      }, maxLifetimeMs);
    },
    cancel() {
      release();
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
