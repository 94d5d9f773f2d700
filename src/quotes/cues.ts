/**
 * Reporting cues in the token stream: reporting verbs with their auxiliaries ("a déclaré",
 * "a-t-elle dit", "has said"), a few verb phrases ("faire savoir", "mettre en garde",
 * "point out"), and the prepositions that attribute ("selon", "d'après", "according to").
 */
import type { CueClass, QuoteLexicon } from './lexicon.js';
import type { Seg, TextView, Tok } from './text.js';

export interface Pron {
  start: number;
  end: number;
  text: string;
}

export interface Cue {
  seg: Seg;
  /** Index of the main verb (or preposition) token in the segment. */
  head: number;
  /** First and last token of the cue span (auxiliaries included). */
  first: number;
  last: number;
  lemma: string;
  cls: CueClass;
  frames: string[];
  /** 'noun': a speech noun with its clause ("his claim that"), made by the extractor only. */
  kind: 'verb' | 'prep' | 'noun';
  /** Present participle ("affirmant", "saying"): the subject is the main clause's. */
  participle: boolean;
  /** Infinitive, bare or after "à"/"de"/"to". */
  infinitive: boolean;
  negated: boolean;
  /** Passive ("was told", "il a été dit"). */
  passive: boolean;
  /** Subject pronoun written inside the verb token ("a-t-elle", "dit-il"). */
  inverted: Pron | null;
}

const INVERSION = /^(.+?)-(?:t-)?(il|elle|on|ils|elles|je|nous|vous)$/;

export function splitInversion(low: string): { base: string; pron: string } | null {
  const m = INVERSION.exec(low);
  return m ? { base: m[1], pron: m[2] } : null;
}

const FR_DET_BEFORE_NOUN = new Set(['le', 'la', 'les', 'un', 'une', 'des', 'du', 'sa', 'son', 'ses', 'cette', 'ce', 'cet', 'leur', 'leurs', 'au', 'aux', 'mon', 'ma', 'mes', 'notre', 'nos', 'votre', 'vos', 'chaque', 'quelques', 'plusieurs', 'aucune', 'aucun']);
const EN_DET_BEFORE_NOUN = new Set(['the', 'a', 'an', 'his', 'her', 'its', 'their', 'this', 'these', 'those', 'my', 'our', 'your', 'such', 'no', 'any', 'some', 'of', "'s", 'whose', 'many', 'several', 'few', 'more', 'most', 'other', 'all', 'both']);
const EN_AMBIGUOUS = new Set(['report', 'state', 'remark', 'note', 'comment', 'claim', 'charge', 'point', 'blast', 'slam', 'question', 'answer', 'reply', 'tweet', 'post', 'estimate', 'fear', 'hope', 'worry', 'guess', 'request', 'demand', 'promise', 'pledge', 'vow', 'counter', 'respond', 'stress', 'highlight', 'joke', 'quip', 'muse', 'sigh', 'release', 'testify', 'cite', 'caution', 'warn', 'feel', 'maintain', 'concede', 'plead', 'boast', 'complain', 'dispute', 'reject', 'dismiss', 'condemn', 'criticize', 'attack', 'blame', 'accuse']);
const FR_FAIRE = new Set(['fait', 'fais', 'faisait', 'faisaient', 'font', 'fera', 'ferait', 'feront', 'faire', 'faisant', 'fit']);
const FR_METTRE = new Set(['mis', 'met', 'mettent', 'mettait', 'mettaient', 'mettra', 'mettant', 'mettre', 'mit']);
const FR_PARTICIPLE_AUX = new Set(['ayant', 'étant']);
const FR_BEFORE_INF = /^(?:à|de|d'|pour|sans|par|se|s'|le|la|les|l'|lui|leur|y|en|me|m'|te|t'|nous|vous|faut|fallait|va|vont|allait|veut|veulent|voulait|doit|doivent|devait|devrait|peut|peuvent|pouvait|pourrait|voudrait|souhaite|entend|compte|sait|faire|fait|laisse|pas|plus|jamais)$/;
const NOT_VERB_UPOS = new Set(['NOUN', 'PROPN', 'DET', 'ADP', 'PRON', 'CCONJ', 'SCONJ', 'NUM', 'PUNCT', 'SYM', 'INTJ']);
const EN_NEG_BEFORE = new Set(['declined', 'refused', 'declining', 'refusing', 'declines', 'refuses', 'decline', 'refuse', 'unwilling', 'reluctant']);
const FR_NEG_BEFORE = new Set(['refusé', 'refuse', 'refusent', 'refusait', 'refusant', 'refuser', 'sans', 'évité', 'éviter', 'évitant']);

/** Verbs of headlines written in title case: "Obama Says Museum Will Tell …". */
const HEADLINE_VERBS = new Set(['says', 'said', 'tells', 'told', 'warns', 'claims', 'denies', 'urges', 'vows', 'admits', 'insists', 'accuses', 'blames', 'slams', 'blasts', 'calls', 'asks', 'predicts', 'argues']);

/** A segment in title case: most of its words of four letters or more are capitalised. */
function titleCase(toks: Tok[]): boolean {
  const long = toks.filter((t) => t.word && t.text.length >= 4);
  return long.length >= 3 && long.filter((t) => /^\p{Lu}/u.test(t.text)).length >= 0.8 * long.length;
}

/** True when a token is one of the auxiliary/semi-auxiliary forms of the language. */
function isAux(lex: QuoteLexicon, t: Tok): boolean {
  if (lex.auxiliaries.has(t.low)) return true;
  if (lex.lang === 'fr') {
    const inv = splitInversion(t.low);
    if (inv && lex.auxiliaries.has(inv.base)) return true;
    if (FR_PARTICIPLE_AUX.has(t.low)) return true;
  }
  return false;
}

/** A first-group past participle ("déclaré", "niée"); other participles look like present forms. */
function frenchParticiple(low: string): boolean {
  return /(?:é|ée|és|ées)$/.test(low);
}

/** Finds the cues of a segment, left to right. */
export function findCues(view: TextView, lex: QuoteLexicon, seg: Seg): Cue[] {
  const cues: Cue[] = [];
  const toks = seg.toks;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (!t.word) continue;
    const prev = toks[i - 1];
    const next = toks[i + 1];
    // Prepositional cues.
    if (lex.lang === 'fr') {
      if (t.low === 'selon' && next && !/^(?:lesquel|laquelle|lequel|lesquel|que|qu')/.test(next.low)) {
        cues.push(prepCue(seg, i, i, 'selon'));
        continue;
      }
      if (t.low === 'après' && prev && prev.low === "d'" && prev.end === t.start) {
        cues.push(prepCue(seg, i - 1, i, "d'après"));
        continue;
      }
      // "Pour le syndicat, « … »" / "Pour lui, la réforme …": a person's view opening the sentence.
      if (t.low === 'pour' && (i === 0 || (prev && (!prev.word || /^(?:mais|et|or)$/.test(prev.low))))) {
        let k = i + 1;
        let person = false;
        while (k < toks.length && k - i <= 8 && toks[k].text !== ',' && (toks[k].word || toks[k].text === '-')) {
          const u = toks[k];
          if (/^(?:lui|elle|eux|elles|moi|nous)$/.test(u.low) || (/^\p{Lu}/u.test(u.text) && k > i + 0) || lex.roleNouns.has(u.low)) person = true;
          if (lex.verbs.has(u.low) || lex.auxiliaries.has(u.low) || /^\d/.test(u.text)) person = false;
          k++;
        }
        if (person && toks[k]?.text === ',' && k > i + 1) {
          cues.push(prepCue(seg, i, i, 'pour'));
          continue;
        }
      }
    } else if (t.low === 'according' && next && next.low === 'to') {
      cues.push(prepCue(seg, i, i + 1, 'according to'));
      i++;
      continue;
    }
    let low = t.low;
    let inverted: Pron | null = null;
    if (lex.lang === 'fr') {
      const inv = splitInversion(low);
      if (inv) {
        low = inv.base;
        const off = t.text.length - inv.pron.length;
        inverted = { start: t.start + off, end: t.end, text: t.text.slice(off) };
      }
    }
    let entry = lex.verbs.get(low);
    if (!entry && t.lemma && lex.lemmas.has(t.lemma) && t.upos === 'VERB') entry = lex.lemmas.get(t.lemma);
    if (!entry || entry.cls === 'none') continue;
    let lemma = entry.lemma;
    let cls = entry.cls;
    let frames = entry.frames;
    let head = i;
    let last = i;
    // POS: a noun, a determiner... is not a cue, except a verb form the tagger took for a noun
    // between its subject and "that" ("The Tax Policy Center estimates/NOUN that").
    // Likewise an inflected form ("urges", "reports", "claimed") right after a name or pronoun and
    // before what a verb takes: a determiner, a name, "on"/"to", a quote mark, the end of the
    // sentence ("Trump urges supporters to …", "Axelrod calls on Dean to …", "…, the Journal reports.").
    // French likewise: "Le sondage montre/NOUN que …".
    const subjectBefore = prev !== undefined && prev.word && !lex.determiners.has(prev.low) && prev.low !== "'s" && prev.low !== '’s' && (prev.upos === 'NOUN' || prev.upos === 'PROPN' || prev.upos === 'PRON');
    const detNoun = toks[i - 2] !== undefined && lex.determiners.has(toks[i - 2].low) && prev?.upos !== 'PROPN';
    const verbFollows = next !== undefined && (next.low === 'on' || lex.determiners.has(next.low) || next.upos === 'PROPN' || /^[“"‘.:]$/.test(next.text) || (next.text === ',' && i + 2 >= toks.length - 1));
    const nounBeforeThat = t.upos === 'NOUN' && subjectBefore && (lex.complementizers.has(next?.low ?? '') || (lex.lang === 'en' && !detNoun && t.low !== entry.lemma && /(?:s|ed)$/.test(t.low) && verbFollows));
    const headlineVerb = lex.lang === 'en' && i > 0 && HEADLINE_VERBS.has(low) && /^\p{Lu}/u.test(t.text) && titleCase(toks);
    if (t.upos && NOT_VERB_UPOS.has(t.upos) && !nounBeforeThat && !headlineVerb) continue;
    if (!t.upos && prev) {
      const dets = lex.lang === 'fr' ? FR_DET_BEFORE_NOUN : EN_DET_BEFORE_NOUN;
      if (dets.has(prev.low)) continue;
    }
    if (lex.lang === 'en' && t.upos === 'ADJ') continue;
    // English: a capitalised word inside a sentence is a name ("the United States"); a participle
    // opening the sentence ("Asked whether ...,", "Speaking to ...,") introduces no speech.
    if (lex.lang === 'en' && i > 0 && /^\p{Lu}/u.test(t.text) && prev && prev.word && !(HEADLINE_VERBS.has(low) && titleCase(toks))) continue;
    if (lex.lang === 'en' && (i === 0 || (prev && !prev.word && /^[«“"‘—–―-]$/.test(prev.text))) && /(?:ed|ing)$/.test(low)) continue;
    // English forms that are as often nouns ("reports", "states", "claims"): untagged, they need a
    // pronoun or name before them and a clause, a quote or a comma after them.
    if (lex.lang === 'en' && !t.upos && EN_AMBIGUOUS.has(entry.lemma) && (low === entry.lemma || low === `${entry.lemma}s` || low === `${entry.lemma}es`)) {
      const before2 = toks[i - 2];
      const modifier = prev && (lex.demonyms.has(prev.low) || (before2 && lex.determiners.has(before2.low)));
      const subjectBefore = prev && !modifier && (lex.subjectPronouns.has(prev.low) || /^\p{Lu}/u.test(prev.text));
      const clauseAfter = next && (next.low === 'that' || next.text === ',' || next.text === ':' || /^[“"‘]$/.test(next.text));
      const afterQuote = prev && (prev.text === ',' || /^[”"’]$/.test(prev.text));
      if (modifier) continue;
      if (!subjectBefore && !(clauseAfter && prev && !lex.determiners.has(prev.low) && prev.word) && !afterQuote) continue;
    }
    if (lex.lang === 'en' && entry.lemma === 'add' && next && next.low === 'up') continue;
    // Verb phrases.
    let firstExtra = -1;
    if (lex.lang === 'fr') {
      if ((low === 'savoir' || low === 'valoir' || low === 'remarquer' || low === 'observer' || low === 'part') && prev && FR_FAIRE.has(prev.low)) {
        lemma = `faire ${low === 'part' ? 'part' : entry.lemma}`;
        firstExtra = i - 1;
      }
    } else {
      if (entry.lemma === 'point' && next && next.low === 'out') {
        lemma = 'point out';
        last = i + 1;
      }
    }
    const cue = verbCue(view, lex, seg, firstExtra >= 0 ? firstExtra : i, head, last, lemma, cls, frames, inverted);
    if (cue) cues.push(cue);
  }
  // "mettre en garde", "point out" (listed as "none" alone).
  for (let i = 0; i + 1 < toks.length; i++) {
    const t = toks[i];
    if (lex.lang === 'fr' && FR_METTRE.has(t.low) && toks[i + 1]?.low === 'en' && toks[i + 2]?.low === 'garde') {
      const c = verbCue(view, lex, seg, i, i, i + 2, 'mettre en garde', 'speech', [], null);
      if (c) cues.push(c);
    } else if (lex.lang === 'en' && /^point(?:s|ed|ing)?$/.test(t.low) && toks[i + 1]?.low === 'out' && !cues.some((c) => c.head === i)) {
      const c = verbCue(view, lex, seg, i, i, i + 1, 'point out', 'speech', [], null);
      if (c) cues.push(c);
    } else if (lex.lang === 'en' && /^puts?$/.test(t.low) && toks[i + 1]?.low === 'it' && toks[i + 2] && /^[,:]$/.test(toks[i + 2].text)) {
      // "As X put it, “…”": attributes the quote that follows.
      const c = verbCue(view, lex, seg, i, i, i + 1, 'put it', 'speech', ['post'], null);
      if (c) cues.push(c);
    }
  }
  cues.sort((a, b) => a.head - b.head);
  return cues;
}

function prepCue(seg: Seg, first: number, last: number, lemma: string): Cue {
  return { seg, head: last, first, last, lemma, cls: 'speech', frames: [], kind: 'prep', participle: false, infinitive: false, negated: false, passive: false, inverted: null };
}

function verbCue(view: TextView, lex: QuoteLexicon, seg: Seg, verbFirst: number, head: number, last: number, lemma: string, cls: CueClass, frames: string[], inverted: Pron | null): Cue | null {
  const toks = seg.toks;
  const t = toks[head];
  let first = verbFirst;
  let negated = false;
  let passive = false;
  let sawAux = false;
  // Walk back over auxiliaries, negation, clitics and a few adverbs.
  for (let j = verbFirst - 1; j >= 0 && j >= verbFirst - 6; j--) {
    const u = toks[j];
    if (isAux(lex, u)) {
      if (lex.lang === 'fr') {
        const inv = splitInversion(u.low);
        if (inv && !inverted) {
          const off = u.text.length - inv.pron.length;
          inverted = { start: u.start + off, end: u.end, text: u.text.slice(off) };
        }
        if (/^(?:été)$/.test(u.low)) passive = true;
      } else if (/^(?:is|are|was|were|been|being|be)$/.test(u.low) && /(?:ed|told|said|written|thought)$/.test(t.low)) {
        passive = true;
      }
      first = j;
      sawAux = true;
      continue;
    }
    if (lex.negation.has(u.low)) {
      negated = true;
      if (u.low === 'ne' || u.low === "n'") {
        if (sawAux) first = Math.min(first, first);
      }
      continue;
    }
    if (lex.lang === 'fr' && (u.low === "s'" || u.low === 'se') && j === first - 1) {
      first = j;
      continue;
    }
    if (lex.clitics.has(u.low)) continue;
    if (lex.fillers.has(u.low) && j > verbFirst - 3) continue;
    break;
  }
  // "n'a pas dit": the negation sits between the clitic slot and the verb.
  if (lex.lang === 'fr') {
    for (let j = first; j < head; j++) if (lex.negation.has(toks[j].low) && toks[j].low !== 'plus') negated = true;
    const before = toks[first - 1];
    if (before && (before.low === 'ne' || before.low === "n'")) negated = true;
    const b2 = toks[first - 2];
    if (before && lex.clitics.has(before.low) && b2 && (b2.low === 'ne' || b2.low === "n'")) negated = true;
  } else {
    for (let j = first; j < head; j++) if (toks[j].low === 'not' || toks[j].low === "n't" || toks[j].low === 'never') negated = true;
  }
  // Infinitive: after à/de/to, or an infinitive form.
  const before = toks[first - 1];
  let infinitive = false;
  let participle = false;
  if (lex.lang === 'fr') {
    // Untagged, an ending in -re is as often a present form ("il montre", "elle déclare"): an
    // infinitive only after a preposition, a clitic or a verb that takes one.
    if (/(?:er|ir)$/.test(t.low) && !sawAux) infinitive = true;
    if (/re$/.test(t.low) && !sawAux && FR_BEFORE_INF.test(toks[verbFirst - 1]?.low ?? '')) infinitive = true;
    if (/ant$/.test(t.low) && !sawAux) participle = true;
    if (toks[first - 1]?.low === 'en' && participle) participle = true;
    const bareParticiple = t.feats ? t.feats.includes('VerbForm=Part') && t.feats.includes('Tense=Past') : frenchParticiple(t.low);
    if (!sawAux && !inverted && bareParticiple) {
      // A bare past participle ("interrogé", "cité par") does not report speech by itself.
      return null;
    }
    if (before && (before.low === 'de' || before.low === "d'" || before.low === 'à') && infinitive) {
      const b2 = toks[first - 2];
      if (b2 && FR_NEG_BEFORE.has(b2.low)) negated = true;
    }
    if (before && FR_NEG_BEFORE.has(before.low)) negated = true;
  } else {
    if (/ing$/.test(t.low) && !sawAux) participle = true;
    if (before && before.low === 'to') {
      infinitive = true;
      const b2 = toks[first - 2];
      if (b2 && EN_NEG_BEFORE.has(b2.low)) negated = true;
    }
    if (before && EN_NEG_BEFORE.has(before.low)) negated = true;
  }
  if (t.feats) {
    // English: the bare form after a subject or a modal ("lawmakers say", "critics would say") is
    // a finite predicate with its own subject; only "to" makes an infinitive.
    if (t.feats.includes('VerbForm=Inf') && (lex.lang === 'fr' || before?.low === 'to')) infinitive = true;
    // French: with tags, the ending is no evidence ("il montre", "elle déclare" end like infinitives).
    if (lex.lang === 'fr' && !t.feats.includes('VerbForm=Inf') && !(before && /^(?:de|d'|à)$/.test(before.low))) infinitive = false;
    if (t.feats.includes('VerbForm=Ger') || (lex.lang === 'fr' && t.feats.includes('Tense=Pres') && t.feats.includes('VerbForm=Part'))) participle = true;
  }
  return { seg, head, first, last, lemma, cls, frames, kind: 'verb', participle, infinitive, negated, passive, inverted };
}
