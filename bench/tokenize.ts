/**
 * Tokenizer benchmark: CoNLL 2018 Tokens / Sentences / Words F1 from raw text, and speed.
 *
 *   npm run bench:tokenize          (after a build)
 *   VIGIE_SHARED=/path/to/shared    where the shared folder is (default: ../shared next to the repo)
 *   BENCH_LANG=fr|en                one language only
 *   BENCH_SPEED_ROUNDS=n            passes over the files for the speed figures (default 3)
 *
 * The raw text of each file is built as the shared task built it (UD tools' conllu_to_text.pl):
 * the `# text` of the sentences joined by a space inside a paragraph, paragraphs (`# newpar`,
 * `# newdoc`) separated by a blank line; the French files have no paragraph marks and are one
 * paragraph each. The script's wrapping of lines at 80 characters is left out: a newline inside a
 * paragraph is whitespace like a space to the tokenizer, so it changes nothing. The tokenizer's
 * output is written as CoNLL-U and scored against the file with src/eval/conll18.ts.
 * GSD dev is part of the French tokenizer's training data: its figures are not held-out.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, formatPercent } from '../src/eval/conll18.js';
import { parseConllu } from '../src/formats/conllu.js';
import { sentencesToConllu } from '../src/formats/document-conllu.js';
import { sharedDataPath } from '../src/models.js';
import { buildGoldText, type GoldText } from '../src/tokenize/corpus.js';
import { loadTokenizer } from '../src/tokenize/index.js';
import { tokenizerModelPath } from '../src/tokenize/model.js';

import { evaluationFiles, textDocument, type BenchLang as Lang } from './common.js';

function main(): void {
  const only = process.env.BENCH_LANG;
  const rounds = Math.max(1, Number(process.env.BENCH_SPEED_ROUNDS) || 3);
  const dataDir = sharedDataPath('data', 'ud');
  if (!existsSync(dataDir)) {
    console.error(`no UD data at ${dataDir} (set VIGIE_SHARED)`);
    process.exitCode = 1;
    return;
  }
  console.log('Tokenizer, CoNLL 2018 F1 from raw text');
  console.log(`  ${'file'.padEnd(14)} ${'Tokens'.padStart(7)} ${'Words'.padStart(7)} ${'Sents'.padStart(7)}`);
  for (const lang of ['fr', 'en'] as const) {
    if (only && only !== lang) continue;
    if (!existsSync(tokenizerModelPath(lang))) {
      console.log(`  ${lang}: no model at ${tokenizerModelPath(lang)}`);
      continue;
    }
    const tokenizer = loadTokenizer(lang);
    const texts: GoldText[] = [];
    for (const f of evaluationFiles(lang)) {
      const path = join(dataDir, f.path);
      if (!existsSync(path)) continue;
      const gold = parseConllu(readFileSync(path, 'utf8'), path);
      const raw = buildGoldText([gold]);
      texts.push(raw);
      const doc = textDocument(raw.text, raw.paragraphs, lang);
      doc.sentences = tokenizer.tokenizeParagraphs(doc.text, doc.paragraphs);
      const system = sentencesToConllu(doc);
      // No parser ran: the Document's head -1 means "root" but here means "not assigned".
      for (const s of system) for (const w of s.words) if (w.deprel === '_') w.head = -1;
      const r = evaluate(gold, system, { allowMissingHeads: true, goldName: path, systemName: 'tokenizer' });
      const cells = [r.Tokens.f1, r.Words.f1, r.Sentences.f1].map((x) => formatPercent(x).padStart(7)).join(' ');
      console.log(`  ${f.name.padEnd(14)} ${cells}${f.note ? `   (${f.note})` : ''}`);
    }
    // Speed: tokenizing the raw texts (sentences, tokens, words and offsets built), one thread,
    // after one untimed pass to warm the JIT. Characters per CPU second of this process is the
    // steadier figure when the machine is shared; wall-clock figures are printed too.
    for (const t of texts) tokenizer.tokenizeParagraphs(t.text, t.paragraphs);
    let chars = 0;
    let words = 0;
    const cpuStart = process.cpuUsage();
    const started = process.hrtime.bigint();
    for (let round = 0; round < rounds; round++) {
      for (const t of texts) {
        const sentences = tokenizer.tokenizeParagraphs(t.text, t.paragraphs);
        chars += t.text.length;
        for (const s of sentences) words += s.words.length;
      }
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuStart);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const size = readFileSync(tokenizerModelPath(lang)).length;
    const n = (x: number): string => Math.round(x).toLocaleString('en-US');
    console.log(
      `  ${lang} speed: ${n(chars / cpuSeconds)} chars/s, ${n(words / cpuSeconds)} words/s per CPU second ` +
        `(wall clock: ${n(chars / seconds)} chars/s; ${rounds} rounds, ${n(chars)} chars); model ${(size / 1024).toFixed(0)} KiB`,
    );
  }
}

main();
