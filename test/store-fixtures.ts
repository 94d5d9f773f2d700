/**
 * Hand-built annotated documents for the store, ingest and server tests: offsets are computed
 * from the strings given, so the fixtures stay right when the text changes.
 */
import type { Claim, Document, Entity, EntityType, Flag, Lang, Quote } from '../src/document.js';
import { emptyMeta } from '../src/document.js';

export interface FixtureSpec {
  text: string;
  lang?: Lang;
  title?: string;
  url?: string;
  site?: string;
  date?: string;
  entities?: { name: string; type: EntityType; mentions: string[] }[];
  quotes?: { content: string; speaker?: string; speakerEntity?: string; cue?: string; cueLemma?: string; type?: Quote['type'] }[];
  claims?: {
    content: string;
    stance: Claim['stance'];
    claimant?: string;
    claimantEntity?: string;
    target?: string;
    targetEntity?: string;
    denies?: number;
  }[];
  flags?: { text: string; rule: string; message: string; suggestions: string[] }[];
}

function at(text: string, needle: string, nth = 0): { start: number; end: number } {
  let from = 0;
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, from);
    if (i < 0) throw new Error(`fixture: "${needle}" not in text`);
    from = i + 1;
  }
  return { start: i, end: i + needle.length };
}

export function makeDoc(spec: FixtureSpec): Document {
  const text = spec.text;
  const meta = emptyMeta('text');
  meta.lang = spec.lang ?? 'fr';
  meta.langConfidence = 1;
  meta.title = spec.title ?? null;
  meta.url = spec.url ?? null;
  meta.siteName = spec.site ?? null;
  meta.date = spec.date ?? null;
  const entities: Entity[] = (spec.entities ?? []).map((e, id) => {
    const counts = new Map<string, number>();
    return {
      id,
      type: e.type,
      name: e.name,
      mentions: e.mentions.map((m) => {
        const n = counts.get(m) ?? 0;
        counts.set(m, n + 1);
        const s = at(text, m, n);
        return { ...s, text: m, type: e.type };
      }),
    };
  });
  const entId = (name?: string) => (name === undefined ? null : entities.find((e) => e.name === name)?.id ?? null);
  const quotes: Quote[] = (spec.quotes ?? []).map((q) => ({
    type: q.type ?? 'direct',
    content: { ...at(text, q.content), text: q.content },
    cue: q.cue ? { ...at(text, q.cue), text: q.cue, lemma: q.cueLemma ?? q.cue } : null,
    speaker: q.speaker ? { ...at(text, q.speaker), text: q.speaker } : null,
    speakerEntity: entId(q.speakerEntity),
    addressee: null,
  }));
  const claims: Claim[] = (spec.claims ?? []).map((c) => ({
    stance: c.stance,
    claimant: c.claimant ? { ...at(text, c.claimant), text: c.claimant } : null,
    claimantEntity: entId(c.claimantEntity),
    target: c.target ? { ...at(text, c.target), text: c.target } : null,
    targetEntity: entId(c.targetEntity),
    content: { ...at(text, c.content), text: c.content },
    cue: null,
    denies: c.denies ?? null,
  }));
  const flags: Flag[] = (spec.flags ?? []).map((f) => ({ ...at(text, f.text), ...f }));
  const paragraphs = [] as Document['paragraphs'];
  let pos = 0;
  for (const part of text.split('\n\n')) {
    if (part.trim()) paragraphs.push({ start: pos, end: pos + part.length, kind: 'body' });
    pos += part.length + 2;
  }
  return {
    version: 1,
    text,
    meta,
    paragraphs,
    boilerplate: [],
    entities,
    quotes,
    claims,
    flags,
    stages: [{ name: 'fixture', model: 'fixture-1' }],
  };
}

/** Two French articles and one English one, with overlapping entities. */
export function sampleDocs(): Document[] {
  const a = makeDoc({
    title: "Macron défend la réforme à l'Élysée",
    url: 'https://example.org/fr/reforme',
    site: 'Le Quotidien',
    date: '2024-03-12',
    text:
      "Macron défend la réforme à l'Élysée\n\n" +
      "Le président Emmanuel Macron a reçu les syndicats mardi à l'Élysée. « Nous irons jusqu'au bout », a déclaré le chef de l'État.\n\n" +
      'Marine Le Pen accuse le gouvernement de mentir aux Français. Le gouvernement dément toute manipulation des chiffres.',
    entities: [
      { name: 'Emmanuel Macron', type: 'PER', mentions: ['Macron', 'Emmanuel Macron'] },
      { name: 'Élysée', type: 'LOC', mentions: ['Élysée', 'Élysée'] },
      { name: 'Marine Le Pen', type: 'PER', mentions: ['Marine Le Pen'] },
    ],
    quotes: [{ content: "Nous irons jusqu'au bout", speaker: "le chef de l'État", speakerEntity: 'Emmanuel Macron', cue: 'a déclaré', cueLemma: 'déclarer' }],
    claims: [
      { content: 'de mentir aux Français', stance: 'accuse', claimant: 'Marine Le Pen', claimantEntity: 'Marine Le Pen', target: 'le gouvernement' },
      { content: 'toute manipulation des chiffres', stance: 'deny', claimant: 'Le gouvernement', target: undefined, denies: 0 },
    ],
    flags: [{ text: 'mardi', rule: 'test-rule', message: 'A test flag.', suggestions: ['Mardi'] }],
  });
  const b = makeDoc({
    title: 'Visite à Berlin',
    site: 'La Gazette',
    date: '2024-05-02',
    text:
      "Visite à Berlin\n\nEmmanuel Macron s'est rendu à Berlin jeudi. Le chancelier a salué « une amitié solide », a affirmé un conseiller.",
    entities: [
      { name: 'Emmanuel Macron', type: 'PER', mentions: ['Emmanuel Macron'] },
      { name: 'Berlin', type: 'LOC', mentions: ['Berlin', 'Berlin'] },
    ],
    quotes: [{ content: 'une amitié solide', speaker: 'un conseiller', cue: 'a affirmé', cueLemma: 'affirmer' }],
  });
  const c = makeDoc({
    lang: 'en',
    title: 'Markets rally in London',
    site: 'The Ledger',
    date: '2023-11-20',
    text:
      'Markets rally in London\n\nShares rose sharply in London on Monday. "We expect a strong quarter," said analyst Jane Doe of Acme Corp.',
    entities: [
      { name: 'London', type: 'LOC', mentions: ['London', 'London'] },
      { name: 'Jane Doe', type: 'PER', mentions: ['Jane Doe'] },
      { name: 'Acme Corp', type: 'ORG', mentions: ['Acme Corp'] },
    ],
    quotes: [{ content: 'We expect a strong quarter,', speaker: 'analyst Jane Doe', speakerEntity: 'Jane Doe', cue: 'said', cueLemma: 'say' }],
  });
  return [a, b, c];
}

/** A one-sentence document with a full UD layer (tokens, words, heads), for the tree view. */
export function treeDoc(): Document {
  const text = 'Le ministre a annoncé une réforme ambitieuse.';
  const forms = ['Le', 'ministre', 'a', 'annoncé', 'une', 'réforme', 'ambitieuse', '.'];
  const upos = ['DET', 'NOUN', 'AUX', 'VERB', 'DET', 'NOUN', 'ADJ', 'PUNCT'];
  const heads = [1, 3, 3, -1, 5, 3, 5, 3];
  const rels = ['det', 'nsubj', 'aux', 'root', 'det', 'obj', 'amod', 'punct'];
  let pos = 0;
  const tokens = forms.map((f, i) => {
    const start = text.indexOf(f, pos);
    pos = start + f.length;
    return { form: f, start, end: start + f.length, spaceAfter: text[start + f.length] === ' ', firstWord: i, lastWord: i };
  });
  const words = forms.map((f, i) => ({ form: f, lemma: f.toLowerCase(), upos: upos[i], xpos: '_', feats: '_', head: heads[i], deprel: rels[i], token: i }));
  const doc = makeDoc({
    text,
    title: 'Arbre',
    entities: [],
  });
  doc.sentences = [{ id: '1', start: 0, end: text.length, tokens, words }];
  return doc;
}
