import Link from "next/link";
import { requireUser } from "@/app/_lib/session";
import { serverApi } from "@/trpc/server";
import { formatSeconds } from "@/lib/format";

export const metadata = { title: "Problems" };

const STATUS_TEXT = { solved: "Solved", attempted: "Attempted" } as const;

export default async function ProblemsPage() {
  const user = await requireUser("/problems");
  const problems = await serverApi.problem.list();
  const staff = user.role !== "STUDENT";
  return (
    <div className="page">
      <h1>Problems</h1>
      {problems.length === 0 ? (
        <p className="muted">No problems yet.{staff ? " Create one through the API (authoring UI coming soon)." : ""}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Title</th>
                <th>Time limit</th>
                <th>Memory limit</th>
                {staff && <th>Visibility</th>}
                <th>Your status</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link href={`/problems/${p.slug}`}>{p.title}</Link>
                  </td>
                  <td>{formatSeconds(p.timeLimitMs)}</td>
                  <td>{p.memoryLimitMb} MiB</td>
                  {staff && <td className="muted">{p.visibility.toLowerCase()}</td>}
                  <td>
                    {p.status ? <span className={`badge badge-${p.status === "solved" ? "ok" : "neutral"}`}>{STATUS_TEXT[p.status]}</span> : <span className="muted">–</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
