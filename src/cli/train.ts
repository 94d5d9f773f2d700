import type { Command } from 'commander';
import { VigieError } from '../errors.js';

export interface TrainOptions {
  /** Languages to train, default both. */
  langs: ('fr' | 'en')[];
  /** Where to write the model files (default: the package's models/ folder). */
  out?: string;
  /** Override the training data folder (default: ../shared/data/ud). */
  data?: string;
  /** Seed for shuffling. */
  seed: number;
}

/**
 * Trainers by unit name, in the order `vigie train all` runs them (later units may use earlier
 * models). Each trainer module is imported only when its unit is trained: together they cost every
 * other command a few hundred milliseconds of start-up.
 */
export const trainers: { unit: string; train: (opts: TrainOptions) => Promise<void> }[] = [
  { unit: 'tokenizer', train: async (opts) => (await import('../tokenize/train.js')).trainTokenizer(opts) },
  { unit: 'tagger', train: async (opts) => (await import('../tag/train.js')).trainTaggerUnit(opts) },
  { unit: 'lemmatizer', train: async (opts) => (await import('../lemmatize/train.js')).trainLemmatizerUnit(opts) },
  { unit: 'parser', train: async (opts) => (await import('../parse/train-unit.js')).trainParserUnit(opts) },
  { unit: 'ner', train: async (opts) => (await import('../entities/train.js')).trainNerUnit(opts) },
  { unit: 'inflections', train: async (opts) => (await import('../check/inflections.js')).trainInflectionsUnit(opts) },
];

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('train model units from the UD treebanks (tokenizer, tagger, lemmatizer, parser, ... or all)')
    .argument('<unit>', 'unit to train, or "all"')
    .option('--lang <langs>', 'comma-separated languages (fr,en)', 'fr,en')
    .option('--out <dir>', 'folder for model files (default: models/)')
    .option('--data <dir>', 'folder with the UD treebanks (default: ../shared/data/ud)')
    .option('--seed <n>', 'random seed', '1')
    .action(async (unit: string, o: { lang: string; out?: string; data?: string; seed: string }) => {
      const langs = o.lang.split(',').map((l) => l.trim());
      for (const l of langs) if (l !== 'fr' && l !== 'en') throw new VigieError(`unknown language "${l}" (fr, en)`);
      const opts: TrainOptions = { langs: langs as ('fr' | 'en')[], out: o.out, data: o.data, seed: Number(o.seed) || 1 };
      const selected = unit === 'all' ? trainers : trainers.filter((t) => t.unit === unit);
      if (selected.length === 0) {
        throw new VigieError(`unknown unit "${unit}" (${['all', ...trainers.map((t) => t.unit)].join(', ')})`);
      }
      for (const t of selected) await t.train(opts);
    });
}
