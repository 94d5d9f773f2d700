/**
 * The quotes stage alone on a test text (no tagger or parser), with the check every quote and
 * claim test makes: each span's text is the text at its offsets.
 */
import assert from 'node:assert/strict';
import { annotateQuotes, claimsToJson, quotesToJson, type ClaimJson, type QuoteJson } from '../src/quotes/index.js';
import { makeDoc } from './text-documents.js';

export function stageQuotes(text: string, lang: 'fr' | 'en'): QuoteJson[] {
  const doc = makeDoc(text, lang);
  annotateQuotes(doc, lang);
  const quotes = quotesToJson(doc, lang);
  for (const q of quotes) {
    for (const s of [q.content, q.cue, q.speaker]) if (s) assert.equal(doc.text.slice(s.start, s.end), s.text);
  }
  return quotes;
}

export function stageClaims(text: string, lang: 'fr' | 'en'): ClaimJson[] {
  const doc = makeDoc(text, lang);
  annotateQuotes(doc, lang);
  const claims = claimsToJson(doc, lang);
  for (const c of claims) assert.equal(doc.text.slice(c.content.start, c.content.end), c.content.text);
  return claims;
}

/** The quote whose content contains `fragment` (fails the test when there is none). */
export function findQuote(quotes: QuoteJson[], fragment: string): QuoteJson {
  const q = quotes.find((x) => x.content.text.includes(fragment));
  assert.ok(q, `no quote containing "${fragment}" in ${JSON.stringify(quotes.map((x) => x.content.text))}`);
  return q;
}
