/**
 * Quotes and claims: who said what, and who accuses or denies what.
 *
 *   annotateQuotes(doc, 'fr')         — fills doc.quotes and doc.claims (and adds to doc.entities
 *                                       the speaker names the entities layer did not have)
 *   quotesStage('fr')                 — the same as a pipeline stage, after the entities stage
 *   quotesToJsonl(doc) / claimsToJsonl(doc) — the machine contract of `vigie quotes|claims --format jsonl`
 *
 * Rules, not a trained model: quote marks are paired on the raw text, reporting cues come from
 * the lexicons in models/<lang>/quotes-*.tsv, and the tree (when the parser ran) refines the
 * content clause and subject. Every span is a UTF-16 offset range of Document.text.
 */
import type { Claim, Document, Quote, Span, TextSpan } from '../document.js';
import type { Stage } from '../pipeline.js';
import { ClaimFinder } from './claims.js';
import { Extractor } from './extract.js';
import { loadQuoteLexicon, type QuoteLexicon } from './lexicon.js';
import { Resolver, type RefEntity } from './resolve.js';
import { buildView } from './text.js';

export { loadQuoteLexicon, type QuoteLexicon } from './lexicon.js';
export { pairQuotes, buildView, type Region, type TextView } from './text.js';

export const QUOTES_MODEL = 'quotes-rules/v1';

function textSpan(doc: Document, s: Span): TextSpan {
  return { start: s.start, end: s.end, text: doc.text.slice(s.start, s.end) };
}

/** Finds the quotes and claims of a document and writes doc.quotes and doc.claims. */
export function annotateQuotes(doc: Document, lang: 'fr' | 'en'): { quotes: Quote[]; claims: Claim[] } {
  const lex = loadQuoteLexicon(lang);
  const view = buildView(doc, lang);
  const ex = new Extractor(view, lex);
  const cands = ex.run();
  const resolver = new Resolver(doc, view, lex);
  const res = resolver.resolveSpeakers(cands.map((q) => q.speaker));
  const finder = new ClaimFinder(view, lex, ex, resolver, cands, res);
  const claimCands = finder.run();
  // Names found here that quotes or claims point at join doc.entities.
  const used: RefEntity[] = [];
  for (const r of res) if (r.entity) used.push(r.entity);
  for (const c of claimCands) {
    if (c.claimantRes?.entity) used.push(c.claimantRes.entity);
    if (c.targetRes?.entity) used.push(c.targetRes.entity);
  }
  resolver.commit(used);
  const quotes: Quote[] = cands.map((q, i) => ({
    type: q.type,
    content: textSpan(doc, q.content),
    cue: q.cue ? { ...textSpan(doc, { start: q.cue.seg.toks[q.cue.first].start, end: q.cue.seg.toks[q.cue.last].end }), lemma: q.cue.lemma } : null,
    speaker: q.speaker ? textSpan(doc, q.speaker) : null,
    speakerEntity: res[i].entity && res[i].entity!.id >= 0 ? res[i].entity!.id : null,
    addressee: q.addressee ? textSpan(doc, q.addressee) : null,
  }));
  const claims: Claim[] = claimCands.map((c) => ({
    stance: c.stance,
    claimant: c.claimant ? textSpan(doc, c.claimant) : null,
    claimantEntity: c.claimantRes?.entity && c.claimantRes.entity.id >= 0 ? c.claimantRes.entity.id : null,
    target: c.target ? textSpan(doc, c.target) : null,
    targetEntity: c.targetRes?.entity && c.targetRes.entity.id >= 0 ? c.targetRes.entity.id : null,
    content: textSpan(doc, c.content),
    cue: c.cueSpan && c.cueLemma ? { ...textSpan(doc, c.cueSpan), lemma: c.cueLemma } : null,
    denies: c.denies,
  }));
  doc.quotes = quotes;
  doc.claims = claims;
  return { quotes, claims };
}

/** The pipeline stage: runs after the entities stage (and degrades without it, or without a tree). */
export function quotesStage(lang: 'fr' | 'en'): Stage {
  loadQuoteLexicon(lang);
  return {
    name: 'quotes',
    requires: ['text', 'paragraphs'],
    assigns: ['quotes', 'claims'],
    model: `${QUOTES_MODEL}-${lang}`,
    run(doc: Document): void {
      annotateQuotes(doc, lang);
    },
  };
}

function docLang(doc: Document, lang?: 'fr' | 'en'): 'fr' | 'en' {
  if (lang) return lang;
  const q = doc.stages.find((s) => s.name === 'quotes')?.model ?? '';
  if (q.endsWith('-en')) return 'en';
  if (q.endsWith('-fr')) return 'fr';
  return doc.meta.lang === 'en' ? 'en' : 'fr';
}

/** The canonical name of an entity id, or null. */
function entityName(doc: Document, id: number | null): string | null {
  if (id === null) return null;
  return doc.entities?.find((e) => e.id === id)?.name ?? null;
}

/** The name a span gives when no entity is known: its text without leading determiners; null for a pronoun. */
export function nameFromSpan(span: TextSpan | null, lex: QuoteLexicon): string | null {
  if (!span) return null;
  let text = span.text.trim().replace(/\s+/g, ' ');
  if (lex.subjectPronouns.has(text.toLowerCase())) return null;
  for (let guard = 0; guard < 2; guard++) {
    const m = /^(\S+?)(?:\s+|(?<=['’]))/.exec(text);
    if (!m) break;
    const w = m[1].toLowerCase().replace(/’/g, "'");
    if (lex.determiners.has(w)) text = text.slice(m[0].length);
    else break;
  }
  return text || null;
}

export interface QuoteJson {
  type: Quote['type'];
  content: TextSpan;
  cue: (TextSpan & { lemma: string }) | null;
  speaker: TextSpan | null;
  speaker_entity: string | null;
}

export interface ClaimJson {
  stance: Claim['stance'];
  claimant: string | null;
  target: string | null;
  content: TextSpan;
  denies: number | null;
}

const ts = (s: TextSpan): TextSpan => ({ start: s.start, end: s.end, text: s.text });

/** One object per quote, in the machine-contract shape of `vigie quotes --format jsonl`. */
export function quotesToJson(doc: Document, lang?: 'fr' | 'en'): QuoteJson[] {
  const lex = loadQuoteLexicon(docLang(doc, lang));
  return (doc.quotes ?? []).map((q) => ({
    type: q.type,
    content: ts(q.content),
    cue: q.cue ? { ...ts(q.cue), lemma: q.cue.lemma } : null,
    speaker: q.speaker ? ts(q.speaker) : null,
    speaker_entity: entityName(doc, q.speakerEntity) ?? nameFromSpan(q.speaker, lex),
  }));
}

/** One object per claim, in the machine-contract shape of `vigie claims --format jsonl`. */
export function claimsToJson(doc: Document, lang?: 'fr' | 'en'): ClaimJson[] {
  const lex = loadQuoteLexicon(docLang(doc, lang));
  return (doc.claims ?? []).map((c) => ({
    stance: c.stance,
    claimant: entityName(doc, c.claimantEntity) ?? nameFromSpan(c.claimant, lex),
    target: entityName(doc, c.targetEntity) ?? nameFromSpan(c.target, lex),
    content: ts(c.content),
    denies: c.denies,
  }));
}

export function quotesToJsonl(doc: Document, lang?: 'fr' | 'en'): string {
  return quotesToJson(doc, lang).map((q) => `${JSON.stringify(q)}\n`).join('');
}

export function claimsToJsonl(doc: Document, lang?: 'fr' | 'en'): string {
  return claimsToJson(doc, lang).map((c) => `${JSON.stringify(c)}\n`).join('');
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** A readable list: "speaker — cue — « content »" per quote. */
export function formatQuotes(doc: Document, lang?: 'fr' | 'en'): string {
  const rows = quotesToJson(doc, lang);
  if (rows.length === 0) return 'no quotes\n';
  return rows
    .map((q) => {
      const who = q.speaker_entity ?? (q.speaker ? oneLine(q.speaker.text) : '(unattributed)');
      const as = q.speaker && q.speaker_entity && oneLine(q.speaker.text) !== q.speaker_entity ? ` ("${oneLine(q.speaker.text)}")` : '';
      const cue = q.cue ? oneLine(q.cue.text) : '—';
      return `${who}${as} — ${cue} — [${q.type}] « ${oneLine(q.content.text)} »`;
    })
    .join('\n')
    .concat('\n');
}

/** A readable list of claims: "claimant — stance — target: content", with the denial links. */
export function formatClaims(doc: Document, lang?: 'fr' | 'en'): string {
  const rows = claimsToJson(doc, lang);
  if (rows.length === 0) return 'no claims\n';
  return rows
    .map((c, i) => `#${i} ${c.claimant ?? '(unknown)'} — ${c.stance}${c.target ? ` — ${c.target}` : ''}: « ${oneLine(c.content.text)} »${c.denies !== null ? `  (denies #${c.denies})` : ''}`)
    .join('\n')
    .concat('\n');
}
