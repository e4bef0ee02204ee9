import { ProblemsHome } from "../_components/problems-home";

export const metadata = { title: "Your problems" };

export default function TeachProblemsPage() {
  return <ProblemsHome />;
}
