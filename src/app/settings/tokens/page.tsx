import Link from "next/link";
import { requireUser } from "@/app/_lib/session";
import { ApiTokensManager } from "@/components/api-tokens";
import "@/app/public-api.css";

export const metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  await requireUser("/settings/tokens");
  return (
    <div className="page narrow-wide">
      <h1>API tokens</h1>
      <p className="muted">
        Personal tokens let scripts, LMS plugins, bots and editor extensions use CodeRunner on your behalf: send one as{" "}
        <code>Authorization: Bearer &lt;token&gt;</code>. See the <Link href="/docs/api">API documentation</Link>.
      </p>
      <ApiTokensManager />
    </div>
  );
}
