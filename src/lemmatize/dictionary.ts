/**
 * The lemmatizer's training dictionary, (form, UPOS) → lemma, stored like the lexicon: no form
 * strings, only two independent hashes of the form seeded by the UPOS (32 + 16 bits: a false match
 * needs both to collide), sorted for binary search, and the lemma as an interned edit script
 * against the form. It loads as typed-array views of the model file, with nothing to parse.
 */
import { hashString } from '../learn/features.js';
import type { TypedArray } from '../learn/model-file.js';
import { firstKeyIndex } from '../tag/lexicon.js';
import { applyScript, scriptFor } from './edit-script.js';

const KEY_A = 3001;
const KEY_B = 5003;

export class LemmaDictionary {
  constructor(
    private readonly keyA: Uint32Array,
    private readonly keyB: Uint16Array,
    private readonly script: Uint16Array | Uint32Array,
    /** Interned edit scripts ("3|ir"). */
    readonly scripts: string[],
  ) {}

  get size(): number {
    return this.keyA.length;
  }

  /** The lemma of (form, UPOS id), or undefined. */
  get(form: string, upos: number): string | undefined {
    const keys = this.keyA;
    const lo = firstKeyIndex(keys, hashString(KEY_A + upos, form));
    if (lo < 0) return undefined;
    const a = keys[lo];
    const b = hashString(KEY_B + upos, form) & 0xffff;
    for (let e = lo; e < keys.length && keys[e] === a; e++) if (this.keyB[e] === b) return applyScript(form, this.scripts[this.script[e]]);
    return undefined;
  }

  /** Builds the dictionary from "form\tUPOS\tlemma" lines; UPOS outside `upos` are skipped. */
  static fromLines(text: string, upos: readonly string[]): LemmaDictionary {
    const uposIndex = new Map(upos.map((u, i) => [u, i]));
    const scriptIds = new Map<string, number>();
    const entries: { a: number; b: number; script: number }[] = [];
    const seen = new Set<string>();
    for (const line of text.split('\n')) {
      const t1 = line.indexOf('\t');
      const t2 = line.indexOf('\t', t1 + 1);
      if (t1 <= 0 || t2 <= t1) continue;
      const u = uposIndex.get(line.slice(t1 + 1, t2));
      if (u === undefined) continue;
      const form = line.slice(0, t1);
      const a = hashString(KEY_A + u, form);
      const b = hashString(KEY_B + u, form) & 0xffff;
      // A later line for the same key replaced the earlier one in the Map this replaces.
      const key = `${a}:${b}`;
      const script = scriptFor(form, line.slice(t2 + 1));
      let id = scriptIds.get(script);
      if (id === undefined) scriptIds.set(script, (id = scriptIds.size));
      if (seen.has(key)) {
        const e = entries.find((x) => x.a === a && x.b === b)!;
        e.script = id;
        continue;
      }
      seen.add(key);
      entries.push({ a, b, script: id });
    }
    entries.sort((x, y) => x.a - y.a || x.b - y.b);
    const scripts = [...scriptIds.keys()];
    const script = scripts.length <= 0x10000 ? new Uint16Array(entries.length) : new Uint32Array(entries.length);
    entries.forEach((e, i) => (script[i] = e.script));
    return new LemmaDictionary(Uint32Array.from(entries, (e) => e.a), Uint16Array.from(entries, (e) => e.b), script, scripts);
  }

  /** The arrays stored in the model file (the scripts go to the header). */
  toArrays(): Record<string, TypedArray> {
    return { 'dict.keyA': this.keyA, 'dict.keyB': this.keyB, 'dict.script': this.script };
  }

  /** The dictionary stored by `toArrays`, or null when the file has none (older files). */
  static fromArrays(arrays: Record<string, TypedArray>, scripts: string[] | undefined): LemmaDictionary | null {
    const keyA = arrays['dict.keyA'];
    const keyB = arrays['dict.keyB'];
    const script = arrays['dict.script'];
    if (!scripts || !(keyA instanceof Uint32Array) || !(keyB instanceof Uint16Array)) return null;
    if (!(script instanceof Uint16Array) && !(script instanceof Uint32Array)) return null;
    return new LemmaDictionary(keyA, keyB, script, scripts);
  }
}
