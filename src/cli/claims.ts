import { Command, Option } from 'commander';
import type { InputFormat } from '../extract/index.js';
import { claimsToJson, claimsToJsonl, formatClaims } from '../quotes/index.js';
import { readAndAnalyze } from '../quotes/run.js';

interface ClaimsCliOptions {
  format: 'text' | 'jsonl' | 'json';
  input: InputFormat;
  lang: 'auto' | 'fr' | 'en';
}

/**
 * `vigie claims FILE`: accusations, denials and assertions. `--format jsonl` prints one line per
 * claim: {"stance":"accuse|deny|assert","claimant":name|null,"target":name|null,
 * "content":{"start","end","text"},"denies":index of the denied claim in this output|null}.
 */
export function registerClaims(program: Command): void {
  program
    .command('claims')
    .description('List the claims of an article (accusations, denials, assertions), with each denial linked to the claim it denies.')
    .argument('<file>', 'HTML or text file; "-" reads standard input')
    .addOption(new Option('-f, --format <format>', 'output: readable list, one JSON line per claim, or a JSON array').choices(['text', 'jsonl', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'language (default: identified)').choices(['auto', 'fr', 'en']).default('auto'))
    .addOption(new Option('--input <format>', 'input format').choices(['auto', 'html', 'text']).default('auto'))
    .action(async (file: string, o: ClaimsCliOptions) => {
      const { doc, lang } = await readAndAnalyze(file, { lang: o.lang, input: o.input });
      if (o.format === 'jsonl') process.stdout.write(claimsToJsonl(doc, lang));
      else if (o.format === 'json') process.stdout.write(`${JSON.stringify(claimsToJson(doc, lang), null, 2)}\n`);
      else process.stdout.write(formatClaims(doc, lang));
    });
}
