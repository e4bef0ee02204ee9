import { oneOf, param, type SearchParams } from "@/app/_lib/search-params";
import { LANGUAGE_IDS } from "@/judge/languages";
import { VERDICTS } from "@/judge/verdicts";
import { REVIEW_SORTS } from "@/server/services/review-service";

const day = (params: SearchParams, key: string) => {
  const value = param(params, key, 10);
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : undefined;
};

/**
 * The review list's filters from its URL (`course`, `student`, `problem`, `language`,
 * `verdict`, `from`, `to`, `sort`, `dir`), shared by the page and its CSV export.
 * Malformed values are ignored, as on every list page.
 */
export function reviewFiltersFromParams(params: SearchParams) {
  return {
    courseId: param(params, "course", 64),
    userId: param(params, "student", 64),
    problemSlug: param(params, "problem", 64),
    language: oneOf(params, "language", LANGUAGE_IDS),
    verdict: oneOf(params, "verdict", VERDICTS),
    from: day(params, "from"),
    to: day(params, "to"),
    sort: oneOf(params, "sort", REVIEW_SORTS) ?? "time",
    dir: oneOf(params, "dir", ["asc", "desc"] as const) ?? "desc",
  };
}

export type ReviewPageFilters = ReturnType<typeof reviewFiltersFromParams>;

/** The same filters back as URL parameters (defaults left out). */
export function reviewParams(f: ReviewPageFilters) {
  return {
    course: f.courseId,
    student: f.userId,
    problem: f.problemSlug,
    language: f.language,
    verdict: f.verdict,
    from: f.from,
    to: f.to,
    sort: f.sort === "time" ? undefined : f.sort,
    dir: f.dir === "desc" ? undefined : f.dir,
  };
}
