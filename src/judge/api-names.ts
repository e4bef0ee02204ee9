/**
 * How the languages of the registry (./languages.ts) are named by the two foreign APIs
 * CodeRunner answers: Piston (name, aliases, version) and Judge0 CE (numeric ids).
 * Keyed by LanguageId, so adding a language to the registry fails to type-check until
 * it has its entries here too.
 */
import type { LanguageId } from "./languages";

export interface PistonName {
  /** Piston's `language` (what /api/v2/runtimes lists and piston-client matches exactly). */
  language: string;
  /** Versions as shipped in the runner image (Debian bookworm); informational. */
  version: string;
  aliases: string[];
  /** Piston's `runtime` field, where Piston has one. */
  runtime?: string;
  /** Whether Piston reports a separate compile stage for it. */
  compiled: boolean;
}

export const PISTON_NAMES = {
  python: { language: "python", version: "3.11.2", aliases: ["py", "py3", "python3", "python3.11"], compiled: false },
  javascript: {
    language: "javascript",
    version: "18.20.4",
    aliases: ["node-javascript", "node-js", "javascript", "js", "node", "nodejs"],
    runtime: "node",
    compiled: false,
  },
  typescript: { language: "typescript", version: "5.9.3", aliases: ["ts", "node-ts", "tsc", "typescript5", "ts5"], compiled: true },
  c: { language: "c", version: "12.2.0", aliases: ["gcc"], runtime: "gcc", compiled: true },
  cpp: { language: "c++", version: "12.2.0", aliases: ["cpp", "g++"], runtime: "gcc", compiled: true },
  java: { language: "java", version: "17.0.19", aliases: [], compiled: true },
  go: { language: "go", version: "1.19.8", aliases: ["go", "golang"], compiled: true },
  rust: { language: "rust", version: "1.63.0", aliases: ["rs"], compiled: true },
} as const satisfies Record<LanguageId, PistonName>;

export interface Judge0Name {
  /** The id Judge0 CE lists for the language (its most widely used one). */
  id: number;
  /** Name as /languages shows it, with the version CodeRunner actually runs. */
  name: string;
  /** Other Judge0 CE ids (other versions of the language) accepted as the same language. */
  alsoAccepted: number[];
}

export const JUDGE0_NAMES = {
  c: { id: 50, name: "C (GCC 12.2.0)", alsoAccepted: [48, 49, 75, 103, 104] },
  cpp: { id: 54, name: "C++ (GCC 12.2.0)", alsoAccepted: [52, 53, 76, 105] },
  java: { id: 62, name: "Java (OpenJDK 17.0.19)", alsoAccepted: [91] },
  javascript: { id: 63, name: "JavaScript (Node.js 18.20.4)", alsoAccepted: [93, 97, 102] },
  python: { id: 71, name: "Python (3.11.2)", alsoAccepted: [92, 100, 109] },
  go: { id: 60, name: "Go (1.19.8)", alsoAccepted: [95, 106, 107] },
  rust: { id: 73, name: "Rust (1.63.0)", alsoAccepted: [108] },
  typescript: { id: 74, name: "TypeScript (5.9.3)", alsoAccepted: [94, 101] },
} as const satisfies Record<LanguageId, Judge0Name>;

const pistonByName = new Map<string, LanguageId>();
for (const [id, p] of Object.entries(PISTON_NAMES) as [LanguageId, PistonName][]) {
  for (const name of [p.language, ...p.aliases]) pistonByName.set(name.toLowerCase(), id);
}

/** The language a Piston `language` (name or alias, any case) stands for. */
export function languageFromPiston(name: string): LanguageId | undefined {
  return pistonByName.get(name.trim().toLowerCase());
}

const judge0ById = new Map<number, LanguageId>();
for (const [id, j] of Object.entries(JUDGE0_NAMES) as [LanguageId, Judge0Name][]) {
  for (const n of [j.id, ...j.alsoAccepted]) judge0ById.set(n, id);
}

/** The language a Judge0 `language_id` stands for. */
export function languageFromJudge0(id: number): LanguageId | undefined {
  return judge0ById.get(id);
}
