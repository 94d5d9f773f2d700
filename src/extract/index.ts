/**
 * The article reader: bytes or text (HTML or plain) in, a `Document` out.
 *
 *   extractArticle(input, { url, format })  — from bytes or a string
 *   readArticle(path)                       — from a file, or "-" for standard input
 *
 * For HTML, `Document.text` is the title and the article paragraphs joined by blank lines; for
 * plain text it is the text exactly as read, with paragraphs and boilerplate pointing into it.
 */
import { emptyMeta, type Document, type Paragraph } from '../document.js';
import { VigieError } from '../errors.js';
import { looksBinary, readInputBytes } from '../io/read.js';
import { decodeHtmlBytes, decodeTextBytes } from './encoding.js';
import { extractHtml } from './html/index.js';
import { identifyLanguage } from './langid.js';
import { extractText } from './text.js';

export { identifyLanguage, type LangGuess } from './langid.js';
export { documentToJson, mainText } from './json.js';
export { documentTextView } from './view.js';
export { boilerplateReason } from './boilerplate.js';

export type InputFormat = 'auto' | 'html' | 'text';

export interface ExtractOptions {
  /** URL of the page, when known (wins over the canonical URL found in the page). */
  url?: string | null;
  /** Input format; 'auto' (default) looks at the content. */
  format?: InputFormat;
  /** Name used in error messages (a file path). */
  source?: string;
  /** Receives non-fatal problems (encoding fixes, truncation). */
  onWarning?: (message: string) => void;
}

export const EXTRACT_STAGE = { name: 'extract', model: 'langid/profiles.json' };

const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|\?xml|div|p|article|section|main|table|span|h[1-6]|script|link|style|!--)[\s>/]/i;
const HTML_TAG = /<\/?(?:html|head|body|div|p|br|span|a|article|section|table|td|li|ul|h[1-6]|meta|script|title|img)\b[^>]*>/gi;

/** True when the text looks like HTML markup rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 65536);
  if (HTML_START.test(head)) return true;
  const tags = head.match(HTML_TAG);
  if (!tags || tags.length < 5) return false;
  return tags.some((t) => /^<(?:html|body|div|p|br)\b/i.test(t));
}

/** Extracts an article from bytes (any encoding, see encoding.ts) or from a decoded string. */
export function extractArticle(input: Uint8Array | string, opts: ExtractOptions = {}): Document {
  const source = opts.source ?? 'input';
  let text: string;
  let format = opts.format ?? 'auto';
  if (typeof input === 'string') {
    text = input;
    if (format === 'auto') format = looksLikeHtml(text) ? 'html' : 'text';
  } else {
    if (input.length === 0) throw new VigieError(`${source}: empty input`);
    if (looksBinary(input)) throw new VigieError(`${source}: binary data, not text or HTML`);
    if (format === 'auto') {
      const head = Buffer.from(input.buffer, input.byteOffset, Math.min(input.length, 65536)).toString('latin1');
      format = looksLikeHtml(head) ? 'html' : 'text';
    }
    const decoded = format === 'html' ? decodeHtmlBytes(input) : decodeTextBytes(input);
    if (decoded.warning) opts.onWarning?.(`${source}: ${decoded.warning}`);
    text = decoded.text;
  }
  if (!/\S/.test(text)) throw new VigieError(`${source}: empty input (only whitespace)`);
  return format === 'html' ? fromHtml(text, opts) : fromText(text);
}

/** Reads a file ("-" for standard input, gzip accepted) and extracts its article. */
export function readArticle(path: string, opts: Omit<ExtractOptions, 'source'> = {}): Document {
  const bytes = readInputBytes(path);
  return extractArticle(bytes, { ...opts, source: path === '-' ? 'standard input' : path });
}

function fromHtml(html: string, opts: ExtractOptions): Document {
  const art = extractHtml(html, opts.url ?? null);
  const source = opts.source ?? 'input';
  if (art.truncated) opts.onWarning?.(`${source}: page too large or too deeply nested; only part of it was read`);
  if (art.paragraphs.length === 0) opts.onWarning?.(`${source}: no article text found in the page`);
  const meta = emptyMeta('html');
  const parts: { text: string; kind: Paragraph['kind'] }[] = [];
  const title = art.meta.title;
  if (title) parts.push({ text: title, kind: 'title' });
  let dek: string | null = null;
  for (const p of art.paragraphs) parts.push(p);
  const paragraphs: Paragraph[] = [];
  let text = '';
  for (const p of parts) {
    if (text.length > 0) text += '\n\n';
    paragraphs.push({ start: text.length, end: text.length + p.text.length, kind: p.kind });
    text += p.text;
    if (p.kind === 'dek' && dek === null) dek = p.text;
  }
  const body = art.paragraphs.map((p) => p.text).join('\n');
  const guess = identifyLanguage(body.length > 0 ? body : text, art.meta.declaredLang);
  Object.assign(meta, {
    title,
    dek,
    authors: art.meta.authors,
    date: art.meta.date,
    siteName: art.meta.siteName,
    url: art.meta.url,
    lang: guess.lang,
    langConfidence: guess.confidence,
  });
  return { version: 1, text, meta, paragraphs, boilerplate: art.boilerplate, stages: [EXTRACT_STAGE] };
}

function fromText(text: string): Document {
  const art = extractText(text);
  const meta = emptyMeta('text');
  const body = art.paragraphs
    .filter((p) => p.kind !== 'title')
    .map((p) => text.slice(p.start, p.end))
    .join('\n');
  const guess = identifyLanguage(body.length > 0 ? body : text);
  Object.assign(meta, {
    title: art.title,
    dek: art.dek,
    authors: art.authors,
    date: art.date,
    lang: guess.lang,
    langConfidence: guess.confidence,
  });
  return { version: 1, text, meta, paragraphs: art.paragraphs, boilerplate: art.boilerplate, stages: [EXTRACT_STAGE] };
}
