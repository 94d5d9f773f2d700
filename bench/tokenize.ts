/**
 * Tokenizer benchmark: CoNLL 2018 Tokens / Sentences / Words F1 from raw text, and speed.
 *
 *   npm run bench:tokenize          (after a build)
 *   VIGIE_SHARED=/path/to/shared    where the shared folder is (default: ../shared next to the repo)
 *   BENCH_LANG=fr|en                one language only
 *   BENCH_SPEED_ROUNDS=n            passes over the files for the speed figures (default 3)
 *   BENCH_DIFF=1                    also list token and word mismatches with context, dev files only
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
import type { Sentence } from '../src/document.js';

interface DiffToken {
  start: number;
  end: number;
  words: string[];
}

/**
 * Prints every gold token whose span or words the tokenizer got wrong, with the system tokens over
 * the same stretch of text and some context, then the most frequent error lines. For error
 * analysis of dev files only (test must not guide the rules).
 */
function listMismatches(gold: GoldText, system: Sentence[]): void {
  const sys: DiffToken[] = [];
  for (const s of system) for (const t of s.tokens) sys.push({ start: t.start, end: t.end, words: s.words.slice(t.firstWord, t.lastWord + 1).map((w) => w.form) });
  const show = (t: DiffToken): string => {
    const form = gold.text.slice(t.start, t.end);
    return form + (t.words.length > 1 || t.words[0] !== form ? `{${t.words.join(' ')}}` : '');
  };
  const context = (a: number, b: number): string => gold.text.slice(Math.max(0, a - 40), b + 40).replace(/\s+/g, ' ');
  const counts = new Map<string, number>();
  const report = (line: string, a: number, b: number): void => {
    counts.set(line, (counts.get(line) ?? 0) + 1);
    console.log(`    ${line}   | ${context(a, b)}`);
  };
  let i = 0;
  let j = 0;
  while (i < gold.tokens.length && j < sys.length) {
    const g = gold.tokens[i];
    const h = sys[j];
    if (g.start === h.start && g.end === h.end) {
      const same = g.words.length === h.words.length && g.words.every((w, k) => w.toLowerCase() === h.words[k].toLowerCase());
      if (!same) report(`words  ${show(g)}  =>  ${show(h)}`, g.start, g.end);
      i++;
      j++;
      continue;
    }
    // Take gold and system tokens until their ends meet.
    const gs: string[] = [];
    const hs: string[] = [];
    const from = Math.min(g.start, h.start);
    let ge = -1;
    let he = -1;
    while (i < gold.tokens.length && j < sys.length) {
      if (ge <= he) {
        gs.push(show(gold.tokens[i]));
        ge = gold.tokens[i++].end;
      } else {
        hs.push(show(sys[j]));
        he = sys[j++].end;
      }
      if (ge === he) break;
    }
    report(`tokens ${gs.join(' ')}  =>  ${hs.join(' ')}`, from, Math.max(ge, he));
  }
  // Sentence ends (text offsets) found by one side only.
  const goldEnds = new Set<number>();
  for (let k = 1; k < gold.sentenceStarts.length; k++) goldEnds.add(gold.tokens[gold.sentenceStarts[k] - 1].end);
  const sysEnds = new Set(system.map((s) => s.end));
  for (const e of goldEnds) if (!sysEnds.has(e)) console.log(`    missed end   | ${context(e - 20, e - 20).slice(0, 60)} || ${gold.text.slice(e, e + 40).replace(/\s+/g, ' ')}`);
  for (const e of sysEnds) if (!goldEnds.has(e)) console.log(`    extra end    | ${context(e - 20, e - 20).slice(0, 60)} || ${gold.text.slice(e, e + 40).replace(/\s+/g, ' ')}`);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  console.log(`    -- ${total} mismatches; repeated ones:`);
  for (const [line, c] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 30)) if (c > 1) console.log(`    ${String(c).padStart(4)}  ${line}`);
}

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
      if (process.env.BENCH_DIFF && f.split === 'dev') listMismatches(raw, doc.sentences);
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
