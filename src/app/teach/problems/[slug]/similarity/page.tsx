import { SimilarityPage } from "../../../_components/similarity-page";

export const metadata = { title: "Similarity" };

type SearchParams = { report?: string; pair?: string };

export default async function ProblemSimilarityPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { slug } = await params;
  const { report, pair } = await searchParams;
  return <SimilarityPage slug={slug} reportId={report ?? null} pairId={pair ?? null} />;
}
