/**
 * Plain text → article. The text is kept exactly as read; paragraphs (blank-line separated, or
 * one per line when the file has no blank line) are classified as title, dek, body, heading,
 * list item, or set aside as boilerplate with a reason. Offsets are UTF-16 code units into the text.
 */
import type { BoilerplateBlock, Paragraph, ParagraphKind } from '../document.js';
import { addressesReader, boilerplateReason, ure } from './boilerplate.js';
import { normaliseDate } from './dates.js';
import { cleanAuthors } from './html/meta.js';

export interface TextArticle {
  title: string | null;
  dek: string | null;
  authors: string[];
  date: string | null;
  paragraphs: Paragraph[];
  boilerplate: BoilerplateBlock[];
}

interface Chunk {
  start: number;
  end: number;
  text: string;
}

/** Longest first line taken as a title. */
const MAX_TITLE = 250;
/** Longest paragraph taken as a dek. */
const MAX_DEK = 400;
/** Longest paragraph of a trailing appeal recognised by its tone alone (second person, imperative). */
const MAX_TONE_APPEAL = 220;

/** Paragraph spans of a text: runs of non-blank lines, or single lines when no line is blank. */
export function splitParagraphs(text: string): Chunk[] {
  const lines: Chunk[] = [];
  const re = /[^\n]*(?:\n|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && m.index < text.length) {
    const raw = m[0];
    const body = raw.replace(/\r?\n$/, '');
    lines.push({ start: m.index, end: m.index + body.length, text: body });
    if (raw.length === 0) break;
  }
  const blank = (c: Chunk) => !/\S/.test(c.text);
  const anyBlank = lines.some(blank);
  const chunks: Chunk[] = [];
  let cur: Chunk | null = null;
  for (const line of lines) {
    if (blank(line)) {
      if (cur) chunks.push(cur);
      cur = null;
      continue;
    }
    if (!anyBlank) {
      chunks.push(trimChunk(text, line.start, line.end));
      continue;
    }
    cur = cur ? { start: cur.start, end: line.end, text: '' } : { start: line.start, end: line.end, text: '' };
  }
  if (cur) chunks.push(cur);
  return chunks.map((c) => trimChunk(text, c.start, c.end)).filter((c) => c.end > c.start);
}

function trimChunk(text: string, start: number, end: number): Chunk {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end, text: text.slice(start, end) };
}

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const endsSentence = (s: string) => /[.!?…:;](?:["'”»’)\]\s\u00a0]*)$/u.test(s.trim());
const BYLINE = /^(?:[Pp]ar|PAR|[Bb]y|BY|[Dd]e|[Vv]on|[Pp]or)\s+([\p{Lu}][\p{L}'’.-]+(?:\s+[\p{Lu}][\p{L}'’.-]+){1,4}(?:\s*(?:,|et|and|&)\s*[\p{Lu}][\p{L}'’.-]+(?:\s+[\p{Lu}][\p{L}'’.-]+){1,4})*)\s*$/u;
const DATELINE = /^(?:(?:publié|posted|published|mis à jour|updated)\s*(?:le|on)?\s*)?(?:\p{L}+\.?,?\s+)?\d{1,2}(?:er)?\s+\p{L}+\.?\s+\d{4}|^\d{4}-\d{2}-\d{2}|^\p{L}+\.?\s+\d{1,2},\s+\d{4}/iu;

/** Classifies the paragraphs of a plain-text article. */
export function extractText(text: string): TextArticle {
  let chunks = splitParagraphs(text);
  const paragraphs: Paragraph[] = [];
  const boilerplate: BoilerplateBlock[] = [];
  const result: TextArticle = { title: null, dek: null, authors: [], date: null, paragraphs, boilerplate };
  if (chunks.length === 0) return result;
  const aside = (c: Chunk, reason: string) => boilerplate.push({ text: c.text, reason, start: c.start, end: c.end });

  // Title: the first line, when it is short enough to be one.
  const first = chunks[0];
  const nl = first.text.indexOf('\n');
  const firstLine = trimChunk(text, first.start, nl < 0 ? first.end : first.start + nl);
  let i = 0;
  // A first line ending in a full stop reads as a sentence of the body, not a headline (headlines
  // drop the final period; an ellipsis or an abbreviation like "etc." is rarer and stays a title).
  const endsLikeSentence = /[^.\s]\.$/.test(firstLine.text) && !/\b(etc|cie|Inc|Ltd|Co)\.$/i.test(firstLine.text);
  if (firstLine.text.length <= MAX_TITLE && !endsLikeSentence && (chunks.length > 1 || nl >= 0)) {
    paragraphs.push({ start: firstLine.start, end: firstLine.end, kind: 'title' });
    result.title = firstLine.text.replace(/^#{1,6}\s+/, '').replace(/\s+/g, ' ');
    const rest = nl < 0 ? null : trimChunk(text, first.start + nl + 1, first.end);
    chunks = rest && rest.end > rest.start ? [rest, ...chunks.slice(1)] : chunks.slice(1);
    // A headline repeated at the top (aggregator reposts) is set aside.
    while (i < chunks.length && i < 3 && norm(chunks[i].text) === norm(firstLine.text)) aside(chunks[i++], 'duplicate-title');
  }

  // Byline and dateline just under the title.
  for (let k = 0; k < 2 && i < chunks.length; k++) {
    const c = chunks[i];
    const by = c.text.length <= 120 ? BYLINE.exec(c.text) : null;
    if (by) {
      result.authors = cleanAuthors([by[1]], null);
      aside(c, 'byline');
      i++;
    } else if (c.text.length <= 80 && DATELINE.test(c.text)) {
      result.date = normaliseDate(c.text.replace(/^\D*?(?=\d|\p{L}+\.?\s+\d)/u, ''));
      aside(c, 'dateline');
      i++;
    } else break;
  }

  const tail = trailingBoilerplate(chunks, i);
  // Dek: a short standalone paragraph after the title that does not read like body text.
  if (result.title !== null && i < tail.start - 1) {
    const c = chunks[i];
    if (isDek(c.text, chunks[i + 1].text)) {
      paragraphs.push({ start: c.start, end: c.end, kind: 'dek' });
      result.dek = c.text.replace(/\s+/g, ' ');
      i++;
    }
  }
  for (; i < chunks.length; i++) {
    const c = chunks[i];
    const reason = tail.reasons.get(i) ?? (i >= tail.start ? 'trailing' : inlineBoilerplate(c.text));
    if (reason) {
      aside(c, reason);
      continue;
    }
    paragraphs.push({ start: c.start, end: c.end, kind: bodyKind(c.text, chunks[i + 1]?.text ?? null) });
  }
  boilerplate.sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
  return result;
}

function isDek(text: string, next: string): boolean {
  const t = text.trim();
  if (t.length < 30 || t.length > MAX_DEK || t.includes('\n')) return false;
  if (boilerplateReason(t) !== null) return false;
  // A lede ends its sentence; a dek often does not, and is shorter than what follows.
  return !endsSentence(t) && next.trim().length > 0;
}

/** Paragraphs that are boilerplate wherever they stand (separators, "read also" lines). */
function inlineBoilerplate(text: string): string | null {
  const r = boilerplateReason(text);
  return r === 'separator' || r === 'read-more' || r === 'ad' ? r : null;
}

/**
 * The run of boilerplate at the end of the text: walking back from the last paragraph, each
 * paragraph that a rule recognises, or that is short and addresses the reader, or is a bare link,
 * extends the run. Returns where the run starts and each paragraph's reason.
 */
function trailingBoilerplate(chunks: Chunk[], from: number): { start: number; reasons: Map<number, string> } {
  const reasons = new Map<number, string>();
  let start = chunks.length;
  let misses = 0;
  for (let k = chunks.length - 1; k >= from && k >= chunks.length - 15; k--) {
    const t = chunks[k].text;
    let reason = boilerplateReason(t);
    if (!reason && /^(?:https?:\/\/|www\.)\S+$/i.test(t)) reason = 'link';
    if (!reason && t.length <= MAX_TONE_APPEAL && addressesReader(t) && LINK_CUE.test(t) && !/["“”«»]/.test(t)) reason = 'appeal';
    if (!reason) {
      // Allow one unrecognised paragraph inside the footer when recognised ones surround it.
      if (misses === 0 && t.length <= 120 && k - 1 >= from && boilerplateReason(chunks[k - 1].text)) {
        misses++;
        reasons.set(k, 'trailing');
        continue;
      }
      break;
    }
    reasons.set(k, reason);
    start = k;
  }
  for (const k of [...reasons.keys()]) if (k < start) reasons.delete(k);
  return { start, reasons };
}

/** Words and signs pointing at a link or a button, as appeals do ("cliquez ici", "➡️ ICI"). */
const LINK_CUE = ure(String.raw`\b(?:ici|here|lien|link|cliquez|clique|click|tap|tippen|hier klicken)\b|[➡→👉⬇]|https?:\/\/`);

function bodyKind(text: string, next: string | null): ParagraphKind {
  const t = text.trim();
  if (/^(?:[-–•*▪►]\s+|\d{1,2}[.)]\s+)/u.test(t) && t.length < 600) return 'list-item';
  if (/^#{1,6}\s+\S/.test(t)) return 'heading';
  if (/^>\s*/.test(t)) return 'quote';
  if (next !== null && t.length <= 100 && !t.includes('\n') && !endsSentence(t) && !/[,;]$/.test(t) && next.trim().length > t.length * 1.5 && /^\p{Lu}/u.test(t)) {
    return 'heading';
  }
  return 'body';
}
