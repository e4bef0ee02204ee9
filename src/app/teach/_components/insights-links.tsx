import Link from "next/link";

/** The course page's way to its class progress and gradebook. */
export function CourseInsightsLinks({ courseId }: { courseId: string }) {
  return (
    <>
      <Link href={`/teach/courses/${courseId}/progress`} className="button button-compact">
        Class progress
      </Link>
      <a href={`/teach/courses/${courseId}/gradebook.csv`} className="button button-secondary button-compact" download>
        Gradebook (CSV)
      </a>
    </>
  );
}
