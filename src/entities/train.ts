/**
 * `vigie train ner`: rebuilds the gazetteer from its packages, then trains the NER model of each
 * language on the WikiNEuRal training part (val + test minus the held-out tenth) and reports
 * span F1 on the held-out tenth.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDataPath, modelPath } from '../models.js';
import { VigieError } from '../errors.js';
import type { TrainOptions } from '../cli/train.js';
import { wikiNeuralSplit, type TaggedSentence } from './data.js';
import { bioSpans, bilouSpans, spansToBilou } from './labels.js';
import { NerModel, trainNer, NER_MODEL_VERSION, type NerMeta, type TrainExample } from './model.js';
import { Gazetteer } from './gazetteer.js';
import { writeGazetteer } from './build-gazetteer.js';
import { SpanScorer, formatPRF } from './score.js';

export const NER_EPOCHS = 7;
export const NER_PRUNE = 0.05;

export function nerDataDir(opts?: { data?: string }): string {
  if (opts?.data && existsSync(join(opts.data, 'WikiNEuRal-fr'))) return opts.data;
  return sharedDataPath('data', 'ner');
}

export function wikiNeuralFiles(dir: string, lang: 'fr' | 'en'): string[] {
  const files = ['val.conllu', 'test.conllu'].map((f) => join(dir, `WikiNEuRal-${lang}`, f));
  for (const f of files) if (!existsSync(f)) throw new VigieError(`missing NER data file ${f}`);
  return files;
}

export function toExample(s: TaggedSentence): TrainExample {
  return { sentence: { forms: s.forms }, gold: spansToBilou(bioSpans(s.tags), s.forms.length) };
}

/** Scores a model on tagged sentences: span exact match per type and micro. */
export function evaluate(model: NerModel, sentences: TaggedSentence[], types?: string[]): SpanScorer {
  const scorer = new SpanScorer(types);
  for (const s of sentences) scorer.add(bioSpans(s.tags), bilouSpans(model.label({ forms: s.forms })));
  return scorer;
}

export async function trainNerUnit(opts: TrainOptions): Promise<void> {
  const dir = nerDataDir(opts);
  for (const lang of opts.langs) {
    const outDir = opts.out ?? null;
    const gazPath = outDir ? join(outDir, lang, 'gazetteer.tsv') : modelPath(lang, 'gazetteer.tsv');
    try {
      const n = writeGazetteer(lang, gazPath);
      console.log(`ner ${lang}: gazetteer ${gazPath}: ${n} entries`);
    } catch (err) {
      if (!existsSync(gazPath)) throw err;
      console.log(`ner ${lang}: keeping existing gazetteer (${(err as Error).message})`);
    }
    const gaz = Gazetteer.parse(readFileSync(gazPath, 'utf8'), gazPath);
    const { train, heldOut } = wikiNeuralSplit(wikiNeuralFiles(dir, lang));
    console.log(`ner ${lang}: ${train.length} training sentences, ${heldOut.length} held out`);
    const t0 = Date.now();
    const perceptron = trainNer(train.map(toExample), gaz, {
      epochs: NER_EPOCHS,
      seed: opts.seed,
      useTags: false,
      prune: NER_PRUNE,
      log: (m) => console.log(`ner ${lang}: ${m} (${((Date.now() - t0) / 1000).toFixed(0)} s)`),
    });
    const meta: NerMeta = {
      lang,
      labels: perceptron.nClasses,
      useTags: false,
      trainedOn: `WikiNEuRal-${lang} val+test minus every 10th sentence (silver, CC BY-NC-SA 4.0)`,
      epochs: NER_EPOCHS,
    };
    let model = new NerModel(perceptron, meta, gaz);
    const path = outDir ? join(outDir, lang, 'ner.bin') : modelPath(lang, 'ner.bin');
    model.save(path);
    // Score the model as saved (quantised weights).
    model = NerModel.load(path, gaz);
    const res = evaluate(model, heldOut).result();
    for (const [t, x] of Object.entries(res.perType)) console.log(`ner ${lang} held-out ${formatPRF(t, x)}`);
    console.log(`ner ${lang} held-out ${formatPRF('micro', res.micro)}`);
    console.log(`ner ${lang}: wrote ${path} (model version ${NER_MODEL_VERSION}, ${perceptron.rows} rows)`);
  }
}
