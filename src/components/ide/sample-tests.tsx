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

/** The problem's sample tests, each input and output with a copy button. */
export function SampleTests({ samples }: { samples: { position: number; input: string; expectedOutput: string }[] }) {
  if (samples.length === 0) return null;
  return (
    <section className="samples" aria-labelledby="samples-title">
      <h2 id="samples-title">Samples</h2>
      {samples.map((t, i) => (
        <div className="sample" key={t.position} data-testid="sample-test">
          <div>
            <div className="sample-head">
              <h3>Input {i + 1}</h3>
              <CopyButton text={t.input} what={`sample input ${i + 1}`} />
            </div>
            <pre>{t.input}</pre>
          </div>
          <div>
            <div className="sample-head">
              <h3>Output {i + 1}</h3>
              <CopyButton text={t.expectedOutput} what={`sample output ${i + 1}`} />
            </div>
            <pre>{t.expectedOutput}</pre>
          </div>
        </div>
      ))}
    </section>
  );
}
