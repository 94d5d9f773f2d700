/**
 * Small closed-class word lists for entity grouping: personal pronouns, titles, role nouns,
 * determiners and the function words skipped when forming acronyms. These are grammar, not
 * gazetteers (names, places and demonyms come from the published lists in gazetteer.tsv).
 */

export type Gender = 'm' | 'f' | null;

export interface PronounInfo {
  gender: 'm' | 'f';
}

export interface LangLexicon {
  /** Singular third-person personal pronouns that can refer to a person. */
  pronouns: Map<string, PronounInfo>;
  /** Words after "il" that make it impersonal ("il y a", "il faut"). */
  impersonalNext: Set<string>;
  /** Titles before a name, with the gender they give. */
  titles: Map<string, Gender>;
  /** Honorifics left out of a person mention's span ("M. Chéron" → "Chéron"; the title still gives the gender). */
  honorifics: Set<string>;
  /** Role nouns (lowercase) with their gender when the word shows it (null = epicene). */
  roles: Map<string, Gender>;
  /** Adjectives that may stand between the determiner and the role noun ("premier ministre"). */
  preAdjectives: Map<string, Gender>;
  /** Determiners that open a role noun phrase, with the gender they show (null = any). */
  determiners: Map<string, Gender>;
  /** Contracted determiners ("du", "au") that open a role noun phrase but whose text is not part of the mention. */
  contracted: Map<string, Gender>;
  /** Words that introduce a complement of a noun ("de", "of"). */
  complement: Set<string>;
  /** Words skipped when forming an acronym from a name. */
  acronymSkip: Set<string>;
  /**
   * Head nouns that make a capitalised name an organisation ("Bourse de Paris", "Monetary Policy
   * Committee"): the first word in French, the last word (or the first before "of") in English.
   */
  institutionHeads: Set<string>;
  /** Lowercase head nouns of an institution named by its complement ("ministère des Armées", "préfecture de police de Paris"). */
  institutionNouns: Set<string>;
  /** Lowercase nouns that are an institution only with a service noun before the place ("préfecture de police de Paris", not "préfecture d'Okinawa"). */
  serviceInstitutionNouns: Set<string>;
  /**
   * Words of a title written before a name without a determiner, English wire style ("Treasury
   * Secretary Janet Yellen", "Senate Majority Leader Chuck Schumer"): offices and their
   * portfolios. A capitalised word before such a title is the organisation ("Treasury").
   */
  titleWords: Set<string>;
  /** Multi-word role nouns ("chef de l'État") and the single role noun they are equivalent to. */
  roleCompounds: { words: string[]; equivalent: string }[];
  /** Continents: places, never an institution named by its seat. */
  continents: Set<string>;
  /** Particles inside surnames ("Marine Le Pen", "Erik ten Hag"). */
  nameParticles: Set<string>;
  /** Coordinating words between two names ("CGT et CFDT"). */
  coordination: Set<string>;
  /** Whether an institution's head noun comes first in its name (French) rather than last (English). */
  headFirst: boolean;
  /** Months and days: capitalised in English, never an organisation before a title ("In October General X"). */
  timeWords: Set<string>;
}

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);

function genderMap(m: string, f: string, epicene: string): Map<string, Gender> {
  const map = new Map<string, Gender>();
  for (const w of words(m)) map.set(w, 'm');
  for (const w of words(f)) map.set(w, 'f');
  for (const w of words(epicene)) map.set(w, null);
  return map;
}

const FR: LangLexicon = {
  pronouns: new Map([
    ['il', { gender: 'm' }],
    ['elle', { gender: 'f' }],
  ]),
  impersonalNext: new Set(words("y faut s'agit s’agit semble paraît paraissait pleut reste restait existe suffit importe convient manque vaut fallait fallu s'est s’est s'était s’était")),
  titles: genderMap('m. mm. monsieur messieurs mr sieur', 'mme mme. mmes madame mesdames mlle mlle. mlles mademoiselle', 'dr dr. docteur me me. maître pr pr. mgr'),
  honorifics: new Set(words('m. mm. mme mme. mmes mlle mlle. mlles mgr dr dr. me pr')),
  roles: genderMap(
    'président vice-président chancelier directeur roi prince empereur ambassadeur sénateur député dirigeant patron fondateur entraîneur sélectionneur gouverneur procureur candidat conseiller avocat',
    'présidente vice-présidente chancelière directrice reine princesse impératrice ambassadrice sénatrice députée dirigeante patronne fondatrice entraîneuse gouverneure procureure candidate conseillère avocate',
    'ministre porte-parole secrétaire commissaire juge pape maire chef leader pdg',
  ),
  preAdjectives: new Map<string, Gender>([
    ['premier', 'm'],
    ['première', 'f'],
    ['ancien', 'm'],
    ['ancienne', 'f'],
    ['nouveau', 'm'],
    ['nouvelle', 'f'],
    ['futur', 'm'],
    ['future', 'f'],
  ]),
  determiners: new Map<string, Gender>([
    ['le', 'm'],
    ['la', 'f'],
    ["l'", null],
    ['l’', null],
    ['ce', 'm'],
    ['cet', 'm'],
    ['cette', 'f'],
  ]),
  contracted: new Map<string, Gender>([
    ['du', 'm'],
    ['au', 'm'],
  ]),
  complement: new Set(words("de du des d' d’")),
  acronymSkip: new Set(words("de du des d' d’ la le les l' l’ et pour en à au aux sur par un une")),
  institutionHeads: new Set(
    words(
      'ministère bourse banque conseil cour assemblée commission parlement sénat agence autorité fédération parti syndicat institut comité tribunal caisse compagnie société groupe secrétariat préfecture haut-commissariat',
    ),
  ),
  institutionNouns: new Set(words('ministère secrétariat')),
  serviceInstitutionNouns: new Set(words('préfecture')),
  titleWords: new Set(),
  roleCompounds: [
    { words: ['chef', 'de', "l'", 'état'], equivalent: 'président' },
    { words: ['chef', 'du', 'gouvernement'], equivalent: 'ministre' },
    { words: ['chef', 'de', 'la', 'diplomatie'], equivalent: 'ministre' },
  ],
  continents: new Set(words('europe afrique asie amérique océanie antarctique')),
  nameParticles: new Set(words('le la de di da van von del du des ten ter al')),
  coordination: new Set(words('et ou ,')),
  headFirst: true,
  timeWords: new Set(),
};

const EN: LangLexicon = {
  pronouns: new Map([
    ['he', { gender: 'm' }],
    ['him', { gender: 'm' }],
    ['his', { gender: 'm' }],
    ['himself', { gender: 'm' }],
    ['she', { gender: 'f' }],
    ['her', { gender: 'f' }],
    ['hers', { gender: 'f' }],
    ['herself', { gender: 'f' }],
  ]),
  impersonalNext: new Set(),
  titles: genderMap('mr mr. sir lord', 'mrs mrs. ms ms. miss lady dame', 'dr dr. prof prof. professor'),
  honorifics: new Set(words('mr mr. mrs mrs. ms ms. dr dr. messrs messrs.')),
  roles: genderMap(
    'spokesman chairman king prince emperor congressman businessman',
    'spokeswoman chairwoman queen princess empress congresswoman businesswoman',
    'president vice-president chancellor director minister premier governor ambassador senator representative leader chief mayor secretary spokesperson prosecutor judge candidate adviser advisor ceo founder commissioner commander general pope coach',
  ),
  preAdjectives: new Map<string, Gender>([
    ['prime', null],
    ['former', null],
    ['new', null],
    ['foreign', null],
    ['vice', null],
  ]),
  determiners: new Map<string, Gender>([['the', null]]),
  contracted: new Map(),
  complement: new Set(['of']),
  acronymSkip: new Set(words('of the and for in on at to a an')),
  institutionHeads: new Set(
    words(
      'ministry department bank council court assembly commission parliament senate agency authority federation party institute committee tribunal exchange reserve board bureau administration corporation company group',
    ),
  ),
  institutionNouns: new Set(),
  serviceInstitutionNouns: new Set(),
  titleWords: new Set(
    words(
      'chair chairman chairwoman chairperson secretary general secretary-general director-general commissioner speaker leader majority minority whip president vice vice-president deputy governor manager coach minister prime chief executive officer director attorney senator representative ambassador envoy spokesman spokeswoman spokesperson mayor judge justice foreign defense defence finance interior home trade health competition economy energy transport education culture labor labour agriculture environment commerce acting managing founder ceo cfo head boss captain admiral colonel commander major lieutenant sergeant brigadier marshal corporal bishop cardinal pope adviser advisor treasurer administrator surgeon',
    ),
  ),
  roleCompounds: [{ words: ['head', 'of', 'state'], equivalent: 'president' }],
  continents: new Set(words('europe africa asia america oceania antarctica')),
  nameParticles: new Set(words('de di da van von del du ten ter al bin le la')),
  coordination: new Set(words('and or ,')),
  headFirst: false,
  timeWords: new Set(words('january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday')),
};

export function lexicon(lang: 'fr' | 'en'): LangLexicon {
  return lang === 'fr' ? FR : EN;
}
