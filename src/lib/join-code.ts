/**
 * Course join codes. Stored normalised (upper case, no spaces or dashes), shown in two
 * groups of four ("ABCD-EFGH") so they are easy to read aloud and copy from a projector.
 * Students may type them in any case, with or without the dash.
 */
export const normaliseJoinCode = (code: string) => code.trim().toUpperCase().replace(/[\s-]/g, "");

export function formatJoinCode(code: string): string {
  const normalised = normaliseJoinCode(code);
  return normalised.length === 8 ? `${normalised.slice(0, 4)}-${normalised.slice(4)}` : normalised;
}
