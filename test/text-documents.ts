/** Documents built directly from test text, with no extraction heuristics in the way. */
import { emptyMeta, type Document } from '../src/document.js';

/** A document of paragraphs separated by blank lines, language set. */
export function makeDoc(text: string, lang: 'fr' | 'en'): Document {
  const meta = emptyMeta('text');
  meta.lang = lang;
  const paragraphs: Document['paragraphs'] = [];
  const re = /[^\n]+(?:\n(?!\n)[^\n]*)*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) paragraphs.push({ start: m.index, end: m.index + m[0].length, kind: 'body' });
  return { version: 1, text, meta, paragraphs, boilerplate: [], stages: [] };
}
