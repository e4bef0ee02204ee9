import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { requireUser } from "@/app/_lib/session";
import { Markdown } from "@/components/markdown";
import { ProblemWorkspace } from "@/components/problem-workspace";
import { LANGUAGES } from "@/judge/languages";
import { serverApi } from "@/trpc/server";

async function loadProblem(slug: string) {
  try {
    return await serverApi.problem.bySlug({ slug });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
}

export default async function ProblemPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireUser(`/problems/${encodeURIComponent(slug)}`);
  const problem = await loadProblem(slug);
  const languages = LANGUAGES.map((l) => ({ id: l.id, name: l.name, starterCode: l.starterCode }));

  return (
    <div className="problem-layout">
      <article className="problem-statement">
        <h1>{problem.title}</h1>
        <p className="limits">
          <span>Time limit: {(problem.timeLimitMs / 1000).toLocaleString("en")} s</span>
          <span>Memory limit: {problem.memoryLimitMb} MiB</span>
          <span>{problem.testCount} tests</span>
        </p>
        <Markdown>{problem.statement}</Markdown>
        {problem.sampleTests.length > 0 && (
          <section className="samples" aria-label="Sample tests">
            <h2>Samples</h2>
            {problem.sampleTests.map((t, i) => (
              <div className="sample" key={t.position} data-testid="sample-test">
                <div>
                  <h3>Sample input {i + 1}</h3>
                  <pre>{t.input}</pre>
                </div>
                <div>
                  <h3>Sample output {i + 1}</h3>
                  <pre>{t.expectedOutput}</pre>
                </div>
              </div>
            ))}
          </section>
        )}
      </article>
      <ProblemWorkspace problemSlug={problem.slug} languages={languages} defaultStdin={problem.sampleTests[0]?.input ?? ""} />
    </div>
  );
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }) {
  return { title: (await params).slug };
}
