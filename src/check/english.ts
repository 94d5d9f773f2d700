/**
 * English rules of the checker (subject–verb agreement, a/an).
 * (Stub written by the lead; the English/evaluation engineer owns this file.)
 */
import type { Document, Flag } from '../document.js';

export function checkEnglish(doc: Document): Flag[] {
  void doc;
  return [];
}
