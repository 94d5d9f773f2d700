/**
 * Reading an article and running the pipeline for the quote and claim commands (and the bench):
 * the whole pipeline when it can run; when a stage cannot (a model not trained yet), every stage
 * that can, in order, then the quotes stage on whatever layers exist.
 */
import type { Document } from '../document.js';
import { VigieError } from '../errors.js';
import { readArticle, type InputFormat } from '../extract/index.js';
import { analyzeDocument, annotationLanguage, stageFactories } from '../pipeline.js';
import { tokenizerStage } from '../tokenize/index.js';
import { annotateQuotes, QUOTES_MODEL } from './index.js';

export interface QuoteRunOptions {
  lang: 'auto' | 'fr' | 'en';
  input?: InputFormat;
  /** Receives warnings (one line each). */
  warn?: (message: string) => void;
}

function stderrWarn(m: string): void {
  process.stderr.write(`vigie: warning: ${m}\n`);
}

/** Fills doc.quotes and doc.claims, with as many earlier layers as the installed models allow. */
export async function analyzeForQuotes(doc: Document, lang: 'fr' | 'en', warn: (m: string) => void = stderrWarn): Promise<void> {
  try {
    // Stages after the quotes stage (language checks) add nothing quotes or claims read.
    await analyzeDocument(doc, { lang, upTo: 'quotes' });
  } catch (err) {
    if (!(err instanceof VigieError)) throw err;
    warn(`${err.message.split('\n')[0]}; quotes found with the stages that can run`);
    // Start again from the extracted article and run each stage that can.
    doc.sentences = undefined;
    doc.entities = undefined;
    doc.quotes = undefined;
    doc.claims = undefined;
    doc.stages = doc.stages.filter((s) => s.name === 'extract');
    const run = (make: () => { name: string; model?: string; run(d: Document): void }) => {
      try {
        const stage = make();
        stage.run(doc);
        doc.stages.push({ name: stage.name, model: stage.model });
      } catch (e) {
        if (!(e instanceof VigieError)) throw e;
      }
    };
    if (!stageFactories.some((f) => f.name === 'tokenize')) run(() => tokenizerStage(lang));
    for (const f of stageFactories) {
      if (f.name === 'quotes') break;
      run(() => f.create(lang));
    }
  }
  if (!doc.quotes || !doc.claims) {
    annotateQuotes(doc, lang);
    doc.stages.push({ name: 'quotes', model: `${QUOTES_MODEL}-${lang}` });
  }
}

/** The article of a file with doc.quotes and doc.claims filled, and the language used. */
export async function readAndAnalyze(file: string, o: QuoteRunOptions): Promise<{ doc: Document; lang: 'fr' | 'en' }> {
  const warn = o.warn ?? stderrWarn;
  const doc = readArticle(file, { format: o.input ?? 'auto', onWarning: warn });
  const lang = annotationLanguage(doc, o.lang, file, warn, 'reading');
  await analyzeForQuotes(doc, lang, warn);
  return { doc, lang };
}
