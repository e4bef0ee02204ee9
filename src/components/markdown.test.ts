import { createRequire } from "node:module";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "./markdown";

const require = createRequire(import.meta.url);

describe("Markdown math", () => {
  it("uses one KaTeX: the renderer's (rehype-katex) is the stylesheet's (top level)", () => {
    const topLevel = require("katex/package.json") as { version: string };
    const fromRehype = createRequire(require.resolve("rehype-katex"))(path.join("katex", "package.json")) as { version: string };
    expect(fromRehype.version).toBe(topLevel.version);
  });

  it("renders a subscript as a real subscript and \\ne as ≠", () => {
    const html = renderToStaticMarkup(createElement(Markdown, null, "Let $x_i \\ne y$ for every $i$."));
    // MathML for screen readers, and KaTeX's HTML with the subscript's vlist (sized by katex.css).
    expect(html).toMatch(/<msub><mi>x<\/mi><mi>i<\/mi><\/msub>/);
    expect(html).toContain('<mo mathvariant="normal">≠</mo>');
    expect(html).toMatch(/class="msupsub"><span class="vlist-t vlist-t2"><span class="vlist-r"><span class="vlist"/);
    expect(html).not.toContain("katex-error");
  });

  it("never renders raw HTML from a statement", () => {
    expect(renderToStaticMarkup(createElement(Markdown, null, "<script>alert(1)</script>**b**"))).not.toContain("<script>");
  });

  it("renders a statement once and an edited statement anew (the rendering is kept by text)", () => {
    const render = (text: string) => renderToStaticMarkup(createElement(Markdown, null, text));
    const first = render("Print $a + b$.");
    expect(render("Print $a + b$.")).toBe(first);
    const edited = render("Print $a - b$.");
    expect(edited).not.toBe(first);
    expect(edited).toContain("<mo>−</mo>");
    // Far more statements than are kept: each still renders as itself.
    for (let i = 0; i < 250; i++) expect(render(`Statement ${i}: $x_{${i}}$`)).toContain(`<mn>${i}</mn>`);
    expect(render("Print $a + b$.")).toBe(first);
  });
});
