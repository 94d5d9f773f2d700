/**
 * Language-quality checker: agreement and conjugation errors read from the dependency tree and the
 * morphology, each with ranked suggestions generated from an inflection lexicon.
 *
 * French rules: ./french.ts (lexicon: ./inflections.ts). English rules: ./english.ts.
 *
 * Boilerplate blocks (share and donation appeals...) are not tokenised by the pipeline, but they are
 * part of the text a reader sees and their errors are just as visible: blocks with offsets into
 * Document.text are annotated here through the same tokenize → parse stages, as paragraphs of a
 * temporary document over the same text, so their offsets need no mapping.
 */
import type { Document, Flag, Paragraph, Sentence } from '../document.js';
import type { Stage } from '../pipeline.js';
import { checkEnglish } from './english.js';
import { checkFrenchSentences, frenchCandidateText } from './french.js';
import { frenchInflectionLexicon, type Inflections } from './inflections.js';

export { FR_RULES, matchCase } from './french.js';
export { frenchInflectionLexicon, Inflections, loadInflections } from './inflections.js';

export const CHECK_MODEL = 'check-rules/v1';

export interface CheckOptions {
  /**
   * Annotates extra paragraphs of the document's text (used for boilerplate blocks). The pipeline
   * passes its own stages; without it boilerplate is not checked.
   */
  annotate?: (doc: Document, paragraphs: Paragraph[]) => Sentence[];
  /** The French inflection lexicon (default: the committed model, loaded on first use). */
  inflections?: Inflections;
}

/** Boilerplate blocks that are part of Document.text and contain words, as paragraphs. */
export function boilerplateParagraphs(doc: Document): Paragraph[] {
  const out: Paragraph[] = [];
  for (const b of doc.boilerplate) {
    if (b.start === undefined || b.end === undefined || b.end <= b.start || b.end > doc.text.length) continue;
    if (!/\p{L}{2}/u.test(doc.text.slice(b.start, b.end))) continue;
    out.push({ kind: 'body', start: b.start, end: b.end });
  }
  return out;
}

/** Runs stages (tokenize → parse) over paragraphs of doc's text and returns their sentences. */
export function annotateParagraphsWith(stages: Stage[]): (doc: Document, paragraphs: Paragraph[]) => Sentence[] {
  return (doc, paragraphs) => {
    if (paragraphs.length === 0) return [];
    const sub: Document = { ...doc, paragraphs, boilerplate: [], sentences: undefined, entities: undefined, quotes: undefined, claims: undefined, flags: undefined, stages: [] };
    for (const s of stages) s.run(sub);
    return sub.sentences ?? [];
  };
}

/** The sentences of an annotated paragraph with the same text as `block`, moved to the block's offsets. */
function copiedSentences(doc: Document, block: Paragraph): Sentence[] | null {
  const text = doc.text.slice(block.start, block.end);
  const twin = doc.paragraphs.find((p) => p.end - p.start === text.length && doc.text.slice(p.start, p.end) === text);
  if (!twin || !doc.sentences) return null;
  const inside = doc.sentences.filter((s) => s.start >= twin.start && s.end <= twin.end);
  if (inside.length === 0) return null;
  const shift = block.start - twin.start;
  return inside.map((s) => ({
    ...s,
    id: `${s.id}-copy`,
    start: s.start + shift,
    end: s.end + shift,
    tokens: s.tokens.map((t) => ({ ...t, start: t.start + shift, end: t.end + shift })),
  }));
}

/** Sentence-sized parts of a block (cut after . ! ? followed by a space) that show a candidate pattern. */
function candidateSentences(doc: Document, block: Paragraph, inf: Inflections): Paragraph[] {
  const out: Paragraph[] = [];
  const text = doc.text.slice(block.start, block.end);
  let from = 0;
  for (const m of [...text.matchAll(/[.!?…]+["»”]?\s+/gu), null]) {
    const to = m ? m.index! + m[0].length : text.length;
    if (to > from && frenchCandidateText(text.slice(from, to), inf)) out.push({ kind: 'body', start: block.start + from, end: block.start + to });
    from = to;
  }
  return out;
}

/** Flags for an annotated document (sentences with words, tags, features, heads), in text order. */
export function checkDocument(doc: Document, opts: CheckOptions = {}): Flag[] {
  if (doc.meta.lang === 'en') return checkEnglish(doc);
  if (doc.meta.lang !== 'fr') return [];
  const inf = opts.inflections ?? frenchInflectionLexicon();
  const sentences = [...(doc.sentences ?? [])];
  if (opts.annotate) {
    // A block repeating an annotated paragraph (the duplicated headline) reuses its sentences.
    const fresh: Paragraph[] = [];
    for (const b of boilerplateParagraphs(doc)) {
      const copy = copiedSentences(doc, b);
      if (copy) sentences.push(...copy);
      // Annotating costs most of the check's time: only the sentences of a block that show a
      // candidate pattern are run through the tree stages.
      else fresh.push(...candidateSentences(doc, b, inf));
    }
    sentences.push(...opts.annotate(doc, fresh));
  }
  const flags = checkFrenchSentences(doc, sentences, inf);
  return flags.sort((a, b) => a.start - b.start || a.end - b.end);
}
