/**
 * Reads and writes back every CoNLL-U file of the shared UD treebanks, checking that the bytes
 * come back identical (up to the newlines ending the file), and prints the reading and writing
 * speed. Exits non-zero when a file differs.
 *
 *   npm run bench:conllu      (after the build; VIGIE_SHARED overrides ../shared)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sharedDataPath } from '../src/models.js';
import { parseConllu, writeConllu } from '../src/formats/conllu.js';

function conlluFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...conlluFiles(path));
    else if (name.endsWith('.conllu')) out.push(path);
  }
  return out;
}

function normaliseEnd(text: string): string {
  return text.replace(/\n*$/, '\n');
}

/** 1-based number of the first line that differs. */
function firstDifferentLine(a: string, b: string): number {
  const x = a.split('\n');
  const y = b.split('\n');
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i + 1;
}

const root = sharedDataPath('data', 'ud');
if (!existsSync(root)) {
  console.error(`no treebanks at ${root} (set VIGIE_SHARED)`);
  process.exit(1);
}

let differing = 0;
let totalBytes = 0;
let totalRead = 0;
let totalWrite = 0;
console.log('result  file                                              sentences      words  read MB/s  write MB/s');
for (const file of conlluFiles(root)) {
  const text = readFileSync(file, 'utf8');
  const mb = Buffer.byteLength(text) / 1e6;
  const t0 = performance.now();
  const sentences = parseConllu(text, file);
  const t1 = performance.now();
  const written = writeConllu(sentences);
  const t2 = performance.now();
  const same = normaliseEnd(written) === normaliseEnd(text.replace(/^\ufeff/, ''));
  if (!same) differing++;
  totalBytes += mb;
  totalRead += t1 - t0;
  totalWrite += t2 - t1;
  const words = sentences.reduce((n, s) => n + s.words.length, 0);
  const verdict = same ? 'OK  ' : `DIFF (line ${firstDifferentLine(normaliseEnd(text), normaliseEnd(written))})`;
  console.log(
    `${verdict.padEnd(8)}${relative(root, file).padEnd(50)}${String(sentences.length).padStart(10)}${String(words).padStart(11)}` +
      `${(mb / ((t1 - t0) / 1000)).toFixed(1).padStart(11)}${(mb / ((t2 - t1) / 1000)).toFixed(1).padStart(12)}`,
  );
}
console.log(`total ${totalBytes.toFixed(1)} MB: read ${(totalBytes / (totalRead / 1000)).toFixed(1)} MB/s, write ${(totalBytes / (totalWrite / 1000)).toFixed(1)} MB/s; ${differing} file(s) differ`);
process.exitCode = differing ? 1 : 0;
