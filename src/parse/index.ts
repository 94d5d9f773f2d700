/**
 * Dependency parser: tagged words → labelled UD tree (head and deprel of every word).
 *
 *   const parser = loadParser('fr');
 *   parseSentence(sentence.words, parser);   // fills head / deprel in place
 */
import type { Document, Word } from '../document.js';
import type { Stage } from '../pipeline.js';
import { modelPath } from '../models.js';
import { loadParserFile, PARSER_MODEL_VERSION } from './model.js';
import { Parser } from './parser.js';

export { Parser, type ParseResult } from './parser.js';
export type { ParserInput } from './encode.js';
export { loadParserFile, saveParser, PARSER_MODEL_VERSION, type ParserMeta } from './model.js';
export { isValidTree } from './tree.js';

const cache = new Map<'fr' | 'en', Parser>();

export function parserModelPath(lang: 'fr' | 'en'): string {
  return modelPath(lang, 'parser.bin');
}

/** The parser of a language, loaded once from models/<lang>/parser.bin. */
export function loadParser(lang: 'fr' | 'en'): Parser {
  let p = cache.get(lang);
  if (!p) {
    p = loadParserFile(parserModelPath(lang)).parser;
    cache.set(lang, p);
  }
  return p;
}

/** Parses one sentence's words and writes `head` and `deprel` into them. */
export function parseSentence(words: Word[], parser: Parser): void {
  const { heads, deprels } = parser.parse(words);
  for (let i = 0; i < words.length; i++) {
    words[i].head = heads[i];
    words[i].deprel = deprels[i];
  }
}

/** The pipeline stage: runs after the tagger and lemmatizer, fills head and deprel. */
export function parserStage(lang: 'fr' | 'en'): Stage {
  const parser = loadParser(lang);
  return {
    name: 'parse',
    requires: ['sentences', 'words.upos', 'words.xpos', 'words.feats', 'words.lemma'],
    assigns: ['words.head', 'words.deprel'],
    model: `parser-${lang}/v${PARSER_MODEL_VERSION}`,
    run(doc: Document): void {
      for (const s of doc.sentences ?? []) parseSentence(s.words, parser);
    },
  };
}
