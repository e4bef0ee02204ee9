/** A solved / attempted bar with the numbers in words (the bar alone is decoration). */
export function CourseProgress({ solved, attempted, total }: { solved: number; attempted: number; total: number }) {
  const pct = (n: number) => (total > 0 ? (n / total) * 100 : 0);
  return (
    <div className="course-progress">
      <div className="progress" aria-hidden>
        <span className="progress-solved" style={{ width: `${pct(solved)}%` }} />
        <span className="progress-attempted" style={{ width: `${pct(attempted)}%` }} />
      </div>
      <p className="small muted" style={{ margin: "0.3rem 0 0" }}>
        {solved} of {total} solved{attempted > 0 ? `, ${attempted} attempted` : ""}
      </p>
    </div>
  );
}
