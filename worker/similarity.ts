/**
 * Similarity reports on the worker: compares the submissions a report covers with Dolos
 * (tree-sitter parse → k-gram fingerprints → winnowing), per language, and stores the most
 * similar pairs with their shared fragments. Consumed from its own queue with concurrency 1,
 * so judging keeps its slots; the CPU-bound parts hand the event loop back every few
 * milliseconds, so a running report never starves the judge's lock renewals or progress.
 */
import { Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job } from "bullmq";
import type * as DolosLib from "@dodona/dolos-lib";
import type { Redis } from "ioredis";
import { env } from "../src/env";
import type { Prisma, PrismaClient } from "../src/generated/prisma/client";
import { getLanguage } from "../src/judge/languages";
import { SIMILARITY_QUEUE, enqueueSimilarityReport, type SimilarityJobData } from "../src/judge/queue";
import type { Logger } from "../src/server/logger";
import {
  similaritySubmissions,
  similarityTemplates,
  type SimilarityFragment,
  type SimilarityLanguageSummary,
} from "../src/server/services/similarity-service";

/** Pairs kept per language, most similar first (200 students make 19,900 pairs). */
export const STORED_PAIRS_PER_LANGUAGE = 250;
/** Fragments kept per pair (the longest), enough to highlight any real copy. */
const STORED_FRAGMENTS_PER_PAIR = 100;
/** Work this long at most before handing the event loop back. */
const SLICE_MS = 20;

export interface SimilarityInput {
  id: string;
  source: string;
}

export interface ComparedPair {
  left: string;
  right: string;
  similarity: number;
  longest: number;
  overlap: number;
  leftCovered: number;
  rightCovered: number;
  leftTotal: number;
  rightTotal: number;
  fragments: SimilarityFragment[];
}

/** Thrown when this server cannot parse a language (its tree-sitter parser did not build). */
export class ParserUnavailableError extends Error {}

let dolosModule: Promise<typeof DolosLib> | undefined;
/** Loaded on first use: a server whose native parsers failed to build still judges. */
const loadDolos = () => (dolosModule ??= import("@dodona/dolos-lib"));

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Compares every pair of `files` (one language) and returns the `keep` most similar
 * pairs, fragments included. `template` (the problem's starter code) is ignored: code
 * every student was given is not evidence. `onProgress` gets a fraction in [0, 1].
 */
export async function compareSources(
  parser: string,
  files: SimilarityInput[],
  options: { template?: string; keep?: number; onProgress?: (fraction: number) => Promise<void> | void } = {},
): Promise<{ pairs: ComparedPair[]; compared: number }> {
  const dolos = await loadDolos();
  let tokenizer: Awaited<ReturnType<InstanceType<typeof dolos.ProgrammingLanguage>["createTokenizer"]>>;
  try {
    const language = await new dolos.LanguagePicker().findLanguage(parser);
    tokenizer = await language.createTokenizer({ includeComments: false });
  } catch (error) {
    throw new ParserUnavailableError(`the ${parser} parser is not available on this server (${(error as Error).message.slice(0, 200)})`);
  }
  const defaults = new dolos.Options();
  const index = new dolos.FingerprintIndex(defaults.kgramLength, defaults.kgramsInWindow, false);
  const total = files.length + (files.length * (files.length - 1)) / 2;
  let done = 0;
  let sliceStart = Date.now();
  const tick = async (units: number) => {
    done += units;
    if (Date.now() - sliceStart < SLICE_MS) return;
    await options.onProgress?.(done / Math.max(1, total));
    await yieldToEventLoop();
    sliceStart = Date.now();
  };

  const tokenized: Array<ReturnType<typeof tokenizer.tokenizeFile>> = [];
  for (const file of files) {
    const tokens = tokenizer.tokenizeFile(new dolos.File(file.id, file.source));
    index.addFiles([tokens]);
    tokenized.push(tokens);
    await tick(1);
  }
  // Added last, as Dolos does: fingerprints already shared with the template become ignored.
  if (options.template?.trim()) index.addIgnoredFile(tokenizer.tokenizeFile(new dolos.File("template", options.template)));

  // Every pair is scored; only the best `keep` are kept (fragments are built for those only).
  const keep = options.keep ?? STORED_PAIRS_PER_LANGUAGE;
  const best: Array<{ i: number; j: number; similarity: number; longest: number }> = [];
  for (let i = 0; i < tokenized.length; i++) {
    for (let j = i + 1; j < tokenized.length; j++) {
      const pair = index.getPair(tokenized[i]!, tokenized[j]!);
      best.push({ i, j, similarity: pair.similarity, longest: pair.longest });
      if (best.length >= keep * 4) trimBest(best, keep);
      await tick(1);
    }
  }
  trimBest(best, keep);
  const pairs = best.map(({ i, j }) => {
    const pair = index.getPair(tokenized[i]!, tokenized[j]!);
    const fragments = pair
      .buildFragments()
      .map((f) => ({ left: region(f.leftSelection), right: region(f.rightSelection), kgrams: f.leftkgrams.length }))
      .sort((a, b) => b.kgrams - a.kgrams)
      .slice(0, STORED_FRAGMENTS_PER_PAIR);
    return {
      left: files[i]!.id,
      right: files[j]!.id,
      similarity: pair.similarity,
      longest: pair.longest,
      overlap: pair.overlap,
      leftCovered: pair.leftCovered,
      rightCovered: pair.rightCovered,
      leftTotal: pair.leftTotal,
      rightTotal: pair.rightTotal,
      fragments,
    };
  });
  await options.onProgress?.(1);
  return { pairs, compared: total - files.length };
}

function trimBest(best: Array<{ similarity: number; longest: number }>, keep: number) {
  best.sort((a, b) => b.similarity - a.similarity || b.longest - a.longest);
  best.length = Math.min(best.length, keep);
}

const region = (r: { startRow: number; startCol: number; endRow: number; endCol: number }) => ({
  startRow: r.startRow,
  startCol: r.startCol,
  endRow: r.endRow,
  endCol: r.endCol,
});

export interface SimilarityJobDeps {
  db: PrismaClient;
  attempt?: number;
  maxAttempts?: number;
  log?: (line: string) => void;
}

/**
 * Runs one report, from its row to its pairs. Idempotent: a re-run (after a crash or a
 * retry) deletes what an earlier attempt stored. A finished report is left alone.
 */
export async function processSimilarityReport(reportId: string, deps: SimilarityJobDeps): Promise<"done" | "skipped"> {
  const { db } = deps;
  const log = deps.log ?? (() => undefined);
  const report = await db.similarityReport.findUnique({ where: { id: reportId }, select: { status: true } });
  if (!report || report.status === "DONE" || report.status === "FAILED") return "skipped";
  await db.$transaction([
    db.similarityPair.deleteMany({ where: { reportId } }),
    db.similarityReport.update({
      where: { id: reportId },
      data: { status: "RUNNING", progress: 0, startedAt: new Date(), error: null, languages: [] },
    }),
  ]);
  try {
    const started = Date.now();
    const submissions = await similaritySubmissions(db, reportId);
    const templates = await similarityTemplates(db, reportId);
    const byLanguage = new Map<string, SimilarityInput[]>();
    for (const s of submissions) byLanguage.set(s.language, [...(byLanguage.get(s.language) ?? []), s]);
    // Progress weights: a language's share of all the pairs (plus its files) to compare.
    const weight = (n: number) => n + (n * (n - 1)) / 2;
    const totalWeight = [...byLanguage.values()].reduce((sum, files) => sum + weight(files.length), 0) || 1;
    let doneWeight = 0;
    let lastWrite = 0;
    const setProgress = async (percent: number) => {
      if (Date.now() - lastWrite < 500) return;
      lastWrite = Date.now();
      await db.similarityReport.update({ where: { id: reportId }, data: { progress: Math.min(99, Math.floor(percent)) } });
    };

    const summaries: SimilarityLanguageSummary[] = [];
    const pairRows: ReturnType<typeof toPairRow>[] = [];
    for (const [languageId, files] of [...byLanguage.entries()].sort((a, b) => b[1].length - a[1].length)) {
      const language = getLanguage(languageId);
      const summary: SimilarityLanguageSummary = { language: languageId, files: files.length, pairs: 0, stored: 0, available: true };
      summaries.push(summary);
      const share = weight(files.length);
      if (!language?.similarityParser) {
        Object.assign(summary, { available: false, message: `${language?.name ?? languageId} cannot be compared: no parser for it.` });
      } else if (files.length < 2) {
        summary.message = "Only one submission: nothing to compare.";
      } else {
        try {
          const { pairs, compared } = await compareSources(language.similarityParser, files, {
            template: templates[languageId] ?? language.starterCode,
            onProgress: (fraction) => setProgress(((doneWeight + fraction * share) / totalWeight) * 100),
          });
          summary.pairs = compared;
          summary.stored = pairs.length;
          pairRows.push(...pairs.map((p) => toPairRow(reportId, languageId, p)));
        } catch (error) {
          if (!(error instanceof ParserUnavailableError)) throw error;
          Object.assign(summary, { available: false, message: `${language.name} cannot be compared: ${error.message}.` });
        }
      }
      doneWeight += share;
    }
    // The pairs and DONE in one transaction, by the attempt that still finds the report RUNNING:
    // two attempts of one report (a stalled job run again while the first goes on) never both
    // store their pairs; the second waits on the row lock, then finds it DONE and stores nothing.
    await db.$transaction(async (tx) => {
      const finished = await tx.similarityReport.updateMany({
        where: { id: reportId, status: "RUNNING" },
        data: {
          status: "DONE",
          progress: 100,
          submissions: submissions.length,
          languages: summaries as unknown as Prisma.InputJsonValue,
          finishedAt: new Date(),
        },
      });
      if (finished.count === 0) return;
      await tx.similarityPair.deleteMany({ where: { reportId } });
      await tx.similarityPair.createMany({ data: pairRows });
    });
    log(`[similarity] report ${reportId}: ${submissions.length} submissions in ${Date.now() - started} ms`);
    return "done";
  } catch (error) {
    const last = (deps.attempt ?? 1) >= (deps.maxAttempts ?? 1);
    const message = (error as Error).message.slice(0, 2000);
    await db.similarityReport
      .update({
        where: { id: reportId },
        data: last
          ? { status: "FAILED", error: message, finishedAt: new Date() }
          : { status: "QUEUED", error: `attempt ${deps.attempt ?? 1} failed: ${message}` },
      })
      .catch(() => undefined);
    throw error;
  }
}

function toPairRow(reportId: string, language: string, p: ComparedPair): Prisma.SimilarityPairCreateManyInput {
  return {
    reportId,
    language,
    leftSubmissionId: p.left,
    rightSubmissionId: p.right,
    similarity: p.similarity,
    longest: p.longest,
    overlap: p.overlap,
    leftCovered: p.leftCovered,
    rightCovered: p.rightCovered,
    leftTotal: p.leftTotal,
    rightTotal: p.rightTotal,
    fragments: p.fragments as unknown as Prisma.InputJsonValue,
  };
}

/**
 * The similarity consumer every worker process runs beside the judge (worker/index.ts):
 * one report at a time, on the same Redis connection options and prefix.
 */
export function startSimilarityConsumer(options: { db: PrismaClient; connection: Redis; logger: Logger; workerId: string }) {
  const { db, logger } = options;
  const worker = new Worker<SimilarityJobData, string>(
    SIMILARITY_QUEUE,
    async (job: Job<SimilarityJobData>) => {
      const reportId = job.data?.reportId;
      if (typeof reportId !== "string" || reportId.length === 0 || reportId.length > 100) {
        throw new UnrecoverableError(`malformed job data: ${JSON.stringify(job.data).slice(0, 200)}`);
      }
      const jobLogger = logger.child({ reportId, jobId: job.id, attempt: job.attemptsMade + 1 });
      return processSimilarityReport(reportId, {
        db,
        attempt: job.attemptsMade + 1,
        maxAttempts: job.opts.attempts ?? 1,
        log: (line) => jobLogger.info(line),
      });
    },
    {
      connection: options.connection as unknown as ConnectionOptions,
      prefix: env.QUEUE_PREFIX,
      concurrency: 1,
      lockDuration: 120_000,
      name: `${options.workerId}:similarity`,
    },
  );
  worker.on("error", (error) => logger.warn({ err: error.message }, "[similarity] queue error"));
  // Reports whose job Redis lost (it keeps nothing on disk) are queued again; the job id is
  // the report id, so a report another worker is running is not doubled.
  void (async () => {
    const unfinished = await db.similarityReport.findMany({ where: { status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true } });
    const queue = new Queue<SimilarityJobData>(SIMILARITY_QUEUE, {
      connection: options.connection as unknown as ConnectionOptions,
      prefix: env.QUEUE_PREFIX,
    });
    for (const { id } of unfinished) await enqueueSimilarityReport(id, queue);
    await queue.close();
  })().catch((error: unknown) => logger.warn({ err: (error as Error).message }, "[similarity] recovery failed"));
  worker.on("failed", (job, error) => logger.warn({ reportId: job?.data?.reportId, err: error.message }, "[similarity] report failed"));
  return worker;
}
