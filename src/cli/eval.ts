import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { evaluate, evalResultToJson, formatEvalTable } from '../eval/conll18.js';
import { parseConllu, type ConlluSentence } from '../formats/conllu.js';
import { decodeUtf8, readInputBytes } from '../io/read.js';

function readConlluFile(path: string): ConlluSentence[] {
  const { text, invalid } = decodeUtf8(readInputBytes(path));
  if (invalid) throw new InputError(path, null, 'not valid UTF-8');
  return parseConllu(text, path);
}

/** `vigie eval GOLD SYSTEM`: the CoNLL 2018 shared-task scores of a system file against a gold file. */
export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('score a system CoNLL-U file against a gold one with the CoNLL 2018 shared-task metrics')
    .argument('<gold>', 'gold CoNLL-U file')
    .argument('<system>', 'system CoNLL-U file (same text, any tokenisation and sentence split)')
    .option('--json', 'print {metric: {precision, recall, f1, aligned_accuracy}} as JSON instead of the table')
    .action((goldPath: string, systemPath: string, o: { json?: boolean }) => {
      const gold = readConlluFile(goldPath);
      const system = readConlluFile(systemPath);
      const result = evaluate(gold, system, { goldName: goldPath, systemName: systemPath });
      process.stdout.write(o.json ? `${JSON.stringify(evalResultToJson(result), null, 2)}\n` : `${formatEvalTable(result)}\n`);
    });
}
