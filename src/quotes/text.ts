/**
 * The text view the quote rules read: paragraphs cut into quote-aware segments (a sentence never
 * ends inside quote marks, so "« … . » a-t-il dit" stays one segment), segments cut into tokens
 * with exact offsets, and the quote-mark regions of the text paired across paragraphs.
 *
 * Annotation from earlier stages (UPOS, lemma, tree) is copied onto the tokens where a document
 * word covers them; everything here also works on raw text when no stage ran.
 */
import type { Document, Sentence, Span } from '../document.js';

export interface Tok extends Span {
  text: string;
  /** Lower-cased text with ’ normalised to '. */
  low: string;
  word: boolean;
  /** Index of the segment and of the token in it. */
  seg: number;
  i: number;
  upos: string | null;
  lemma: string | null;
  feats: string | null;
  /** The document word this token starts in: sentence index and word index. */
  ref: { s: number; w: number } | null;
  /** Index of the quote region whose content holds this token, or -1. */
  region: number;
}

export interface Seg extends Span {
  index: number;
  para: number;
  toks: Tok[];
}

export type QuoteFamily = 'guillemet' | 'curly' | 'straight' | 'single' | 'low';

export interface Region {
  index: number;
  family: QuoteFamily;
  /** Offset of the opening mark, and of the closing mark (-1 when the quote is never closed). */
  open: number;
  close: number;
  /** The quoted text, marks and surrounding spaces excluded. */
  content: Span;
  /** Paragraph indexes of the first and last paragraph the quote runs over. */
  paraFirst: number;
  paraLast: number;
  unclosed: boolean;
  /** Words in the content. */
  words: number;
  /** Set by the classifier: a quote that stands on its own (not words quoted inside a sentence). */
  standalone: boolean;
}

export interface TextView {
  text: string;
  lang: 'fr' | 'en';
  paras: Span[];
  /** The kind of each paragraph ('body' when the document does not say). */
  paraKinds: string[];
  segs: Seg[];
  toks: Tok[];
  regions: Region[];
  /** The document's sentences (empty when no tokenizer ran). */
  sentences: Sentence[];
  /** True when the document has a dependency tree. */
  hasTree: boolean;
  hasPos: boolean;
}

const SPACE = /[\s\u00a0\u202f\u2009\u2007\u200b]/;

export function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && SPACE.test(ch);
}

const FR_TOKEN = /(?:[lLdDjJmMnNsStTcC]|[qQ]u|[jJ]usqu|[lL]orsqu|[pP]uisqu|[qQ]uoiqu)['’](?=[\p{L}])|[\p{L}\p{M}\p{N}]+(?:[-‐'’.][\p{L}\p{M}\p{N}]+)*|\.\.\.|\S/gu;
const EN_TOKEN = /[\p{L}\p{M}\p{N}]+(?:[-‐'’.,][\p{L}\p{M}\p{N}]+)*|\.\.\.|\S/gu;

function norm(s: string): string {
  return s.toLowerCase().replace(/’/g, "'").replace(/‐/g, '-');
}

/** Tokens of a text range (offsets into `text`). */
export function tokenizeRange(text: string, start: number, end: number, lang: 'fr' | 'en'): Omit<Tok, 'seg' | 'i'>[] {
  const re = new RegExp(lang === 'fr' ? FR_TOKEN.source : EN_TOKEN.source, 'gu');
  const slice = text.slice(start, end);
  const out: Omit<Tok, 'seg' | 'i'>[] = [];
  let m: RegExpExecArray | null;
  const push = (s: number, e: number) => {
    const t = text.slice(s, e);
    out.push({ start: s, end: e, text: t, low: norm(t), word: /[\p{L}\p{N}]/u.test(t), upos: null, lemma: null, feats: null, ref: null, region: -1 });
  };
  while ((m = re.exec(slice)) !== null) {
    const s = start + m.index;
    const t = m[0];
    if (lang === 'en') {
      // Split the clitics English writes inside words: Trump's → Trump 's ; didn't → did n't.
      const poss = /^(.+?)(['’]s|['’]ve|['’]ll|['’]re|['’]d|n['’]t)$/i.exec(t);
      if (poss && poss[1].length > 0 && !/^(?:ca|wo)$/i.test(poss[1])) {
        push(s, s + poss[1].length);
        push(s + poss[1].length, s + t.length);
        continue;
      }
      // "U.S" keeps its dots; a number keeps its thousands separators; other inner commas split.
      if (t.includes(',') && !/^[\d,.]+$/.test(t)) {
        let p = s;
        for (const part of t.split(',')) {
          if (part) push(p, p + part.length);
          p += part.length;
          if (p < s + t.length) {
            push(p, p + 1);
            p += 1;
          }
        }
        continue;
      }
    }
    push(s, s + t.length);
  }
  return out;
}

const OPENERS: Record<string, QuoteFamily> = { '«': 'guillemet', '“': 'curly', '‘': 'single', '„': 'low', '‹': 'guillemet' };
const CLOSERS: Record<string, QuoteFamily> = { '»': 'guillemet', '”': 'curly', '’': 'single', '›': 'guillemet' };

interface Mark {
  pos: number;
  family: QuoteFamily;
  role: 'open' | 'close' | 'either';
  para: number;
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

/** The quote marks of the paragraphs with what they can do (open, close, either). */
function findMarks(text: string, paras: Span[]): Mark[] {
  const marks: Mark[] = [];
  for (let p = 0; p < paras.length; p++) {
    const { start, end } = paras[p];
    for (let i = start; i < end; i++) {
      const ch = text[i];
      const prev = i > start ? text[i - 1] : undefined;
      const next = i + 1 < end ? text[i + 1] : undefined;
      if (ch === '"') {
        if (prev !== undefined && /\d/.test(prev)) continue; // 5'10" — inches
        const openLike = prev === undefined || isSpace(prev) || /[([{—–―\-\/«“‘]/.test(prev);
        const closeLike = next === undefined || isSpace(next) || /[.,;:!?)\]}—–―\-»”’…]/.test(next);
        marks.push({ pos: i, family: 'straight', role: openLike && !closeLike ? 'open' : closeLike && !openLike ? 'close' : 'either', para: p });
      } else if (ch === '’') {
        // An apostrophe unless it ends a word before a space or punctuation and a ‘ is open.
        if (isWordChar(next)) continue;
        if (!isWordChar(prev) && prev !== '.' && prev !== ',' && prev !== '?' && prev !== '!') continue;
        marks.push({ pos: i, family: 'single', role: 'close', para: p });
      } else if (ch === '‘') {
        if (isWordChar(prev)) continue;
        marks.push({ pos: i, family: 'single', role: 'open', para: p });
      } else if (ch === '“' && prev !== undefined && isWordChar(prev) && (next === undefined || isSpace(next) || /[.,;:!?]/.test(next))) {
        // „…“ (German style) or a “ used as a closing mark.
        marks.push({ pos: i, family: 'curly', role: 'close', para: p });
      } else if (OPENERS[ch]) {
        marks.push({ pos: i, family: OPENERS[ch], role: 'open', para: p });
      } else if (CLOSERS[ch]) {
        marks.push({ pos: i, family: CLOSERS[ch], role: 'close', para: p });
      }
    }
  }
  return marks;
}

function sameFamily(open: QuoteFamily, mark: QuoteFamily): boolean {
  return open === mark || (open === 'low' && mark === 'curly');
}

function firstNonSpace(text: string, span: Span): number {
  let i = span.start;
  while (i < span.end && isSpace(text[i])) i++;
  return i;
}

/**
 * Pairs quote marks into regions. A quote left open at the end of a paragraph continues when the
 * next paragraph reopens it (or starts with the French continuation mark »); otherwise it runs to
 * the end of its paragraph. Marks of other families inside an open quote are nested quotes and
 * stay part of its content. Never throws on unbalanced marks.
 */
export function pairQuotes(text: string, paras: Span[]): Omit<Region, 'index' | 'words' | 'standalone'>[] {
  const marks = findMarks(text, paras);
  const out: Omit<Region, 'index' | 'words' | 'standalone'>[] = [];
  interface Open {
    pos: number;
    family: QuoteFamily;
    depth: number;
    para: number;
    /** The paragraph the quote has reached (after reopenings). */
    cur: number;
  }
  let open: Open | null = null;
  const emit = (o: Open, close: number, lastPara: number, unclosed: boolean) => {
    let s = o.pos + 1;
    let e = unclosed ? paras[lastPara].end : close;
    while (s < e && isSpace(text[s])) s++;
    while (e > s && isSpace(text[e - 1])) e--;
    if (e > s) out.push({ family: o.family, open: o.pos, close: unclosed ? -1 : close, content: { start: s, end: e }, paraFirst: o.para, paraLast: lastPara, unclosed });
  };
  for (let mi = 0; mi < marks.length; mi++) {
    const m = marks[mi];
    if (open && m.para !== open.cur) {
      // The quote was left open at the end of its paragraph: does this paragraph reopen it?
      const o: Open = open;
      const reopen =
        m.para === o.cur + 1 &&
        m.pos === firstNonSpace(text, paras[m.para]) &&
        ((sameFamily(o.family, m.family) && m.role !== 'close') || (o.family === 'guillemet' && m.family === 'guillemet'));
      if (reopen) {
        o.cur = m.para;
        continue;
      }
      emit(o, -1, o.cur, true);
      open = null;
    }
    if (!open) {
      // A closing mark that opens its paragraph before a word ("”Mr. Trump embodies …" — an
      // autocorrected opener) opens a quote; any other closing mark with nothing open is stray.
      if (m.role === 'close' && !(m.pos === firstNonSpace(text, paras[m.para]) && /[\p{L}\p{N}]/u.test(text[m.pos + 1] ?? ''))) continue;
      open = { pos: m.pos, family: m.family, depth: 1, para: m.para, cur: m.para };
      continue;
    }
    const o: Open = open;
    // “… ," — a curly quote closed by a straight mark (a typing slip), when no curly closing mark
    // follows in the paragraph and the straight mark can close.
    const mixedClose = o.family === 'curly' && m.family === 'straight' && m.role === 'close' && o.depth === 1 && !marks.slice(mi + 1).some((x) => x.para === m.para && x.family === 'curly' && x.role === 'close');
    if (mixedClose) {
      emit(o, m.pos, m.para, false);
      open = null;
      continue;
    }
    if (!sameFamily(o.family, m.family)) continue; // a nested quote of another family
    if (m.role === 'close' || (m.role === 'either' && o.family === 'straight') || (o.family === 'straight' && m.family === 'straight')) {
      o.depth--;
      if (o.depth <= 0) {
        emit(o, m.pos, m.para, false);
        open = null;
      }
    } else {
      o.depth++;
    }
  }
  if (open) emit(open, -1, open.cur, true);
  return out;
}

const ABBREV_FR = new Set(['m', 'mm', 'mme', 'mmes', 'mlle', 'dr', 'pr', 'me', 'st', 'ste', 'gén', 'av', 'etc', 'cf', 'p', 'n°', 'no', 'vol', 'art', 'ex', 'jr', 'sr', 'min', 'env', 'janv', 'févr', 'sept', 'oct', 'nov', 'déc']);
const ABBREV_EN = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'sgt', 'capt', 'cmdr', 'adm', 'st', 'jr', 'sr', 'inc', 'co', 'corp', 'ltd', 'vs', 'etc', 'no', 'vol', 'jan', 'feb', 'mar', 'apr', 'aug', 'sept', 'sep', 'oct', 'nov', 'dec', 'mt', 'ft', 'u.s', 'u.n', 'd.c', 'a.m', 'p.m', 'pres', 'supt', 'rev', 'hon', 'messrs']);

const TITLE_ABBREV = new Set(['m', 'mm', 'mme', 'mmes', 'mlle', 'dr', 'pr', 'me', 'mr', 'mrs', 'ms', 'prof', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'sgt', 'capt', 'cmdr', 'adm', 'st', 'ste', 'rev', 'hon', 'pres', 'supt', 'messrs', 'gén']);
const SENTENCE_OPENERS = new Set(['he', 'she', 'it', 'they', 'we', 'i', 'the', 'but', 'and', 'in', 'this', 'that', 'there', 'a', 'an', 'his', 'her', 'their', 'its', 'il', 'elle', 'ils', 'elles', 'le', 'la', 'les', 'un', 'une', 'mais', 'et', 'en', 'ce', 'cette', 'selon', 'pour', 'on']);

/** Paragraph spans of a document, in text order, without overlaps. */
export function documentParagraphs(doc: Document): Span[] {
  const sorted = [...doc.paragraphs].sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  let last = 0;
  for (const p of sorted) {
    const start = Math.max(p.start, last);
    const end = Math.min(p.end, doc.text.length);
    if (end > start) {
      out.push({ start, end });
      last = end;
    }
  }
  // A document built without paragraphs (and without boilerplate set aside) is one paragraph.
  if (out.length === 0 && doc.boilerplate.length === 0 && doc.text.length > 0) out.push({ start: 0, end: doc.text.length });
  return out;
}

function annotate(view: TextView, sentences: Sentence[]): void {
  // Document tokens sorted by start; each of our tokens takes the first word of the document token it starts in.
  const starts: number[] = [];
  const refs: { s: number; w: number; end: number }[] = [];
  sentences.forEach((s, si) => {
    for (const t of s.tokens) {
      starts.push(t.start);
      refs.push({ s: si, w: t.firstWord, end: t.end });
    }
  });
  const order = starts.map((_, i) => i).sort((a, b) => starts[a] - starts[b]);
  const sortedStarts = order.map((i) => starts[i]);
  for (const tok of view.toks) {
    let lo = 0;
    let hi = sortedStarts.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sortedStarts[mid] <= tok.start) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (best < 0) continue;
    const r = refs[order[best]];
    if (r.end <= tok.start) continue;
    const sent = sentences[r.s];
    // Within a multiword token ("du", "aux", "a-t-il"), pick the word whose form starts our token.
    const t = sent.tokens.find((x) => x.firstWord === r.w)!;
    let w = r.w;
    if (t && t.lastWord > t.firstWord && tok.start > t.start) w = t.lastWord;
    const word = sent.words[w];
    if (!word) continue;
    tok.ref = { s: r.s, w };
    if (word.upos && word.upos !== '_') tok.upos = word.upos;
    if (word.lemma && word.lemma !== '_') tok.lemma = word.lemma.toLowerCase();
    if (word.feats && word.feats !== '_') tok.feats = word.feats;
  }
}

/**
 * The text the rules read: the document's text with each doubled apostrophe ('' — the quote mark
 * of some English wires and archives) rewritten as a straight double quote plus a thin space, the
 * space on the outer side (" x" when it opens, "x" when it closes). Same length, so every offset
 * still points into the document's text, which is what quotes and claims are cut from.
 */
export function quoteReadyText(text: string): string {
  if (!text.includes("''")) return text;
  return text.replace(/''/g, (_m, at: number) => {
    const prev = at > 0 ? text[at - 1] : undefined;
    const next = text[at + 2];
    const opens = (prev === undefined || isSpace(prev) || /[([{—–―\-]/.test(prev)) && next !== undefined && !isSpace(next);
    return opens ? '\u2009"' : '"\u2009';
  });
}

/** Builds the text view of a document (paragraphs, quote regions, segments, tokens). */
export function buildView(doc: Document, lang: 'fr' | 'en'): TextView {
  const text = quoteReadyText(doc.text);
  const paras = documentParagraphs(doc);
  const raw = pairQuotes(text, paras);
  const regions: Region[] = raw.map((r, index) => ({ ...r, index, words: 0, standalone: false }));
  const paraKinds = paras.map((p) => doc.paragraphs.find((q) => q.start <= p.start && q.end >= p.end)?.kind ?? 'body');
  const view: TextView = { text, lang, paras, paraKinds, segs: [], toks: [], regions, sentences: doc.sentences ?? [], hasTree: false, hasPos: false };
  const abbrev = lang === 'fr' ? ABBREV_FR : ABBREV_EN;
  // Region lookup by offset: the content of each region.
  const regionAt = (pos: number): number => {
    for (const r of regions) if (pos >= r.content.start && pos < r.content.end) return r.index;
    return -1;
  };
  const insideOpenQuote = (pos: number): boolean => regions.some((r) => pos > r.open && (r.close < 0 ? pos < r.content.end : pos < r.close));
  paras.forEach((p, pi) => {
    const toks = tokenizeRange(text, p.start, p.end, lang);
    let cur: Omit<Tok, 'seg' | 'i'>[] = [];
    const flush = () => {
      if (cur.length === 0) return;
      const index = view.segs.length;
      const seg: Seg = { index, para: pi, start: cur[0].start, end: cur[cur.length - 1].end, toks: [] };
      cur.forEach((t, i) => {
        const tok: Tok = { ...t, seg: index, i, region: regionAt(t.start) };
        seg.toks.push(tok);
        view.toks.push(tok);
      });
      view.segs.push(seg);
      cur = [];
    };
    for (let k = 0; k < toks.length; k++) {
      const t = toks[k];
      cur.push(t);
      if (!/^(?:[.!?…]|\.\.\.)$/.test(t.text)) continue;
      // Absorb closing marks and further end punctuation.
      while (k + 1 < toks.length && /^[.!?…»”"’)\]]$/.test(toks[k + 1].text) && toks[k + 1].start === cur[cur.length - 1].end) {
        k++;
        cur.push(toks[k]);
      }
      const next = toks[k + 1];
      if (!next) continue;
      if (insideOpenQuote(t.start) && insideOpenQuote(next.start)) continue;
      const prev = toks[k - 1];
      if (t.text === '.' && prev && prev.end === t.start) {
        const pl = norm(prev.text);
        const dotted = /^(?:\p{L}\.)+\p{L}$/u.test(prev.text);
        // "U.S." may end a sentence: split when a usual sentence opener follows.
        if ((dotted || (abbrev.has(pl) && !TITLE_ABBREV.has(pl))) && SENTENCE_OPENERS.has(norm(next.text))) {
          // fall through to the split
        } else if (abbrev.has(pl) || /^\p{Lu}$/u.test(prev.text) || dotted) continue;
      }
      if (!/^[\p{Lu}\p{N}«“"‘„—–―\-(\[]/u.test(next.text)) continue;
      flush();
    }
    flush();
  });
  for (const r of regions) {
    r.words = toksIn(view, r.content).filter((t) => t.word).length;
  }
  const sentences = doc.sentences ?? [];
  if (sentences.length > 0) {
    annotate(view, sentences);
    view.hasPos = view.toks.some((t) => t.upos !== null);
    view.hasTree = sentences.some((s) => s.words.length > 1 && s.words.some((w) => w.deprel && w.deprel !== '_' && w.head >= 0));
  }
  return view;
}

/** Index of the first token that starts at or after `pos` (binary search; tokens are in text order). */
export function firstTokAtOrAfter(view: TextView, pos: number): number {
  let lo = 0;
  let hi = view.toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (view.toks[mid].start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The tokens inside a span. */
export function toksIn(view: TextView, span: Span): Tok[] {
  const out: Tok[] = [];
  for (let i = firstTokAtOrAfter(view, span.start); i < view.toks.length && view.toks[i].end <= span.end; i++) out.push(view.toks[i]);
  return out;
}

/** The `n` tokens that end at or before `pos`. */
export function toksBefore(view: TextView, pos: number, n: number): Tok[] {
  let i = firstTokAtOrAfter(view, pos) - 1;
  while (i >= 0 && view.toks[i].end > pos) i--;
  return view.toks.slice(Math.max(0, i - n + 1), i + 1);
}
