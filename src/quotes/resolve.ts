/**
 * From a speaker span to the entity it names: proper names (the entities layer, or capitalised
 * names found here when that layer is missing or missed them), pronouns ("elle a dit" → the last
 * speaker or person of the same gender), role nouns ("la porte-parole" → the person that role was
 * given to, before or just after), and the span text itself as a last resort.
 */
import type { Document, Entity, EntityType, Span } from '../document.js';
import { splitInversion } from './cues.js';
import type { QuoteLexicon } from './lexicon.js';
import { clauseSubject, isCap, isVerbLike } from './np.js';
import { loadGazetteer } from '../entities/gazetteer.js';
import { toksBefore, toksIn, type TextView, type Tok } from './text.js';

/** Possessive determiners standing for the owner of a speech noun, with the owner's gender. */
const POSSESSIVE_OWNERS = new Map<string, 'm' | 'f' | 'p' | 'x'>([['his', 'm'], ['her', 'f'], ['their', 'p'], ['its', 'x'], ['son', 'x'], ['sa', 'x'], ['ses', 'x'], ['leur', 'p'], ['leurs', 'p']]);

export interface RefEntity {
  /** Entity id in doc.entities, or -1 for a name found here and not (yet) in doc.entities. */
  id: number;
  name: string;
  type: EntityType | null;
  mentions: Span[];
  gender: 'm' | 'f' | null;
  /** Added by this stage. */
  local: boolean;
  /** Demonyms pointing at a country added by this stage. */
  attributes?: Span[];
}

export interface Resolution {
  entity: RefEntity | null;
  /** Canonical name: the entity's, or the speaker text without its determiner. */
  name: string | null;
}

const PARTICLES = new Set(['de', 'du', 'des', 'von', 'van', 'der', 'da', 'di', 'bin', 'ben', 'al', 'el', 'la', 'le', 'mc', 'st', 'y']);
const TITLES = new Set(['m.', 'm', 'mme', 'mlle', 'mr', 'mrs', 'ms', 'dr', 'sen', 'rep', 'gov', 'gen', 'pres', 'president', 'président', 'présidente', 'prof', 'sir', 'lord', 'senator', 'governor', 'mayor', 'minister', 'prime', 'secretary', 'judge', 'general', 'congressman', 'congresswoman', 'representative', 'chancellor', 'premier', 'ministre', 'maire', 'sénateur', 'sénatrice', 'député', 'députée', 'gouverneur', 'juge', 'général', 'chancelier', 'chancelière', 'docteur', 'maître', 'me', 'pr', 'rev', 'reverend', 'father', 'pope', 'pape', 'king', 'queen', 'roi', 'reine', 'prince', 'princesse', 'cheikh', 'sheikh', 'ayatollah', 'emir', 'émir']);

/** Head words of organisation names ("Congressional Budget Office", "ministère de l'Intérieur"). */
const ORG_WORDS = new Set(['office', 'committee', 'department', 'party', 'agency', 'council', 'bureau', 'center', 'centre', 'ministry', 'commission', 'association', 'union', 'company', 'inc', 'corp', 'institute', 'university', 'foundation', 'court', 'house', 'post', 'times', 'news', 'fund', 'bank', 'group', 'service', 'board', 'police', 'army', 'government', 'administration', 'campaign', 'network', 'ministère', 'comité', 'parti', 'agence', 'conseil', 'bureau', 'commission', 'syndicat', 'société', 'groupe', 'institut', 'université', 'fondation', 'cour', 'tribunal', 'banque', 'gouvernement', 'préfecture', 'mairie', 'assemblée', 'sénat', 'direction', 'entreprise', 'fédération', 'confédération', 'organisation', 'observatoire', 'office']);

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export class Resolver {
  readonly ents: RefEntity[] = [];
  /** Mentions of all entities, in text order. */
  private mentions: { span: Span; ent: RefEntity; type: string }[] = [];

  constructor(
    readonly doc: Document,
    readonly view: TextView,
    readonly lex: QuoteLexicon,
  ) {
    for (const e of doc.entities ?? []) {
      const ent: RefEntity = { id: e.id, name: e.name, type: e.type, mentions: e.mentions.map((m) => ({ start: m.start, end: m.end })), gender: null, local: false };
      this.ents.push(ent);
      for (const m of e.mentions) this.mentions.push({ span: { start: m.start, end: m.end }, ent, type: m.type });
    }
    this.findNames();
    this.mentions.sort((a, b) => a.span.start - b.span.start);
    for (const ent of this.ents) ent.gender = this.genderOf(ent);
  }

  /** Capitalised names the entities layer does not have. */
  private findNames(): void {
    const known = this.mentions.map((m) => m.span);
    const byLast = new Map<string, RefEntity>();
    for (const e of this.ents) {
      const last = e.name.split(/\s+/).pop();
      if (last && (e.type === 'PER' || e.type === 'ORG')) byLast.set(last.toLowerCase(), e);
    }
    const capitalisedInside = new Set<string>();
    for (const seg of this.view.segs) {
      seg.toks.forEach((t, i) => {
        if (i > 0 && t.word && isCap(t) && seg.toks[i - 1].word) capitalisedInside.add(t.text);
      });
    }
    for (const seg of this.view.segs) {
      const toks = seg.toks;
      for (let i = 0; i < toks.length; i++) {
        if (!toks[i].word || !isCap(toks[i])) continue;
        let j = i;
        while (j + 1 < toks.length && (isCap(toks[j + 1]) || toks[j + 1].text === '-' || (toks[j + 1].text === '.' && /^\p{Lu}$/u.test(toks[j].text)) || (PARTICLES.has(toks[j + 1].low) && toks[j + 2] && isCap(toks[j + 2])))) j++;
        let s = i;
        // Sentence-initial function words and titles are not part of the name.
        while (s <= j && (this.isFunctionWord(toks[s]) || TITLES.has(toks[s].low.replace(/\.$/, '')) || !toks[s].word)) s++;
        let e = j;
        while (e >= s && !toks[e].word) e--;
        const ii = i;
        i = j;
        if (s > e) continue;
        if (s === ii && ii === 0 && e === s && this.lex.roleNouns.has(toks[s].low)) continue;
        if (toks[s].region >= 0 && this.view.regions[toks[s].region].standalone) continue; // names inside quotes are not speakers
        const span = { start: toks[s].start, end: toks[e].end };
        if (known.some((k) => overlaps(k, span))) continue;
        // One capitalised word opening a sentence is a name only if it is capitalised elsewhere too.
        const initial = s === 0 || (s > 0 && !toks[s - 1].word && /^[«“"‘—–―(-]$/.test(toks[s - 1].text));
        if (initial && s === e && !capitalisedInside.has(toks[s].text)) continue;
        if (s === 0 && /^\p{Lu}{4,}$/u.test(toks[s].text) && toks[s + 1] && /^[(—–―,-]$/.test(toks[s + 1].text)) continue; // dateline
        const text = this.view.text.slice(span.start, span.end);
        if (text.length < 2) continue;
        const last = toks[e].low;
        let ent = byLast.get(last);
        if (!ent) {
          ent = { id: -1, name: text, type: null, mentions: [], gender: null, local: true };
          this.ents.push(ent);
          byLast.set(last, ent);
        } else if (ent.local && text.length > ent.name.length) {
          ent.name = text;
        }
        ent.mentions.push(span);
        this.mentions.push({ span, ent, type: 'NAME' });
      }
    }
  }

  private isFunctionWord(t: Tok): boolean {
    return this.lex.determiners.has(t.low) || this.lex.stops.has(t.low) || this.lex.subjectPronouns.has(t.low) || this.lex.fillers.has(t.low) || this.lex.npPrepositions.has(t.low) || this.lex.verbs.has(t.low) || this.lex.auxiliaries.has(t.low) || /^(?:il|elle|on|y|c'|ce|ces|cet|cette|interrogé|interrogée|vous|nous|je|j')$/.test(t.low);
  }

  private tokensBefore(pos: number, n: number): Tok[] {
    return toksBefore(this.view, pos, n);
  }

  private genderOf(ent: RefEntity): 'm' | 'f' | null {
    let f = 0;
    let m = 0;
    for (const span of ent.mentions) {
      const before = this.tokensBefore(span.start, 3);
      for (const t of before) {
        if (this.lex.femaleMarkers.has(t.low) && (this.lex.roleNouns.has(t.low) || TITLES.has(t.low.replace(/\.$/, '')) || t.low === 'mme' || t.low === 'mrs' || t.low === 'ms')) f++;
        if (this.lex.maleMarkers.has(t.low) && (this.lex.roleNouns.has(t.low) || TITLES.has(t.low.replace(/\.$/, '')) || t.low === 'm.' || t.low === 'mr')) m++;
      }
      const text = this.view.text.slice(span.start, span.end).toLowerCase();
      if (/^(?:mme|mrs|ms)\b/.test(text)) f++;
    }
    if (f > m) return 'f';
    if (m > f) return 'm';
    return this.firstNameGender(ent);
  }

  /**
   * The gender of a person's first name in the gazetteer ("Paul Girard" → m); the entities stage
   * has usually loaded it already (it is cached), and without it genders come from titles only.
   */
  private firstNameGender(ent: RefEntity): 'm' | 'f' | null {
    if (ent.type !== 'PER' && ent.type !== null) return null;
    const words = ent.name.split(/\s+/);
    if (words.length < 2) return null;
    const g = loadGazetteer(this.lex.lang)?.get(words[0])?.gender;
    return g === 'm' || g === 'f' ? g : null;
  }

  /** The entity a span names directly (a proper-name mention that heads the phrase). */
  private named(span: Span): RefEntity | null {
    const toks = toksIn(this.view, span);
    for (const m of this.mentions) {
      if (m.span.start < span.start || m.span.end > span.end) continue;
      if (m.type === 'PRON' || m.type === 'ROLE') continue;
      // A role word tagged as a name ("le Premier ministre") is not one.
      if (this.lex.roleNouns.has(this.view.text.slice(m.span.start, m.span.end).toLowerCase())) continue;
      // Not a modifier: no preposition or possessive between the phrase start (or its last comma) and the mention.
      let modifier = false;
      for (const t of toks) {
        if (t.start >= m.span.start) break;
        if (t.text === ',') modifier = false;
        else if (this.lex.npPrepositions.has(t.low)) modifier = true;
      }
      const after = toks.find((t) => t.start >= m.span.end);
      if (after && (after.low === "'s" || after.low === '’s')) modifier = true;
      if (!modifier) return m.ent;
    }
    // A ROLE / PRON mention of the entities layer covering the start of the phrase. A role is taken
    // only when the text gives that role to the entity somewhere: "le porte-parole du gouvernement"
    // is not the "secrétaire général" named just before, whatever the nearest-person link says.
    for (const m of this.mentions) {
      if ((m.type === 'ROLE' || m.type === 'PRON') && overlaps(m.span, span) && m.span.start <= span.start + 4) {
        if (m.type === 'ROLE') {
          const role = toks.find((t) => this.lex.roleNouns.has(t.low));
          if (role && !this.roleAttested(m.ent, role.low)) continue;
        }
        return m.ent;
      }
    }
    return null;
  }

  /** True when a name mention of the entity has the role word next to it ("la ministre X", "X, porte-parole de"). */
  private roleAttested(ent: RefEntity, role: string): boolean {
    return this.attestedRoles(ent).has(role);
  }

  /** The role nouns the text gives an entity next to its name, in the same sentence. */
  private attestedRoles(ent: RefEntity): Set<string> {
    const roles = new Set<string>();
    for (const m of this.mentions) {
      if (m.ent !== ent || m.type === 'ROLE' || m.type === 'PRON') continue;
      const first = toksIn(this.view, m.span)[0];
      if (!first) continue;
      for (const t of this.tokensBefore(m.span.start, 8)) if (t.seg === first.seg && this.lex.roleNouns.has(t.low)) roles.add(t.low);
      const after = toksIn(this.view, { start: m.span.end, end: m.span.end + 80 }).slice(0, 5).filter((t) => t.seg === first.seg);
      if (after[0]?.text === ',') for (const t of after) if (this.lex.roleNouns.has(t.low)) roles.add(t.low);
    }
    return roles;
  }

  private pronounGender(low: string): 'm' | 'f' | 'p' | 'x' | null {
    const g = this.lex.subjectPronouns.get(low) ?? POSSESSIVE_OWNERS.get(low);
    return g ?? null;
  }

  /** Resolves the speakers of quotes given in text order; returns one resolution per speaker. */
  resolveSpeakers(speakers: (Span | null)[]): Resolution[] {
    const out: Resolution[] = speakers.map(() => ({ entity: null, name: null }));
    const kinds: ('named' | 'pron' | 'role' | 'other' | null)[] = speakers.map((s) => (s ? this.kindOf(s) : null));
    // Pass 1: names.
    speakers.forEach((s, i) => {
      if (!s || kinds[i] !== 'named') return;
      const e = this.named(s);
      const stripped = this.stripText(s);
      // "l'Union des aéroports français": a name cut short by lower-case words is the phrase itself.
      if (e && e.local && stripped.length > e.name.length && stripped.startsWith(e.name) && !stripped.slice(e.name.length).trimStart().startsWith(',')) {
        out[i] = { entity: null, name: stripped };
        return;
      }
      out[i] = e ? { entity: e, name: e.name } : { entity: null, name: stripped };
    });
    // Pass 2: pronouns and roles, in order, so that each can use the ones before.
    speakers.forEach((s, i) => {
      if (!s || kinds[i] === 'named') return;
      if (kinds[i] === 'pron') {
        // "Le ministre a annoncé … Interrogé par l'AFP, il a précisé": the subject of the sentence
        // before, in the same paragraph, comes before any other antecedent.
        const low = this.view.text.slice(s.start, s.end).toLowerCase();
        const prevSubject = this.previousSubject(s, this.pronounGender(splitInversion(low)?.pron ?? low), speakers, out, i);
        if (prevSubject) {
          out[i] = prevSubject;
          return;
        }
        // A French possessive ("son affirmation que …") does not give its owner's gender: either
        // gender's antecedent will do, the subject of the sentence before first.
        if (POSSESSIVE_OWNERS.get(low) === 'x' && low !== 'its') {
          const r = this.previousSubject(s, 'm', speakers, out, i) ?? this.previousSubject(s, 'f', speakers, out, i) ?? this.antecedent(s, 'm', speakers, out, i) ?? this.antecedent(s, 'f', speakers, out, i);
          if (r) {
            out[i] = r;
            return;
          }
        }
      }
      if (kinds[i] === 'pron') {
        // The speakers of the quotes before are the likeliest antecedents of a speaking pronoun;
        // the entities layer's own pronoun link comes after them.
        const low = this.view.text.slice(s.start, s.end).toLowerCase();
        const g = this.pronounGender(splitInversion(low)?.pron ?? low);
        const linked = this.named(s);
        out[i] = this.antecedent(s, g, speakers, out, i) ?? (linked ? { entity: linked, name: linked.name } : { entity: null, name: null });
        return;
      }
      const direct = this.named(s);
      if (direct) {
        out[i] = { entity: direct, name: direct.name };
        return;
      }
      if (kinds[i] === 'role') {
        const e = this.roleReferent(s, speakers, out, i) ?? this.phraseEntity(s, 'PER');
        out[i] = { entity: e, name: e.name };
        return;
      }
      const e = this.phraseEntity(s, null);
      out[i] = { entity: e, name: e.name };
    });
    for (const r of out) if (r.entity && r.entity.gender === null) r.entity.gender = null;
    return out;
  }

  /**
   * The subject of the previous sentence of the paragraph when it is a person of the pronoun's
   * gender: a role phrase ("Le ministre de l'Intérieur") or a person's name.
   */
  private previousSubject(s: Span, g: 'm' | 'f' | 'p' | 'x' | null, speakers: (Span | null)[], out: Resolution[], i: number): Resolution | null {
    if (g !== 'm' && g !== 'f') return null;
    const tok = toksBefore(this.view, s.end, 1)[0];
    if (!tok) return null;
    const seg = this.view.segs[tok.seg];
    const prev = this.view.segs[seg.index - 1];
    if (!prev || prev.para !== seg.para) return null;
    const r = clauseSubject(this.lex, prev, prev.toks.length);
    if (!r) return null;
    const after = prev.toks[r.last + 1];
    if (!after || !isVerbLike(this.lex, after)) return null;
    const span = { start: prev.toks[r.first].start, end: prev.toks[r.last].end };
    const words = prev.toks.slice(r.first, r.last + 1).filter((t) => t.word);
    const head = words.find((t) => !this.lex.determiners.has(t.low));
    if (!head) return null;
    if (this.lex.roleNouns.has(head.low)) {
      const det = words[0];
      const fem = det.low === 'la' || det.low === 'une' || det.low === 'cette' || (this.lex.femaleMarkers.has(head.low) && !this.lex.maleMarkers.has(head.low));
      const masc = det.low === 'le' || det.low === 'un' || det.low === 'ce' || (this.lex.maleMarkers.has(head.low) && !this.lex.femaleMarkers.has(head.low));
      if ((g === 'f' && masc) || (g === 'm' && fem) || /s$/.test(head.low)) return null;
      const e = this.named(span) ?? this.roleReferent(span, speakers, out, i) ?? this.phraseEntity(span, 'PER');
      return { entity: e, name: e.name };
    }
    const e = this.named(span);
    if (e && e.type === 'PER' && (e.gender === null || e.gender === g)) return { entity: e, name: e.name };
    return null;
  }

  private phrases = new Map<string, RefEntity>();

  /** An entity for a speaker named by a common noun phrase ("le Premier ministre", "the budget office"). */
  private phraseEntity(s: Span, type: EntityType | null): RefEntity {
    const name = this.stripText(s);
    const key = name.toLowerCase();
    let e = this.phrases.get(key);
    if (!e) {
      e = { id: -1, name, type, mentions: [], gender: null, local: true };
      this.phrases.set(key, e);
      this.ents.push(e);
    }
    e.mentions.push({ start: s.start, end: s.end });
    return e;
  }

  /** Resolves any span (claimant, target) to an entity or a name. */
  resolveSpan(span: Span): Resolution {
    const e = this.named(span);
    if (e) return { entity: e, name: e.name };
    const demonym = this.demonymIn(span);
    if (demonym) return demonym;
    return { entity: null, name: this.stripText(span) };
  }

  /** A country named by a demonym inside a span ("le gouvernement américain" → États-Unis). */
  demonymIn(span: Span): Resolution | null {
    for (const t of toksIn(this.view, span)) {
      const country = this.lex.demonyms.get(t.low);
      if (!country) continue;
      const ent = this.country(country, t);
      return { entity: ent, name: ent.name };
    }
    return null;
  }

  /** The entity of a country, from the entities layer or added here with the demonym as attribute. */
  private country(name: string, demonym: Span): RefEntity {
    const key = name.toLowerCase();
    let ent = this.ents.find((e) => e.name.toLowerCase() === key || e.mentions.some((m) => this.view.text.slice(m.start, m.end).toLowerCase() === key));
    if (!ent) {
      ent = { id: -1, name, type: 'LOC', mentions: [], gender: null, local: true, attributes: [] };
      this.ents.push(ent);
    }
    if (ent.local) ent.attributes?.push({ start: demonym.start, end: demonym.end });
    return ent;
  }

  /** The first entity named in a span (for claim targets): a name, or a demonym. */
  firstEntityIn(span: Span): Resolution | null {
    let best: { pos: number; r: Resolution } | null = null;
    for (const m of this.mentions) {
      if (m.span.start < span.start || m.span.end > span.end || m.type === 'PRON') continue;
      best = { pos: m.span.start, r: { entity: m.ent, name: m.ent.name } };
      break;
    }
    for (const t of toksIn(this.view, span)) {
      if (best && t.start > best.pos) break;
      const country = this.lex.demonyms.get(t.low);
      if (country) {
        const ent = this.country(country, t);
        return { entity: ent, name: ent.name };
      }
    }
    return best ? best.r : null;
  }

  private kindOf(s: Span): 'named' | 'pron' | 'role' | 'other' {
    const toks = toksIn(this.view, s).filter((t) => t.word);
    if (toks.length === 0) {
      // A pronoun inside an inverted verb token.
      const low = this.view.text.slice(s.start, s.end).toLowerCase();
      return this.lex.subjectPronouns.has(low) ? 'pron' : 'other';
    }
    if (toks.length === 1 && this.lex.subjectPronouns.has(toks[0].low)) return 'pron';
    // The owner of a speech noun ("his claim that …", "son affirmation selon laquelle …").
    if (toks.length === 1 && POSSESSIVE_OWNERS.has(toks[0].low)) return 'pron';
    const first = toks.find((t) => !this.lex.determiners.has(t.low));
    if (first && this.lex.roleNouns.has(first.low) && !this.mentions.some((m) => m.type !== 'PRON' && m.span.start >= s.start && m.span.end <= s.end && m.span.start === first.start)) {
      // "le président kazakh Kassym-Jomart Tokayev" names him; "la porte-parole du président Joe Biden" does not.
      const e = this.named(s);
      return e ? 'named' : 'role';
    }
    if (this.named(s)) return 'named';
    return toks.some((t) => this.lex.roleNouns.has(t.low)) ? 'role' : 'other';
  }

  private paraOf(pos: number): number {
    return this.view.paras.findIndex((p) => pos >= p.start && pos < p.end);
  }

  private antecedent(s: Span, g: 'm' | 'f' | 'p' | 'x' | null, speakers: (Span | null)[], out: Resolution[], i: number): Resolution | null {
    if (g === 'x' || g === null) return null;
    const para = this.paraOf(s.start);
    const compatible = (e: RefEntity) => {
      if (this.phrases.get(e.name.toLowerCase()) === e) {
        // A speaker named by a phrase: a person by its role noun, with the gender its words give.
        const words = e.name.toLowerCase().split(/\s+/);
        if (g === 'p') return false;
        if (e.type !== 'PER' && !words.some((w) => this.lex.roleNouns.has(w))) return false;
        const m0 = e.mentions[0];
        const toks = toksIn(this.view, m0).filter((t) => t.word);
        const fem = toks.some((t) => t.low === 'la' || t.low === 'une' || t.low === 'cette' || this.lex.femaleMarkers.has(t.low) && this.lex.roleNouns.has(t.low) && !this.lex.maleMarkers.has(t.low));
        const masc = toks.some((t) => t.low === 'le' || t.low === 'un' || t.low === 'ce' || this.lex.maleMarkers.has(t.low) && this.lex.roleNouns.has(t.low) && !this.lex.femaleMarkers.has(t.low));
        return (g === 'f' && !masc) || (g === 'm' && !fem);
      }
      if (g === 'p') return e.type === 'ORG' || e.type === null;
      if (e.type === 'LOC' || e.type === 'MISC') return false;
      if (e.type === 'ORG') return false;
      // A name found here without a type is no "she" when its words name an organisation, and no
      // name is when the text introduces it as one ("le syndicat Sud-Rail", "the group Acme").
      if (e.type === null && e.name.toLowerCase().split(/[\s-]+/).some((w) => ORG_WORDS.has(w))) return false;
      if (e.mentions.some((m) => this.tokensBefore(m.start, 1).some((t) => ORG_WORDS.has(t.low)))) return false;
      return e.gender === null || e.gender === g;
    };
    // The last speaker within two paragraphs: an entity, or a role phrase of the same gender ("le Premier ministre").
    for (let k = i - 1; k >= 0; k--) {
      const sp = speakers[k];
      const r = out[k];
      if (!sp || (!r.entity && !r.name)) continue;
      if (para - this.paraOf(sp.start) > 2) break;
      if (sp.start > s.start) continue;
      if (r.entity && compatible(r.entity)) {
        if (r.entity.gender === null && (g === 'm' || g === 'f')) r.entity.gender = g;
        return r;
      }
    }
    // The last person named before, within two paragraphs, outside quotes.
    for (let k = this.mentions.length - 1; k >= 0; k--) {
      const m = this.mentions[k];
      if (m.span.start >= s.start) continue;
      if (para - this.paraOf(m.span.start) > 2) break;
      if (m.type === 'PRON' || m.type === 'LOC' || m.type === 'MISC') continue;
      // A name after a preposition ("la maire de Villeneuve") is rarely the one a pronoun takes up.
      const before = this.tokensBefore(m.span.start, 1)[0];
      if (m.ent.type === null && before && (this.lex.npPrepositions.has(before.low) || this.lex.adverbialPrepositions.has(before.low))) continue;
      if ((m.ent.type === 'PER' || m.ent.type === null) && compatible(m.ent) && (g !== 'p')) return { entity: m.ent, name: m.ent.name };
    }
    return null;
  }

  private roleReferent(s: Span, speakers: (Span | null)[], out: Resolution[], i: number): RefEntity | null {
    const toks = toksIn(this.view, s).filter((t) => t.word);
    const role = toks.find((t) => this.lex.roleNouns.has(t.low));
    if (!role) return null;
    // "Some officials", "les responsables", "des experts": a group, not one named person.
    const plural = (t: Tok) => /^(?:les|des|ces|plusieurs|certains|certaines|quelques|the|some|many|several|two|three|other|these|those)$/.test(t.low);
    if (toks.some((t) => t.start < role.start && plural(t)) || (/s$/.test(role.low) && this.lex.roleNouns.has(role.low.slice(0, -1)))) return null;
    const g = toks.some((t) => t.low === 'la' || t.low === 'une' || t.low === 'cette') || this.lex.femaleMarkers.has(role.low) && !this.lex.maleMarkers.has(role.low) ? 'f' : toks.some((t) => t.low === 'le' || t.low === 'un' || t.low === 'ce') ? 'm' : null;
    const para = this.paraOf(s.start);
    const ok = (e: RefEntity) => (e.type === 'PER' || e.type === null) && (g === null || e.gender === null || e.gender === g);
    // A name given this role elsewhere: "Jen Psaki, porte-parole", "la porte-parole Jen Psaki".
    const filler = (t: Tok) => t.text === ',' || this.lex.determiners.has(t.low) || !t.word || /^(?:du|de|des)$/.test(t.low);
    for (const m of this.mentions) {
      if (m.type === 'PRON' || m.type === 'ROLE' || !ok(m.ent)) continue;
      if (m.span.start >= s.start && m.span.end <= s.end) continue;
      const before = this.tokensBefore(m.span.start, 3);
      const after = toksIn(this.view, { start: m.span.end, end: m.span.end + 60 }).slice(0, 3);
      const prevTok = before[before.length - 1];
      if (m.ent.type === null && prevTok && (this.lex.adverbialPrepositions.has(prevTok.low) || this.lex.npPrepositions.has(prevTok.low))) continue;
      // Role right before the name ("la porte-parole Jen Psaki"), or right after a comma ("Jen Psaki, porte-parole").
      const roleBefore = before.length > 0 && before[before.length - 1].low === role.low;
      const roleAfter = after.length > 0 && after[0].text === ',' && after.slice(1).find((t) => !filler(t))?.low === role.low;
      if (roleBefore || roleAfter) return m.ent;
    }
    // An earlier speaker named with the same role word.
    for (let k = i - 1; k >= 0; k--) {
      const sp = speakers[k];
      if (!sp || !out[k].entity) continue;
      const text = this.view.text.slice(sp.start, sp.end).toLowerCase();
      if (text.includes(role.low) && ok(out[k].entity!)) return out[k].entity;
    }
    // Cataphora: the next named speaker within two paragraphs ("La porte-parole a nié ... Jen Psaki a déclaré").
    for (let k = i + 1; k < speakers.length; k++) {
      const sp = speakers[k];
      if (!sp) continue;
      if (this.paraOf(sp.start) - para > 2) break;
      const e = this.named(sp);
      const personLike = e !== null && (e.type === 'PER' || (e.type === null && /\s/.test(e.name) && !/^\p{Lu}+$/u.test(e.name)));
      // A person the text has already given another role is not this one ("le secrétaire général
      // Marc Lenoir" is not "le porte-parole du gouvernement").
      const roles = e ? this.attestedRoles(e) : new Set<string>();
      if (roles.size > 0 && !roles.has(role.low)) continue;
      if (e && personLike && ok(e) && this.kindOf(sp) === 'named') {
        if (g === 'f' || g === 'm') e.gender = e.gender ?? g;
        return e;
      }
    }
    return null;
  }

  /** The span text without leading determiners ("La Maison Blanche" → "Maison Blanche"). */
  stripText(s: Span): string {
    let text = this.view.text.slice(s.start, s.end).trim();
    for (let guard = 0; guard < 2; guard++) {
      const m = /^(\S+?)(?:\s+|(?<=['’]))/.exec(text);
      if (!m) break;
      const w = m[1].toLowerCase().replace(/’/g, "'");
      if (this.lex.determiners.has(w) || this.lex.determiners.has(w.replace(/'$/, "'"))) text = text.slice(m[0].length);
      else break;
    }
    return text.replace(/\s+/g, ' ');
  }

  /** Adds the local names used by quotes or claims to doc.entities, and returns the id of each. */
  commit(used: RefEntity[]): void {
    const list: Entity[] = this.doc.entities ?? [];
    let next = list.reduce((m, e) => Math.max(m, e.id + 1), 0);
    for (const ent of used) {
      if (!ent.local || ent.id >= 0) continue;
      ent.id = next++;
      const type: EntityType = ent.type ?? (ent.name.includes(' ') || ent.gender ? 'PER' : 'ORG');
      ent.type = type;
      const entity: Entity = {
        id: ent.id,
        type,
        name: ent.name,
        mentions: ent.mentions.map((m) => ({ start: m.start, end: m.end, text: this.view.text.slice(m.start, m.end), type, link: 'name found by the quotes stage' })),
      };
      if (ent.attributes && ent.attributes.length > 0) entity.attributes = ent.attributes.map((a) => ({ start: a.start, end: a.end }));
      list.push(entity);
    }
    if (list.length > 0) this.doc.entities = list;
  }
}
