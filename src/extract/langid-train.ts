/**
 * Builds models/langid/profiles.json from the `# text =` lines of UD training files:
 * for each language, the most frequent character trigrams (with relative frequencies) and the
 * most frequent words. Run after a build:
 *
 *   node dist/src/extract/langid-train.js [sharedDir] [outFile]
 *
 * sharedDir defaults to ../shared next to the repository; only *train* files are read.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { trigramsOf, wordsOf, type LangProfiles } from './langid.js';

export const TRAIN_FILES: Record<'fr' | 'en', string> = {
  fr: 'data/ud/UD_French-Sequoia/fr_sequoia-ud-train.conllu',
  en: 'data/ud/UD_English-EWT/en_ewt-ud-train.conllu',
};
const TOP_TRIGRAMS = 600;
const TOP_WORDS = 150;

function sentences(conllu: string): string[] {
  const out: string[] = [];
  for (const line of conllu.split('\n')) if (line.startsWith('# text = ')) out.push(line.slice(9));
  return out;
}

export function buildProfiles(sharedDir: string): LangProfiles {
  const langs: LangProfiles['languages'] = {};
  for (const [lang, rel] of Object.entries(TRAIN_FILES)) {
    const text = sentences(readFileSync(join(sharedDir, rel), 'utf8')).join('\n');
    const tri = new Map<string, number>();
    let triTotal = 0;
    for (const t of trigramsOf(text)) {
      tri.set(t, (tri.get(t) ?? 0) + 1);
      triTotal++;
    }
    const words = new Map<string, number>();
    for (const w of wordsOf(text)) words.set(w, (words.get(w) ?? 0) + 1);
    const topTri = [...tri].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, TOP_TRIGRAMS);
    const topWords = [...words].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, TOP_WORDS);
    langs[lang] = {
      trigrams: Object.fromEntries(topTri.map(([t, n]) => [t, Math.round((n / triTotal) * 1e6)])),
      words: topWords.map(([w]) => w),
    };
  }
  return {
    version: 1,
    source: 'UD_French-Sequoia train (LGPL-LR), UD_English-EWT train (CC BY-SA 4.0): # text lines',
    languages: langs,
  };
}

function main(): void {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
  const shared = process.argv[2] ?? process.env.VIGIE_SHARED ?? resolve(repoRoot, '../shared');
  const out = process.argv[3] ?? join(repoRoot, 'models/langid/profiles.json');
  const profiles = buildProfiles(shared);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(profiles) + '\n');
  process.stdout.write(`wrote ${out}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
