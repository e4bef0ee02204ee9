import { orNotFound } from "@/app/_lib/not-found";
import { requireUser } from "@/app/_lib/session";
import { Markdown } from "@/components/markdown";
import { ProblemWorkspace } from "@/components/problem-workspace";
import { LANGUAGES } from "@/judge/languages";
import { serverApi } from "@/trpc/server";
import { formatSeconds } from "@/lib/format";

const loadProblem = (slug: string) => orNotFound(serverApi.problem.bySlug({ slug }));

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
          <span>Time limit: {formatSeconds(problem.timeLimitMs)}</span>
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
