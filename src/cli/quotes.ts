import { Command, Option } from 'commander';
import type { InputFormat } from '../extract/index.js';
import { formatQuotes, quotesToJson, quotesToJsonl } from '../quotes/index.js';
import { readAndAnalyze } from '../quotes/run.js';

interface QuotesCliOptions {
  format: 'text' | 'jsonl' | 'json';
  input: InputFormat;
  lang: 'auto' | 'fr' | 'en';
}

/**
 * `vigie quotes FILE`: the quotes of an article, "speaker — cue — content" per line.
 * `--format jsonl` prints one line per quote: {"type","content":{"start","end","text"},
 * "cue":{"start","end","text","lemma"}|null,"speaker":{"start","end","text"}|null,
 * "speaker_entity":"canonical name"|null}, offsets in UTF-16 code units of Document.text (the
 * file's text as read for plain text, the extracted article for HTML).
 */
export function registerQuotes(program: Command): void {
  program
    .command('quotes')
    .description('List the quotes of an article (direct, indirect, mixed) with speaker, cue and content.')
    .argument('<file>', 'HTML or text file; "-" reads standard input')
    .addOption(new Option('-f, --format <format>', 'output: readable list, one JSON line per quote, or a JSON array').choices(['text', 'jsonl', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'language (default: identified)').choices(['auto', 'fr', 'en']).default('auto'))
    .addOption(new Option('--input <format>', 'input format').choices(['auto', 'html', 'text']).default('auto'))
    .action(async (file: string, o: QuotesCliOptions) => {
      const { doc, lang } = await readAndAnalyze(file, { lang: o.lang, input: o.input });
      if (o.format === 'jsonl') process.stdout.write(quotesToJsonl(doc, lang));
      else if (o.format === 'json') process.stdout.write(`${JSON.stringify(quotesToJson(doc, lang), null, 2)}\n`);
      else process.stdout.write(formatQuotes(doc, lang));
    });
}
