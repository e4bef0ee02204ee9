import Link from "next/link";

export default function NotFound() {
  return (
    <div className="page narrow">
      <h1>Not found</h1>
      <p className="muted">
        This page does not exist, or you do not have access to it. <Link href="/problems">Back to problems</Link>
      </p>
    </div>
  );
}
