/**
 * English rules of the checker: subject–verb agreement and a/an.
 *
 * Both rules read the annotated tree (UPOS, PTB XPOS, features, lemma, heads) and stay silent
 * whenever the analysis leaves room for a correct reading: precision comes first, because a
 * checker that flags clean, edited text is switched off by its users.
 *
 * Suggestions for agreement are inflected forms checked against the committed English lexicon
 * (models/en/lexicon.bin, built from WordNet, english-verbs-irregular and Hunspell): a candidate
 * such as "shows" → "show" is accepted only when the lexicon knows it as the right form of the
 * verb's lemma. Only "be" and "have" are suppletive in the present tense; their paradigm is grammar,
 * written out below.
 */
import type { Document, Flag, Sentence, Word } from '../document.js';
import type { Lexicon } from '../tag/lexicon.js';
import { cachedLexicon } from '../tag/lexicon.js';
import { modelPath } from '../models.js';

export const RULE_SUBJECT_VERB = 'en.agreement.subject-verb';
export const RULE_A_AN = 'en.a-an';

/** The committed English lexicon, loaded once per process (shared with the tagger). */
export function englishLexicon(): Lexicon {
  return cachedLexicon(modelPath('en', 'lexicon.bin'));
}

export function checkEnglish(doc: Document, lexicon: Lexicon = englishLexicon()): Flag[] {
  const flags: Flag[] = [];
  for (const sentence of doc.sentences ?? []) {
    if (sentence.words.length === 0) continue;
    const view = new SentenceView(sentence);
    checkSubjectVerb(doc, view, lexicon, flags);
    checkArticles(doc, view, flags);
  }
  flags.sort((a, b) => a.start - b.start || a.end - b.end);
  return flags;
}

// ---------------------------------------------------------------------------------------------
// Sentence helpers

function feat(w: Word, name: string): string | null {
  if (w.feats === '_' || w.feats === '') return null;
  for (const part of w.feats.split('|')) {
    const eq = part.indexOf('=');
    if (part.slice(0, eq) === name) return part.slice(eq + 1);
  }
  return null;
}

class SentenceView {
  readonly words: Word[];
  readonly children: number[][];

  constructor(readonly sentence: Sentence) {
    this.words = sentence.words;
    this.children = this.words.map(() => []);
    this.words.forEach((w, i) => {
      if (w.head >= 0 && w.head < this.words.length) this.children[w.head].push(i);
    });
  }

  childrenWith(i: number, deprel: (d: string) => boolean): number[] {
    return this.children[i].filter((c) => deprel(this.words[c].deprel));
  }

  /**
   * The span to flag for replacing word i by `form`, and the replacement text: the word's token
   * when it is a token of its own, or the whole multiword token when the word is its first part
   * ("do" of "don't" → "doesn't"); null otherwise.
   */
  replacement(doc: Document, i: number, form: string): { start: number; end: number; text: string } | null {
    const w = this.words[i];
    const token = this.sentence.tokens[w.token];
    if (!token) return null;
    const surface = doc.text.slice(token.start, token.end);
    if (token.firstWord === token.lastWord) return surface === w.form ? { start: token.start, end: token.end, text: form } : null;
    if (token.firstWord !== i || !surface.toLowerCase().startsWith(w.form.toLowerCase())) return null;
    return { start: token.start, end: token.end, text: form + surface.slice(w.form.length) };
  }
}

/** Writes `suggestion` with the capitalisation of `original` ("Shows" → "Show", "IS" → "ARE"). */
export function matchCase(original: string, suggestion: string): string {
  if (original.length > 1 && original === original.toUpperCase() && original !== original.toLowerCase()) return suggestion.toUpperCase();
  if (original[0] !== original[0].toLowerCase()) return suggestion[0].toUpperCase() + suggestion.slice(1);
  return suggestion;
}

// ---------------------------------------------------------------------------------------------
// Subject–verb agreement

/** Person and number a finite verb must agree with. */
interface Agreement {
  person: 1 | 2 | 3;
  plural: boolean;
  /** Why the subject has this number, for the message ("results" is plural). */
  reason: string;
  /** The word whose number decides: the subject, or a relative pronoun's antecedent. */
  source: number;
  /** "X and Y". */
  coordinated: boolean;
}

const isSubject = (d: string): boolean => d === 'nsubj' || d === 'nsubj:pass';
const isAux = (d: string): boolean => d === 'aux' || d === 'aux:pass';

/**
 * Nouns that name a group or a quantity and may take a plural verb ("the team are", "a number of
 * them are"); the singular-noun + plural-verb direction is not flagged for them. Grammar, not
 * suggestions.
 */
const COLLECTIVE_NOUNS = new Set([
  'team', 'staff', 'police', 'family', 'government', 'committee', 'council', 'crew', 'group', 'audience', 'board',
  'band', 'class', 'club', 'company', 'couple', 'crowd', 'faculty', 'jury', 'majority', 'minority', 'management',
  'public', 'army', 'personnel', 'population', 'party', 'panel', 'press', 'parliament', 'congress', 'cabinet',
  'administration', 'opposition', 'clergy', 'youth', 'enemy', 'side', 'squad', 'orchestra', 'choir', 'media',
  'number', 'lot', 'rest', 'half', 'bunch', 'pair', 'variety', 'range', 'host', 'percent', 'remainder',
  'proportion', 'fraction', 'plenty', 'none', 'kind', 'sort', 'type', 'series', 'set', 'handful', 'dozen',
  'third', 'quarter', 'portion', 'part', 'share', 'percentage', 'chicken', 'fish',
]);

/**
 * Governors of the mandative subjunctive ("we insist that he go", "it is essential that she be"):
 * a base form after a singular subject is correct in their complement clauses.
 */
const MANDATIVE_GOVERNORS = new Set([
  'insist', 'demand', 'require', 'request', 'recommend', 'suggest', 'propose', 'ask', 'urge', 'order', 'advise',
  'command', 'move', 'stipulate', 'prefer', 'decree', 'pray', 'beg', 'essential', 'important', 'necessary', 'vital',
  'imperative', 'crucial', 'critical', 'mandatory', 'desirable', 'best', 'better', 'requirement', 'recommendation',
  'proposal', 'suggestion', 'insistence', 'condition', 'rule', 'wish', 'lest',
]);

/** Regular third person singular (the rule the lexicon's own -s forms were generated with). */
export function thirdPersonS(base: string): string {
  if (/(s|x|z|ch|sh)$/.test(base)) return `${base}es`;
  if (/[^aeiou]y$/.test(base)) return `${base.slice(0, -1)}ies`;
  if (/[^aeiou]o$/.test(base)) return `${base}es`;
  return `${base}s`;
}

function lexiconHas(lexicon: Lexicon, form: string, code: string, lemma: string): boolean {
  return lexicon.lookup(form).some((a) => a.upos === 'VERB' && a.code === code && a.lemma === lemma);
}

function nounAnalyses(lexicon: Lexicon, form: string): { sg: boolean; pl: boolean } {
  let sg = false;
  let pl = false;
  for (const a of lexicon.lookup(form.toLowerCase())) {
    if (a.code === 'N:sg') sg = true;
    else if (a.code === 'N:pl') pl = true;
  }
  return { sg, pl };
}

function numberWord(plural: boolean): string {
  return plural ? 'plural' : 'singular';
}

const NOMINAL = new Set(['NOUN', 'PROPN', 'PRON']);

/** Whether the subjects `a` and `b` (in text order) are joined by "and" (a coordination the parser left flat). */
function joinedByAnd(v: SentenceView, p: number, a: number, b: number): boolean {
  for (let k = a + 1; k < b; k++) if (v.words[k].upos === 'VERB' || v.words[k].upos === 'AUX') return false;
  const ccs = [...v.childrenWith(p, (d) => d === 'cc'), ...v.childrenWith(b, (d) => d === 'cc')].filter((c) => c > a && c < b);
  return ccs.length === 1 && v.words[ccs[0]].form.toLowerCase() === 'and' && NOMINAL.has(v.words[a].upos) && NOMINAL.has(v.words[b].upos);
}

/** The first word that is not punctuation. */
function firstWord(v: SentenceView): number {
  const i = v.words.findIndex((w) => w.upos !== 'PUNCT');
  return i < 0 ? 0 : i;
}

/** Whether word i starts the sentence or follows punctuation or a coordinating conjunction. */
function clauseInitial(v: SentenceView, i: number): boolean {
  return i === 0 || ['PUNCT', 'CCONJ'].includes(v.words[i - 1].upos);
}

/** The agreement a subject imposes, or null when it is unclear (quantifiers, clauses, "or"). */
function subjectAgreement(v: SentenceView, i: number, depth = 0, afterThere = false): Agreement | null {
  const w = v.words[i];
  const lower = w.form.toLowerCase();
  const plain = (person: 1 | 2 | 3, plural: boolean, reason: string): Agreement => ({ person, plural, reason, source: i, coordinated: false });
  const conjuncts = v.childrenWith(i, (d) => d === 'conj').filter((c) => NOMINAL.has(v.words[c].upos));
  if (conjuncts.length > 0) {
    // "X and Y" is plural; "X or Y", "either", "as well as" agree otherwise: left alone.
    const ccs = conjuncts.flatMap((c) => v.childrenWith(c, (d) => d === 'cc')).map((c) => v.words[c].form.toLowerCase());
    if (ccs.length === 0 || ccs.some((c) => c !== 'and')) return null;
    const dets = v.childrenWith(i, (d) => d === 'det' || d === 'cc:preconj').map((c) => v.words[c].form.toLowerCase());
    if (dets.some((d) => ['each', 'every', 'either', 'neither', 'no'].includes(d))) return null;
    const members = [i, ...conjuncts];
    // Names joined by "and" are often one firm or title ("Cullen and Dykman is"); one determiner
    // for two bare singular nouns is often one thing ("this extradition and imprisonment", "the
    // owner and editor"); a conjunct in brackets is an aside.
    if (members.every((m) => v.words[m].upos === 'PROPN')) return null;
    const determined = (m: number): boolean => v.childrenWith(m, (d) => d === 'det' || d === 'nmod:poss').length > 0;
    if (determined(i) && conjuncts.some((c) => !determined(c) && v.words[c].upos === 'NOUN' && feat(v.words[c], 'Number') !== 'Plur')) return null;
    const last = Math.max(...members);
    for (let k = i + 1; k < last; k++) if (v.words[k].form === '(' || v.words[k].form === '[') return null;
    return { person: 3, plural: true, reason: `"${w.form} and ${v.words[conjuncts[0]].form}" is plural`, source: i, coordinated: true };
  }
  if (w.upos === 'PRON') {
    const type = feat(w, 'PronType');
    if (type === 'Rel') {
      // The relative pronoun agrees with its antecedent, the noun the clause attaches to.
      if (depth > 0) return null;
      const clause = w.head;
      if (clause < 0 || !v.words[clause].deprel.startsWith('acl:relcl')) return null;
      const antecedent = v.words[clause].head;
      if (antecedent < 0) return null;
      const a = v.words[antecedent];
      // "one of the people who are": the antecedent is the plural, whatever the parse says.
      if (a.form.toLowerCase() === 'one' || v.childrenWith(antecedent, (d) => d === 'nmod').length > 0) return null;
      if (a.head >= 0 && v.words[a.head].form.toLowerCase() === 'one') return null;
      const agr = subjectAgreement(v, antecedent, depth + 1);
      // "a date and time that is convenient": a coordinated antecedent is often one thing.
      if (agr?.coordinated) return null;
      return agr && { ...agr, reason: `"${w.form}" refers to "${a.form}", which is ${numberWord(agr.plural)}` };
    }
    if (type === 'Int' || feat(w, 'Case') === 'Acc' || feat(w, 'Poss') === 'Yes' || feat(w, 'Reflex') === 'Yes') return null;
    const person = feat(w, 'Person');
    const number = feat(w, 'Number');
    if (person === '2' || lower === 'you') return plain(2, true, `the subject is "${w.form}"`);
    if (person === '1' && number) return plain(1, number === 'Plur', `the subject is "${w.form}"`);
    if (person === '3' && number && type === 'Prs') return plain(3, number === 'Plur', `"${w.form}" is ${numberWord(number === 'Plur')}`);
    // "one of the questions was", "each of them has": singular whatever the plural after "of".
    if ((lower === 'one' || lower === 'each') && v.childrenWith(i, (d) => d === 'nmod').length > 0) return plain(3, false, `"${w.form}" is singular`);
    // "… that were never found": a "that" inside a clause is more likely a relative pronoun.
    if (lower === 'that' && !clauseInitial(v, i)) return null;
    if (!number || !['Dem', 'Ind', 'Tot', 'Neg'].includes(type ?? '')) return null;
    // "some", "all", "none", "any", "more", "most" follow what they quantify.
    if (type !== 'Dem' && !/(one|body|thing)$/.test(lower)) return null;
    return plain(3, number === 'Plur', `"${w.form}" is ${numberWord(number === 'Plur')}`);
  }
  if (w.upos === 'NUM' && lower === 'one' && v.childrenWith(i, (d) => d === 'nmod').length > 0) return plain(3, false, `"${w.form}" is singular`);
  if (w.upos === 'DET' && feat(w, 'PronType') === 'Dem') {
    if (lower === 'that' && !clauseInitial(v, i)) return null;
    const number = feat(w, 'Number');
    return number ? plain(3, number === 'Plur', `"${w.form}" is ${numberWord(number === 'Plur')}`) : null;
  }
  if (w.upos === 'NOUN' || w.upos === 'PROPN') {
    const number = feat(w, 'Number') ?? (w.xpos === 'NNS' || w.xpos === 'NNPS' ? 'Plur' : w.xpos === 'NN' || w.xpos === 'NNP' ? 'Sing' : null);
    if (!number) return null;
    // A noun with a number in front ("ten years is a long time", but "there is 2 eggs"), or a
    // "which"/"what" determiner.
    const numbers = v.childrenWith(i, (d) => d === 'nummod').map((c) => v.words[c].form.toLowerCase());
    if (numbers.length === 1 && (numbers[0] === 'one' || numbers[0] === '1') && number === 'Sing') return plain(3, false, `"${w.form}" is singular`);
    if (!afterThere && numbers.length > 0) return null;
    if (v.childrenWith(i, (d) => d === 'det').some((c) => ['Rel', 'Int'].includes(feat(v.words[c], 'PronType') ?? ''))) return null;
    return plain(3, number === 'Plur', `"${w.form}" is ${numberWord(number === 'Plur')}`);
  }
  return null;
}

/**
 * Plural nouns often used with a singular verb ("the data is", "the media is"); with the nouns
 * whose plural-looking form is also a singular ("news", "series"), they are not flagged.
 */
const MASS_PLURALS = new Set(['data', 'media', 'agenda', 'trivia', 'graffiti', 'criteria', 'paparazzi', 'kudos', 'means', 'barracks', 'headquarters', 'crossroads', 'whereabouts', 'odds']);

/** Determiners and quantifying adjectives that fix a noun's number; a conflict means a mistagged noun. */
const SINGULAR_ONLY = new Set(['a', 'an', 'every', 'each', 'another', 'this', 'that', 'one', 'either', 'neither']);
const PLURAL_ONLY = new Set(['these', 'those', 'many', 'several', 'few', 'both', 'various', 'numerous', 'two', 'three']);

/** Whether the number read from the subject is certain enough to flag the verb. */
function subjectIsClear(v: SentenceView, agr: Agreement, lexicon: Lexicon, copulaAfter = false): boolean {
  const i = agr.source;
  const w = v.words[i];
  // A subject that is itself a predicate ("Store is on the small side and …") or has a preposition
  // ("daughter-in-law" split at the hyphens) is a misparse.
  if (v.childrenWith(i, (d) => (d === 'cop' && !copulaAfter) || d === 'case' || isSubject(d)).length > 0) return false;
  if (agr.coordinated) return true;
  if (w.upos !== 'NOUN' && w.upos !== 'PROPN') return true;
  const lemma = w.lemma.toLowerCase();
  // A coordinated modifier ("the first and second edition are") may make a singular noun plural.
  if (!agr.plural && v.childrenWith(i, (d) => ['amod', 'nummod', 'compound', 'flat'].includes(d)).some((c) => v.childrenWith(c, (d) => d === 'conj').length > 0)) return false;
  const modifiers = v.childrenWith(i, (d) => d === 'det' || d === 'amod' || d === 'nummod').map((c) => v.words[c].form.toLowerCase());
  if (modifiers.some((m) => (agr.plural ? SINGULAR_ONLY : PLURAL_ONLY).has(m))) return false;
  // Titles and teams ("The United States is", "Arsenal are"): names are judged only when they
  // are a person's full name (a flat name: "Sergey Brin").
  if (w.upos === 'PROPN') {
    if (agr.plural || v.childrenWith(i, (d) => d === 'compound').length > 0) return false;
    // A person (the entities stage's tag when it ran, else a flat multiword name).
    if (w.ner !== undefined) return w.ner.endsWith('-PER');
    return v.childrenWith(i, (d) => d.startsWith('flat')).length > 0;
  }
  const { sg, pl } = nounAnalyses(lexicon, w.form);
  // A capitalised noun whose singular is a known name ("Hancocks is one of four stores").
  if (/^\p{Lu}/u.test(w.form) && w.lemma.length > 0) {
    const name = w.lemma[0].toUpperCase() + w.lemma.slice(1);
    if (lexicon.lookup(name).some((a) => a.upos === 'PROPN')) return false;
  }
  if (agr.plural) {
    // The lexicon must know the plural; plural-looking singulars ("news", "series") are skipped.
    // WordNet lists some plurals as nouns of their own ("rooms", "arms"); a noun that is only
    // singular ("news", "politics") or a singular in -ics/-ies ("physics", "species") is skipped.
    // The tagger's plural is confirmed by the lexicon, directly or through the lemma ("women" →
    // "woman"; the lexicon's irregular plurals are incomplete). "people", whose UD lemma is itself
    // and which the lexicon only knows as a singular ("a people"), is the one plural named here.
    const lower = w.form.toLowerCase();
    const viaLemma = lemma !== lower && nounAnalyses(lexicon, lemma).sg;
    if (!pl && !viaLemma && lower !== 'people') return false;
    if (sg && /(ics|ies)$/i.test(w.form)) return false;
    return !MASS_PLURALS.has(w.form.toLowerCase());
  }
  // Singular subject with a plural verb: collective and quantity nouns, nouns whose plural has
  // the same spelling ("sheep", "species"), and "X of <plural>" (attraction is too often intended).
  if (!sg || pl) return false;
  if (COLLECTIVE_NOUNS.has(lemma)) return false;
  // "politics are local", "their remains are": singulars in -s that also take a plural verb
  // (but not "address", "status", "analysis", whose -s is no plural ending).
  if (/s$/i.test(w.form) && !/(ss|us|is)$/i.test(w.form)) return false;
  // "Are there any new console?": "any", "some", "no" blur count and mass.
  if (modifiers.some((m) => m === 'any' || m === 'some' || m === 'no')) return false;
  return !v.childrenWith(i, (d) => d === 'nmod').some((n) => {
    const plural = feat(v.words[n], 'Number') === 'Plur' || v.childrenWith(n, (d) => d === 'conj').length > 0;
    return plural && v.childrenWith(n, (d) => d === 'case').some((c) => v.words[c].form.toLowerCase() === 'of');
  });
}

/** How the finite verb is inflected, read from its spelling (the tagger's XPOS follows context). */
type VerbClass = 'pres3sg' | 'base' | 'past';

function verbClass(w: Word, lexicon: Lexicon): VerbClass | null {
  const lemma = w.lemma.toLowerCase();
  const form = w.form.toLowerCase();
  if (lemma === 'be') {
    if (form === 'was' || form === 'were') return 'past';
    if (form === 'is') return 'pres3sg';
    return form === 'am' || form === 'are' || form === 'be' ? 'base' : null;
  }
  if (w.xpos === 'VBN' || w.xpos === 'VBG' || w.xpos === 'MD') return null;
  if (lemma === 'have') return form === 'has' ? 'pres3sg' : form === 'have' ? 'base' : null;
  // The spelling decides ("they seems" may be tagged VBD); a base-spelled past ("put") is sorted
  // out by the caller.
  if (lexiconHas(lexicon, form, 'V:s', lemma)) return 'pres3sg';
  if (form === lemma) return w.xpos === 'VBD' && !lemmaPastIsBase(lexicon, lemma) ? null : 'base';
  return null;
}

/** The finite verb of the clause headed by predicate p: its first auxiliary, its copula, or p. */
function finiteVerb(v: SentenceView, p: number): number | null {
  const aux = v.childrenWith(p, isAux).filter((a) => v.words[a].form.toLowerCase() !== 'to');
  // An infinitive clause ("for him to go") has no finite verb, unless one comes before the "to"
  // ("the pledge is to be made").
  const to = v.childrenWith(p, (d) => d === 'mark' || isAux(d)).filter((m) => v.words[m].form.toLowerCase() === 'to');
  if (to.length > 0 && (aux.length === 0 || Math.min(...aux) > to[0])) return null;
  if (aux.length > 0) return Math.min(...aux);
  const cop = v.childrenWith(p, (d) => d === 'cop');
  if (cop.length > 0) return cop[0];
  return p;
}

/** A base form after a singular subject that may be a subjunctive ("that he go", "if he be"). */
function maySubjunctive(v: SentenceView, p: number): boolean {
  const pred = v.words[p];
  const marks = v.childrenWith(p, (d) => d === 'mark').map((m) => v.words[m].form.toLowerCase());
  // "lest he forget"; "if he go" is no longer written in news and is flagged.
  if (marks.includes('lest')) return true;
  if (pred.head < 0) return false;
  if (!/^(ccomp|csubj|advcl|acl)/.test(pred.deprel)) return false;
  const gov = v.words[pred.head];
  if (MANDATIVE_GOVERNORS.has(gov.lemma.toLowerCase())) return true;
  // "it is essential that …": the adjective governs through its copula clause.
  return v.children[pred.head].some((c) => MANDATIVE_GOVERNORS.has(v.words[c].lemma.toLowerCase()) && v.words[c].upos === 'ADJ');
}

/** Governors of an irrealis "were" in their complement ("I wish it were", "suppose he were"). */
const IRREALIS_GOVERNORS = new Set(['wish', 'suppose', 'imagine', 'pretend', 'rather', 'as']);
const IRREALIS_MARKS = new Set(['if', 'though', 'unless', 'whether', 'as', 'even']);

/** Whether a "were" after a singular subject may be the irrealis ("if he were", "I wish it were"). */
function mayIrrealis(v: SentenceView, p: number, finite: number, subj: number): boolean {
  if (finite < subj) return true; // "Were he to …", questions
  const pred = v.words[p];
  if (v.childrenWith(p, (d) => d === 'mark').some((m) => IRREALIS_MARKS.has(v.words[m].form.toLowerCase()))) return true;
  if (pred.head < 0) return false;
  return /^(ccomp|advcl|parataxis)/.test(pred.deprel) && IRREALIS_GOVERNORS.has(v.words[pred.head].lemma.toLowerCase());
}

/** The form of the verb's lemma a subject with `agr` requires in the verb's tense, or null. */
function requiredForm(lexicon: Lexicon, verb: Word, cls: VerbClass, agr: Agreement): string | null {
  const lemma = verb.lemma.toLowerCase();
  const sing3 = agr.person === 3 && !agr.plural;
  if (lemma === 'be') {
    if (cls === 'past') return !agr.plural && agr.person !== 2 ? 'was' : 'were';
    if (agr.person === 1 && !agr.plural) return 'am';
    return sing3 ? 'is' : 'are';
  }
  if (cls === 'past') return null;
  if (lemma === 'have') return sing3 ? 'has' : 'have';
  if (!/^[a-z]+$/.test(lemma)) return null;
  if (sing3) {
    // The -s form must be one the lexicon knows for this lemma.
    const s = thirdPersonS(lemma);
    return lexiconHas(lexicon, s, 'V:s', lemma) ? s : null;
  }
  return lexiconHas(lexicon, lemma, 'V:base', lemma) ? lemma : null;
}

function checkSubjectVerb(doc: Document, v: SentenceView, lexicon: Lexicon, flags: Flag[]): void {
  const { words } = v;
  for (let p = 0; p < words.length; p++) {
    let subjects = v.childrenWith(p, isSubject);
    const expletives = v.childrenWith(p, (d) => d === 'expl');
    // "It are clear that …": an expletive "it" with a clausal subject is the verb's subject.
    if (subjects.length === 0 && expletives.length === 1 && words[expletives[0]].form.toLowerCase() === 'it') subjects = expletives;
    let agr: Agreement | null;
    let subj: number;
    if (subjects.length === 1) {
      subj = subjects[0];
      agr = subjectAgreement(v, subj, 0, expletives.length > 0 && subj > expletives[0]);
    } else if (subjects.length === 0 && (words[p].upos === 'NOUN' || words[p].upos === 'PRON') && p + 1 < words.length && isCopulaAfterNoun(v, p)) {
      // "This message are for …": the error misleads the parser into taking the noun for the
      // predicate of the copula right after it; the noun is the subject.
      subj = p;
      agr = subjectAgreement(v, p);
      const f = p + 1;
      if (agr && words[f].lemma === 'be' && verbClass(words[f], lexicon)) {
        const required = requiredForm(lexicon, words[f], verbClass(words[f], lexicon)!, agr);
        const lower = words[f].form.toLowerCase();
        if (required && required !== lower && lower !== 'be' && !(lower === 'were' && !agr.plural) && subjectIsClear(v, agr, lexicon, true)) {
          pushAgreementFlag(doc, v, f, required, agr, flags);
        }
      }
      continue;
    } else if (subjects.length === 2 && joinedByAnd(v, p, subjects[0], subjects[1])) {
      subj = subjects[0];
      agr = { person: 3, plural: true, reason: `"${words[subjects[0]].form} and ${words[subjects[1]].form}" is plural`, source: subj, coordinated: true };
    } else continue;
    if (!agr) continue;
    const f = finiteVerb(v, p);
    if (f === null || (agr.coordinated && subjects.length === 2 && f < subjects[1])) continue;
    const verb = words[f];
    if (verb.upos !== 'VERB' && verb.upos !== 'AUX') continue;
    const cls = verbClass(verb, lexicon);
    if (!cls) continue;
    // "there is a cat and a dog" agrees with the first member after "there".
    if (agr.coordinated && v.childrenWith(p, (d) => d === 'expl').length > 0) continue;
    const lower = verb.form.toLowerCase();
    const required = requiredForm(lexicon, verb, cls, agr);
    if (!required || required === lower) continue;
    const sing3 = agr.person === 3 && !agr.plural;
    if (cls === 'base' && sing3) {
      // The tagger reads an infinitive or imperative here ("… you see nothing throw them away!",
      // "Buyer beware").
      if (feat(verb, 'VerbForm') === 'Inf' && verb.head >= 0) continue;
      const adjacent = f === subj + 1 && v.childrenWith(subj, (d) => d === 'det' || d === 'nmod:poss').length > 0;
      if (feat(verb, 'Mood') === 'Imp' && !adjacent) continue;
      // A base form after "he" may be a subjunctive; and for verbs whose past is spelled like the
      // base ("put", "set", "read") it may be the past tense.
      if (maySubjunctive(v, p)) continue;
      if (lemmaPastIsBase(lexicon, verb.lemma.toLowerCase())) continue;
    }
    if (lower === 'be') continue; // "power be where power lies", "if need be": subjunctive or dialect
    // Inversions ("Is this how …", "What is …") are where the parser errs most; only "there is"
    // is judged with the subject after the verb.
    if (f < subj && v.childrenWith(p, (d) => d === 'expl').length === 0) continue;
    // "Anyone have a recipe?": a question with "do" left out (subject first, question mark last).
    if (cls === 'base' && sing3 && subj === firstWord(v) && /\?\s*$/.test(doc.text.slice(v.sentence.start, v.sentence.end))) continue;
    if (lower === 'were' && !agr.plural && mayIrrealis(v, p, f, subj)) continue;
    if (lower === 'are' && agr.person === 1 && !agr.plural && f < subj) continue; // "aren't I"
    // "My opinion - take it", "Disney cruises, is …": punctuation right before the verb often
    // marks a heading, an imperative or a dislocated subject.
    if (f > 1 && f > subj && words[f - 1].upos === 'PUNCT' && (f - 2 === subj || /^[-–—:;]+$/.test(words[f - 1].form))) continue;
    if (!subjectIsClear(v, agr, lexicon)) continue;
    pushAgreementFlag(doc, v, f, required, agr, flags);
  }
}

/** Whether word p (a noun without a subject) is followed by a copula attached to it. */
function isCopulaAfterNoun(v: SentenceView, p: number): boolean {
  const next = v.words[p + 1];
  return next.head === p && next.deprel === 'cop' && v.childrenWith(p, (d) => d === 'nsubj:outer' || d === 'expl').length === 0;
}

function pushAgreementFlag(doc: Document, v: SentenceView, f: number, required: string, agr: Agreement, flags: Flag[]): void {
  const verb = v.words[f];
  const replaced = v.replacement(doc, f, matchCase(verb.form, required));
  if (!replaced) return;
  flags.push({
    rule: RULE_SUBJECT_VERB,
    start: replaced.start,
    end: replaced.end,
    text: doc.text.slice(replaced.start, replaced.end),
    message: `The verb does not agree with its subject: ${agr.reason}; use "${replaced.text}".`,
    suggestions: [replaced.text],
  });
}

function lemmaPastIsBase(lexicon: Lexicon, lemma: string): boolean {
  return lexiconHas(lexicon, lemma, 'V:past', lemma);
}

// ---------------------------------------------------------------------------------------------
// a / an

/** How a word begins when read aloud, as far as the article is concerned. */
export type InitialSound = 'vowel' | 'consonant' | 'either';

/** Letters whose English name begins with a vowel sound: "an F", "an MBA", "an X-ray". */
const VOWEL_NAMED_LETTERS = new Set('AEFHILMNORSX');

function letterName(ch: string): InitialSound {
  return VOWEL_NAMED_LETTERS.has(ch.toUpperCase()) ? 'vowel' : 'consonant';
}

/** Consonant clusters English words may begin with; an acronym that starts otherwise is spelled out. */
const ONSETS = new Set([
  '', 'b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'q', 'r', 's', 't', 'v', 'w', 'x', 'z',
  'bl', 'br', 'cl', 'cr', 'dr', 'fl', 'fr', 'gl', 'gr', 'pl', 'pr', 'sc', 'sk', 'sl', 'sm', 'sn', 'sp', 'st',
  'sw', 'tr', 'tw', 'th', 'sh', 'ch', 'wh', 'ph', 'str', 'spr', 'scr', 'spl', 'qu', 'squ', 'kn', 'wr', 'dw',
]);

/** Whether an all-capitals abbreviation can be read as a word ("NATO", "NASA") rather than letters. */
function pronounceable(acronym: string): boolean {
  const s = acronym.toLowerCase();
  if (!/^[a-z]+$/.test(s) || !/[aeiou]/.test(s)) return false;
  const onset = /^[^aeiouy]*/.exec(s)![0];
  if (!ONSETS.has(onset)) return false;
  return !/[^aeiouy]{3}/.test(s.slice(onset.length)) && !/[aeiou]{3}/.test(s);
}

/** The sound of a number written in digits: "an 8", "an 11-year-old", "an 18th", "a 100". */
function numberSound(token: string): InitialSound | null {
  const m = /^\d[\d,]*/.exec(token);
  if (!m) return null;
  const digits = m[0].replace(/,/g, '');
  if (digits[0] === '8') return 'vowel';
  if (digits.startsWith('11') || digits.startsWith('18')) {
    // Eleven, eighteen, eleven thousand, eighteen million; four digits may be read as a year
    // ("an 1800s house" / "a 1,800-page book").
    if (m[0].includes(',')) return /^1[18],/.test(m[0]) ? 'vowel' : 'consonant';
    if (digits.length === 4) return 'either';
    return digits.length % 3 === 2 ? 'vowel' : 'consonant';
  }
  return 'consonant';
}

/** The initial sound of a word, from its spelling. */
export function initialSound(word: string): InitialSound | null {
  if (word.length === 0) return null;
  if (/^\d/.test(word)) return numberSound(word);
  if (!/^\p{L}/u.test(word)) return null;
  // A letter read by its name: "an X-ray", "a U-turn", "an F-16", "an A", "an e-mail".
  if (/^\p{L}($|[-–\d])/u.test(word)) return /^[a-z]/i.test(word) ? letterName(word[0]) : null;
  // Abbreviations with dots ("U.S.", "an M.A.") are spelled out.
  if (/^(\p{L}\.)+\p{L}?\.?$/u.test(word) && word.length <= 8) return /^[a-z]/i.test(word) ? letterName(word[0]) : null;
  const letters = /^[\p{L}]+/u.exec(word)![0];
  // One letter before a symbol or a slash: "a U$ number", "an l/c".
  if (letters.length === 1) return /^[a-z]/i.test(letters) ? letterName(letters) : null;
  if (letters.length >= 2 && letters === letters.toUpperCase() && /^[A-Z]+$/.test(letters)) {
    // "H" is said "aitch" or "haitch": "an HIV test" and "a HHA" are both written.
    if (letters[0] === 'H') return 'either';
    const spelled = letterName(letters[0]);
    if (letters.length <= 2 || !pronounceable(letters)) return spelled;
    const read = spellingSound(letters.toLowerCase());
    if (letters.length >= 4) return read;
    return read === spelled ? read : 'either';
  }
  // Mixed-case abbreviations ("PhD", "LeT") are spelled out or read as words: either article goes.
  if (/^\p{Lu}\p{Ll}*\p{Lu}/u.test(letters) && letters.length <= 5) return 'either';
  return spellingSound(letters.toLowerCase());
}

/** Initial sound of an ordinary word from its lowercase spelling. */
function spellingSound(w: string): InitialSound {
  const c = w[0];
  if (c === 'h') {
    // The h is silent in these stems (hour, honest, honour, heir); others are said either way.
    if (/^(hour|honest|hono[u]?r|heir)/.test(w)) return 'vowel';
    if (/^(herb|histori|hotel|homage|hospitabl|humble)/.test(w)) return 'either';
    return 'consonant';
  }
  // "x" before a consonant is the letter's name ("an Xbox"), before a vowel a "z" ("a xylophone").
  if (c === 'x') return /^x[^aeiouy]/.test(w) ? 'vowel' : 'consonant';
  if (!'aeiouàâéèêîôû'.includes(c)) return 'consonant';
  if (/^e[uw]/.test(w)) return 'consonant'; // euro, European, ewe
  if (/^on(e|ce)($|[^r])/.test(w)) return 'consonant'; // one, one-off, once
  if (c === 'u') {
    // "you" at the start: uni- as a stem (university, unique, union), and u + one consonant + vowel
    // (use, usual, utility, Ukraine); the un-/up- prefixes and u + two consonants keep the vowel.
    if (/^uni[mnd]/.test(w)) return 'either';
    if (/^uni/.test(w)) return 'consonant';
    if (/^unan/.test(w)) return 'either';
    if (/^u[np][aeiouy]/.test(w)) return 'vowel';
    if (/^u[cfgklrstv][aeiouy]/.test(w)) return 'consonant';
    if (/^u[bdjmpwxz][aeiouy]/.test(w)) return 'either';
    if (/^ur[aeiouy]/.test(w)) return 'consonant';
    return 'vowel';
  }
  return 'vowel';
}

/** Quotes may stand between the article and its word; brackets open an aside ("a (chrome) coating"). */
const OPENING_PUNCT = /^["“‘'«]$/;

function checkArticles(doc: Document, v: SentenceView, flags: Flag[]): void {
  const { words, sentence } = v;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const lower = w.form.toLowerCase();
    if ((lower !== 'a' && lower !== 'an') || w.upos !== 'DET') continue;
    const tokenIndex = w.token;
    let next = tokenIndex + 1;
    if (next < sentence.tokens.length && OPENING_PUNCT.test(sentence.tokens[next].form)) next++;
    const nextToken = sentence.tokens[next];
    if (!nextToken) continue;
    // All-capitals headlines ("A UNIVERSITY …") make every word look like an acronym.
    if (w.form === 'A' || w.form === 'AN') {
      const capitals = sentence.tokens.filter((t) => /\p{L}{2}/u.test(t.form));
      if (capitals.length > 0 && capitals.filter((t) => t.form === t.form.toUpperCase()).length * 2 > capitals.length) continue;
    }
    const sound = initialSound(nextToken.form);
    if (!sound || sound === 'either') continue;
    const wanted = sound === 'vowel' ? 'an' : 'a';
    if (wanted === lower) continue;
    const suggestion = matchCase(w.form, wanted);
    const span = v.replacement(doc, i, suggestion);
    if (!span || span.text !== suggestion) continue;
    flags.push({
      rule: RULE_A_AN,
      start: span.start,
      end: span.end,
      text: doc.text.slice(span.start, span.end),
      message: `Use "${suggestion}" before "${nextToken.form}", which begins with a ${sound} sound.`,
      suggestions: [suggestion],
    });
  }
}
