import type { DynamicPageProps } from "@/app/_lib/search-params";
import { SimilarityPage } from "../../../_components/similarity-page";

export const metadata = { title: "Similarity" };

export default async function ProblemSimilarityPage({ params, searchParams }: DynamicPageProps<{ slug: string }, { report?: string; pair?: string }>) {
  const { slug } = await params;
  const { report, pair } = await searchParams;
  return <SimilarityPage slug={slug} reportId={report ?? null} pairId={pair ?? null} />;
}
