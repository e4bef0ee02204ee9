import { ProblemEditor } from "../../_components/problem-editor";

export const metadata = { title: "Edit problem" };

export default async function EditProblemPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return <ProblemEditor slug={slug} />;
}
