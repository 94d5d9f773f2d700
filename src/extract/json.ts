/** Document output: JSON with a stable key order, and the article's main text. */
import type { Document } from '../document.js';

const DOC_KEYS = ['version', 'text', 'meta', 'paragraphs', 'boilerplate', 'sentences', 'entities', 'quotes', 'claims', 'flags', 'stages'];
const META_KEYS = ['title', 'dek', 'authors', 'date', 'siteName', 'url', 'lang', 'langConfidence', 'source'];
const SPAN_FIRST = ['id', 'kind', 'type', 'text', 'reason', 'start', 'end'];

/** Recursively orders object keys: known keys first in a fixed order, then the rest alphabetically. */
function ordered(value: unknown, keys: string[] | null): unknown {
  if (Array.isArray(value)) return value.map((v) => ordered(v, null));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const order = keys ?? SPAN_FIRST;
  const out: Record<string, unknown> = {};
  for (const k of order) if (k in obj && obj[k] !== undefined) out[k] = ordered(obj[k], k === 'meta' ? META_KEYS : null);
  for (const k of Object.keys(obj).filter((k) => !order.includes(k)).sort()) {
    if (obj[k] !== undefined) out[k] = ordered(obj[k], k === 'meta' ? META_KEYS : null);
  }
  return out;
}

/** The Document as JSON text, keys in a stable order. `indent` 0 gives one line. */
export function documentToJson(doc: Document, indent = 2): string {
  return JSON.stringify(ordered(doc, DOC_KEYS), null, indent || undefined);
}

/** The article's main text: title, dek and content paragraphs joined by blank lines (boilerplate left out). */
export function mainText(doc: Document): string {
  return doc.paragraphs.map((p) => doc.text.slice(p.start, p.end)).join('\n\n');
}
