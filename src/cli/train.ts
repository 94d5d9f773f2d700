import type { Command } from 'commander';
import { VigieError } from '../errors.js';
import { trainTokenizer } from '../tokenize/train.js';
import { trainTaggerUnit } from '../tag/train.js';
import { trainLemmatizerUnit } from '../lemmatize/train.js';
import { trainParserUnit } from '../parse/train-unit.js';
import { trainNerUnit } from '../entities/train.js';
import { trainInflectionsUnit } from '../check/inflections.js';

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

/** Trainers by unit name, in the order `vigie train all` runs them (later units may use earlier models). */
export const trainers: { unit: string; train: (opts: TrainOptions) => Promise<void> }[] = [
  { unit: 'tokenizer', train: trainTokenizer },
  { unit: 'tagger', train: trainTaggerUnit },
  { unit: 'lemmatizer', train: trainLemmatizerUnit },
  { unit: 'parser', train: (opts) => trainParserUnit(opts) },
  { unit: 'ner', train: trainNerUnit },
  { unit: 'inflections', train: trainInflectionsUnit },
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
