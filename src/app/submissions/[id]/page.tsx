import Link from "next/link";
import { orNotFound } from "@/app/_lib/not-found";
import { requireUser } from "@/app/_lib/session";
import { RejudgeButton } from "@/app/teach/_components/rejudge-button";
import { CodeEditor } from "@/components/code-editor";
import { SubmissionResult } from "@/components/submission-result";
import { getLanguage } from "@/judge/languages";
import { formatDateTime } from "@/lib/format";
import { serverApi } from "@/trpc/server";
import "../../ide.css";

const LINE_HEIGHT_PX = 19;

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
      {user.role !== "STUDENT" && submission.kind === "SUBMIT" && <RejudgeButton submissionId={submission.id} />}
      <SubmissionResult id={submission.id} initial={submission} />
      <h2>Source</h2>
      <div className="editor-frame editor-frame-readonly">
        <CodeEditor
          value={submission.source}
          language={getLanguage(submission.language)?.editorLanguage ?? "plaintext"}
          label={`Source code (${getLanguage(submission.language)?.name ?? submission.language}, read-only)`}
          readOnly
          height={`${Math.min(submission.source.split("\n").length, 40) * LINE_HEIGHT_PX + 16}px`}
          autoHeightMaxPx={40 * LINE_HEIGHT_PX + 16}
        />
      </div>
      {submission.kind === "RUN" && submission.stdin != null && (
        <>
          <h2>Input</h2>
          <pre className="output">{submission.stdin}</pre>
        </>
      )}
    </div>
  );
}
