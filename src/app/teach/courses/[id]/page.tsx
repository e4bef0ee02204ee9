import { CourseAdmin } from "../../_components/course-admin";

export const metadata = { title: "Course" };

export default async function CoursePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <CourseAdmin courseId={id} />;
}
