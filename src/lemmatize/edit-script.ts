/**
 * Lemma edit scripts: how to turn a form into its lemma by removing the last `strip` characters
 * and appending `append` ("démentent" → "démentir" is strip 3, append "ir", written "3|ir").
 * Suffix scripts cover regular inflection in French and English; irregular pairs get a script
 * that rewrites the whole word, which is fine for a lexicon and rare enough for a classifier.
 */

/** The script that rewrites `form` into `lemma`, as "strip|append". */
export function scriptFor(form: string, lemma: string): string {
  const n = Math.min(form.length, lemma.length);
  let common = 0;
  while (common < n && form.charCodeAt(common) === lemma.charCodeAt(common)) common++;
  // Keep surrogate pairs whole: never cut between the two halves of one character.
  if (common > 0 && common < form.length && isLowSurrogate(form.charCodeAt(common))) common--;
  return `${form.length - common}|${lemma.slice(common)}`;
}

export interface ParsedScript {
  strip: number;
  append: string;
}

export function parseScript(script: string): ParsedScript {
  const bar = script.indexOf('|');
  return { strip: Number(script.slice(0, bar)), append: script.slice(bar + 1) };
}

/** Applies a script; a script that strips more than the form has applies to the whole form. */
export function applyScript(form: string, script: string | ParsedScript): string {
  const p = typeof script === 'string' ? parseScript(script) : script;
  const keep = Math.max(0, form.length - p.strip);
  return form.slice(0, keep) + p.append;
}

/** Whether the script can apply to the form without eating into it entirely (for candidates). */
export function scriptFits(form: string, p: ParsedScript): boolean {
  return p.strip < form.length || (p.strip === form.length && p.append.length > 0);
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
