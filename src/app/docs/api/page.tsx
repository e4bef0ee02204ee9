import { readFile } from "node:fs/promises";
import path from "node:path";
import Link from "next/link";
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { openApiDocument } from "@/server/public-api/openapi";
import "@/app/public-api.css";

export const metadata = { title: "API" };
export const dynamic = "force-dynamic";

type Operation = {
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
};

/** Resolves `$ref`s against the document's components, for display. */
function expand(schema: unknown, components: Record<string, unknown>, depth = 0): unknown {
  if (depth > 6 || schema === null || typeof schema !== "object") return schema;
  if (Array.isArray(schema)) return schema.map((s) => expand(s, components, depth + 1));
  const ref = (schema as { $ref?: string }).$ref;
  if (ref) return expand(components[ref.split("/").pop()!], components, depth + 1);
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, expand(v, components, depth + 1)]));
}

/**
 * The API documentation: the guide (docs/api.md, also read on GitHub) and the REST v1
 * reference generated from the same OpenAPI document the API serves.
 */
export default async function ApiDocsPage() {
  // The guide's own title is this page's <h1>.
  const guide = (await readFile(path.join(process.cwd(), "docs/api.md"), "utf8").catch(() => null))?.replace(/^# .*\n/, "");
  const doc = openApiDocument();
  const components = (doc.components?.schemas ?? {}) as Record<string, unknown>;
  const operations = Object.entries(doc.paths ?? {}).flatMap(([p, item]) =>
    (["get", "post"] as const).flatMap((method) => {
      const op = (item as Record<string, Operation | undefined>)[method];
      return op ? [{ path: p, method, op }] : [];
    }),
  );

  return (
    <div className="page narrow-wide api-docs">
      <h1>CodeRunner API</h1>
      <p className="muted">
        The machine-readable contract: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1). Create a token on the{" "}
        <Link href="/settings/tokens">API tokens</Link> page.
      </p>

      <section aria-labelledby="reference">
        <h2 id="reference">REST v1 reference</h2>
        {operations.map(({ path: p, method, op }) => {
          const body = op.requestBody?.content?.["application/json"]?.schema;
          return (
            <article key={`${method} ${p}`} className="card api-endpoint">
              <h3>
                <span className="api-method">{method.toUpperCase()}</span> {p}
              </h3>
              {op.summary && <p>{op.summary}</p>}
              {op.description && <p className="muted small">{op.description}</p>}
              {op.parameters && op.parameters.length > 0 && (
                <ul className="small">
                  {op.parameters.map((param) => (
                    <li key={`${param.in}-${param.name}`}>
                      <code>{param.name}</code> ({param.in}
                      {param.required ? ", required" : ""}){param.description ? `: ${param.description}` : ""}
                    </li>
                  ))}
                </ul>
              )}
              {body !== undefined && (
                <details>
                  <summary>Request body</summary>
                  <pre>{JSON.stringify(expand(body, components), null, 2)}</pre>
                </details>
              )}
              <details>
                <summary>Responses</summary>
                <ul className="small">
                  {Object.entries(op.responses ?? {}).map(([status, response]) => (
                    <li key={status}>
                      <code>{status}</code> {response.description}
                    </li>
                  ))}
                </ul>
              </details>
            </article>
          );
        })}
      </section>

      {guide && (
        <section aria-label="Guide" className="markdown">
          <ReactMarkdown remarkPlugins={[remarkGfm]} skipHtml>
            {guide}
          </ReactMarkdown>
        </section>
      )}
    </div>
  );
}
