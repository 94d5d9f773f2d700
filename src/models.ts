import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

/** The package root: src/ and dist/src/ both sit below it. */
export const packageRoot: string = (() => {
  const here = dirname(fileURLToPath(import.meta.url));
  // dist/src/models.js → ../.. ; src/models.ts (ts-node style) → ..
  return here.endsWith(join('dist', 'src')) ? resolve(here, '..', '..') : resolve(here, '..');
})();

/** Path of a committed model file, e.g. modelPath('fr', 'tagger.bin'). */
export function modelPath(lang: string, file: string): string {
  return join(packageRoot, 'models', lang, file);
}

/** The shared data folder (treebanks, benchmarks), overridable with VIGIE_SHARED. */
export function sharedDataPath(...parts: string[]): string {
  const base = process.env.VIGIE_SHARED ?? resolve(packageRoot, '..', 'shared');
  return join(base, ...parts);
}
