import Link from "next/link";
import { orNotFound } from "@/app/_lib/not-found";
import { requireUser } from "@/app/_lib/session";
import { SubmissionResult } from "@/components/submission-result";
import { getLanguage } from "@/judge/languages";
import { formatDateTime } from "@/lib/format";
import { serverApi } from "@/trpc/server";

export const metadata = { title: "Submission" };

export default async function SubmissionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/submissions/${encodeURIComponent(id)}`);
  const submission = await orNotFound(serverApi.submission.byId({ id }));

  return (
    <div className="page">
      <h1>
        {submission.kind === "RUN" ? "Custom run" : "Submission"}
        {submission.problem && (
          <>
            {" "}
            · <Link href={`/problems/${submission.problem.slug}`}>{submission.problem.title}</Link>
          </>
        )}
      </h1>
      <p className="muted">
        {getLanguage(submission.language)?.name ?? submission.language} · submitted {formatDateTime(submission.createdAt)}
        {submission.user.id !== user.id && ` · by ${submission.user.name}`}
      </p>
      <SubmissionResult id={submission.id} initial={submission} />
      <h2>Source</h2>
      <pre className="output source">{submission.source}</pre>
      {submission.kind === "RUN" && submission.stdin != null && (
        <>
          <h2>Input</h2>
          <pre className="output">{submission.stdin}</pre>
        </>
      )}
    </div>
  );
}
