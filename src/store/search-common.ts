import type { SearchHit, SearchKind, SearchQuery } from './types.js';
import { foldWithMap, locate, normName, sentenceAround, type ParsedQuery, type QueryItem } from './text.js';

/** Builds placeholders for one dialect: "?" for SQLite, "$n" for PostgreSQL. */
export class Params {
  readonly values: unknown[] = [];
  constructor(private readonly dialect: 'sqlite' | 'postgres') {}
  add(v: unknown): string {
    this.values.push(v);
    return this.dialect === 'sqlite' ? '?' : `$${this.values.length}`;
  }
}

export const MAX_LIMIT = 1000;

export function clampLimit(q: SearchQuery): { limit: number; offset: number } {
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(q.limit ?? 20)));
  const offset = Math.max(0, Math.floor(q.offset ?? 0));
  return { limit, offset };
}

/** WHERE conditions on the article alias `a` from the common filters. */
export function articleFilters(q: SearchQuery, p: Params): string[] {
  const conds: string[] = [];
  if (q.lang) conds.push(`a.lang = ${p.add(q.lang)}`);
  if (q.site) conds.push(`lower(a.site) = lower(${p.add(q.site)})`);
  if (q.from) conds.push(`substr(a.date, 1, 10) >= ${p.add(q.from.slice(0, 10))}`);
  if (q.to) conds.push(`substr(a.date, 1, 10) <= ${p.add(q.to.slice(0, 10))}`);
  return conds;
}

/**
 * A condition true when every word of `name` occurs, as the start of a word, in one of the
 * normalised name columns (all in the same column).
 */
export function nameCond(cols: string[], name: string, p: Params): string | null {
  const words = normName(name).split(' ').filter(Boolean);
  if (!words.length) return null;
  const perCol = cols.map((c) => '(' + words.map((w) => `(' ' || coalesce(${c}, '') || ' ') LIKE ${p.add(`% ${w}%`)}`).join(' AND ') + ')');
  return '(' + perCol.join(' OR ') + ')';
}

/**
 * A condition for a parsed query over normalised columns: OR of groups; in a group every item
 * (word or phrase) must occur as a word start in at least one of the columns.
 */
export function parsedLikeCond(cols: string[], parsed: ParsedQuery, p: Params): string | null {
  if (!parsed.length) return null;
  const groups = parsed.map(
    (group) =>
      '(' +
      group
        .map((it) => {
          const pat = `% ${it.words.join(' ')}${it.prefix ? '' : ' '}%`;
          return '(' + cols.map((c) => `(' ' || coalesce(${c}, '') || ' ') LIKE ${p.add(pat)}`).join(' OR ') + ')';
        })
        .join(' AND ') +
      ')',
  );
  return '(' + groups.join(' OR ') + ')';
}

export function where(conds: (string | null)[]): string {
  const c = conds.filter((x): x is string => !!x);
  return c.length ? 'WHERE ' + c.join(' AND ') : '';
}

type Row = Record<string, unknown>;

function str(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}
function num(v: unknown): number {
  return typeof v === 'number' ? v : Number(v);
}
function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

function base(kind: SearchKind, r: Row): Omit<SearchHit, 'text' | 'start' | 'end'> {
  return {
    article_id: num(r.article_id),
    kind,
    score: Math.round(num(r.score ?? 0) * 1e6) / 1e6,
    title: str(r.title),
    url: str(r.url),
    date: str(r.date),
    site: str(r.site),
    lang: String(r.lang ?? 'other'),
  };
}

/** Article rows (with their text) to hits: the sentence around the first match. */
export function articleHits(rows: Row[], items: QueryItem[]): SearchHit[] {
  return rows.map((r) => {
    const text = String(r.text ?? '');
    let span: { start: number; end: number };
    const m = items.length ? locate(text, items, foldWithMap(text)) : null;
    if (m) span = sentenceAround(text, m.start, m.end);
    else span = sentenceAround(text, 0, 0);
    return { ...base('article', r), text: text.slice(span.start, span.end), start: span.start, end: span.end };
  });
}

export function quoteHits(rows: Row[]): SearchHit[] {
  return rows.map((r) => ({
    ...base('quote', r),
    text: String(r.text),
    start: num(r.start_pos),
    end: num(r.end_pos),
    speaker: str(r.entity_name) ?? str(r.speaker_text),
    speaker_text: str(r.speaker_text),
    speaker_entity_id: numOrNull(r.speaker_entity),
    cue: str(r.cue_lemma),
    quote_type: String(r.type),
  }));
}

export function entityHits(rows: Row[]): SearchHit[] {
  return rows.map((r) => ({
    ...base('entity', r),
    text: String(r.text),
    start: num(r.start_pos),
    end: num(r.end_pos),
    entity_id: num(r.entity_id),
    entity_name: String(r.entity_name),
    entity_type: String(r.entity_type),
    mention_type: String(r.mention_type),
  }));
}

export function claimHits(rows: Row[]): SearchHit[] {
  return rows.map((r) => ({
    ...base('claim', r),
    text: String(r.text),
    start: num(r.start_pos),
    end: num(r.end_pos),
    stance: String(r.stance),
    claimant: str(r.claimant_name) ?? str(r.claimant_text),
    claimant_entity_id: numOrNull(r.claimant_entity),
    target: str(r.target_name) ?? str(r.target_text),
    target_entity_id: numOrNull(r.target_entity),
    cue: str(r.cue_lemma),
  }));
}
