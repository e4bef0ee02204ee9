import { notFound } from "next/navigation";
import { requireUser } from "@/app/_lib/session";
import { TeachNav } from "./_components/teach-nav";
import "./teach.css";

/** The teacher workspace: teachers and admins only; to students it does not exist. */
export default async function TeachLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser("/teach");
  if (user.role === "STUDENT") notFound();
  return (
    <div className="teach">
      <TeachNav />
      {children}
    </div>
  );
}
