import type { ReactElement } from "react";
import renderMarkdown, { type Options } from "react-markdown";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import rehypeKatex from "rehype-katex";
import "katex/dist/katex.min.css";

const OPTIONS: Omit<Options, "children"> = {
  remarkPlugins: [remarkGfm, remarkMath],
  rehypePlugins: [[rehypeKatex, { throwOnError: false, strict: "ignore" }]],
  skipHtml: true,
};

/**
 * Rendered statements by text: parsing Markdown and typesetting its math costs ~10 ms a
 * statement, paid on every load of a problem page (a lab reloads the same few). Elements are
 * immutable, so one rendering serves every request; the oldest is dropped past the bound.
 */
const rendered = new Map<string, ReactElement>();
const MAX_RENDERED = 200;

function renderedMarkdown(text: string): ReactElement {
  const hit = rendered.get(text);
  if (hit) {
    rendered.delete(text); // most recently used last
    rendered.set(text, hit);
    return hit;
  }
  const tree = renderMarkdown({ ...OPTIONS, children: text });
  rendered.set(text, tree);
  if (rendered.size > MAX_RENDERED) rendered.delete(rendered.keys().next().value!);
  return tree;
}

/**
 * Problem statements: GitHub-flavoured Markdown with $…$ / $$…$$ math (KaTeX, fonts
 * served locally), raw HTML never rendered.
 */
export function Markdown({ children }: { children: string }) {
  return <div className="markdown">{renderedMarkdown(children)}</div>;
}
