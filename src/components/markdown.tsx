import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";

/** Problem statements: GitHub-flavoured Markdown, raw HTML never rendered. */
export function Markdown({ children }: { children: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={[remarkGfm]} skipHtml>
        {children}
      </ReactMarkdown>
    </div>
  );
}
