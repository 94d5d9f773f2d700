/**
 * Tagger and lemmatizer figures: CoNLL 2018 scores (UPOS, XPOS, UFeats, AllTags, Lemmas) on the dev
 * and test files of Sequoia, GSD (French model) and EWT, from gold tokenisation and from raw text
 * (tokenizer, then tagger and lemmatizer); tagging + lemmatization speed on one core; load times.
 *
 *   npm run bench:tag                 all treebanks
 *   npm run bench:tag -- fr           French only
 *   npm run bench:tag -- --convention sequoia   French output in the Sequoia convention (default: GSD)
 *
 * Reads ../shared/data/ud (or $VIGIE_SHARED). French figures are given with each treebank's own
 * convention (the model knows both) and, for Sequoia, with the pipeline default too.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseConllu, type ConlluSentence } from '../src/formats/conllu.js';
import { conlluToDocument, sentencesToConllu } from '../src/formats/document-conllu.js';
import { evaluate } from '../src/eval/conll18.js';
import { sharedDataPath } from '../src/models.js';
import type { Document, Sentence } from '../src/document.js';
import { readTagger, type Tagger } from '../src/tag/tagger.js';
import { readLemmatizer, type Lemmatizer } from '../src/lemmatize/lemmatizer.js';
import { modelPath } from '../src/models.js';

interface Set {
  lang: 'fr' | 'en';
  name: string;
  file: string;
  /** The annotation convention of the treebank (French). */
  convention?: string;
}

const SETS: Set[] = [
  { lang: 'fr', name: 'Sequoia dev', file: 'UD_French-Sequoia/fr_sequoia-ud-dev.conllu', convention: 'sequoia' },
  { lang: 'fr', name: 'Sequoia test', file: 'UD_French-Sequoia/fr_sequoia-ud-test.conllu', convention: 'sequoia' },
  { lang: 'fr', name: 'GSD dev*', file: 'UD_French-GSD/fr_gsd-ud-dev.conllu', convention: 'gsd' },
  { lang: 'fr', name: 'GSD test', file: 'UD_French-GSD/fr_gsd-ud-test.conllu', convention: 'gsd' },
  { lang: 'en', name: 'EWT dev', file: 'UD_English-EWT/en_ewt-ud-dev.conllu' },
  { lang: 'en', name: 'EWT test', file: 'UD_English-EWT/en_ewt-ud-test.conllu' },
];

const METRICS = ['Words', 'UPOS', 'XPOS', 'UFeats', 'AllTags', 'Lemmas'] as const;

type RawTokenizer = (text: string, lang: 'fr' | 'en') => Sentence[];

async function rawTokenizer(): Promise<RawTokenizer | null> {
  try {
    const mod = (await import('../src/tokenize/index.js')) as { tokenizeText?: RawTokenizer };
    return mod.tokenizeText ?? null;
  } catch {
    return null;
  }
}

function annotate(doc: Document, tagger: Tagger, lemmatizer: Lemmatizer, convention?: string): void {
  for (const s of doc.sentences ?? []) {
    tagger.tagWords(s.words, { convention });
    lemmatizer.lemmatizeWords(s.words);
  }
}

function row(label: string, gold: ConlluSentence[], doc: Document): string {
  const system = sentencesToConllu(doc);
  // No parser ran: heads are "_", which the evaluation accepts when told to.
  for (const s of system) for (const w of s.words) w.head = -1;
  const r = evaluate(gold, system, { allowMissingHeads: true });
  return `| ${label} | ${METRICS.map((m) => (100 * r[m].f1).toFixed(2)).join(' | ')} |`;
}

function timed<T>(f: () => T): [T, number] {
  const t = performance.now();
  const v = f();
  return [v, performance.now() - t];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const langs = args.filter((a) => a === 'fr' || a === 'en');
  const ci = args.indexOf('--convention');
  const pipelineConvention = ci >= 0 ? args[ci + 1] : undefined;
  const tokenize = await rawTokenizer();
  const models = new Map<string, { tagger: Tagger; lemmatizer: Lemmatizer }>();
  console.log('| set | Words | UPOS | XPOS | UFeats | AllTags | Lemmas |');
  console.log('|---|---|---|---|---|---|---|');
  const speedDocs: { doc: Document; lang: 'fr' | 'en' }[] = [];
  for (const set of SETS) {
    if (langs.length && !langs.includes(set.lang)) continue;
    let m = models.get(set.lang);
    if (!m) {
      const [tagger, tms] = timed(() => readTagger(modelPath(set.lang, 'tagger.bin')));
      const [lemmatizer, lms] = timed(() => readLemmatizer(modelPath(set.lang, 'lemmatizer.bin')));
      console.log(`${set.lang}: tagger + lexicon loaded in ${tms.toFixed(0)} ms, lemmatizer in ${lms.toFixed(0)} ms`);
      models.set(set.lang, (m = { tagger, lemmatizer }));
    }
    const gold = parseConllu(readFileSync(sharedDataPath('data', 'ud', set.file), 'utf8'), set.file);
    const convention = set.lang === 'fr' ? (pipelineConvention ?? set.convention) : undefined;
    const doc = conlluToDocument(gold, set.lang);
    annotate(doc, m.tagger, m.lemmatizer, convention);
    console.log(row(`${set.name} gold tok.`, gold, doc));
    if (set.lang === 'fr' && !pipelineConvention && set.convention !== m.tagger.meta.defaultConvention) {
      const d2 = conlluToDocument(gold, set.lang);
      annotate(d2, m.tagger, m.lemmatizer, m.tagger.meta.defaultConvention);
      console.log(row(`${set.name} gold tok., ${m.tagger.meta.defaultConvention} conv.`, gold, d2));
    }
    if (tokenize) {
      const raw = conlluToDocument(gold, set.lang);
      raw.sentences = tokenize(raw.text, set.lang);
      annotate(raw, m.tagger, m.lemmatizer, convention);
      console.log(row(`${set.name} raw text`, gold, raw));
    }
    speedDocs.push({ doc: conlluToDocument(gold, set.lang), lang: set.lang });
  }
  if (!tokenize) console.log('\n(raw-text rows need src/tokenize: not available)');
  // Speed: tagging + lemmatization of every gold-tokenised set with freshly loaded models (cold
  // caches: every form is new to the tagger), then again (warm caches). CPU time is reported too,
  // as wall time means little on a busy machine.
  const fresh = new Map<string, { tagger: Tagger; lemmatizer: Lemmatizer }>();
  for (const lang of models.keys()) {
    fresh.set(lang, { tagger: readTagger(modelPath(lang, 'tagger.bin')), lemmatizer: readLemmatizer(modelPath(lang, 'lemmatizer.bin')) });
  }
  for (const pass of ['cold', 'warm']) {
    let words = 0;
    let ms = 0;
    let cpuMs = 0;
    for (const { doc, lang } of speedDocs) {
      const m = fresh.get(lang)!;
      const t = performance.now();
      const cpu = process.cpuUsage();
      annotate(doc, m.tagger, m.lemmatizer);
      ms += performance.now() - t;
      const used = process.cpuUsage(cpu);
      cpuMs += (used.user + used.system) / 1000;
      for (const s of doc.sentences ?? []) words += s.words.length;
    }
    console.log(`speed (${pass} caches): ${words} words tagged and lemmatized in ${ms.toFixed(0)} ms wall = ${Math.round(words / (ms / 1000))} words/s; ${cpuMs.toFixed(0)} ms CPU = ${Math.round(words / (cpuMs / 1000))} words/s (one thread)`);
  }
  console.log('* GSD dev is French training data: its row is not a held-out figure.');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
