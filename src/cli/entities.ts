import { Command, Option } from 'commander';
import { readArticle, type InputFormat } from '../extract/index.js';
import { analyzeDocument } from '../pipeline.js';
import { entitiesText, entityMentionsJsonl } from '../entities/output.js';
import { runStagesUpToEntities } from '../entities/stage.js';
import { VigieError } from '../errors.js';

interface EntitiesCliOptions {
  format: 'text' | 'jsonl';
  input: InputFormat;
  lang: 'auto' | 'fr' | 'en';
}

/**
 * `vigie entities FILE`: the entities of an article. `--format jsonl` prints one line per mention
 * {"start","end","text","type","entity"} with offsets into Document.text (the file's text as read
 * for plain text, the extracted text for HTML); pronoun and role-noun links are mentions of type
 * PRON and ROLE.
 */
export function registerEntities(program: Command): void {
  program
    .command('entities')
    .description('List the named entities of an article (people, organisations, places, other), grouped per entity.')
    .argument('<file>', 'HTML or text file; "-" reads standard input')
    .addOption(new Option('-f, --format <format>', 'output: readable list or one JSON line per mention').choices(['text', 'jsonl']).default('text'))
    .addOption(new Option('--lang <lang>', 'language (default: identified)').choices(['auto', 'fr', 'en']).default('auto'))
    .addOption(new Option('--input <format>', 'input format').choices(['auto', 'html', 'text']).default('auto'))
    .action(async (file: string, o: EntitiesCliOptions) => {
      const doc = readArticle(file, { format: o.input, onWarning: (w) => process.stderr.write(`vigie: warning: ${w}\n`) });
      const lang = o.lang === 'auto' ? doc.meta.lang : o.lang;
      if (lang !== 'fr' && lang !== 'en') {
        process.stderr.write(`vigie: warning: ${file}: language not identified as French or English; no entities (use --lang fr|en)\n`);
        return;
      }
      try {
        await analyzeDocument(doc, { lang, upTo: 'entities' });
      } catch (err) {
        // A stage before this one could not run (e.g. its model is not trained yet): run the
        // stages that can, then the entities stage, which needs only tokens, rather than fail.
        if (!(err instanceof VigieError)) throw err;
        runStagesUpToEntities(doc, lang, (w) => process.stderr.write(`vigie: warning: ${w}\n`));
      }
      process.stdout.write(o.format === 'jsonl' ? entityMentionsJsonl(doc) : entitiesText(doc));
    });
}
