import { requireUser } from "@/app/_lib/session";
import { formatJoinCode } from "@/lib/join-code";
import { JoinCourse } from "./join-course";

export const metadata = { title: "Join a course" };

/** The join link a teacher shares: /join/ABCD-EFGH. */
export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  await requireUser(`/join/${encodeURIComponent(code)}`);
  return <JoinCourse code={formatJoinCode(decodeURIComponent(code))} />;
}
