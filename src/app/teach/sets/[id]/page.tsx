import { ProblemSetAdmin } from "../../_components/problem-set-admin";

export const metadata = { title: "Problem set" };

export default async function ProblemSetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ProblemSetAdmin problemSetId={id} />;
}
