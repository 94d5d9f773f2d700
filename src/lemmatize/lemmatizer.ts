/**
 * The lemmatizer at run time. For each word, in order:
 *   1. the training dictionary: (form, UPOS) → the lemma most often seen, then (lower-cased form, UPOS);
 *   2. the lexicon (Lefff, WordNet...): lemmas of the form's analyses with a compatible UPOS — if
 *      several, the edit-script classifier ranks them;
 *   3. the edit-script classifier alone, over the classes seen with the UPOS that fit the form.
 * Proper nouns skip the lexicon: their lemma is the form unless the treebank says otherwise.
 * Before 2 and 3, a few rules for words the dictionary lacks, where the classifier (which sees only
 * suffixes and casing) goes wrong: web and e-mail addresses and hashtags keep their form; a lower-case proper
 * noun takes the lemma of its capitalised form if training saw it ("kerala" → "Kerala"); English
 * numbers drop thousands separators ("1,100" → "1100"). English only.
 */
import { dirname, join } from 'node:path';
import { FeatureBuffer } from '../learn/features.js';
import { loadModel, type TypedArray } from '../learn/model-file.js';
import { scorerFromCompactArrays, tablePerceptronArrays } from '../learn/compact-perceptron.js';
import type { Scorer } from '../tag/decode.js';
import type { Perceptron } from '../learn/perceptron.js';
import { VigieError } from '../errors.js';
import { modelPath } from '../models.js';
import type { Word } from '../document.js';
import { cachedLexicon, type Lexicon } from '../tag/lexicon.js';
import { scriptFits } from './edit-script.js';
import { LemmaDictionary } from './dictionary.js';
import { classesForLemma, lemmaFeatures, parseClass, realize, type LemmaClass, type LemmaContext } from './features.js';
import { foldApostrophes } from '../tag/word-info.js';

export const LEMMATIZER_KIND = 'lemmatizer';
export const LEMMATIZER_VERSION = 1;

export interface LemmatizerMeta {
  lang: string;
  upos: string[];
  /** Class names ("L3|ir"); index = perceptron class. */
  classes: string[];
  /** Per UPOS id: the class ids seen with it in training. */
  classesByUpos: number[][];
  /**
   * Training dictionary, "form\tUPOS\tlemma" lines; empty in files that store it as arrays
   * (`LemmaDictionary`, with its edit scripts in `dictionaryScripts`).
   */
  dictionary: string;
  dictionaryScripts?: string[];
  /**
   * Exceptions where the features decide ("her" PRON: Poss=Yes → her, else she),
   * "form\tUPOS\tfeats\tlemma" lines.
   */
  dictionaryByFeats: string;
  lexicon: string;
  /** Whether lexicon lemmas are used before the classifier (step 2 above). */
  useLexicon: boolean;
  training: Record<string, unknown>;
}

/** Web and e-mail addresses, hashtags: EWT keeps them as written, the classifier would lower-case or inflect them. */
const ADDRESS = /:\/\/|^www\.|@.*\.|^#\p{L}/u;
/** An English number with thousands separators (EWT lemmas drop them; French commas are decimal). */
const THOUSANDS = /^\d{1,3}(,\d{3})+(\.\d+)?$/;
/** Starts with a lower-case letter. */
const LOWER_INITIAL = /^\p{Ll}/u;

function titleCase(s: string): string {
  const first = String.fromCodePoint(s.codePointAt(0)!);
  return first.toUpperCase() + s.slice(first.length);
}

/** Lexicon UPOS accepted for a tagger UPOS (auxiliaries are verbs in some lexicons). */
const COMPATIBLE: Record<string, string[]> = { AUX: ['AUX', 'VERB'] };

export class Lemmatizer {
  readonly meta: LemmatizerMeta;
  readonly modelVersion = LEMMATIZER_VERSION;
  readonly lexicon: Lexicon;
  private readonly model: Scorer;
  private readonly classes: LemmaClass[];
  private readonly classIndex = new Map<string, number>();
  /** (form, UPOS id) → lemma. */
  private readonly dictionary: LemmaDictionary;
  /** UPOS → form → feats → lemma, for the few forms whose lemma depends on the features. */
  private readonly byFeats = new Map<string, Map<string, Map<string, string>>>();
  private readonly uposIndex = new Map<string, number>();
  /** Per tagger UPOS id: lexicon UPOS ids it accepts. */
  private readonly lexiconUpos: Int32Array[];
  private readonly buf = new FeatureBuffer(64);
  private readonly scores: Float32Array;
  /** UPOS id of PROPN (-1 if absent). */
  private readonly propn: number;
  /**
   * Whether the rules for words the dictionary lacks apply (English: chosen on EWT dev; French
   * was left as it was, where they did not change Sequoia dev).
   */
  private readonly rules: boolean;
  /** The dictionary the lemmatizer looks words up in (for saving). */
  get dictionaryTable(): LemmaDictionary {
    return this.dictionary;
  }

  constructor(meta: LemmatizerMeta, model: Scorer, lexicon: Lexicon, dictionary?: LemmaDictionary) {
    this.meta = meta;
    this.model = model;
    this.lexicon = lexicon;
    this.classes = meta.classes.map(parseClass);
    meta.classes.forEach((c, i) => this.classIndex.set(c, i));
    meta.upos.forEach((u, i) => this.uposIndex.set(u, i));
    this.dictionary = dictionary ?? LemmaDictionary.fromLines(meta.dictionary, meta.upos);
    for (const line of (meta.dictionaryByFeats ?? '').split('\n')) {
      const cols = line.split('\t');
      if (cols.length !== 4) continue;
      let byForm = this.byFeats.get(cols[1]);
      if (!byForm) this.byFeats.set(cols[1], (byForm = new Map()));
      let m = byForm.get(cols[0]);
      if (!m) byForm.set(cols[0], (m = new Map()));
      m.set(cols[2], cols[3]);
    }
    this.lexiconUpos = meta.upos.map((u) => Int32Array.from((COMPATIBLE[u] ?? [u]).map((x) => lexicon.uposId(x)).filter((x) => x >= 0)));
    this.scores = new Float32Array(meta.classes.length);
    this.propn = this.uposIndex.get('PROPN') ?? -1;
    this.rules = meta.lang === 'en';
  }

  /** The lemma of one word. `sentenceInitial` helps decide the casing of unknown words. */
  lemmatize(form: string, upos: string, feats = '_', sentenceInitial = false): string {
    if (form.length === 0) return form;
    const u = this.uposIndex.get(upos) ?? -1;
    const known = u >= 0 ? this.dictionary.get(form, u) : undefined;
    if (known !== undefined) {
      const exception = this.byFeats.get(upos)?.get(form)?.get(feats);
      if (exception !== undefined) return exception;
      return known;
    }
    const lower = form.toLowerCase();
    if (lower !== form && u >= 0) {
      const knownLower = this.dictionary.get(lower, u);
      if (knownLower !== undefined) return knownLower;
    }
    if (this.rules) {
      if (ADDRESS.test(form)) return form;
      if (upos === 'NUM' && THOUSANDS.test(form)) return form.replace(/,/g, '');
      if (u === this.propn && u >= 0 && form === lower && LOWER_INITIAL.test(form)) {
        const capitalised = this.dictionary.get(titleCase(form), u);
        if (capitalised !== undefined) return capitalised;
      }
    }
    const exact = this.lexicon.find(form);
    const lowerEntry = lower !== form ? this.lexicon.find(lower) : -1;
    const ctx: LemmaContext = { upos: u, feats, sentenceInitial, knownExact: exact >= 0, knownLower: lowerEntry >= 0 };
    let scored = false;
    const score = (): Float32Array => {
      if (!scored) {
        this.scores.fill(0);
        lemmaFeatures(form, lower, ctx, this.buf);
        this.model.score(this.buf.values, this.buf.length, this.scores);
        scored = true;
      }
      return this.scores;
    };

    if (this.meta.useLexicon && upos !== 'PROPN' && u >= 0) {
      const candidates = this.lexiconLemmas(u, exact, form, lowerEntry, lower);
      if (candidates.length === 1) return candidates[0];
      if (candidates.length > 1) {
        const s = score();
        let best = candidates[0];
        let bestScore = -Infinity;
        for (const c of candidates) {
          let cs = -1e9;
          for (const name of classesForLemma(form, c)) {
            const id = this.classIndex.get(name);
            if (id !== undefined && s[id] > cs) cs = s[id];
          }
          if (cs > bestScore) {
            bestScore = cs;
            best = c;
          }
        }
        return best;
      }
    }

    const allowed = u >= 0 ? this.meta.classesByUpos[u] : null;
    const s = score();
    let best = -1;
    const consider = (id: number): void => {
      if (scriptFits(form, this.classes[id].script) && (best < 0 || s[id] > s[best])) best = id;
    };
    if (allowed && allowed.length) for (const id of allowed) consider(id);
    else for (let id = 0; id < this.classes.length; id++) consider(id);
    if (best < 0) return upos === 'PROPN' ? form : lower;
    const lemma = realize(form, lower, this.classes[best]);
    return lemma.length ? lemma : form;
  }

  /** Distinct lexicon lemmas of the analyses of the form with a compatible UPOS, exact form first. */
  private lexiconLemmas(u: number, exact: number, form: string, lowerEntry: number, lower: string): string[] {
    const out: string[] = [];
    const accepted = this.lexiconUpos[u];
    for (let pass = 0; pass < accepted.length && out.length === 0; pass++) {
      const want = accepted[pass];
      for (const [e, f] of [
        [exact, form],
        [lowerEntry, lower],
      ] as [number, string][]) {
        if (e < 0) continue;
        const [a0, a1] = this.lexicon.range(e);
        for (let a = a0; a < a1; a++) {
          if (this.lexicon.uposOf(a) !== want) continue;
          const lemma = this.lexicon.lemmaOf(a, f);
          if (!out.includes(lemma)) out.push(lemma);
        }
      }
    }
    return out;
  }

  /** Fills the lemma of each word of a sentence (UPOS and feats must be set). */
  lemmatizeWords(words: Word[]): void {
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      // ’ read as ' (see foldApostrophes): "C’" is "C'" → "ce".
      w.lemma = this.lemmatize(foldApostrophes(w.form), w.upos, w.feats, i === 0);
    }
  }
}

/** The model arrays: the classifier (table layout) and the dictionary. */
export function lemmatizerArrays(model: Perceptron, dictionary: LemmaDictionary): Record<string, TypedArray> {
  return { ...tablePerceptronArrays(model, 'lemma'), ...dictionary.toArrays() };
}

/** The header of a saved lemmatizer: the dictionary's text replaced by its interned scripts (the lines are in the arrays). */
export function savedLemmatizerMeta(meta: LemmatizerMeta, dictionary: LemmaDictionary): LemmatizerMeta {
  return { ...meta, dictionary: '', dictionaryScripts: dictionary.scripts };
}

export function readLemmatizer(path: string): Lemmatizer {
  const m = loadModel<LemmatizerMeta>(path, LEMMATIZER_KIND);
  if (m.version !== LEMMATIZER_VERSION) throw new VigieError(`${path}: lemmatizer model version ${m.version}, expected ${LEMMATIZER_VERSION}`);
  const model = scorerFromCompactArrays(m.meta.classes.length, m.arrays, 'lemma');
  const dictionary = LemmaDictionary.fromArrays(m.arrays, m.meta.dictionaryScripts) ?? undefined;
  return new Lemmatizer(m.meta, model, cachedLexicon(join(dirname(path), m.meta.lexicon)), dictionary);
}

const loaded = new Map<string, Lemmatizer>();

/** The committed lemmatizer of a language, loaded once. */
export function loadLemmatizer(lang: 'fr' | 'en'): Lemmatizer {
  let l = loaded.get(lang);
  if (!l) {
    l = readLemmatizer(modelPath(lang, 'lemmatizer.bin'));
    loaded.set(lang, l);
  }
  return l;
}
