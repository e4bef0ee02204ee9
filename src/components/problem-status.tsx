import Link from "next/link";

const LABELS = { solved: "Solved", attempted: "Attempted", new: "New" } as const;

/** Solved / attempted / new, as a dot plus a word (never color alone). */
export function ProblemStatus({ status }: { status: keyof typeof LABELS }) {
  return (
    <span className={`status status-${status}`}>
      <span className="status-dot" aria-hidden />
      {LABELS[status]}
    </span>
  );
}

const DIFFICULTY_LABELS = { EASY: "Easy", MEDIUM: "Medium", HARD: "Hard" } as const;

export function DifficultyLabel({ difficulty }: { difficulty: keyof typeof DIFFICULTY_LABELS | null }) {
  if (!difficulty) return <span className="muted">–</span>;
  return <span className={`difficulty difficulty-${difficulty.toLowerCase()}`}>{DIFFICULTY_LABELS[difficulty]}</span>;
}

/** A problem's title as a link to its page, with its tags after it (a table cell). */
export function ProblemTitleCell({ slug, title, tags, id }: { slug: string; title: string; tags: string[]; id?: string }) {
  return (
    <td className="title-cell">
      <Link href={`/problems/${slug}`} id={id}>
        {title}
      </Link>
      {tags.length > 0 && (
        <span className="tags">
          {tags.map((t) => (
            <span key={t} className="tag">
              {t}
            </span>
          ))}
        </span>
      )}
    </td>
  );
}
