import Link from "next/link";
import { redirect } from "next/navigation";
import { getServerAuthSession } from "@/server/auth";
import { LANGUAGES } from "@/judge/languages";

export default async function LandingPage() {
  if (await getServerAuthSession()) redirect("/problems");
  return (
    <div className="landing">
      <section className="hero">
        <h1>Practice programming, judged for real.</h1>
        <p className="lead">
          CodeRunner is a self-hosted online judge for classrooms. Read a problem, write a solution in your browser, and get a verdict in
          seconds: every submission is compiled and run against hidden tests in a locked-down sandbox, with its CPU time and memory
          measured.
        </p>
        <div className="actions">
          <Link href="/signup" className="button">
            Create an account
          </Link>
          <Link href="/signin" className="button button-secondary">
            Sign in
          </Link>
        </div>
      </section>
      <section className="features">
        <div className="card">
          <h2>{LANGUAGES.length} languages</h2>
          <p>{LANGUAGES.map((l) => l.name).join(", ")}.</p>
        </div>
        <div className="card">
          <h2>Live verdicts</h2>
          <p>Watch each test pass as it runs: Accepted, Wrong Answer, Time Limit Exceeded, and more.</p>
        </div>
        <div className="card">
          <h2>For classes</h2>
          <p>Teachers write problems and courses; students join with a code and practise.</p>
        </div>
      </section>
    </div>
  );
}
