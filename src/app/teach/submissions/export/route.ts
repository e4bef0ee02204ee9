import { getServerAuthSession } from "@/server/auth";
import { db } from "@/server/db";
import { csvDownload } from "@/server/http/csv";
import { exportReviewSubmissions } from "@/server/services/review-service";
import { reviewFiltersFromParams } from "../filters";

export const dynamic = "force-dynamic";

/** The teacher's filtered submission list as CSV (same filters as the page; at most CSV_ROW_LIMIT rows). */
export async function GET(request: Request) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return csvDownload(await getServerAuthSession(), (actor) => exportReviewSubmissions(db, actor, reviewFiltersFromParams(params)));
}
