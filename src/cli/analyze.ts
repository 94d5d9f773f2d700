import { Command, Option } from 'commander';
import { documentToJson, readArticle, type InputFormat } from '../extract/index.js';
import { analysisTextView } from './analysis-view.js';
import { analyzeDocument } from '../pipeline.js';

interface AnalyzeCliOptions {
  format: 'json' | 'text';
  input: InputFormat;
  url?: string;
  lang: 'auto' | 'fr' | 'en';
}

/** `vigie analyze FILE|-`: extraction followed by the annotation stages of src/pipeline.ts. */
export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('Extract an article (HTML or plain text) and run the annotation pipeline on it; print the Document.')
    .argument('<file>', 'HTML or text file; "-" reads standard input')
    .addOption(new Option('-f, --format <format>', 'output: JSON Document or a readable view').choices(['json', 'text']).default('json'))
    .addOption(new Option('--input <format>', 'input format').choices(['auto', 'html', 'text']).default('auto'))
    .addOption(new Option('--lang <lang>', 'language (default: identified)').choices(['auto', 'fr', 'en']).default('auto'))
    .option('--url <url>', 'URL of the page (recorded in the metadata)')
    .action(async (file: string, o: AnalyzeCliOptions) => {
      const doc = readArticle(file, {
        format: o.input,
        url: o.url ?? null,
        onWarning: (w) => process.stderr.write(`vigie: warning: ${w}\n`),
      });
      const analysed = await analyzeDocument(doc, { lang: o.lang });
      process.stdout.write(o.format === 'text' ? analysisTextView(analysed) : documentToJson(analysed, 2) + '\n');
    });
}
