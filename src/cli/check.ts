import { Command, Option } from 'commander';
import type { Document, Flag } from '../document.js';
import { readArticle, type InputFormat } from '../extract/index.js';
import { annotationLanguage, stageFactories } from '../pipeline.js';

interface CheckCliOptions {
  format: 'text' | 'jsonl';
  input: InputFormat;
  lang: 'auto' | 'fr' | 'en';
}

/** The stages the checker needs, in pipeline order (entities and quotes are not read by it). */
const CHECK_STAGES = ['tokenize', 'tag', 'lemmatize', 'parse', 'check'];

/** Reads a file and returns its document with doc.flags filled. */
export function checkFile(file: string, o: { lang: 'auto' | 'fr' | 'en'; input?: InputFormat; warn?: (m: string) => void }): Document {
  const warn = o.warn ?? ((m: string) => process.stderr.write(`vigie: warning: ${m}\n`));
  const doc = readArticle(file, { format: o.input ?? 'auto', onWarning: warn });
  const lang = annotationLanguage(doc, o.lang, file, warn, 'checking');
  doc.meta.lang = lang;
  for (const f of stageFactories) {
    if (!CHECK_STAGES.includes(f.name)) continue;
    const stage = f.create(lang);
    stage.run(doc);
    doc.stages.push({ name: stage.name, model: stage.model });
  }
  return doc;
}

/** One JSON object per line, keys in the machine contract's order. */
export function flagsToJsonl(flags: Flag[]): string {
  return flags.map((f) => `${JSON.stringify({ rule: f.rule, start: f.start, end: f.end, text: f.text, message: f.message, suggestions: f.suggestions })}\n`).join('');
}

/** Readable list: position, rule, message, the line with the span in brackets, the suggestions. */
export function formatFlags(doc: Document, flags: Flag[]): string {
  if (flags.length === 0) return 'No flags.\n';
  const out: string[] = [];
  for (const f of flags) {
    const lineStart = doc.text.lastIndexOf('\n', f.start - 1) + 1;
    let lineEnd = doc.text.indexOf('\n', f.end);
    if (lineEnd < 0) lineEnd = doc.text.length;
    const line = doc.text.slice(0, f.start).split('\n').length;
    const column = f.start - lineStart + 1;
    // Long paragraphs are cut to about 80 characters either side of the span.
    const from = Math.max(lineStart, f.start - 80);
    const to = Math.min(lineEnd, f.end + 80);
    const before = (from > lineStart ? '…' : '') + doc.text.slice(from, f.start);
    const after = doc.text.slice(f.end, to) + (to < lineEnd ? '…' : '');
    out.push(`${line}:${column}  ${f.rule}  ${f.message}\n    ${before}[${f.text}]${after}\n    → ${f.suggestions.join(' | ')}\n`);
  }
  return `${out.join('\n')}\n${flags.length} flag${flags.length > 1 ? 's' : ''}.\n`;
}

/**
 * `vigie check FILE`: language-quality flags (agreement, verb forms, missing determiners) with
 * suggested fixes. `--format jsonl` prints one line per flag:
 * {"rule","start","end","text","message","suggestions"}, offsets in UTF-16 code units of
 * Document.text (the file's text as read for plain text, the extracted article for HTML);
 * `text` is that text's [start, end).
 */
export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('Flag agreement and verb-form errors (French; English rules where available) with suggested fixes.')
    .argument('<file>', 'HTML or text file; "-" reads standard input')
    .addOption(new Option('-f, --format <format>', 'output: readable list or one JSON line per flag').choices(['text', 'jsonl']).default('text'))
    .addOption(new Option('--lang <lang>', 'language (default: identified)').choices(['auto', 'fr', 'en']).default('auto'))
    .addOption(new Option('--input <format>', 'input format').choices(['auto', 'html', 'text']).default('auto'))
    .action((file: string, o: CheckCliOptions) => {
      const doc = checkFile(file, { lang: o.lang, input: o.input });
      const flags = doc.flags ?? [];
      process.stdout.write(o.format === 'jsonl' ? flagsToJsonl(flags) : formatFlags(doc, flags));
    });
}
