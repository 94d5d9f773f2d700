/**
 * Noun phrases around a cue, read from tokens: the subject left of a verb ("La porte-parole du
 * président Joe Biden | a nié"), the subject after it ("a déclaré | le ministre, Jean Dupont"),
 * the subject of the clause a participle hangs on ("X a nié …, affirmant que"), and addressees.
 */
import { splitInversion } from './cues.js';
import type { QuoteLexicon } from './lexicon.js';
import type { Seg, Tok } from './text.js';

export interface Range {
  first: number;
  last: number;
}

const FR_CONNECTIVES = new Set(['mais', 'et', 'or', 'cependant', 'pourtant', 'toutefois', 'néanmoins', 'ainsi', 'alors', 'enfin', 'ensuite', 'puis', "d'ailleurs", 'donc', 'aussi', 'également', 'car']);
const EN_CONNECTIVES = new Set(['but', 'and', 'however', 'meanwhile', 'still', 'yet', 'also', 'so', 'then', 'instead', 'later', 'earlier', 'now', 'separately', 'previously']);
const FR_LEADING_PREP = new Set(['en', 'à', 'au', 'aux', 'dans', 'de', 'du', 'des', "d'", 'pour', 'par', 'sur', 'selon', 'chez', 'avec']);
const EN_LEADING_PREP = new Set(['in', 'of', 'to', 'for', 'at', 'on', 'by', 'from', 'with', 'as']);
const FR_VERB_END = /(?:ait|aient|èrent|erait|eraient|iront|eront)$/;

const CLAUSE_ADVERBS = new Set(['pourquoi', 'donc', 'alors', 'ainsi', 'aussi', 'puis', 'enfin', 'ensuite', 'cependant', 'pourtant', 'toutefois', 'néanmoins', 'également', 'certes', 'évidemment', 'bien', 'déjà', 'maintenant', "aujourd'hui", 'si', 'quand', 'lorsque', "lorsqu'", 'comme', 'car', 'why', 'so', 'then', 'now', 'today', 'also', 'still', 'if', 'when', 'as', 'because']);
/** Words of time phrases between a participle and a verb ("released last year", "publiée la semaine dernière"). */
const TIME_WORDS = new Set(['last', 'next', 'this', 'year', 'week', 'month', 'night', 'morning', 'spring', 'summer', 'fall', 'winter', 'la', 'le', 'cette', 'ce', 'dernier', 'dernière', 'prochain', 'prochaine', 'année', 'semaine', 'mois', 'an']);
const WEEKDAYS = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)$/;

const TITLE_DOT = /^(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|St|Jr|Sr|Pres|M|Mme|Mlle|Pr)$/;

export function isCap(t: Tok): boolean {
  return /^\p{Lu}/u.test(t.text);
}

export function isVerbLike(lex: QuoteLexicon, t: Tok, prev?: Tok): boolean {
  if (!t.word) return false;
  if (t.upos) return t.upos === 'VERB' || t.upos === 'AUX';
  // Without tags: a word right after a determiner is a noun ("the report", "la note").
  if (prev && lex.determiners.has(prev.low)) return false;
  if (lex.lang === 'en' && prev && /^[a-z]{3,}ed$/.test(t.text) && (isCap(prev) || lex.subjectPronouns.has(prev.low))) return true;
  if (lex.auxiliaries.has(t.low) && !(lex.lang === 'en' && /^(?:also|later|then|again)$/.test(t.low))) return true;
  if (lex.lang === 'fr') {
    const inv = splitInversion(t.low);
    if (inv) return true;
    if (FR_VERB_END.test(t.low) && !isCap(t)) return true;
  }
  const v = lex.verbs.get(t.low);
  return v !== undefined && !isCap(t);
}

/** A token that can be part of a noun phrase. */
export function npable(lex: QuoteLexicon, t: Tok, prev: Tok | undefined, next?: Tok): boolean {
  if (!t.word) {
    if (t.text === '-' || t.text === '‐' || t.text === '&') return true;
    // The dot of an initial or of run-together initials: "John F. Kennedy", "G.K. Butterfield", "J.-P. Martin".
    if (t.text === '.' && prev && /^\p{Lu}(?:\.-?\p{Lu})*$/u.test(prev.text) && prev.end === t.start) return true;
    // The dot of a title: "Mr. Clarke", "Sen. Warren", "Mme. Dupont".
    if (t.text === '.' && prev && prev.end === t.start && TITLE_DOT.test(prev.text)) return true;
    return false;
  }
  if (t.low === "'s" || t.low === "’s") return true;
  if (lex.stops.has(t.low)) return false;
  if (lex.complementizers.has(t.low)) return false;
  if (isVerbLike(lex, t, prev)) {
    // A capitalised word inside a name ("the interim Governing Council") is part of it; other
    // verbs end the phrase.
    return t.upos !== null && isCap(t) && next !== undefined && isCap(next) && prev !== undefined && prev.word;
  }
  if (t.upos === 'SCONJ' || t.upos === 'CCONJ' || t.upos === 'PUNCT') return false;
  return true;
}

function trimLeading(lex: QuoteLexicon, seg: Seg, r: Range): Range | null {
  const preps = lex.lang === 'fr' ? FR_LEADING_PREP : EN_LEADING_PREP;
  let { first } = r;
  while (first <= r.last && (preps.has(seg.toks[first].low) || !seg.toks[first].word || (lex.lang === 'en' && seg.toks[first].low === "'s"))) first++;
  if (first > r.last) return null;
  return hasContent(lex, seg, { first, last: r.last }) ? { first, last: r.last } : null;
}

function hasContent(lex: QuoteLexicon, seg: Seg, r: Range): boolean {
  for (let k = r.first; k <= r.last; k++) {
    const t = seg.toks[k];
    if (t.word && !lex.determiners.has(t.low) && !lex.npPrepositions.has(t.low)) return true;
  }
  return false;
}

/** The noun phrase that ends at token `end` (inclusive), walking left. */
export function npEndingAt(lex: QuoteLexicon, seg: Seg, end: number, max = 14): Range | null {
  const toks = seg.toks;
  let k = end;
  // A parenthesis right before the verb: "Sen. Ted Cruz (R-Texas) said".
  if (toks[k]?.text === ')') {
    let p = k - 1;
    while (p >= 0 && toks[p].text !== '(' && k - p < 8) p--;
    if (p >= 0 && toks[p].text === '(') k = p - 1;
  }
  const last = k;
  while (k >= 0 && last - k < max && npable(lex, toks[k], toks[k - 1], toks[k + 1])) k--;
  if (k === last) return null;
  return trimLeading(lex, seg, { first: k + 1, last });
}

/** The noun phrase that starts at token `start`, walking right; an apposed name after a comma is kept. */
export function npStartingAt(lex: QuoteLexicon, seg: Seg, start: number, opts: { stopAt?: Set<string>; max?: number } = {}): Range | null {
  const toks = seg.toks;
  const max = opts.max ?? 14;
  let k = start;
  while (k < toks.length && k - start < max) {
    const t = toks[k];
    if (opts.stopAt?.has(t.low) && k > start) break;
    if (k > start && (lex.addresseePrepositions.has(t.low) || (lex.lang === 'fr' && (t.low === 'lors' || t.low === 'en')))) break;
    if (!npable(lex, t, toks[k - 1], toks[k + 1])) break;
    k++;
  }
  if (k === start) return null;
  let last = k - 1;
  // Apposition: "le porte-parole du Kremlin, Dmitri Peskov."
  if (toks[k]?.text === ',' && toks[k + 1] && isCap(toks[k + 1])) {
    let m = k + 1;
    while (m < toks.length && (isCap(toks[m]) || toks[m].text === '-' || (toks[m].text === '.' && /^\p{Lu}$/u.test(toks[m - 1].text)) || /^(?:de|du|von|van|da|bin|al|la|le|el)$/.test(toks[m].low))) m++;
    if (m >= toks.length || !toks[m].word) last = m - 1;
  }
  const r = { first: start, last };
  return hasContent(lex, seg, r) ? r : null;
}

/** Skips connectives and introductory phrases ("Cependant, mercredi soir, ...") from token `from`. */
export function clauseStart(lex: QuoteLexicon, seg: Seg, from = 0): number {
  const toks = seg.toks;
  const conn = lex.lang === 'fr' ? FR_CONNECTIVES : EN_CONNECTIVES;
  let s = from;
  // A dateline: "WASHINGTON (AP) —", "PARIS, 5 janvier —".
  if (s === 0 && toks.length > 3 && /^\p{Lu}{3,}$/u.test(toks[0].text)) {
    for (let k = 1; k < Math.min(toks.length, 10); k++) {
      if (/^[—–―-]$/.test(toks[k].text) && (k + 1 < toks.length)) {
        s = k + 1;
        break;
      }
    }
  }
  for (let round = 0; round < 3; round++) {
    while (s < toks.length && (conn.has(toks[s].low) || toks[s].text === ',' || /^[«“"‘—–―-]$/.test(toks[s].text))) s++;
    // An introductory phrase closed by a comma, with no verb in it (or a participle: "Interrogé sur …,").
    let k = s;
    let verb = false;
    while (k < toks.length && k - s < 10 && toks[k].text !== ',') {
      if (isVerbLike(lex, toks[k]) && k > s) verb = true;
      if (!toks[k].word && toks[k].text !== '-' && toks[k].text !== "'") break;
      k++;
    }
    if (k < toks.length && toks[k].text === ',' && !verb && k > s) {
      // Only when what follows the comma starts a clause (a subject), not an apposition of the subject.
      const afterComma = toks[k + 1];
      if (afterComma && afterComma.word && !isVerbLike(lex, afterComma)) {
        // Introductory when a subject and its verb follow the comma ("Hours later, Trump doubled down").
        const np = npStartingAt(lex, seg, k + 1, { max: 10 });
        let v = np ? np.last + 1 : -1;
        while (v >= 0 && v < toks.length && (lex.fillers.has(toks[v].low) || lex.negation.has(toks[v].low) || lex.clitics.has(toks[v].low))) v++;
        const verbNext = v >= 0 && v < toks.length && isVerbLike(lex, toks[v], toks[v - 1]);
        const first = toks[s];
        const introductory = verbNext || !isCap(first) || lex.fillers.has(first.low) || /^(?:interrogé|interrogée|selon|pour|après|avant|lors|dans|en|in|on|at|after|before|during|asked|speaking)$/i.test(first.low);
        if (introductory) {
          s = k + 1;
          continue;
        }
      }
    }
    break;
  }
  return s;
}

/** The subject of the clause the token `before` belongs to: the noun phrase at the clause start. */
export function clauseSubject(lex: QuoteLexicon, seg: Seg, before: number): Range | null {
  // Start after the last ";" before the token.
  let from = 0;
  for (let k = before - 1; k >= 0; k--) {
    if (seg.toks[k].text === ';') {
      from = k + 1;
      break;
    }
  }
  const s = clauseStart(lex, seg, from);
  if (s >= before) return null;
  const r = npStartingAt(lex, seg, s, { max: 14 });
  if (!r || r.last >= before) return null;
  // The phrase must be followed by a verb (or a comma and an apposition, then a verb).
  return r;
}

/** The subject left of a verb cue starting at token `first`. */
export function subjectLeftOf(lex: QuoteLexicon, seg: Seg, first: number): Range | null {
  const toks = seg.toks;
  let j = first - 1;
  // "Nous estimons que …": a subject pronoun opening the clause is the subject, not a clitic.
  const opensClause = (k: number) => {
    const p = toks[k - 1];
    if (!p || !p.word || lex.coordinators.has(p.low) || lex.complementizers.has(p.low)) return true;
    if (p.upos) return p.upos === 'ADV' || p.upos === 'SCONJ' || p.upos === 'CCONJ';
    return CLAUSE_ADVERBS.has(p.low);
  };
  while (j >= 0 && !(lex.subjectPronouns.has(toks[j].low) && opensClause(j)) && (lex.clitics.has(toks[j].low) || toks[j].low === 'ne' || toks[j].low === "n'" || (lex.fillers.has(toks[j].low) && (!isCap(toks[j]) || WEEKDAYS.test(toks[j].low))) || (lex.lang === 'en' && toks[j].low === 'on' && WEEKDAYS.test(toks[j + 1]?.low ?? '')))) j--;
  if (j < 0) return null;
  // A reduced relative before the verb: "A report released last year | found that", "Une étude
  // publiée mardi | montre que": the subject is the noun phrase before the participle.
  {
    let k = j;
    while (k > 0 && (lex.fillers.has(toks[k].low) || TIME_WORDS.has(toks[k].low) || WEEKDAYS.test(toks[k].low))) k--;
    const p = toks[k];
    // (Taggers often read "released" there as a finite verb: the ending decides, after a noun.)
    const prevNoun = k > 0 && toks[k - 1].word && (toks[k - 1].upos === null || toks[k - 1].upos === 'NOUN' || toks[k - 1].upos === 'PROPN');
    const participle = p && p.word && prevNoun && ((p.feats !== null && p.feats.includes('VerbForm=Part') && p.feats.includes('Tense=Past')) || (lex.lang === 'en' ? /^[a-z]{3,}ed$/.test(p.text) : /^[a-zé]{3,}(?:é|ée|és|ées)$/.test(p.text)));
    if (participle && k < first - 1) {
      const np = npEndingAt(lex, seg, k - 1);
      if (np && toks[np.last].word && !lex.stops.has(toks[np.last].low)) return np;
    }
  }
  const t = toks[j];
  if (t.text === ',') {
    // "X, le maire de Y, a déclaré" / "X, 45 ans, a déclaré" / "X, who ..., said".
    let k = j - 1;
    while (k >= 0 && j - k < 14 && toks[k].text !== ',' && toks[k].text !== ';' && !/^[«»“”"]$/.test(toks[k].text)) k--;
    if (k >= 0 && toks[k].text === ',') {
      const core = npEndingAt(lex, seg, k - 1);
      if (core) {
        // "Le ministre des Transports, Clément Beaune, a estimé": the apposed name belongs to the speaker.
        const appos = seg.toks.slice(k + 1, j).filter((u) => u.word);
        if (appos.length > 0 && appos.length <= 4 && appos.every((u) => isCap(u) || /^(?:de|du|von|van|da|bin|al)$/.test(u.low))) return { first: core.first, last: j - 1 };
        return core;
      }
    }
    return null;
  }
  if (t.text === ')') {
    // "Rep. Gwen Moore (D-Wis.) said", "Jean Dupont (LR) a déclaré": the name before the parenthesis.
    let k = j - 1;
    while (k >= 0 && j - k < 10 && toks[k].text !== '(') k--;
    if (k >= 1 && toks[k].text === '(') {
      const np = npEndingAt(lex, seg, k - 1);
      if (np) return np;
    }
    return null;
  }
  if (lex.relatives.has(t.low)) {
    // "Jean Dupont, qui a déclaré ..." → the antecedent.
    let k = j - 1;
    if (toks[k]?.text === ',') k--;
    return k >= 0 ? npEndingAt(lex, seg, k) : null;
  }
  if (lex.coordinators.has(t.low)) return clauseSubject(lex, seg, j);
  return npEndingAt(lex, seg, j);
}

export function rangeSpan(seg: Seg, r: Range): { start: number; end: number } {
  return { start: seg.toks[r.first].start, end: seg.toks[r.last].end };
}
