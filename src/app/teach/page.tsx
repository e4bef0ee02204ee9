import { CoursesHome } from "./_components/courses-home";

export const metadata = { title: "Teach" };

export default function TeachPage() {
  return <CoursesHome />;
}
