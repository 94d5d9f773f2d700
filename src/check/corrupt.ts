/**
 * A deterministic corruption generator for measuring the checker: it takes gold UD sentences and
 * breaks exactly one agreement in each, the way hasty or machine translation does ("Les États-Unis
 * démentent" → "Les États-Unis dément"), and records where the error is and what the fix is (the
 * original form).
 *
 * Substitute forms come from the treebanks themselves (lemma + UPOS + features → forms observed in
 * train/dev files, see FormInventory), never from the checker's lexicon, so the measurement does not
 * reward the checker for sharing the generator's vocabulary. A corruption is produced only when the
 * substitute is a form really observed, is spelled differently, and is not itself attested with the
 * original features (an ambiguous form would not be an error).
 */
import type { ConlluSentence, ConlluWord } from '../formats/conllu.js';
import { surfaceTokens } from '../formats/conllu.js';
import { buildGoldText } from '../tokenize/corpus.js';
import { seededRandom } from '../learn/random.js';

export const FRENCH_CORRUPTIONS = [
  'fr.subject-verb',
  'fr.finite-to-infinitive',
  'fr.infinitive-to-participle',
  'fr.determiner',
  'fr.adjective',
  'fr.participle-etre',
  'fr.dropped-determiner',
] as const;
export const ENGLISH_CORRUPTIONS = ['en.subject-verb', 'en.a-an'] as const;

export type CorruptionKind = (typeof FRENCH_CORRUPTIONS)[number] | (typeof ENGLISH_CORRUPTIONS)[number];

export interface Corruption {
  kind: CorruptionKind;
  /** `# sent_id` of the source sentence (or its index). */
  sentId: string;
  /** The corrupted sentence text. */
  text: string;
  /** Span [start, end) of the corrupted word(s) in `text` (UTF-16 offsets). */
  start: number;
  end: number;
  /** The original text of the span: the fix a checker should suggest first. */
  expected: string;
}

// ---------------------------------------------------------------------------------------------
// Features and the form inventory

export type FeatureMap = ReadonlyMap<string, string>;

/** Features that say nothing about agreement (annotation notes, voice, foreign words). */
const IGNORED_FEATURES = new Set(['Typo', 'Style', 'Abbr', 'Foreign', 'ExtPos', 'Voice', 'Polarity']);

export function parseFeatures(feats: string): Map<string, string> {
  const out = new Map<string, string>();
  if (feats === '_' || feats === '') return out;
  for (const part of feats.split('|')) {
    const eq = part.indexOf('=');
    if (eq > 0 && !IGNORED_FEATURES.has(part.slice(0, eq))) out.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return out;
}

function featureKey(f: FeatureMap): string {
  return [...f.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('|');
}

interface InventoryCell {
  feats: FeatureMap;
  /** Lowercased form → count. */
  forms: Map<string, number>;
}

/** Forms observed in treebanks, by lemma, UPOS and features. */
export class FormInventory {
  private readonly cells = new Map<string, Map<string, InventoryCell>>();

  /** Adds every word of the sentences (words the treebank marks Typo=Yes are left out). */
  add(sentences: readonly ConlluSentence[]): this {
    for (const s of sentences) {
      for (const w of s.words) {
        if (w.feats.includes('Typo=Yes') || w.lemma === '_' || w.form.includes(' ')) continue;
        this.addForm(w.lemma, w.upos, w.feats, w.form);
      }
    }
    return this;
  }

  addForm(lemma: string, upos: string, feats: string, form: string): void {
    const key = `${lemma.toLowerCase()}\t${upos}`;
    let byFeats = this.cells.get(key);
    if (!byFeats) this.cells.set(key, (byFeats = new Map()));
    const f = parseFeatures(feats);
    const fk = featureKey(f);
    let cell = byFeats.get(fk);
    if (!cell) byFeats.set(fk, (cell = { feats: f, forms: new Map() }));
    const lower = form.toLowerCase();
    cell.forms.set(lower, (cell.forms.get(lower) ?? 0) + 1);
  }

  /** Whether `form` is attested for the lemma with exactly these features. */
  attested(lemma: string, upos: string, feats: FeatureMap, form: string): boolean {
    const cell = this.cells.get(`${lemma.toLowerCase()}\t${upos}`)?.get(featureKey(feats));
    return cell?.forms.has(form.toLowerCase()) ?? false;
  }

  /**
   * Forms of the lemma whose features pass `accept`, most frequent first (ties alphabetical), each
   * with its features.
   */
  forms(lemma: string, upos: string, accept: (feats: FeatureMap) => boolean): { form: string; feats: FeatureMap; count: number }[] {
    const out: { form: string; feats: FeatureMap; count: number }[] = [];
    for (const cell of this.cells.get(`${lemma.toLowerCase()}\t${upos}`)?.values() ?? []) {
      if (!accept(cell.feats)) continue;
      for (const [form, count] of cell.forms) out.push({ form, feats: cell.feats, count });
    }
    out.sort((a, b) => b.count - a.count || (a.form < b.form ? -1 : a.form > b.form ? 1 : 0));
    return out;
  }
}

export function buildFormInventory(...files: readonly ConlluSentence[][]): FormInventory {
  const inv = new FormInventory();
  for (const f of files) inv.add(f);
  return inv;
}

/** Same features except those in `vary`, and at least one of `vary` different. */
function differsOnlyIn(orig: FeatureMap, cand: FeatureMap, vary: readonly string[]): boolean {
  let changed = false;
  const keys = new Set([...orig.keys(), ...cand.keys()]);
  for (const k of keys) {
    const same = orig.get(k) === cand.get(k);
    if (vary.includes(k)) changed ||= !same;
    else if (!same) return false;
  }
  return changed;
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness

export { seededRandom };

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

// ---------------------------------------------------------------------------------------------
// Candidate corruptions of one sentence

/** One possible corruption: replace (or delete) surface tokens of the sentence. */
interface Edit {
  kind: CorruptionKind;
  /** Surface token replaced by `replacement` (the corrupted span). */
  token: number;
  replacement: string;
  /** A token deleted before `token` (dropped determiner), with the whitespace after it. */
  deleteToken?: number;
}

class GoldView {
  readonly words: ConlluWord[];
  readonly feats: Map<string, string>[];
  readonly children: number[][];
  /** Surface token of each word, and whether that token is the word alone. */
  readonly tokenOf: number[];
  readonly alone: boolean[];
  readonly tokenCount: number;

  constructor(readonly sentence: ConlluSentence) {
    this.words = sentence.words;
    this.feats = this.words.map((w) => parseFeatures(w.feats));
    this.children = this.words.map(() => []);
    this.words.forEach((w, i) => {
      if (w.head > 0) this.children[w.head - 1].push(i);
    });
    this.tokenOf = new Array<number>(this.words.length).fill(-1);
    this.alone = new Array<boolean>(this.words.length).fill(false);
    const tokens = surfaceTokens(sentence);
    tokens.forEach((t, k) => {
      for (let i = t.firstWord; i <= t.lastWord; i++) {
        this.tokenOf[i] = k;
        this.alone[i] = t.firstWord === t.lastWord;
      }
    });
    this.tokenCount = tokens.length;
  }

  kids(i: number, deprel: (d: string) => boolean): number[] {
    return this.children[i].filter((c) => deprel(this.words[c].deprel));
  }

  head(i: number): number {
    return this.words[i].head - 1;
  }
}

const isSubject = (d: string): boolean => d === 'nsubj' || d === 'nsubj:pass';
const isAux = (d: string): boolean => d === 'aux' || d === 'aux:pass';

/** The finite word of the clause headed by p (first auxiliary, copula or p itself), or -1. */
function finiteOf(v: GoldView, p: number): number {
  const carriers = [...v.kids(p, (d) => isAux(d) || d === 'cop'), p].sort((a, b) => a - b);
  for (const c of carriers) if (v.feats[c].get('VerbForm') === 'Fin') return c;
  return -1;
}

/** Writes `form` with the capitalisation of `original`. */
function withCase(original: string, form: string): string {
  if (original.length > 1 && original === original.toUpperCase() && original !== original.toLowerCase()) return form.toUpperCase();
  if (original[0] !== original[0].toLowerCase()) return form[0].toUpperCase() + form.slice(1);
  return form;
}

const ELIDED = /['’]$/;

/**
 * A substitute for word i: the most frequent form of its lemma whose features differ only in
 * `vary`, chosen among those passing `prefer` first; null when there is none.
 */
function substitute(v: GoldView, inv: FormInventory, i: number, vary: readonly string[], prefer?: (f: FeatureMap) => boolean): string | null {
  const w = v.words[i];
  const orig = v.feats[i];
  const options = inv
    .forms(w.lemma, w.upos, (f) => differsOnlyIn(orig, f, vary))
    .filter((o) => o.form !== w.form.toLowerCase() && !ELIDED.test(o.form) && !inv.attested(w.lemma, w.upos, orig, o.form));
  const best = (prefer && options.find((o) => prefer(o.feats))) || options[0];
  return best ? withCase(w.form, best.form) : null;
}

/** Every corruption the sentence allows, of the requested kinds. */
function candidateEdits(s: ConlluSentence, lang: 'fr' | 'en', inv: FormInventory): Edit[] {
  const v = new GoldView(s);
  const edits: Edit[] = [];
  const { words, feats } = v;
  // Elision depends on the next word ("C'est" cannot become "C'sont"): words after an elided
  // token are left alone, like elided words themselves.
  const elidedTokens = new Set(surfaceTokens(s).flatMap((t, k) => (ELIDED.test(t.form) ? [k] : [])));
  const replaceable = (i: number): boolean =>
    v.alone[i] && !words[i].feats.includes('Typo=Yes') && !ELIDED.test(words[i].form) && !elidedTokens.has(v.tokenOf[i] - 1);
  const push = (kind: CorruptionKind, i: number, replacement: string | null): void => {
    if (replacement && replacement.toLowerCase() !== words[i].form.toLowerCase()) edits.push({ kind, token: v.tokenOf[i], replacement });
  };

  // Finite verbs of clauses with a subject.
  for (let p = 0; p < words.length; p++) {
    const subjects = v.kids(p, isSubject);
    if (subjects.length !== 1) continue;
    const f = finiteOf(v, p);
    if (f < 0 || !replaceable(f)) continue;
    const subj = subjects[0];
    const subjFeats = feats[subj];
    const person = feats[f].get('Person');
    if (lang === 'fr') {
      // Subject–verb: same tense and mood, another number (same person when there is one). A
      // coordinated subject is left alone: the singular is sometimes correct with it ("ni … ni",
      // an inverted "Parmi eux figure A, B et C").
      if (v.kids(subj, (d) => d === 'conj').length === 0) push('fr.subject-verb', f, substitute(v, inv, f, ['Number', 'Person'], (c) => c.get('Person') === person));
      // Finite verb → infinitive ("il surveiller"): lexical verbs carrying the tense themselves.
      if (f === p && words[f].upos === 'VERB') {
        const inf = inv.forms(words[f].lemma, 'VERB', (c) => c.get('VerbForm') === 'Inf' && c.size === 1)[0];
        if (inf) push('fr.finite-to-infinitive', f, withCase(words[f].form, inf.form));
      }
    } else {
      // English: third person subjects only, swapping singular and plural (shows ↔ show, was ↔ were).
      const third = subjFeats.get('Person') === '3' || words[subj].upos === 'NOUN' || words[subj].upos === 'PROPN';
      if (!third || person !== '3' || subjFeats.get('PronType') === 'Rel') continue;
      push('en.subject-verb', f, substitute(v, inv, f, ['Number'], (c) => c.get('Person') === '3'));
    }
  }

  if (lang === 'en') {
    for (let i = 0; i + 1 < words.length; i++) {
      const lower = words[i].form.toLowerCase();
      if (words[i].upos !== 'DET' || (lower !== 'a' && lower !== 'an') || !replaceable(i)) continue;
      // "alot" is "a" + "lot" in EWT: only an article followed by a space is swapped.
      if (words[i].misc.includes('SpaceAfter=No')) continue;
      const next = words[i + 1].form;
      if (!/^\p{L}/u.test(next)) continue;
      push('en.a-an', i, withCase(words[i].form, lower === 'a' ? 'an' : 'a'));
    }
    return edits;
  }

  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!replaceable(i)) continue;
    const f = feats[i];
    const h = v.head(i);
    const head = h >= 0 ? words[h] : null;
    // Infinitive → past participle after a preposition or a governing verb ("pour envoyer" →
    // "pour envoyé"): -er verbs, whose two forms sound the same.
    if (w.upos === 'VERB' && f.get('VerbForm') === 'Inf' && /er$/.test(w.lemma)) {
      const introduced = v.kids(i, (d) => d === 'mark' || d === 'case').some((c) => words[c].upos === 'ADP');
      const governed = w.deprel === 'xcomp' && head !== null && (head.upos === 'VERB' || head.upos === 'AUX');
      if (introduced || governed) {
        const part = inv.forms(w.lemma, 'VERB', (c) => c.get('VerbForm') === 'Part' && c.get('Tense') === 'Past' && c.get('Number') !== 'Plur' && c.get('Gender') !== 'Fem')[0];
        if (part) push('fr.infinitive-to-participle', i, withCase(w.form, part.form));
      }
    }
    // Determiner gender/number ("une" → "un", "les" → "le").
    if (w.upos === 'DET' && w.deprel === 'det' && head?.upos === 'NOUN' && (f.has('Gender') || f.has('Number'))) {
      push('fr.determiner', i, substitute(v, inv, i, ['Gender', 'Number']));
    }
    // Adjective gender/number, attributive or predicative.
    if (w.upos === 'ADJ' && (f.has('Gender') || f.has('Number'))) {
      const attributive = w.deprel === 'amod' && head?.upos === 'NOUN';
      const predicative = v.kids(i, (d) => d === 'cop').length > 0 && v.kids(i, isSubject).length > 0;
      if (attributive || predicative) push('fr.adjective', i, substitute(v, inv, i, ['Gender', 'Number']));
    }
    // Past participle with être ("elles sont parties" → "elles sont parti").
    if (w.upos === 'VERB' && f.get('VerbForm') === 'Part' && f.get('Tense') === 'Past') {
      const withEtre = v.kids(i, isAux).some((c) => words[c].lemma === 'être');
      if (withEtre) push('fr.participle-etre', i, substitute(v, inv, i, ['Gender', 'Number']));
    }
    // Dropped article before a noun in argument position ("soutient les appels" → "soutient appels").
    if (w.upos === 'DET' && w.deprel === 'det' && f.get('PronType') === 'Art' && head?.upos === 'NOUN' && h === i + 1) {
      const argument = isSubject(head.deprel) || head.deprel === 'obj';
      if (argument && v.alone[h] && v.tokenOf[h] === v.tokenOf[i] + 1 && v.tokenOf[i] > 0) {
        edits.push({ kind: 'fr.dropped-determiner', token: v.tokenOf[h], replacement: words[h].form, deleteToken: v.tokenOf[i] });
      }
    }
  }
  return edits;
}

/** Applies an edit to the sentence text. */
function applyEdit(s: ConlluSentence, edit: Edit, sentId: string): Corruption {
  const gold = buildGoldText([[s]]);
  const { text } = gold;
  const target = gold.tokens[edit.token];
  if (edit.deleteToken !== undefined) {
    const del = gold.tokens[edit.deleteToken];
    const newText = text.slice(0, del.start) + text.slice(target.start);
    return {
      kind: edit.kind,
      sentId,
      text: newText,
      start: del.start,
      end: del.start + (target.end - target.start),
      expected: text.slice(del.start, target.end),
    };
  }
  return {
    kind: edit.kind,
    sentId,
    text: text.slice(0, target.start) + edit.replacement + text.slice(target.end),
    start: target.start,
    end: target.start + edit.replacement.length,
    expected: text.slice(target.start, target.end),
  };
}

function sentIdOf(s: ConlluSentence, index: number): string {
  for (const c of s.comments) if (c.startsWith('# sent_id =')) return c.slice('# sent_id ='.length).trim();
  return String(index + 1);
}

/** Every corruption of one sentence, of the given kinds (all kinds of the language by default). */
export function sentenceCorruptions(s: ConlluSentence, lang: 'fr' | 'en', inventory: FormInventory, kinds?: readonly CorruptionKind[], index = 0): Corruption[] {
  return candidateEdits(s, lang, inventory)
    .filter((e) => !kinds || kinds.includes(e.kind))
    .map((e) => applyEdit(s, e, sentIdOf(s, index)));
}

/** One corruption of one sentence chosen by the seed, or null when none is possible. */
export function corruptSentence(s: ConlluSentence, lang: 'fr' | 'en', inventory: FormInventory, seed: number, kinds?: readonly CorruptionKind[]): Corruption | null {
  const edits = candidateEdits(s, lang, inventory).filter((e) => !kinds || kinds.includes(e.kind));
  if (edits.length === 0) return null;
  const random = seededRandom(seed);
  return applyEdit(s, edits[Math.floor(random() * edits.length)], sentIdOf(s, 0));
}

export interface GenerateOptions {
  /** How many corruptions in all (spread evenly over the kinds that have candidates). */
  count: number;
  seed: number;
  kinds?: readonly CorruptionKind[];
}

/**
 * `count` corruptions of the sentences, as evenly spread over the kinds as the candidates allow,
 * at most one per sentence and kind; the same inputs and seed give the same list.
 */
export function generateCorruptions(sentences: readonly ConlluSentence[], lang: 'fr' | 'en', inventory: FormInventory, opts: GenerateOptions): Corruption[] {
  const kinds = opts.kinds ?? (lang === 'fr' ? FRENCH_CORRUPTIONS : ENGLISH_CORRUPTIONS);
  const random = seededRandom(opts.seed);
  const byKind = new Map<CorruptionKind, { sentence: number; edit: Edit }[]>(kinds.map((k) => [k, []]));
  sentences.forEach((s, si) => {
    const seen = new Set<CorruptionKind>();
    // One candidate per sentence and kind, chosen at random among that sentence's.
    for (const edit of shuffle(candidateEdits(s, lang, inventory), random)) {
      const list = byKind.get(edit.kind);
      if (!list || seen.has(edit.kind)) continue;
      seen.add(edit.kind);
      list.push({ sentence: si, edit });
    }
  });
  for (const list of byKind.values()) shuffle(list, random);
  // Even quotas; what a kind cannot fill goes to the others.
  const quota = new Map<CorruptionKind, number>();
  let left = opts.count;
  let open = kinds.filter((k) => byKind.get(k)!.length > 0);
  while (left > 0 && open.length > 0) {
    const share = Math.max(1, Math.floor(left / open.length));
    for (const k of open) {
      if (left === 0) break;
      const have = quota.get(k) ?? 0;
      const take = Math.min(share, byKind.get(k)!.length - have, left);
      quota.set(k, have + take);
      left -= take;
    }
    open = open.filter((k) => (quota.get(k) ?? 0) < byKind.get(k)!.length);
  }
  const out: Corruption[] = [];
  for (const k of kinds) {
    for (const { sentence, edit } of byKind.get(k)!.slice(0, quota.get(k) ?? 0)) {
      out.push(applyEdit(sentences[sentence], edit, sentIdOf(sentences[sentence], sentence)));
    }
  }
  return out;
}
