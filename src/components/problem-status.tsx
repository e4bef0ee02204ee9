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
