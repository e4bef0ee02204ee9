import Link from "next/link";
import { requireUser } from "@/app/_lib/session";
import { formatDateTime } from "@/lib/format";
import { formatMemory, formatTime, outcomeLabel, outcomeTone } from "@/lib/verdict";
import { getLanguage } from "@/judge/languages";
import { serverApi } from "@/trpc/server";

export const metadata = { title: "My submissions" };

const PAGE_SIZE = 25;

export default async function SubmissionsPage({ searchParams }: { searchParams: Promise<{ cursor?: string; problem?: string }> }) {
  await requireUser("/submissions");
  const { cursor, problem } = await searchParams;
  const page = await serverApi.submission.mine({
    limit: PAGE_SIZE,
    cursor: cursor?.slice(0, 64) || null,
    problemSlug: problem?.slice(0, 64) || undefined,
  });
  const query = (next: string) => `?${new URLSearchParams({ ...(problem ? { problem } : {}), cursor: next }).toString()}`;

  return (
    <div className="page">
      <h1>My submissions</h1>
      {page.items.length === 0 ? (
        <p className="muted">
          Nothing here yet. Pick a problem from <Link href="/problems">the list</Link>.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>When</th>
                <th>Problem</th>
                <th>Language</th>
                <th>Result</th>
                <th>Time</th>
                <th>Memory</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link href={`/submissions/${s.id}`}>
                      <time dateTime={s.createdAt.toISOString()}>{formatDateTime(s.createdAt)}</time>
                    </Link>
                  </td>
                  <td>
                    {s.problem ? (
                      <Link href={`/problems/${s.problem.slug}`}>{s.problem.title}</Link>
                    ) : (
                      <span className="muted">Custom run</span>
                    )}
                  </td>
                  <td>{getLanguage(s.language)?.name ?? s.language}</td>
                  <td>
                    <span className={`badge badge-${outcomeTone(s)}`}>{outcomeLabel(s)}</span>
                  </td>
                  <td>{formatTime(s.maxCpuMs)}</td>
                  <td>{formatMemory(s.maxPeakKb)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="pager">
        {cursor && <Link href={problem ? `?problem=${encodeURIComponent(problem)}` : "/submissions"}>Newest</Link>}
        {page.nextCursor && <Link href={query(page.nextCursor)}>Older →</Link>}
      </p>
    </div>
  );
}
