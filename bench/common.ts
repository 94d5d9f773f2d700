/**
 * What the benches share: the UD files they read (from ../shared/data/ud), a plain-text Document
 * over a raw text, and CPU timing. Benches print figures; they are never run by the tests.
 */
import { emptyMeta } from '../src/document.js';
import type { Document } from '../src/document.js';

export type BenchLang = 'fr' | 'en';

export interface TreebankFile {
  name: string;
  /** Path under ../shared/data/ud. */
  path: string;
  split: 'train' | 'dev' | 'test';
  /** Printed after the figures, e.g. that a dev file is training data. */
  note?: string;
}

/** Every treebank file a bench may read, per language, train first. */
export const TREEBANK_FILES: Record<BenchLang, TreebankFile[]> = {
  fr: [
    { name: 'Sequoia train', path: 'UD_French-Sequoia/fr_sequoia-ud-train.conllu', split: 'train' },
    { name: 'Sequoia dev', path: 'UD_French-Sequoia/fr_sequoia-ud-dev.conllu', split: 'dev' },
    { name: 'Sequoia test', path: 'UD_French-Sequoia/fr_sequoia-ud-test.conllu', split: 'test' },
    // GSD has no train split here: its dev file is French training data, never a held-out figure.
    { name: 'GSD dev', path: 'UD_French-GSD/fr_gsd-ud-dev.conllu', split: 'dev', note: 'training data of the French models' },
    { name: 'GSD test', path: 'UD_French-GSD/fr_gsd-ud-test.conllu', split: 'test' },
  ],
  en: [
    { name: 'EWT train', path: 'UD_English-EWT/en_ewt-ud-train.conllu', split: 'train' },
    { name: 'EWT dev', path: 'UD_English-EWT/en_ewt-ud-dev.conllu', split: 'dev' },
    { name: 'EWT test', path: 'UD_English-EWT/en_ewt-ud-test.conllu', split: 'test' },
  ],
};

/** The dev and test files of a language: what accuracy tables report. */
export function evaluationFiles(lang: BenchLang): TreebankFile[] {
  return TREEBANK_FILES[lang].filter((f) => f.split !== 'train');
}

/** A plain-text Document over `text`, language set, with the given body paragraphs. */
export function textDocument(text: string, paragraphs: readonly { start: number; end: number }[], lang: BenchLang): Document {
  const meta = emptyMeta('text');
  meta.lang = lang;
  meta.langConfidence = 1;
  return { version: 1, text, meta, paragraphs: paragraphs.map((p) => ({ start: p.start, end: p.end, kind: 'body' as const })), boilerplate: [], stages: [] };
}

/** Wall-clock and CPU seconds of a run (CPU time is what one core spent, whatever else runs). */
export function cpuSeconds(run: () => void): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  run();
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1e6 };
}
