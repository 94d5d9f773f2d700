/**
 * The entities layer of a document: NER over the tokenizer's tokens, then grouping of the
 * mentions into entities, then role nouns and pronouns linked to people, then demonyms attached
 * to their countries.
 *
 * Every link is explained (Mention.link) and carries a confidence. The rules, in order:
 *
 *  1. NER (model.ts) labels each sentence's surface tokens; a multiword token (fr "du") takes its
 *     token's label, so the model sees the forms its training data had. Words get BIO tags.
 *  2. A mention that is only a demonym ("Russian", "Américains") is not an entity: it becomes an
 *     attribute of its country (step 6).
 *  3. Document consistency: an untagged capitalised token equal to the surname of a person found
 *     elsewhere in the document, or an untagged token run equal to a mention's text, becomes a
 *     mention of the same type.
 *  4. Grouping, in text order: same name; surname ↔ full name (persons); acronym ↔ expansion
 *     (initials of the content words, or an acronym in parentheses right after its expansion).
 *     The canonical name is the longest proper-name mention.
 *  5. Role nouns ("la porte-parole", "le président kazakh") and singular personal pronouns
 *     ("il", "elle", "she") are linked to a person: a role right before a name is its title;
 *     otherwise the nearest compatible person (gender from first names, titles, determiners,
 *     French feats; impersonal "il" skipped) within three sentences before, or for a role noun
 *     with no candidate before, the first one after.
 *  6. Demonyms and country adjectives (from the gazetteer) become attribute spans of the entity
 *     of their country; a country never named in the text gets an entity with no mention.
 */
import type { Document, Entity, EntityType, Mention, Span } from '../document.js';
import type { Gazetteer, GazEntry } from './gazetteer.js';
import { GAZ_CITY, GAZ_COUNTRY, GAZ_DEMONYM, GAZ_FIRST, gazKey } from './gazetteer.js';
import { lexicon, type Gender, type LangLexicon } from './lexicon.js';
import type { NerModel } from './model.js';
import { bilouSpans } from './labels.js';

/** One surface token of the document, flattened across sentences. */
interface Tok {
  sent: number;
  /** Index of the token in its sentence's `tokens`. */
  index: number;
  /** The sentence words this unit covers (a token, or one word of a split multiword token). */
  firstWord: number;
  lastWord: number;
  start: number;
  end: number;
  form: string;
  lower: string;
  upos: string;
  feats: string;
  deprel: string;
  /** Grammatical subject (nsubj, or an apposition / name part of one): preferred antecedent of a subject pronoun. */
  subject: boolean;
}

interface ProperMention {
  t0: number;
  t1: number;
  type: EntityType;
  entity: number;
  link?: string;
  confidence?: number;
  /** Found by document consistency (step 3), not by the model. */
  propagated?: boolean;
}

interface Group {
  mentions: ProperMention[];
  extra: Mention[];
  name: string;
  nameTokens: string[];
  gender: Gender;
  /** Role nouns (lowercase) seen as titles of this person. */
  roles: Set<string>;
  attributes: Span[];
  country?: string;
}

const PUNCT = /^[\p{P}\p{S}]+$/u;

function isCapitalised(form: string): boolean {
  const c = form.charAt(0);
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

/** Comparison key of a name: lowercase, no accents, apostrophes folded. */
const nameKeys = new Map<string, string>();

function nameKey(s: string): string {
  let k = nameKeys.get(s);
  if (k === undefined) {
    if (nameKeys.size > 20000) nameKeys.clear();
    k = foldName(s);
    nameKeys.set(s, k);
  }
  return k;
}

function foldName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’ʼ]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

function featValue(feats: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\|)${name}=([^|]+)`).exec(feats);
  return m ? m[1] : null;
}

function featGender(feats: string): Gender {
  const g = featValue(feats, 'Gender');
  return g === 'Masc' ? 'm' : g === 'Fem' ? 'f' : null;
}

export interface AnnotateOptions {
  model: NerModel;
  gazetteer: Gazetteer | null;
  lang: 'fr' | 'en';
}

/** Fills words' `ner` and `doc.entities`. Needs `doc.sentences`. */
export function annotateEntities(doc: Document, opts: AnnotateOptions): void {
  const { model, gazetteer: gaz, lang } = opts;
  const lex = lexicon(lang);
  const sentences = doc.sentences ?? [];
  const toks: Tok[] = [];
  const sentStart: number[] = [];
  for (let s = 0; s < sentences.length; s++) {
    sentStart.push(toks.length);
    const sent = sentences[s];
    const isSubject = (wi: number): boolean => {
      const w = sent.words[wi];
      if (!w) return false;
      if (w.deprel.startsWith('nsubj')) return true;
      const h = sent.words[w.head];
      return /^(appos|flat|compound)/.test(w.deprel) && h !== undefined && (h.deprel.startsWith('nsubj') || (/^(flat|compound)/.test(h.deprel) && (sent.words[h.head]?.deprel ?? '').startsWith('nsubj')));
    };
    const unit = (t: number, w0: number, w1: number, start: number, end: number, form: string): void => {
      // The syntactic head of the unit's words stands for it (the last word by default).
      let w = sent.words[w1] ?? sent.words[w0];
      for (let wi = w0; wi <= w1; wi++) if (sent.words[wi] && (sent.words[wi].head < w0 || sent.words[wi].head > w1)) w = sent.words[wi];
      let subject = false;
      for (let wi = w0; wi <= w1; wi++) if (isSubject(wi)) subject = true;
      toks.push({
        sent: s,
        index: t,
        firstWord: w0,
        lastWord: w1,
        start,
        end,
        form,
        lower: form.toLowerCase().replace(/’/g, "'"),
        upos: w?.upos ?? '_',
        feats: w?.feats ?? '_',
        deprel: w?.deprel ?? '_',
        subject,
      });
    };
    for (let t = 0; t < sent.tokens.length; t++) {
      const tk = sent.tokens[t];
      // English: a multiword token whose words spell it ("Google's" = Google + 's) is split, as
      // WikiNEuRal-en splits it, so that a name's span stops before the possessive. French keeps
      // its tokens ("du" is one token in WikiNEuRal-fr).
      const ws = sent.words.slice(tk.firstWord, tk.lastWord + 1);
      if (lang === 'en' && ws.length > 1 && ws.map((w) => w.form).join('') === tk.form) {
        let off = tk.start;
        ws.forEach((w, k) => {
          unit(t, tk.firstWord + k, tk.firstWord + k, off, off + w.form.length, w.form);
          off += w.form.length;
        });
      } else unit(t, tk.firstWord, tk.lastWord, tk.start, tk.end, tk.form);
    }
  }
  sentStart.push(toks.length);

  // 1. NER.
  let proper: ProperMention[] = [];
  for (let s = 0; s < sentences.length; s++) {
    const a = sentStart[s];
    const b = sentStart[s + 1];
    if (b === a) continue;
    const sent = sentences[s];
    const units = toks.slice(a, b);
    const forms = units.map((t) => t.form);
    const upos = units.map((t) => t.upos);
    const lemmas = units.map((t) => sent.words[t.lastWord]?.lemma ?? '_');
    const labels = model.label({ forms, upos, lemmas });
    for (const sp of bilouSpans(labels)) proper.push({ t0: a + sp.start, t1: a + sp.end, type: sp.type, entity: -1 });
  }
  proper = proper.filter((m) => trimMention(m, toks, lex));
  proper = newsConventions(proper, toks, lex, gaz);
  proper = adjustMentions(proper, toks, lex, gaz, lang);

  // 2. Pure demonym mentions become attributes.
  const demonymToks = new Set<number>();
  if (gaz) {
    proper = proper.filter((m) => {
      if (m.t1 - m.t0 !== 1) return true;
      const e = gaz.get(toks[m.t0].form);
      if (e && e.bits & GAZ_DEMONYM && !(e.bits & (GAZ_COUNTRY | GAZ_CITY))) {
        demonymToks.add(m.t0);
        return false;
      }
      return true;
    });
  }

  // 3. Document consistency.
  proper = propagate(proper, toks, demonymToks);
  proper.sort((x, y) => x.t0 - y.t0);

  // 4. Grouping.
  const text = (m: { t0: number; t1: number }): string => doc.text.slice(toks[m.t0].start, toks[m.t1 - 1].end);
  const groups: Group[] = [];
  for (let i = 0; i < proper.length; i++) {
    const m = proper[i];
    const mText = text(m);
    const mTokens = toks.slice(m.t0, m.t1).map((t) => nameKey(t.form));
    const prev = i > 0 ? proper[i - 1] : null;
    const link = findGroup(m, mText, mTokens, groups, lex, toks, prev, gaz);
    if (link) {
      const g = groups[link.group];
      m.entity = link.group;
      m.link = link.reason;
      m.confidence = link.confidence;
      g.mentions.push(m);
      if (mText.length > g.name.length && m.type === dominantType(g)) {
        g.name = mText;
        g.nameTokens = mTokens;
      }
    } else {
      m.entity = groups.length;
      groups.push({ mentions: [m], extra: [], name: mText, nameTokens: mTokens, gender: null, roles: new Set(), attributes: [] });
    }
  }
  for (const g of groups) {
    const type = dominantType(g);
    // Canonical: longest mention of the dominant type.
    for (const m of g.mentions) {
      const t = text(m);
      if (m.type === type && t.length > g.name.length) g.name = t;
    }
    g.name = g.name.replace(/\s+/g, ' ');
    if (type === 'PER') {
      // A person's name tagged as a place or organisation elsewhere is still the person.
      for (const m of g.mentions) if (m.type !== 'PER' && m.link) m.type = 'PER';
      g.gender = personGender(g, toks, gaz, lex);
    }
  }

  // 5. Role nouns and pronouns.
  linkRolesAndPronouns(doc, toks, sentStart, proper, groups, lex, gaz);

  // 6. Demonyms.
  if (gaz) attachDemonyms(toks, proper, groups, demonymToks, gaz, doc);

  // Output: entities (only groups with a mention or an attribute) and BIO tags.
  const entities: Entity[] = [];
  for (const g of groups) {
    if (g.mentions.length === 0 && g.attributes.length === 0) continue;
    const mentions: Mention[] = g.mentions.map((m) => {
      const out: Mention = { start: toks[m.t0].start, end: toks[m.t1 - 1].end, text: text(m), type: m.type };
      if (m.link) out.link = m.link;
      if (m.confidence !== undefined) out.confidence = m.confidence;
      return out;
    });
    mentions.push(...g.extra);
    mentions.sort((a, b) => a.start - b.start || a.end - b.end);
    const e: Entity = { id: entities.length, type: dominantType(g), name: g.name, mentions };
    if (g.attributes.length) e.attributes = g.attributes.sort((a, b) => a.start - b.start);
    entities.push(e);
  }
  doc.entities = entities;
  for (const s of sentences) for (const w of s.words) w.ner = 'O';
  for (const m of proper) {
    let first = true;
    for (let g = m.t0; g < m.t1; g++) {
      const tk = toks[g];
      const sent = sentences[tk.sent];
      for (let wi = tk.firstWord; wi <= tk.lastWord; wi++) {
        sent.words[wi].ner = `${first ? 'B' : 'I'}-${m.type}`;
        first = false;
      }
    }
  }
}

/**
 * Span and type conventions of news annotation that Wikipedia-trained labels miss:
 *  - an acronym in parentheses right after a name is a mention of the same type ("(OTSC)");
 *  - French ministries: "ministère [adjective] des Affaires étrangères" is one ORG;
 *  - a place mention that starts with a lowercase common noun ("aéroport international d'Almaty")
 *    is cut to the name after the last "de";
 *  - a place named with a determiner and acting as a subject ("la Maison Blanche déclare",
 *    "the Kremlin said") is the institution: ORG (not for countries and cities of the gazetteer).
 */
function adjustMentions(proper: ProperMention[], toks: Tok[], lex: LangLexicon, gaz: Gazetteer | null, lang: 'fr' | 'en'): ProperMention[] {
  const covered = new Uint8Array(toks.length);
  for (const m of proper) for (let g = m.t0; g < m.t1; g++) covered[g] = 1;
  const added: ProperMention[] = [];
  for (const m of proper) {
    // Acronym in parentheses.
    const a = m.t1 + 1;
    if (
      m.type !== 'PER' &&
      toks[m.t1]?.form === '(' &&
      toks[a] &&
      toks[a + 1]?.form === ')' &&
      !covered[a] &&
      isAcronym(toks[a].form) &&
      toks[a].sent === toks[m.t0].sent
    ) {
      added.push({ t0: a, t1: a + 1, type: m.type, entity: -1 });
      covered[a] = 1;
    }
    // French ministries.
    if (lang === 'fr' && m.type === 'ORG') {
      let k = m.t0 - 1;
      if (k >= 0 && (toks[k].lower === 'la' || toks[k].lower === "l'")) k--;
      if (k >= 0 && lex.complement.has(toks[k].lower)) {
        k--;
        let adjectives = 0;
        while (k >= 0 && adjectives < 2 && /^\p{Ll}+$/u.test(toks[k].form) && toks[k].lower !== 'ministère' && !covered[k]) {
          k--;
          adjectives++;
        }
        if (k >= 0 && toks[k].lower === 'ministère' && !covered[k] && toks[k].sent === toks[m.t0].sent) {
          for (let g = k; g < m.t0; g++) covered[g] = 1;
          m.t0 = k;
        }
      }
    }
    // Place mentions that start with a common noun.
    if (m.type === 'LOC' && !isCapitalised(toks[m.t0].form)) {
      for (let k = m.t1 - 2; k >= m.t0; k--) {
        if (lex.complement.has(toks[k].lower) && isCapitalised(toks[k + 1].form)) {
          for (let g = m.t0; g <= k; g++) covered[g] = 0;
          m.t0 = k + 1;
          break;
        }
      }
    }
    // Institutions named by their seat, acting as subjects.
    if (m.type === 'LOC' && m.t0 > 0 && lex.determiners.has(toks[m.t0 - 1].lower) && toks[m.t0 - 1].sent === toks[m.t0].sent) {
      const next = toks[m.t1];
      const name = toks.slice(m.t0, m.t1).map((t) => t.form).join(' ');
      const e = gaz?.get(name);
      const place = (e && e.bits & (GAZ_COUNTRY | GAZ_CITY)) || lex.continents.has(nameKey(name));
      if (!place && next && next.sent === toks[m.t0].sent && (next.upos === 'VERB' || next.upos === 'AUX') && !toks[m.t1 - 1].deprel.startsWith('obl')) {
        m.type = 'ORG';
      }
    }
  }
  return proper.concat(added).sort((x, y) => x.t0 - y.t0);
}

const POSSESSIVE = new Set(["'s", '’s']);
const QUOTES = new Set(['"', '«', '“', '‘', "'", '„', '‹']);

function isLower(form: string): boolean {
  return /^\p{Ll}/u.test(form);
}

function isPlace(gaz: Gazetteer | null, name: string): boolean {
  const e = gaz?.get(name);
  return !!e && (e.bits & (GAZ_COUNTRY | GAZ_CITY)) !== 0;
}

/**
 * Modern news conventions the Wikipedia-trained model gets wrong, as explicit span rules (each
 * generalises a pattern, not a name list):
 *  a. a name never runs across a finite lowercase verb ("Tour de France partira de Florence" →
 *     "Tour de France"; a known place after the verb keeps its own mention);
 *  b. a possessive ending is not part of a name ("Google's" → "Google");
 *  c. capitalised surname particles join a person's name ("Marine" + "Le" + "Pen"), and a city
 *     right before an organisation is part of its name ("Manchester United");
 *  d. a lone title word is not a person ("le Premier ministre" → no PER "Premier");
 *  e. a name headed by an institution noun is an organisation ("Bourse de Paris",
 *     "Monetary Policy Committee"), and a lowercase institution noun with its capitalised
 *     complement is one ("ministère des Armées", "préfecture de police de Paris");
 *  f. role compounds are not places ("le chef de l'État": no LOC "État");
 *  g. English titles before a name: the capitalised words before the title are the organisation
 *     ("Treasury Secretary Janet Yellen", "Senate Majority Leader Chuck Schumer"; not a demonym
 *     or a place: "Ukrainian President");
 *  h. acronyms the model missed: "le CAC 40" (determiner + acronym + number) is MISC; an acronym coordinated with
 *     an organisation ("CGT et CFDT") is ORG; so is an institution noun alone after a determiner
 *     ("le Parlement", "the Senate");
 *  i. a short form of an organisation named earlier after a determiner ("the Fed" after "Federal
 *     Reserve") is ORG (grouped in findGroup);
 *  j. a lowercase country adjective used as a noun before a non-person name is a company's
 *     nationality ("le chinois Geely": ORG).
 * Checked on WikiNEuRal training sentences run as text (bench/ner.ts prints the held-out figure
 * through the whole pipeline): rules that hurt Wikipedia text were dropped or narrowed
 * (possessive splits, acronyms after any determiner, "the X said" → ORG).
 */
function newsConventions(proper: ProperMention[], toks: Tok[], lex: LangLexicon, gaz: Gazetteer | null): ProperMention[] {
  const formsOf = (a: number, b: number): string => toks.slice(a, b).map((t) => t.form).join(' ');
  const same = (a: number, b: number): boolean => a >= 0 && b < toks.length && toks[a].sent === toks[b].sent;
  let out: ProperMention[] = [];
  for (const m of proper) {
    // a. A lowercase verb inside a name (not a quoted title: "« Si c'est un homme »").
    const quoted = m.t0 > 0 && QUOTES.has(toks[m.t0 - 1].form);
    for (let k = m.t0 + 1; k < m.t1 && !quoted; k++) {
      const t = toks[k];
      if ((t.upos === 'VERB' || t.upos === 'AUX') && isLower(t.form) && /VerbForm=Fin/.test(t.feats)) {
        let r0 = k + 1;
        while (r0 < m.t1 && !isCapitalised(toks[r0].form)) r0++;
        if (r0 < m.t1 && isPlace(gaz, formsOf(r0, m.t1))) out.push({ t0: r0, t1: m.t1, type: 'LOC', entity: -1 });
        m.t1 = k;
        break;
      }
    }
    // A coordination followed by a capitalised determiner starts another name ("Rassemblement
    // national et La France insoumise").
    for (let k = m.t0 + 1; k + 1 < m.t1; k++) {
      if (lex.coordination.has(toks[k].lower) && toks[k].form !== ',' && isCapitalised(toks[k + 1].form) && lex.determiners.has(toks[k + 1].lower)) {
        if (k + 2 < m.t1) out.push({ t0: k + 1, t1: m.t1, type: m.type, entity: -1 });
        m.t1 = k;
        break;
      }
    }
    // b. A possessive ending is not part of the name (inside one it is: "Martha's Vineyard").
    while (m.t1 - m.t0 > 1 && POSSESSIVE.has(toks[m.t1 - 1].lower)) m.t1--;
    if (m.t1 > m.t0) out.push(m);
  }
  out.sort((x, y) => x.t0 - y.t0);
  // c. Surname particles: "Marine" "Le" "Pen".
  for (let i = 0; i < out.length; i++) {
    const m = out[i];
    const p = toks[m.t1];
    const n = toks[m.t1 + 1];
    if (m.type !== 'PER' || !p || !n || !same(m.t0, m.t1 + 1) || !lex.nameParticles.has(p.lower) || !isCapitalised(n.form)) continue;
    // Only a capitalised particle: "Vico C de Porto Rico" is a person from a place.
    if (!isCapitalised(p.form)) continue;
    const next = out[i + 1];
    if (next && next.t0 <= m.t1 + 1) {
      if (next.t0 === m.t1 + 1 || next.t0 === m.t1) {
        m.t1 = next.t1;
        out.splice(i + 1, 1);
      }
    } else if (!isPlace(gaz, n.form)) m.t1 = m.t1 + 2;
  }
  // A city right before an organisation's name is part of it ("Manchester" + "United").
  for (let i = 0; i + 1 < out.length; i++) {
    const m = out[i];
    const n = out[i + 1];
    if (n.type === 'ORG' && m.type !== 'PER' && m.t1 === n.t0 && same(m.t0, n.t0) && isPlace(gaz, formsOf(m.t0, m.t1)) && !lex.institutionHeads.has(toks[n.t0].lower)) {
      n.t0 = m.t0;
      out.splice(i, 1);
      i--;
    }
  }
  for (let i = 0; i < out.length; i++) {
    const n = out[i];
    const before = n.t0 - 1;
    const prevEnd = i > 0 ? out[i - 1].t1 : 0;
    if (n.type === 'ORG' && before >= prevEnd && same(before, n.t0) && isCapitalised(toks[before].form) && isPlace(gaz, toks[before].form) && !lex.institutionHeads.has(toks[n.t0].lower)) n.t0 = before;
  }
  // d. A lone title word.
  out = out.filter((m) => !(m.type === 'PER' && m.t1 - m.t0 === 1 && (lex.roles.has(toks[m.t0].lower) || lex.preAdjectives.has(toks[m.t0].lower) || lex.titleWords.has(toks[m.t0].lower))));
  // e. Institution heads in names.
  for (const m of out) {
    if (m.type === 'ORG' || m.t1 - m.t0 < 2) continue;
    if (m.type === 'MISC' && m.t0 > 0 && QUOTES.has(toks[m.t0 - 1].form)) continue;
    const first = toks[m.t0].lower;
    const last = toks[m.t1 - 1].lower;
    const ofAfterFirst = m.t0 + 1 < m.t1 && lex.complement.has(toks[m.t0 + 1].lower);
    const headed = lex.headFirst ? lex.institutionHeads.has(first) : lex.institutionHeads.has(last) || (lex.institutionHeads.has(first) && ofAfterFirst);
    if (headed) {
      if (!isPlace(gaz, formsOf(m.t0, m.t1))) m.type = 'ORG';
    }
  }
  const covered = new Int32Array(toks.length).fill(-1);
  const cover = (): void => {
    covered.fill(-1);
    out.forEach((m, i) => {
      for (let g = m.t0; g < m.t1; g++) covered[g] = i;
    });
  };
  cover();
  const added: ProperMention[] = [];
  const removed = new Set<ProperMention>();
  // Capitalised run from g (connectors allowed inside), its end.
  const capRun = (g: number): number => {
    let k = g;
    while (k < toks.length && same(g, k)) {
      if (isCapitalised(toks[k].form) && !PUNCT.test(toks[k].form)) k++;
      else if (k + 1 < toks.length && same(g, k + 1) && lex.acronymSkip.has(toks[k].lower) && isCapitalised(toks[k + 1].form) && k > g) k++;
      else break;
    }
    return k;
  };
  for (let g = 0; g < toks.length; g++) {
    // e. Lowercase institution noun with its complement.
    if ((lex.institutionNouns.has(toks[g].lower) || lex.serviceInstitutionNouns.has(toks[g].lower)) && isLower(toks[g].form) && covered[g] < 0) {
      let k = g + 1;
      let adjectives = 0;
      while (k < toks.length && same(g, k) && adjectives < 2 && /^\p{Ll}+$/u.test(toks[k].form) && !lex.complement.has(toks[k].lower) && covered[k] < 0) {
        k++;
        adjectives++;
      }
      let end = -1;
      for (let hop = 0; hop < 2 && end < 0; hop++) {
        if (!(k < toks.length && same(g, k) && lex.complement.has(toks[k].lower))) break;
        k++;
        if (k < toks.length && (toks[k].lower === 'la' || toks[k].lower === "l'")) k++;
        if (k >= toks.length || !same(g, k)) break;
        if (isCapitalised(toks[k].form)) {
          end = capRun(k);
          for (let c = k; c < end; c++) if (covered[c] >= 0) end = Math.max(end, out[covered[c]].t1);
        } else if (/^\p{Ll}+$/u.test(toks[k].form)) k++; // "préfecture de police de Paris"
        // "la préfecture d'Okinawa" is a place; only "préfecture de police de ..." is the office.
        if (hop === 0 && end > 0 && lex.serviceInstitutionNouns.has(toks[g].lower)) end = -1;
      }
      if (end > g) {
        for (let c = g; c < end; c++) if (covered[c] >= 0) removed.add(out[covered[c]]);
        added.push({ t0: g, t1: end, type: 'ORG', entity: -1 });
        g = end - 1;
        continue;
      }
    }
    // f. Role compounds.
    for (const rc of lex.roleCompounds) {
      if (rc.words.every((w, k) => toks[g + k] && toks[g + k].lower === w && same(g, g + k))) {
        for (let c = g; c < g + rc.words.length; c++) if (covered[c] >= 0) removed.add(out[covered[c]]);
      }
    }
  }
  out = out.filter((m) => !removed.has(m)).concat(added).sort((x, y) => x.t0 - y.t0);
  cover();
  // g. English titles before a name, and the organisation before them.
  if (lex.titleWords.size) {
    const orgs: ProperMention[] = [];
    for (const m of out) {
      if (m.type !== 'PER') continue;
      let k = m.t0;
      while (k - 1 >= 0 && same(k - 1, m.t0) && covered[k - 1] < 0 && lex.titleWords.has(toks[k - 1].lower)) k--;
      if (k === m.t0) continue;
      let j = k;
      while (
        j - 1 >= 0 &&
        same(j - 1, m.t0) &&
        covered[j - 1] < 0 &&
        isCapitalised(toks[j - 1].form) &&
        !PUNCT.test(toks[j - 1].form) &&
        (toks[j - 1].upos === '_' || toks[j - 1].upos === 'PROPN' || toks[j - 1].upos === 'NOUN' || toks[j - 1].upos === 'ADJ')
      )
        j--;
      while (j < k && lex.timeWords.has(toks[j].lower)) j++;
      if (j === k) continue;
      const name = formsOf(j, k);
      const e = gaz?.get(name);
      if (e && e.bits & (GAZ_DEMONYM | GAZ_COUNTRY | GAZ_CITY)) continue;
      orgs.push({ t0: j, t1: k, type: 'ORG', entity: -1 });
    }
    out = out.concat(orgs).sort((x, y) => x.t0 - y.t0);
    cover();
  }
  // h. Acronyms, i. short forms, j. single-word institutions after a determiner.
  const orgNames = out.filter((m) => m.type === 'ORG' && m.t1 - m.t0 >= 2);
  const more: ProperMention[] = [];
  for (let g = 0; g < toks.length; g++) {
    if (covered[g] >= 0) continue;
    const tk = toks[g];
    const prev = g > 0 && same(g - 1, g) ? toks[g - 1] : null;
    const afterDet = !!prev && lex.determiners.has(prev.lower);
    const letters = tk.form.replace(/\./g, '');
    if (isAcronym(tk.form) && /^\p{Lu}{2,6}$/u.test(letters) && !/^[IVXLCDM]+$/.test(letters)) {
      const next = g + 1 < toks.length && same(g, g + 1) ? toks[g + 1] : null;
      if (afterDet && next && /^\d+$/.test(next.form) && covered[g + 1] < 0) {
        more.push({ t0: g, t1: g + 2, type: 'MISC', entity: -1 });
        g++;
        continue;
      }
      const orgAt = (k: number): boolean => k >= 0 && k < toks.length && covered[k] >= 0 && out[covered[k]].type === 'ORG' && same(g, k);
      const coordinated = (!!prev && lex.coordination.has(prev.lower) && orgAt(g - 2)) || (!!next && lex.coordination.has(next.lower) && orgAt(g + 2));
      if (coordinated && !isPlace(gaz, tk.form)) more.push({ t0: g, t1: g + 1, type: 'ORG', entity: -1 });
      continue;
    }
    // "le Parlement", "the Senate": an institution noun alone after a determiner.
    // Not when a complement follows: "la Cour des comptes" is a longer name the model missed.
    const follower = g + 1 < toks.length && same(g, g + 1) ? toks[g + 1] : null;
    if (afterDet && isCapitalised(tk.form) && lex.institutionHeads.has(tk.lower) && !(follower && (isCapitalised(follower.form) || lex.complement.has(follower.lower)))) {
      more.push({ t0: g, t1: g + 1, type: 'ORG', entity: -1 });
      continue;
    }
    if (afterDet && isCapitalised(tk.form) && tk.form.length >= 3) {
      const key = nameKey(tk.form);
      const short = orgNames.some((m) => {
        if (m.t0 >= g) return false;
        const firstWord = nameKey(toks[m.t0].form);
        return firstWord.length > key.length && firstWord.startsWith(key);
      });
      if (short) more.push({ t0: g, t1: g + 1, type: 'ORG', entity: -1 });
    }
  }
  // A lowercase country adjective used as a noun before a name is a company's nationality
  // ("le chinois Geely", "l'américain Boeing"); a person would be "le Chinois X".
  for (const m of out) {
    if (m.t0 < 2 || m.type === 'ORG' || m.type === 'PER' || !same(m.t0 - 2, m.t0)) continue;
    const adj = toks[m.t0 - 1];
    const e = gaz?.get(adj.form);
    if (isLower(adj.form) && e && e.bits & GAZ_DEMONYM && lex.determiners.has(toks[m.t0 - 2].lower)) m.type = 'ORG';
  }
  return out.concat(more).sort((x, y) => x.t0 - y.t0);
}

/** Drops leading/trailing punctuation (and a lowercase determiner) from a mention; false when nothing is left. */
function trimMention(m: ProperMention, toks: Tok[], lex: LangLexicon): boolean {
  // Leading punctuation, and a lowercase determiner ("la Maison Blanche" → "Maison Blanche"); a
  // capitalised one may be part of the name ("Le Pen", "Le Monde").
  while (m.t0 < m.t1 && (PUNCT.test(toks[m.t0].form) || (lex.determiners.has(toks[m.t0].form) && m.t1 - m.t0 > 1))) m.t0++;
  // Honorifics before a person's name: the name alone is the mention (the title gives the gender).
  while (m.type === 'PER' && m.t1 - m.t0 > 1 && lex.honorifics.has(toks[m.t0].lower)) m.t0++;
  if (m.type === 'PER' && m.t1 - m.t0 === 1 && (lex.honorifics.has(toks[m.t0].lower) || lex.titles.has(toks[m.t0].lower))) return false;
  while (m.t1 > m.t0 && PUNCT.test(toks[m.t1 - 1].form) && !/[.)]$/.test(toks[m.t1 - 1].form)) m.t1--;
  return m.t1 > m.t0;
}

function dominantType(g: Group): EntityType {
  const counts = new Map<EntityType, number>();
  for (const m of g.mentions) counts.set(m.type, (counts.get(m.type) ?? 0) + (m.propagated ? 0.5 : 1));
  let best: EntityType = g.mentions[0]?.type ?? 'LOC';
  let n = -1;
  for (const [t, c] of counts) if (c > n) [best, n] = [t, c];
  return best;
}

/** Step 3: surnames and repeated names the model missed elsewhere in the document. */
function propagate(proper: ProperMention[], toks: Tok[], skip: Set<number>): ProperMention[] {
  const covered = new Uint8Array(toks.length);
  for (const m of proper) for (let g = m.t0; g < m.t1; g++) covered[g] = 1;
  const byText = new Map<string, { type: EntityType; len: number }>();
  for (const m of proper) {
    const forms = toks.slice(m.t0, m.t1).map((t) => t.form);
    if (!forms.some(isCapitalised)) continue;
    byText.set(forms.join(' '), { type: m.type, len: forms.length });
    if (m.type === 'PER' && forms.length >= 2) {
      const last = forms[forms.length - 1];
      if (isCapitalised(last) && last.length > 2 && !byText.has(last)) byText.set(last, { type: 'PER', len: 1 });
    }
  }
  const added: ProperMention[] = [];
  for (let g = 0; g < toks.length; g++) {
    if (covered[g] || skip.has(g) || !isCapitalised(toks[g].form)) continue;
    for (let len = 4; len >= 1; len--) {
      if (g + len > toks.length) continue;
      let ok = true;
      for (let k = g; k < g + len; k++) if (covered[k] || toks[k].sent !== toks[g].sent) ok = false;
      if (!ok) continue;
      const key = toks.slice(g, g + len).map((t) => t.form).join(' ');
      const hit = byText.get(key);
      if (hit && hit.len === len) {
        added.push({ t0: g, t1: g + len, type: hit.type, entity: -1, propagated: true });
        for (let k = g; k < g + len; k++) covered[k] = 1;
        break;
      }
    }
  }
  return proper.concat(added);
}

interface Link {
  group: number;
  reason: string;
  confidence: number;
}

/** Initials of a name's content words ("Organisation du traité de sécurité collective" → OTSC). */
function initials(tokens: string[], lex: LangLexicon): string {
  let out = '';
  for (const t of tokens) {
    if (lex.acronymSkip.has(t) || PUNCT.test(t)) continue;
    for (const part of t.split('-')) if (part) out += part.charAt(0);
  }
  return out.toUpperCase();
}

function isAcronym(form: string): boolean {
  const f = form.replace(/\./g, '');
  return f.length >= 2 && f.length <= 8 && /^[\p{Lu}\d&]+$/u.test(f) && /\p{Lu}/u.test(f);
}

function findGroup(
  m: ProperMention,
  mText: string,
  mTokens: string[],
  groups: Group[],
  lex: LangLexicon,
  toks: Tok[],
  prev: ProperMention | null,
  gaz: Gazetteer | null,
): Link | null {
  const key = nameKey(mText);
  // Same name (most recent group first).
  for (let gi = groups.length - 1; gi >= 0; gi--) {
    const g = groups[gi];
    if (nameKey(g.name) === key || g.mentions.some((x) => nameKey(toks.slice(x.t0, x.t1).map((t) => t.form).join(' ')) === key)) {
      return { group: gi, reason: 'same name as an earlier mention', confidence: 1 };
    }
  }
  // Acronym in parentheses right after its expansion: "Organisation ... (OTSC)".
  const form = toks[m.t0].form;
  if (m.t1 - m.t0 === 1 && isAcronym(form) && prev && prev.t1 + 1 === m.t0 && toks[prev.t1].form === '(' && toks[m.t1]?.form === ')') {
    const g = groups[prev.entity];
    const init = initials(g.nameTokens, lex);
    const acr = form.replace(/\./g, '').toUpperCase();
    if (g && (init === acr || init.charAt(0) === acr.charAt(0))) {
      return { group: prev.entity, reason: `acronym in parentheses after "${g.name}"`, confidence: init === acr ? 0.98 : 0.85 };
    }
  }
  // Acronym ↔ expansion by initials.
  if (m.t1 - m.t0 === 1 && isAcronym(form)) {
    const acr = form.replace(/\./g, '').toUpperCase();
    for (let gi = groups.length - 1; gi >= 0; gi--) {
      const g = groups[gi];
      if (g.nameTokens.length >= 2 && initials(g.nameTokens, lex) === acr && dominantType(g) !== 'PER') {
        return { group: gi, reason: `acronym of "${g.name}"`, confidence: 0.9 };
      }
    }
  }
  if (mTokens.length >= 2) {
    const init = initials(mTokens, lex);
    for (let gi = groups.length - 1; gi >= 0; gi--) {
      const g = groups[gi];
      if (g.nameTokens.length === 1 && isAcronym(g.name) && g.name.replace(/\./g, '').toUpperCase() === init && m.type !== 'PER') {
        return { group: gi, reason: `expansion of the acronym "${g.name}"`, confidence: 0.9 };
      }
    }
  }
  // Short form of an organisation named earlier: "the Fed" ↔ "Federal Reserve".
  if (m.t1 - m.t0 === 1 && m.type === 'ORG' && !isAcronym(form) && form.length >= 3) {
    for (let gi = groups.length - 1; gi >= 0; gi--) {
      const g = groups[gi];
      const first = g.nameTokens[0] ?? '';
      if (g.nameTokens.length >= 2 && dominantType(g) === 'ORG' && first.length > key.length && first.startsWith(key)) {
        return { group: gi, reason: `short form of "${g.name}"`, confidence: 0.8 };
      }
    }
  }
  // Persons: surname ↔ full name. A single capitalised word equal to a known person's surname
  // is that person whatever the model's type ("Merkel" at the start of a sentence), unless the
  // gazetteer knows it as a country or city.
  const single = m.t1 - m.t0 === 1 && isCapitalised(form);
  const place = single && gaz ? (gaz.get(form)?.bits ?? 0) & (GAZ_COUNTRY | GAZ_CITY) : 0;
  if (m.type === 'PER' || (single && !place)) {
    let best: Link | null = null;
    let count = 0;
    for (let gi = groups.length - 1; gi >= 0; gi--) {
      const g = groups[gi];
      if (dominantType(g) !== 'PER') continue;
      const gt = g.nameTokens;
      if (m.type !== 'PER' && !(mTokens.length === 1 && gt.length >= 2 && gt[gt.length - 1] === mTokens[0])) continue;
      if (mTokens.length < gt.length && endsWith(gt, mTokens)) {
        count++;
        if (!best) best = { group: gi, reason: `surname of "${g.name}"`, confidence: 0.95 };
      } else if (mTokens.length > gt.length && endsWith(mTokens, gt)) {
        count++;
        if (!best) best = { group: gi, reason: `full name of "${g.name}"`, confidence: 0.95 };
      } else if (mTokens.length === 1 && gt.length >= 2 && gt[0] === mTokens[0] && !PUNCT.test(mTokens[0])) {
        count++;
        if (!best) best = { group: gi, reason: `first name of "${g.name}"`, confidence: 0.7 };
      }
    }
    if (best && count > 1) best.confidence = 0.6;
    if (best) return best;
  }
  return null;
}

function endsWith(a: string[], b: string[]): boolean {
  if (b.length > a.length) return false;
  for (let i = 0; i < b.length; i++) if (a[a.length - b.length + i] !== b[i]) return false;
  return true;
}

/** Gender of a person: title before a mention, then the first name's gender in the gazetteer. */
function personGender(g: Group, toks: Tok[], gaz: Gazetteer | null, lex: LangLexicon): Gender {
  for (const m of g.mentions) {
    const before = m.t0 > 0 ? toks[m.t0 - 1] : null;
    if (before && before.sent === toks[m.t0].sent) {
      const t = lex.titles.get(before.lower) ?? lex.titles.get(before.lower.replace(/\.$/, ''));
      if (t) return t;
    }
  }
  if (gaz) {
    let longest = g.mentions[0];
    for (const m of g.mentions) if (m.t1 - m.t0 > longest.t1 - longest.t0) longest = m;
    if (longest.t1 - longest.t0 >= 2) {
      const first = toks[longest.t0].form.split('-')[0];
      const e = gaz.get(first);
      if (e?.gender === 'm' || e?.gender === 'f') return e.gender;
    }
  }
  return null;
}

/** Step 5: role noun phrases and pronouns. */
function linkRolesAndPronouns(
  doc: Document,
  toks: Tok[],
  sentStart: number[],
  proper: ProperMention[],
  groups: Group[],
  lex: LangLexicon,
  gaz: Gazetteer | null,
): void {
  const inMention = new Int32Array(toks.length).fill(-1);
  proper.forEach((m, i) => {
    for (let g = m.t0; g < m.t1; g++) inMention[g] = i;
  });
  const persons = proper.filter((m) => dominantType(groups[m.entity]) === 'PER' && m.type === 'PER');
  // Person references in text order (names, then role nouns and pronouns as they are linked),
  // each marked when it is a grammatical subject (the preferred antecedent of a subject pronoun).
  const mentionSubject = (t0: number, t1: number): boolean => {
    for (let g = t0; g < t1; g++) if (toks[g].subject) return true;
    return false;
  };
  const refs: Ref[] = persons.map((m) => ({ t: m.t0, entity: m.entity, subject: mentionSubject(m.t0, m.t1) }));
  const compatible = (entity: number, gender: Gender): boolean => {
    const g = groups[entity].gender;
    return gender === null || g === null || g === gender;
  };
  const addExtra = (entity: number, t0: number, t1: number, type: 'ROLE' | 'PRON', link: string, confidence: number): void => {
    const start = toks[t0].start;
    const end = toks[t1 - 1].end;
    groups[entity].extra.push({ start, end, text: doc.text.slice(start, end), type, link, confidence });
    const r: Ref = { t: t0, entity, subject: mentionSubject(t0, t1) };
    let at = refs.length;
    while (at > 0 && refs[at - 1].t > t0) at--;
    refs.splice(at, 0, r);
  };
  const personAt = (t: number): ProperMention | null => {
    const i = t < toks.length ? inMention[t] : -1;
    return i >= 0 && proper[i].t0 === t && proper[i].type === 'PER' && dominantType(groups[proper[i].entity]) === 'PER' ? proper[i] : null;
  };
  const consumed = new Uint8Array(toks.length);

  // English wire-style titles: the run of title words right before a name ("Secretary General
  // Jens Stoltenberg", "Chief Executive Elon Musk") is a ROLE of that person.
  if (lex.titleWords.size) {
    for (const m of persons) {
      let k = m.t0;
      while (k - 1 >= 0 && toks[k - 1].sent === toks[m.t0].sent && inMention[k - 1] < 0 && lex.titleWords.has(toks[k - 1].lower)) k--;
      // Only a run that ends with an office ("Secretary", "Chair"), not a lone portfolio word.
      if (k === m.t0 || !(lex.roles.has(toks[m.t0 - 1].lower) || TITLE_HEADS.has(toks[m.t0 - 1].lower) || m.t0 - k >= 2)) continue;
      const head = toks[m.t0 - 1].lower;
      groups[m.entity].roles.add(head);
      for (let g = k; g < m.t0; g++) consumed[g] = 1;
      addExtra(m.entity, k, m.t0, 'ROLE', `title before the name "${doc.text.slice(toks[m.t0].start, toks[m.t1 - 1].end)}"`, 0.95);
    }
  }

  // Role noun phrases.
  for (let g = 0; g < toks.length; g++) {
    if (inMention[g] >= 0 || consumed[g]) continue;
    const np = roleNounPhrase(toks, g, lex, gaz, inMention);
    if (!np) continue;
    const { t0, t1, head, gender } = np;
    g = t1 - 1;
    const next = toks[t1];
    const roleText = doc.text.slice(toks[t0].start, toks[t1 - 1].end);
    // An apposition: "Le ministre, Sébastien Lecornu, ..." / "the minister, X,".
    const appos = next && next.form === ',' && next.sent === toks[t0].sent ? personAt(t1 + 1) : null;
    if (appos && compatible(appos.entity, gender)) {
      const grp = groups[appos.entity];
      if (grp.gender === null && gender) grp.gender = gender;
      grp.roles.add(head);
      addExtra(appos.entity, t0, t1, 'ROLE', `role noun "${roleText}" with the name in apposition, "${doc.text.slice(toks[appos.t0].start, toks[appos.t1 - 1].end)}"`, 0.9);
      continue;
    }
    // A title right before a name.
    if (next && next.sent === toks[t0].sent && inMention[t1] >= 0 && proper[inMention[t1]].t0 === t1 && proper[inMention[t1]].type === 'PER') {
      const m = proper[inMention[t1]];
      const grp = groups[m.entity];
      if (!compatible(m.entity, gender)) continue;
      if (grp.gender === null && gender) grp.gender = gender;
      grp.roles.add(head);
      addExtra(m.entity, t0, t1, 'ROLE', `title before the name "${doc.text.slice(toks[m.t0].start, toks[m.t1 - 1].end)}"`, 0.95);
      continue;
    }
    const sent = toks[t0].sent;
    // A person who already had this role as a title.
    let link: Link | null = null;
    for (let k = refs.length - 1; k >= 0; k--) {
      const r = refs[k];
      if (r.t >= t0 || toks[r.t].sent < sent - 6) continue;
      if ((groups[r.entity].roles.has(head) || (np.equivalent !== undefined && groups[r.entity].roles.has(np.equivalent))) && compatible(r.entity, gender)) {
        link = { group: r.entity, reason: `role "${head}" seen as the title of "${groups[r.entity].name}"`, confidence: 0.85 };
        break;
      }
    }
    // The nearest compatible person before, within three sentences.
    // Else the nearest compatible person before, within three sentences: a grammatical subject
    // first (the salient person), and not one already described by a different role.
    if (!link) link = nearestBefore(refs, t0, sent, toks, groups, gender, compatible, `role noun "${roleText}"`, 3, { preferSubject: true, role: head, equivalent: np.equivalent });
    // Else the first compatible person after, within three sentences, skipping the role's own complement ("du président X").
    if (!link) {
      let skipTo = t1;
      if (toks[t1] && lex.complement.has(toks[t1].lower)) {
        // The complement runs to the end of the next person name (or a few tokens).
        for (let k = t1 + 1; k < Math.min(toks.length, t1 + 8); k++) {
          if (inMention[k] >= 0) {
            skipTo = proper[inMention[k]].t1;
            break;
          }
        }
      }
      for (const m of persons) {
        if (m.t0 < skipTo) continue;
        if (toks[m.t0].sent > sent + 3) break;
        if (!compatible(m.entity, gender)) continue;
        const d = toks[m.t0].sent - sent;
        link = {
          group: m.entity,
          reason: `role noun "${doc.text.slice(toks[t0].start, toks[t1 - 1].end)}"${gender ? ` (${gender === 'f' ? 'feminine' : 'masculine'})` : ''}: first compatible person named after it${d ? `, ${d} sentence${d > 1 ? 's' : ''} later` : ''}`,
          confidence: 0.55,
        };
        break;
      }
    }
    if (link) {
      const grp = groups[link.group];
      if (grp.gender === null && gender) grp.gender = gender;
      // The person is now described by this role (a later different role prefers someone else).
      grp.roles.add(head);
      addExtra(link.group, t0, t1, 'ROLE', link.reason, link.confidence);
    }
  }
  refs.sort((a, b) => a.t - b.t);

  // Pronouns.
  for (let g = 0; g < toks.length; g++) {
    const tk = toks[g];
    const info = lex.pronouns.get(tk.lower);
    if (!info || inMention[g] >= 0) continue;
    if (tk.upos !== '_' && tk.upos !== 'PRON' && tk.upos !== 'DET') continue;
    if (tk.deprel.startsWith('expl')) continue;
    const next = toks[g + 1];
    if (tk.lower === 'il' && next && next.sent === tk.sent && lex.impersonalNext.has(next.lower)) continue;
    if (tk.lower === 'il' && impersonalEtre(toks, g)) continue;
    const fg = featGender(tk.feats);
    const gender: Gender = fg ?? info.gender;
    const sorted = refs.filter((r) => r.t < g);
    // A subject pronoun prefers a subject antecedent ("Son secrétaire général, X, a rencontré Y. Il ...").
    const link = nearestBefore(sorted, g, tk.sent, toks, groups, gender, compatible, `pronoun "${tk.form}" (${gender === 'f' ? 'feminine' : 'masculine'} singular)`, 1, { preferSubject: tk.subject });
    if (link) addExtra(link.group, g, g + 1, 'PRON', link.reason, link.confidence);
  }
}

/** "il est/était ... de/que" with an adjective: impersonal. */
function impersonalEtre(toks: Tok[], g: number): boolean {
  const next = toks[g + 1];
  if (!next || !/^(est|était|serait|sera|fut|a été|paraît)$/.test(next.lower)) return false;
  for (let k = g + 2; k < Math.min(toks.length, g + 6); k++) {
    if (toks[k].sent !== toks[g].sent) break;
    if (toks[k].lower === 'de' || toks[k].lower === "d'" || toks[k].lower === 'que' || toks[k].lower === "qu'") return k > g + 2;
  }
  return false;
}

interface Ref {
  t: number;
  entity: number;
  subject: boolean;
}

/** Office words that end an English title before a name (besides the role nouns). */
const TITLE_HEADS = new Set(['chair', 'chairperson', 'speaker', 'manager', 'officer', 'executive', 'attorney', 'general', 'secretary-general', 'director-general', 'head', 'boss', 'captain']);

function nearestBefore(
  refs: Ref[],
  t: number,
  sent: number,
  toks: Tok[],
  groups: Group[],
  gender: Gender,
  compatible: (entity: number, gender: Gender) => boolean,
  what: string,
  window = 3,
  prefs: { preferSubject?: boolean; role?: string; equivalent?: string } = {},
): Link | null {
  const candidates: Ref[] = [];
  for (let k = refs.length - 1; k >= 0; k--) {
    const r = refs[k];
    if (r.t >= t) continue;
    if (toks[r.t].sent < sent - window) break;
    if (compatible(r.entity, gender)) candidates.push(r);
  }
  if (!candidates.length) return null;
  const why: string[] = [];
  let pool = candidates;
  // A person already described by another role noun is not the first choice for this one
  // ("le chef de l'État" = Macron, so "le chancelier allemand" is the other man).
  if (prefs.role) {
    const role = prefs.role;
    const free = pool.filter((r) => {
      const roles = groups[r.entity].roles;
      return roles.size === 0 || roles.has(role) || (prefs.equivalent !== undefined && roles.has(prefs.equivalent));
    });
    if (free.length && free.length < pool.length) {
      pool = free;
      why.push('the other candidates already have a different role');
    }
  }
  let best = pool[0];
  if (prefs.preferSubject) {
    const subj = pool.find((r) => r.subject);
    if (subj && subj.entity !== best.entity) why.push('a grammatical subject, preferred to the nearer non-subject');
    if (subj) best = subj;
  }
  const others = new Set<number>();
  for (const r of candidates) if (r.entity !== best.entity) others.add(r.entity);
  const g = groups[best.entity];
  const d = sent - toks[best.t].sent;
  let confidence = g.gender && gender ? 0.8 : 0.65;
  confidence -= 0.05 * d;
  if (others.size) confidence -= 0.15;
  const where = d === 0 ? 'same sentence' : `${d} sentence${d > 1 ? 's' : ''} before`;
  return {
    group: best.entity,
    reason: `${what}: ${why.length ? '' : 'nearest '}compatible person, "${g.name}" (${g.gender === 'f' ? 'female' : g.gender === 'm' ? 'male' : 'gender unknown'}), ${where}${why.length ? `, ${why.join(', ')}` : ''}${others.size ? `; ${others.size} other candidate${others.size > 1 ? 's' : ''}` : ''}`,
    confidence: Math.round(Math.max(0.3, confidence) * 100) / 100,
  };
}

/** A role noun phrase starting at g: [det] [pre-adjective] role [demonym]. */
function roleNounPhrase(
  toks: Tok[],
  g: number,
  lex: LangLexicon,
  gaz: Gazetteer | null,
  inMention: Int32Array,
): { t0: number; t1: number; head: string; gender: Gender; equivalent?: string } | null {
  let k = g;
  let gender: Gender = null;
  let t0 = g;
  const det = lex.determiners.get(toks[k].lower);
  const contracted = lex.contracted.get(toks[k].lower);
  if (det !== undefined || contracted !== undefined) {
    gender = (det ?? contracted) ?? null;
    k++;
    if (contracted !== undefined) t0 = k;
  }
  if (k >= toks.length || toks[k].sent !== toks[g].sent) return null;
  const pre = lex.preAdjectives.get(toks[k].lower);
  if (pre !== undefined && toks[k + 1] && lex.roles.has(toks[k + 1].lower)) {
    gender = gender ?? pre;
    k++;
  }
  const tk = toks[k];
  if (!tk || inMention[k] >= 0 || !lex.roles.has(tk.lower)) return null;
  // Without a determiner, only as a title right before a name ("président Joe Biden").
  const hasDet = k > g;
  if (tk.upos !== '_' && tk.upos !== 'NOUN' && tk.upos !== 'PROPN') return null;
  const wordGender = lex.roles.get(tk.lower) ?? null;
  gender = wordGender ?? gender ?? featGender(tk.feats);
  let head = tk.lower;
  let t1 = k + 1;
  // Role compounds: "le chef de l'État" (≈ président).
  let equivalent: string | undefined;
  for (const rc of lex.roleCompounds) {
    if (rc.words[0] === tk.lower && rc.words.every((w, i) => toks[k + i] && toks[k + i].sent === tk.sent && toks[k + i].lower === w)) {
      head = rc.words.join(' ');
      equivalent = rc.equivalent;
      t1 = k + rc.words.length;
      break;
    }
  }
  // A following demonym or country adjective belongs to the phrase ("le président kazakh").
  if (gaz && toks[t1] && toks[t1].sent === tk.sent && inMention[t1] < 0) {
    const e: GazEntry | undefined = gaz.get(toks[t1].form);
    if (e && e.bits & GAZ_DEMONYM && !isCapitalised(toks[t1].form)) t1++;
  }
  if (!hasDet && !(inMention[t1] >= 0)) return null;
  return { t0, t1, head, gender, equivalent };
}

/** Step 6: demonyms and country adjectives as attributes of their country's entity. */
function attachDemonyms(toks: Tok[], proper: ProperMention[], groups: Group[], demonymToks: Set<number>, gaz: Gazetteer, doc: Document): void {
  // Country code of each group whose name (or any mention) is a country.
  const byCountry = new Map<string, number>();
  groups.forEach((g, gi) => {
    for (const m of g.mentions) {
      const e = gaz.get(toks.slice(m.t0, m.t1).map((t) => t.form).join(' '));
      if (e && e.bits & GAZ_COUNTRY && e.country && !byCountry.has(e.country)) {
        byCountry.set(e.country, gi);
        g.country = e.country;
      }
    }
  });
  const personTok = new Uint8Array(toks.length);
  for (const m of proper) if (m.type === 'PER' || m.type === 'LOC') for (let g = m.t0; g < m.t1; g++) personTok[g] = 1;
  for (let g = 0; g < toks.length; g++) {
    if (personTok[g] && !demonymToks.has(g)) continue;
    const tk = toks[g];
    const parts = demonymParts(tk.form, tk.start);
    for (const p of parts) {
      const code = demonymCountry(p.text, gaz);
      if (!code) continue;
      let gi = byCountry.get(code);
      if (gi === undefined) {
        const name = gaz.countryNames.get(code);
        if (!name) continue;
        gi = groups.length;
        groups.push({ mentions: [], extra: [], name, nameTokens: [nameKey(name)], gender: null, roles: new Set(), attributes: [], country: code });
        // An entity with no mention still needs a type: countries are places.
        groups[gi].mentions = [];
        byCountry.set(code, gi);
      }
      groups[gi].attributes.push({ start: p.start, end: p.end });
    }
  }
  void doc;
}

/** A token and, for hyphenated compounds ("américano-russes"), its parts with offsets. */
function demonymParts(form: string, start: number): { text: string; start: number; end: number }[] {
  if (!form.includes('-')) return [{ text: form, start, end: start + form.length }];
  const out: { text: string; start: number; end: number }[] = [{ text: form, start, end: start + form.length }];
  let off = 0;
  for (const part of form.split('-')) {
    if (part) out.push({ text: part, start: start + off, end: start + off + part.length });
    off += part.length + 1;
  }
  return out;
}

function demonymCountry(text: string, gaz: Gazetteer): string | null {
  const e = gaz.get(text);
  if (e && e.bits & GAZ_DEMONYM && !(e.bits & (GAZ_COUNTRY | GAZ_CITY)) && e.country) return e.country;
  // Compound prefix form: "américano-" → américain, "russo-" → russe.
  if (/o$/i.test(text) && text.length > 4) {
    const stem = text.slice(0, -1);
    for (const cand of [stem, stem + 'e', stem.replace(/an$/i, 'ain'), stem.replace(/an$/i, 'ain') + 'e']) {
      const e2 = gaz.get(cand);
      if (e2 && e2.bits & GAZ_DEMONYM && e2.country) return e2.country;
    }
  }
  return null;
}

export { gazKey };
