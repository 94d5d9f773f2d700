import { createHash } from 'node:crypto';
import type { Document, Lang } from '../document.js';
import { fold, normName } from './text.js';

/** The rows one article becomes, computed the same way for both back ends. */
export interface ArticleRecord {
  hash: string;
  sourceHash: string;
  source: string | null;
  url: string | null;
  title: string | null;
  lang: Lang;
  date: string | null;
  site: string | null;
  authors: string;
  text: string;
  /** Fold of title and text, for the full-text indexes. */
  foldedTitle: string;
  foldedText: string;
  /** The Document JSON without its `text` (stored once, in its own column). */
  document: string;
  models: string;
  wordCount: number;
  entities: EntityRecord[];
  quotes: QuoteRecord[];
  claims: ClaimRecord[];
  flags: FlagRecord[];
}

export interface EntityRecord {
  docId: number;
  type: string;
  name: string;
  norm: string;
  mentions: { start: number; end: number; text: string; type: string }[];
}

export interface QuoteRecord {
  idx: number;
  type: string;
  start: number;
  end: number;
  text: string;
  cueLemma: string | null;
  cueText: string | null;
  cueStart: number | null;
  cueEnd: number | null;
  speakerText: string | null;
  speakerNorm: string | null;
  speakerStart: number | null;
  speakerEnd: number | null;
  /** Document-level entity id; mapped to the corpus entity on write. */
  speakerDocEntity: number | null;
  addresseeText: string | null;
  /** Folded text + speaker + cue, for full-text search. */
  folded: string;
}

export interface ClaimRecord {
  idx: number;
  stance: string;
  claimantText: string | null;
  claimantNorm: string | null;
  claimantDocEntity: number | null;
  targetText: string | null;
  targetNorm: string | null;
  targetDocEntity: number | null;
  start: number;
  end: number;
  text: string;
  textNorm: string;
  cueLemma: string | null;
  denies: number | null;
}

export interface FlagRecord {
  rule: string;
  start: number;
  end: number;
  text: string;
  message: string;
  suggestions: string;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The identity of an article: the hash of its clean text. */
export function textHash(doc: Document): string {
  return sha256(doc.text);
}

export function countWords(doc: Document): number {
  if (doc.sentences && doc.sentences.length) {
    let n = 0;
    for (const s of doc.sentences) for (const w of s.words) if (w.upos !== 'PUNCT') n++;
    return n;
  }
  const m = doc.text.match(/[\p{L}\p{N}]+/gu);
  return m ? m.length : 0;
}

function validSpan(doc: Document, s: { start: number; end: number } | null | undefined): boolean {
  return !!s && Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end >= s.start && s.end <= doc.text.length;
}

/** Turns a Document into the rows to store. Spans outside the text are dropped, not stored. */
export function documentToRecord(doc: Document, sourceHash: string, source: string | null): ArticleRecord {
  const { text, ...rest } = doc;
  const entities: EntityRecord[] = [];
  const known = new Set<number>();
  for (const e of doc.entities ?? []) {
    const norm = normName(e.name);
    if (!norm) continue;
    known.add(e.id);
    entities.push({
      docId: e.id,
      type: e.type,
      name: e.name,
      norm,
      mentions: (e.mentions ?? [])
        .filter((m) => validSpan(doc, m))
        .map((m) => ({ start: m.start, end: m.end, text: text.slice(m.start, m.end), type: m.type })),
    });
  }
  const ent = (id: number | null | undefined): number | null => (id !== null && id !== undefined && known.has(id) ? id : null);
  const quotes: QuoteRecord[] = [];
  (doc.quotes ?? []).forEach((q, idx) => {
    if (!validSpan(doc, q.content)) return;
    const qtext = text.slice(q.content.start, q.content.end);
    const speaker = q.speaker && validSpan(doc, q.speaker) ? q.speaker : null;
    const cue = q.cue && validSpan(doc, q.cue) ? q.cue : null;
    const speakerName = speaker ? text.slice(speaker.start, speaker.end) : null;
    const speakerEntity = ent(q.speakerEntity);
    const entityName = speakerEntity !== null ? doc.entities!.find((e) => e.id === speakerEntity)?.name ?? '' : '';
    quotes.push({
      idx,
      type: q.type,
      start: q.content.start,
      end: q.content.end,
      text: qtext,
      cueLemma: cue ? cue.lemma : null,
      cueText: cue ? text.slice(cue.start, cue.end) : null,
      cueStart: cue ? cue.start : null,
      cueEnd: cue ? cue.end : null,
      speakerText: speakerName,
      speakerNorm: speakerName !== null ? normName(speakerName) : null,
      speakerStart: speaker ? speaker.start : null,
      speakerEnd: speaker ? speaker.end : null,
      speakerDocEntity: speakerEntity,
      addresseeText: q.addressee && validSpan(doc, q.addressee) ? text.slice(q.addressee.start, q.addressee.end) : null,
      folded: fold([qtext, speakerName ?? '', entityName, cue ? cue.lemma : '', cue ? text.slice(cue.start, cue.end) : ''].join(' \n ')),
    });
  });
  const claims: ClaimRecord[] = [];
  (doc.claims ?? []).forEach((c, idx) => {
    if (!validSpan(doc, c.content)) return;
    const claimant = c.claimant && validSpan(doc, c.claimant) ? text.slice(c.claimant.start, c.claimant.end) : null;
    const target = c.target && validSpan(doc, c.target) ? text.slice(c.target.start, c.target.end) : null;
    const ctext = text.slice(c.content.start, c.content.end);
    claims.push({
      idx,
      stance: c.stance,
      claimantText: claimant,
      claimantNorm: claimant !== null ? normName(claimant) : null,
      claimantDocEntity: ent(c.claimantEntity),
      targetText: target,
      targetNorm: target !== null ? normName(target) : null,
      targetDocEntity: ent(c.targetEntity),
      start: c.content.start,
      end: c.content.end,
      text: ctext,
      textNorm: normName(ctext),
      cueLemma: c.cue ? c.cue.lemma : null,
      denies: typeof c.denies === 'number' ? c.denies : null,
    });
  });
  const flags: FlagRecord[] = (doc.flags ?? [])
    .filter((f) => validSpan(doc, f))
    .map((f) => ({
      rule: f.rule,
      start: f.start,
      end: f.end,
      text: text.slice(f.start, f.end),
      message: f.message,
      suggestions: JSON.stringify(f.suggestions ?? []),
    }));
  const meta = doc.meta;
  return {
    hash: textHash(doc),
    sourceHash,
    source,
    url: meta.url,
    title: meta.title,
    lang: meta.lang,
    date: meta.date,
    site: meta.siteName,
    authors: JSON.stringify(meta.authors ?? []),
    text,
    foldedTitle: fold(meta.title ?? ''),
    foldedText: fold(text),
    document: JSON.stringify(rest),
    models: JSON.stringify(doc.stages ?? []),
    wordCount: countWords(doc),
    entities,
    quotes,
    claims,
    flags,
  };
}

/** Rebuilds the Document from its stored JSON and text. */
export function recordToDocument(documentJson: string, text: string): Document {
  const rest = JSON.parse(documentJson) as Omit<Document, 'text'>;
  return { ...rest, text } as Document;
}
