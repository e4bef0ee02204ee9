import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireUser } from "@/app/_lib/session";
import { SampleTests } from "@/components/ide/sample-tests";
import { Markdown } from "@/components/markdown";
import { ProblemWorkspace } from "@/components/problem-workspace";
import { LANGUAGES } from "@/judge/languages";
import { serverApi } from "@/trpc/server";
import "../../ide.css";

// One query per request, shared by the page and its metadata.
const loadProblem = cache(async (slug: string) => {
  try {
    return await serverApi.problem.bySlug({ slug });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return null;
    throw error;
  }
});

export default async function ProblemPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireUser(`/problems/${encodeURIComponent(slug)}`);
  const problem = await loadProblem(slug);
  if (!problem) notFound();
  const languages = LANGUAGES.map((l) => ({
    id: l.id,
    name: l.name,
    starterCode: l.starterCode,
    editorLanguage: l.editorLanguage,
    extensions: l.extensions,
  }));

  return (
    <div className="ide-layout">
      <article className="problem-statement" aria-labelledby="problem-title">
        <h1 id="problem-title">{problem.title}</h1>
        <p className="limits">
          <span>Time limit: {(problem.timeLimitMs / 1000).toLocaleString("en")} s</span>
          <span>Memory limit: {problem.memoryLimitMb} MiB</span>
          <span>{problem.testCount} tests</span>
          {problem.scoringMode === "POINTS" && <span>Partial credit: points per test</span>}
        </p>
        <Markdown>{problem.statement}</Markdown>
        <SampleTests samples={problem.sampleTests} />
      </article>
      <ProblemWorkspace problemSlug={problem.slug} languages={languages} defaultStdin={problem.sampleTests[0]?.input ?? ""} />
    </div>
  );
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  // Signed out (the page redirects) or not visible: a neutral title, never the slug.
  const problem = await loadProblem(slug).catch(() => null);
  return { title: problem?.title ?? "Problem" };
}
