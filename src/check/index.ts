/**
 * Language-quality checker: agreement and conjugation errors read from the dependency tree and the
 * morphology, each with ranked suggestions generated from an inflection lexicon.
 *
 * (Stub written by the lead; the French rules engineer owns this file.)
 */
import type { Document, Flag } from '../document.js';
import { checkEnglish } from './english.js';

/** Flags for an annotated document (sentences with words, tags, features, heads). */
export function checkDocument(doc: Document): Flag[] {
  if (doc.meta.lang === 'en') return checkEnglish(doc);
  return [];
}
