"use client";

import { useState } from "react";

function CopyButton({ text, what }: { text: string; what: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="copy-button"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        });
      }}
    >
      {copied ? "Copied" : "Copy"}
      <span className="visually-hidden"> {what}</span>
      <span className="visually-hidden" aria-live="polite">
        {copied ? `${what} copied` : ""}
      </span>
    </button>
  );
}

/** One side of a sample test: its heading, a copy button, the text. */
function SampleText({ title, what, text }: { title: string; what: string; text: string }) {
  return (
    <div>
      <div className="sample-head">
        <h3>{title}</h3>
        <CopyButton text={text} what={what} />
      </div>
      <pre>{text}</pre>
    </div>
  );
}

/** The problem's sample tests, each input and output with a copy button. */
export function SampleTests({ samples }: { samples: { position: number; input: string; expectedOutput: string }[] }) {
  if (samples.length === 0) return null;
  return (
    <section className="samples" aria-labelledby="samples-title">
      <h2 id="samples-title">Samples</h2>
      {samples.map((t, i) => (
        <div className="sample" key={t.position} data-testid="sample-test">
          <SampleText title={`Input ${i + 1}`} what={`sample input ${i + 1}`} text={t.input} />
          <SampleText title={`Output ${i + 1}`} what={`sample output ${i + 1}`} text={t.expectedOutput} />
        </div>
      ))}
    </section>
  );
}
