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
};

export function lexicon(lang: 'fr' | 'en'): LangLexicon {
  return lang === 'fr' ? FR : EN;
}
