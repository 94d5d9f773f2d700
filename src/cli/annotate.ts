import { Command, Option } from 'commander';
import { emptyMeta, type Document, type Lang } from '../document.js';
import { VigieError } from '../errors.js';
import { identifyLanguage } from '../extract/langid.js';
import { documentToJson } from '../extract/json.js';
import type { ConlluSentence } from '../formats/conllu.js';
import { writeConllu } from '../formats/conllu.js';
import { sentencesToConllu } from '../formats/document-conllu.js';
import { decodeUtf8, looksBinary, readInputBytes } from '../io/read.js';
import { analyzeDocument, stageFactories } from '../pipeline.js';
import { splitParagraphs } from '../tokenize/tokenizer.js';

interface AnnotateCliOptions {
  lang: 'auto' | 'fr' | 'en';
  format: 'conllu' | 'json';
  upTo?: string;
}

/**
 * A Document over plain text exactly as read: every paragraph (blank-line separated, or one per
 * line when no line is blank) is annotated; nothing is set aside as boilerplate.
 */
export function plainTextDocument(text: string, lang: 'auto' | 'fr' | 'en'): Document {
  const meta = emptyMeta('text');
  let chosen: Lang;
  if (lang === 'auto') {
    const guess = identifyLanguage(text);
    // Text in another language is still annotated, with the French models (the first language).
    chosen = guess.lang === 'en' ? 'en' : 'fr';
    meta.langConfidence = guess.confidence;
  } else {
    chosen = lang;
    meta.langConfidence = 1;
  }
  meta.lang = chosen;
  return {
    version: 1,
    text,
    meta,
    paragraphs: splitParagraphs(text).map((p) => ({ ...p, kind: 'body' as const })),
    boilerplate: [],
    stages: [],
  };
}

/**
 * The document's sentences as CoNLL-U, with `# newpar` at each paragraph's first sentence. Heads
 * of words no parser attached (relation "_") are written "_", not as roots.
 */
export function annotatedConllu(doc: Document): string {
  const sentences: ConlluSentence[] = sentencesToConllu(doc);
  const docSentences = doc.sentences ?? [];
  const paragraphs = [...doc.paragraphs].sort((a, b) => a.start - b.start);
  let current = -1;
  let k = -1;
  sentences.forEach((s, i) => {
    const start = docSentences[i].start;
    while (k + 1 < paragraphs.length && paragraphs[k + 1].start <= start) k++;
    if (k !== current || i === 0) s.comments.unshift('# newpar');
    current = k;
    for (const w of s.words) if (w.deprel === '_') w.head = -1;
  });
  return writeConllu(sentences);
}

/** `vigie annotate FILE|-`: plain text → sentences, tokens, words (and every later stage) as CoNLL-U or JSON. */
export function registerAnnotate(program: Command): void {
  program
    .command('annotate')
    .description('Annotate a plain-text file (UTF-8) with the pipeline stages; print CoNLL-U or the JSON Document.')
    .argument('<file>', 'text file; "-" reads standard input')
    .addOption(new Option('--lang <lang>', 'language (auto: identified; other languages use the French models)').choices(['auto', 'fr', 'en']).default('auto'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['conllu', 'json']).default('conllu'))
    .option('--up-to <stage>', 'run the stages up to and including this one (e.g. "tokenize")')
    .action(async (file: string, o: AnnotateCliOptions) => {
      if (o.upTo !== undefined && !stageFactories.some((s) => s.name === o.upTo)) {
        throw new VigieError(`unknown stage "${o.upTo}" (${stageFactories.map((s) => s.name).join(', ')})`);
      }
      const bytes = readInputBytes(file);
      const source = file === '-' ? 'standard input' : file;
      if (looksBinary(bytes)) throw new VigieError(`${source}: binary data, not text`);
      const { text, invalid } = decodeUtf8(bytes);
      if (invalid) process.stderr.write(`vigie: warning: ${source}: invalid UTF-8 replaced with U+FFFD\n`);
      const doc = plainTextDocument(text, o.lang);
      await analyzeDocument(doc, { lang: doc.meta.lang, upTo: o.upTo });
      process.stdout.write(o.format === 'json' ? documentToJson(doc, 2) + '\n' : annotatedConllu(doc));
    });
}
