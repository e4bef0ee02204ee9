/**
 * A year of submissions per day as a GitHub-style grid (CSS grid, one column per week,
 * Sunday on top). Each cell has a title; the grid as a whole has a spoken summary.
 */
const DAY_MS = 86_400_000;

function level(count: number) {
  if (count === 0) return 0;
  if (count === 1) return 1;
  if (count <= 3) return 2;
  if (count <= 6) return 3;
  return 4;
}

export function ActivityHeatmap({ since, days }: { since: string; days: Array<{ day: string; count: number }> }) {
  const counts = new Map(days.map((d) => [d.day, d.count]));
  const start = new Date(`${since}T00:00:00Z`);
  const cells: Array<{ day: string; count: number }> = [];
  for (let t = start.getTime(); cells.length < 366; t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    cells.push({ day, count: counts.get(day) ?? 0 });
    if (day === new Date().toISOString().slice(0, 10)) break;
  }
  const total = days.reduce((s, d) => s + d.count, 0);
  const busiest = days.reduce<{ day: string; count: number } | null>((best, d) => (!best || d.count > best.count ? d : best), null);
  const summary = `${total} submissions on ${days.length} days in the last year${busiest ? `; busiest day ${busiest.day} with ${busiest.count}` : ""}.`;
  const pad = start.getUTCDay();
  const plural = (n: number) => (n === 1 ? "submission" : "submissions");

  return (
    <figure style={{ margin: 0 }}>
      <div className="heatmap-wrap">
        <div className="heatmap" role="img" aria-label={`Activity: ${summary}`} data-testid="heatmap">
          {Array.from({ length: pad }, (_, i) => (
            <span key={`pad-${i}`} className="heat heat-pad" />
          ))}
          {cells.map((c) => (
            <span
              key={c.day}
              className={`heat heat-${level(c.count)}`}
              title={`${c.count} ${plural(c.count)} on ${c.day}`}
              data-day={c.day}
            />
          ))}
        </div>
      </div>
      <figcaption className="heat-legend">
        <span>{summary}</span>
        <span style={{ marginLeft: "auto" }}>Less</span>
        {[0, 1, 2, 3, 4].map((l) => (
          <span key={l} className={`heat heat-${l}`} aria-hidden />
        ))}
        <span>More</span>
      </figcaption>
    </figure>
  );
}
