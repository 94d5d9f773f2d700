/**
 * Tokenizer: raw text → sentences → tokens → syntactic words, following the UD treebank
 * conventions of each language (French: Sequoia/GSD; English: EWT).
 */
import type { Document, Sentence, Span } from '../document.js';
import type { Stage } from '../pipeline.js';
import { loadTokenizerModel, tokenizerModelPath, TOKENIZER_VERSION } from './model.js';
import { splitParagraphs, Tokenizer } from './tokenizer.js';

export { Tokenizer, splitParagraphs, MAX_SENTENCE_TOKENS, type TokenizerStats } from './tokenizer.js';
export { loadTokenizerModel, saveTokenizerModel, tokenizerModelPath, type TokenizerModel } from './model.js';
export { trainTokenizer } from './train.js';

const cache = new Map<'fr' | 'en', Tokenizer>();

/** The tokenizer of a language, loaded once from models/<lang>/tokenizer.bin. */
export function loadTokenizer(lang: 'fr' | 'en'): Tokenizer {
  let t = cache.get(lang);
  if (!t) {
    t = new Tokenizer(loadTokenizerModel(tokenizerModelPath(lang)));
    cache.set(lang, t);
  }
  return t;
}

/** Sentences of a plain text (paragraphs split on blank lines), ids "1", "2", ... */
export function tokenizeText(text: string, lang: 'fr' | 'en'): Sentence[] {
  return loadTokenizer(lang).tokenizeParagraphs(text, splitParagraphs(text));
}

/** Paragraphs in text order without overlaps (a paragraph overlapping the previous one is cut). */
function orderedParagraphs(doc: Document): Span[] {
  const sorted = [...doc.paragraphs].sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  let last = 0;
  for (const p of sorted) {
    const start = Math.max(p.start, last, 0);
    const end = Math.min(p.end, doc.text.length);
    if (end > start) {
      out.push({ start, end });
      last = end;
    }
  }
  return out;
}

/** The pipeline stage: fills doc.sentences from doc.paragraphs (every kind; boilerplate is not a paragraph). */
export function tokenizerStage(lang: 'fr' | 'en'): Stage {
  const tokenizer = loadTokenizer(lang);
  return {
    name: 'tokenize',
    requires: ['text', 'paragraphs'],
    assigns: ['sentences', 'tokens', 'words.form'],
    model: `tokenizer-${lang}/v${TOKENIZER_VERSION}`,
    run(doc: Document): void {
      doc.sentences = tokenizer.tokenizeParagraphs(doc.text, orderedParagraphs(doc));
    },
  };
}
