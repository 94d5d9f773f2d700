import type { Document, Lang } from './document.js';
import { tokenizerStage } from './tokenize/index.js';
import { taggerStage } from './tag/stage.js';
import { lemmatizerStage } from './lemmatize/stage.js';
import { parserStage } from './parse/index.js';
import { entitiesStage } from './entities/stage.js';
import { quotesStage } from './quotes/index.js';
import { checkStage } from './check/stage.js';

/**
 * A pipeline stage reads the layers earlier stages wrote and adds its own (spaCy's component
 * idea: it declares what it needs and what it adds, so a missing stage is caught early).
 */
export interface Stage {
  name: string;
  /** Document slots this stage reads, e.g. "sentences", "words.upos". */
  requires: string[];
  /** Document slots this stage fills. */
  assigns: string[];
  /** Model name and version recorded in `Document.stages`. */
  model?: string;
  run(doc: Document): void;
}

export interface AnalyzeOptions {
  /** Force a language instead of the identified one. */
  lang?: Lang | 'auto';
  /** Run stages up to and including this one (all when absent). */
  upTo?: string;
}

/** Loads the stages for a language, in order. Each stage loads its model once and caches it. */
export type StageFactory = (lang: 'fr' | 'en') => Stage;

/** The stage factories in pipeline order; each annotation stage registers itself here. */
export const stageFactories: { name: string; create: StageFactory }[] = [
  // The tokenizer goes first; the tagger and lemmatizer need its words.
  { name: 'tokenize', create: tokenizerStage },
  { name: 'tag', create: (lang) => taggerStage(lang) },
  { name: 'lemmatize', create: lemmatizerStage },
  { name: 'parse', create: parserStage },
  { name: 'entities', create: entitiesStage },
  // Quotes and claims come after the entities stage (speakers resolve through doc.entities).
  { name: 'quotes', create: quotesStage },
  // The checker reads the trees; it re-runs the tree stages on boilerplate blocks (not tokenised above).
  { name: 'check', create: (lang) => checkStage(lang, () => stageFactories.filter((f) => ['tokenize', 'tag', 'lemmatize', 'parse'].includes(f.name)).map((f) => f.create(lang))) },
];

/**
 * The language to annotate a document in: the one asked for, else the identified one. A document
 * identified as neither French nor English is read as French (the first language of the models),
 * with a warning saying so and how to choose; `reading` names what the command does with it.
 */
export function annotationLanguage(
  doc: Document,
  requested: Lang | 'auto',
  source: string,
  warn: (message: string) => void,
  reading: string,
): 'fr' | 'en' {
  if (requested === 'fr' || requested === 'en') return requested;
  if (doc.meta.lang === 'fr' || doc.meta.lang === 'en') return doc.meta.lang;
  warn(`${source}: language not identified as French or English; ${reading} it as French (use --lang fr|en)`);
  return 'fr';
}

/** Runs every available stage on an extracted document. */
export async function analyzeDocument(doc: Document, opts: AnalyzeOptions = {}): Promise<Document> {
  const lang = opts.lang && opts.lang !== 'auto' ? opts.lang : doc.meta.lang;
  // Languages without a model are annotated with the French models only when asked explicitly;
  // by default an 'other' document gets extraction only.
  if (lang !== 'fr' && lang !== 'en') return doc;
  for (const { name, create } of stageFactories) {
    const stage = create(lang);
    stage.run(doc);
    doc.stages.push({ name: stage.name, model: stage.model });
    if (opts.upTo === name) break;
  }
  return doc;
}
