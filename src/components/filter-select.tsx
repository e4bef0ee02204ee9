import Link from "next/link";
import type { ReactNode } from "react";
import { LANGUAGES } from "@/judge/languages";
import { Options } from "./options";

/** Every judged language as select choices (value: id, label: name). */
export const LANGUAGE_OPTIONS = LANGUAGES.map((l) => ({ value: l.id, label: l.name }));

/** The <option>s of a language <select>, one per judged language. */
export function LanguageOptions() {
  return <Options options={LANGUAGE_OPTIONS} />;
}

/** One filter of a list page's GET form: a labelled select whose first choice, "All", clears it. */
export function FilterSelect(props: {
  label: string;
  name: string;
  value: string | null | undefined;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <label>
      {props.label}
      <select name={props.name} defaultValue={props.value ?? ""}>
        <option value="">All</option>
        <Options options={props.options} />
      </select>
    </label>
  );
}

/** A list page's GET filter form: its fields, then Apply, and Clear while a filter is set. */
export function FilterForm(props: { label: string; action?: string; clearHref?: string | null; role?: "search"; children: ReactNode }) {
  return (
    <form className="filters" method="get" action={props.action} role={props.role} aria-label={props.label}>
      {props.children}
      <div className="filters-actions">
        <button type="submit" className="button">
          Apply
        </button>
        {props.clearHref && <Link href={props.clearHref}>Clear</Link>}
      </div>
    </form>
  );
}
