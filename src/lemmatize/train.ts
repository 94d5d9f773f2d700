/**
 * Training the lemmatizer: the (form, UPOS) → lemma dictionary of the training treebanks, and an
 * averaged-perceptron classifier over lemma classes (casing + suffix edit script) trained on the
 * distinct (form, UPOS, feats) types, which is what generalises to words never seen.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FeatureBuffer } from '../learn/features.js';
import { PerceptronTrainer, argmax } from '../learn/perceptron.js';
import { saveModel } from '../learn/model-file.js';
import type { ConlluSentence } from '../formats/conllu.js';
import { packageRoot } from '../models.js';
import { loadLexicon, saveLexicon, type Lexicon } from '../tag/lexicon.js';
import { buildExternalLexicon } from '../tag/lexicon-sources.js';
import { readTagger, type Tagger } from '../tag/tagger.js';
import { loadTrainingData, seededRandom, shuffle } from '../tag/training-data.js';
import { classOf, lemmaFeatures, type LemmaContext } from './features.js';
import type { TrainOptions } from '../cli/train.js';
import { LEMMATIZER_KIND, LEMMATIZER_VERSION, Lemmatizer, lemmatizerArrays, savedLemmatizerMeta, type LemmatizerMeta } from './lemmatizer.js';

export interface LemmatizerTrainOptions {
  lang: 'fr' | 'en';
  out?: string;
  data?: string;
  seed: number;
  epochs?: number;
  prune?: number;
  /** Classes seen on fewer distinct types than this are not learnt (irregular one-offs). */
  minClassCount?: number;
  useLexicon?: boolean;
  log?: (line: string) => void;
}

interface Example {
  form: string;
  upos: string;
  feats: string;
  initial: boolean;
  cls: number;
}

function mostFrequent(counts: Map<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [k, c] of counts) if (c > bestCount || (c === bestCount && k < best)) [best, bestCount] = [k, c];
  return best;
}

function bump(map: Map<string, Map<string, number>>, key: string, value: string): void {
  let m = map.get(key);
  if (!m) map.set(key, (m = new Map()));
  m.set(value, (m.get(value) ?? 0) + 1);
}

export interface LemmaAccuracy {
  words: number;
  lemmas: number;
}

/** Lemma accuracy on gold words, with gold tags or with the tags of `tagger`. */
export function lemmaAccuracy(lemmatizer: Lemmatizer, sentences: ConlluSentence[], tagger?: Tagger, convention?: string): LemmaAccuracy {
  let words = 0;
  let correct = 0;
  for (const s of sentences) {
    const forms = s.words.map((w) => w.form);
    const tags = tagger ? tagger.tag(forms, { convention }) : null;
    s.words.forEach((w, i) => {
      if (w.lemma === '_') return;
      words++;
      const lemma = lemmatizer.lemmatize(w.form, tags ? tags.upos[i] : w.upos, tags ? tags.feats[i] : w.feats, i === 0);
      if (lemma === w.lemma) correct++;
    });
  }
  return { words, lemmas: words ? (100 * correct) / words : 0 };
}

function lexiconFor(lang: 'fr' | 'en', outDir: string, log: (l: string) => void): Lexicon {
  const path = join(outDir, 'lexicon.bin');
  if (existsSync(path)) return loadLexicon(path);
  log(`lemmatizer ${lang}: no ${path}, building the lexicon`);
  const lex = buildExternalLexicon(lang).build();
  saveLexicon(path, lex);
  return lex;
}

export async function trainLemmatizer(opts: LemmatizerTrainOptions): Promise<Lemmatizer> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const started = Date.now();
  const data = loadTrainingData(opts.lang, opts.data);
  const outDir = opts.out ?? join(packageRoot, 'models', opts.lang);
  const epochs = opts.epochs ?? 10;
  const prune = opts.prune ?? 0.02;
  const minClassCount = opts.minClassCount ?? 2;
  const lexicon = lexiconFor(opts.lang, outDir, log);

  const byFormUpos = new Map<string, Map<string, number>>();
  const byType = new Map<string, Map<string, number>>();
  const byFormUposFeats = new Map<string, Map<string, number>>();
  const uposSet = new Set<string>();
  for (const part of data.train) {
    for (const s of part.sentences) {
      s.words.forEach((w, i) => {
        if (w.lemma === '_' || w.upos === '_') return;
        uposSet.add(w.upos);
        bump(byFormUpos, `${w.form}\t${w.upos}`, w.lemma);
        bump(byFormUposFeats, `${w.form}\t${w.upos}\t${w.feats}`, w.lemma);
        bump(byType, `${w.form}\t${w.upos}\t${w.feats}\t${i === 0 ? 1 : 0}`, w.lemma);
      });
    }
  }
  const upos = [...uposSet].sort();
  const dictionary = [...byFormUpos.keys()].sort().map((k) => `${k}\t${mostFrequent(byFormUpos.get(k)!)}`);
  // Feature-specific lemmas, kept only where they differ from the (form, UPOS) lemma and were seen twice.
  const byFeats: string[] = [];
  for (const k of [...byFormUposFeats.keys()].sort()) {
    const counts = byFormUposFeats.get(k)!;
    const lemma = mostFrequent(counts);
    const [form, u] = k.split('\t');
    if (lemma !== mostFrequent(byFormUpos.get(`${form}\t${u}`)!) && counts.get(lemma)! >= 2) byFeats.push(`${k}\t${lemma}`);
  }

  // Classes, counted over types.
  const typeList = [...byType.keys()].sort().map((k) => {
    const [form, u, feats, initial] = k.split('\t');
    return { form, upos: u, feats, initial: initial === '1', cls: classOf(form, mostFrequent(byType.get(k)!)) };
  });
  const classCounts = new Map<string, number>();
  for (const t of typeList) classCounts.set(t.cls, (classCounts.get(t.cls) ?? 0) + 1);
  const classes = [...classCounts.entries()].filter(([, c]) => c >= minClassCount).map(([k]) => k).sort();
  const classId = new Map(classes.map((c, i) => [c, i]));
  const examples: Example[] = [];
  const classesByUpos = upos.map(() => new Set<number>());
  for (const t of typeList) {
    const cls = classId.get(t.cls);
    if (cls === undefined) continue;
    examples.push({ ...t, cls });
    classesByUpos[upos.indexOf(t.upos)].add(cls);
  }

  const trainer = new PerceptronTrainer(classes.length, 1 << 14);
  const buf = new FeatureBuffer(64);
  const scores = new Float64Array(classes.length);
  const random = seededRandom(opts.seed);
  const contexts = examples.map((e): LemmaContext => {
    const lower = e.form.toLowerCase();
    return {
      upos: upos.indexOf(e.upos),
      feats: e.feats,
      sentenceInitial: e.initial,
      knownExact: lexicon.find(e.form) >= 0,
      knownLower: lower !== e.form && lexicon.find(lower) >= 0,
    };
  });
  const order = examples.map((_, i) => i);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffle(order, random);
    let correct = 0;
    for (const i of order) {
      const e = examples[i];
      lemmaFeatures(e.form, e.form.toLowerCase(), contexts[i], buf);
      scores.fill(0);
      trainer.score(buf.values, buf.length, scores);
      // Only the classes seen with this UPOS compete, as at run time.
      let guess = -1;
      for (const c of classesByUpos[contexts[i].upos]) if (guess < 0 || scores[c] > scores[guess]) guess = c;
      if (guess < 0) guess = argmax(scores);
      if (guess === e.cls) correct++;
      trainer.update(buf.values, buf.length, e.cls, guess);
      trainer.tick();
    }
    log(`lemmatizer ${opts.lang}: epoch ${epoch}/${epochs} train types ${((100 * correct) / Math.max(1, examples.length)).toFixed(2)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  const model = trainer.finish(prune);
  const meta: LemmatizerMeta = {
    lang: opts.lang,
    upos,
    classes,
    classesByUpos: classesByUpos.map((s) => [...s].sort((a, b) => a - b)),
    dictionary: dictionary.join('\n'),
    dictionaryByFeats: byFeats.join('\n'),
    lexicon: 'lexicon.bin',
    useLexicon: opts.useLexicon ?? true,
    training: {},
  };
  const lemmatizer = new Lemmatizer(meta, model, lexicon);
  const figures: Record<string, unknown> = {
    epochs,
    prune,
    seed: opts.seed,
    types: examples.length,
    classes: classes.length,
    dictionary: dictionary.length,
    dictionaryByFeats: byFeats.length,
    rows: model.rows,
  };
  const taggerPath = join(outDir, 'tagger.bin');
  const tagger = existsSync(taggerPath) ? readTagger(taggerPath) : undefined;
  for (const d of data.dev) {
    const gold = lemmaAccuracy(lemmatizer, d.sentences);
    const convention = data.conventions[d.convention];
    const predicted = tagger ? lemmaAccuracy(lemmatizer, d.sentences, tagger, convention) : null;
    figures[d.name] = { goldTags: gold.lemmas, predictedTags: predicted?.lemmas ?? null };
    log(`lemmatizer ${opts.lang}: ${d.name} Lemmas ${gold.lemmas.toFixed(2)} (gold tags)${predicted ? `, ${predicted.lemmas.toFixed(2)} (predicted tags)` : ''}`);
  }
  figures.seconds = Math.round((Date.now() - started) / 100) / 10;
  meta.training = figures;
  const path = join(outDir, 'lemmatizer.bin');
  const dictionaryTable = lemmatizer.dictionaryTable;
  saveModel(path, { kind: LEMMATIZER_KIND, version: LEMMATIZER_VERSION, meta: savedLemmatizerMeta(meta, dictionaryTable), arrays: lemmatizerArrays(model, dictionaryTable) });
  log(`lemmatizer ${opts.lang}: wrote ${path} (${figures.seconds} s)`);
  return lemmatizer;
}

/** `vigie train lemmatizer`: trains each language into <out>/<lang>/ (default models/<lang>/). */
export async function trainLemmatizerUnit(opts: TrainOptions): Promise<void> {
  for (const lang of opts.langs) {
    await trainLemmatizer({ lang, out: opts.out ? join(opts.out, lang) : undefined, data: opts.data, seed: opts.seed });
  }
}
