import { Command, Option } from 'commander';
import { VigieError } from '../errors.js';
import { documentToJson, mainText, readArticle, type InputFormat } from '../extract/index.js';

interface ExtractCliOptions {
  format: 'json' | 'text';
  input: InputFormat;
  url?: string;
}

/** `vigie extract FILE...`: the clean article of each file (HTML or plain text, "-" for stdin). */
export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description(
      'Read news articles (HTML in any declared encoding, gzip accepted, or plain text) and print the clean ' +
        'article: JSON Document (one file: indented; several files: one Document per line) or the main text.',
    )
    .argument('<files...>', 'HTML or text files; "-" reads standard input')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['json', 'text']).default('json'))
    .addOption(new Option('--input <format>', 'input format').choices(['auto', 'html', 'text']).default('auto'))
    .option('--url <url>', 'URL of the page (recorded in the metadata)')
    .action((files: string[], o: ExtractCliOptions) => {
      const several = files.length > 1;
      let failed = 0;
      for (const file of files) {
        try {
          const doc = readArticle(file, {
            format: o.input,
            url: o.url ?? null,
            onWarning: (w) => process.stderr.write(`vigie: warning: ${w}\n`),
          });
          if (o.format === 'text') process.stdout.write(mainText(doc) + (several ? '\n\n' : '\n'));
          else process.stdout.write(documentToJson(doc, several ? 0 : 2) + '\n');
        } catch (err) {
          // With several files, one bad file is reported and the others still go through.
          if (!several) throw err;
          failed++;
          const msg = err instanceof VigieError ? err.message : `internal error: ${(err as Error)?.message ?? String(err)}`;
          process.stderr.write(`vigie: ${msg.split('\n')[0]}\n`);
        }
      }
      if (failed > 0) process.exitCode = 1;
    });
}
