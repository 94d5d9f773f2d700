/**
 * The one document model that flows through every stage of vigie.
 *
 * Every layer points at character offsets of `Document.text` (UTF-16 code units, as JavaScript
 * strings count them). For plain-text input `text` is the file's text exactly as read, so offsets
 * printed by the CLI are offsets into the input file; for HTML input `text` is the extracted article
 * (paragraphs joined by blank lines), because the markup itself is not text anyone quotes.
 *
 * Stages fill the optional slots; nothing downstream re-tokenises.
 */

export type Lang = 'fr' | 'en' | 'other';

/** A half-open range [start, end) of UTF-16 code units into `Document.text`. */
export interface Span {
  start: number;
  end: number;
}

export type ParagraphKind = 'title' | 'dek' | 'body' | 'heading' | 'list-item' | 'quote' | 'caption';

export interface Paragraph extends Span {
  kind: ParagraphKind;
}

/** A block of the input that is not part of the article, kept with the reason it was set aside. */
export interface BoilerplateBlock {
  text: string;
  /** Short machine-readable reason, e.g. "duplicate-title", "share-appeal", "donation-appeal", "separator". */
  reason: string;
  /** Offsets into `Document.text` when the block is part of it (plain-text input), else absent. */
  start?: number;
  end?: number;
}

export interface ArticleMeta {
  title: string | null;
  dek: string | null;
  authors: string[];
  /** ISO 8601 date or date-time as found, normalised where possible. */
  date: string | null;
  siteName: string | null;
  url: string | null;
  lang: Lang;
  /** Confidence of the language identification in [0, 1]. */
  langConfidence: number;
  source: 'html' | 'text';
}

/** A surface token: a span of the text, possibly split into several syntactic words (UD multiword token). */
export interface Token extends Span {
  form: string;
  /** False when no whitespace follows the token in the text (CoNLL-U `SpaceAfter=No`). */
  spaceAfter: boolean;
  /** Index of the token's first and last word in `Sentence.words` (equal unless a multiword token). */
  firstWord: number;
  lastWord: number;
}

/** A syntactic word (one CoNLL-U word line). */
export interface Word {
  form: string;
  lemma: string;
  upos: string;
  xpos: string;
  /** UD features in CoNLL-U notation ("Gender=Fem|Number=Sing") or "_" when none. */
  feats: string;
  /** Index of the head word in `Sentence.words`, or -1 for the root. */
  head: number;
  deprel: string;
  /** Index of the token this word belongs to, in `Sentence.tokens`. */
  token: number;
  /** Named-entity tag in BIO notation ("B-PER", "I-ORG", "O"), when the entities stage ran. */
  ner?: string;
}

export interface Sentence extends Span {
  /** Identifier written as `# sent_id`. */
  id: string;
  tokens: Token[];
  words: Word[];
}

export type EntityType = 'PER' | 'ORG' | 'LOC' | 'MISC';
export type MentionType = EntityType | 'PRON' | 'ROLE';

export interface Mention extends Span {
  text: string;
  type: MentionType;
  /** Why this mention was linked to its entity (e.g. "surname of Jen Psaki", "pronoun: nearest female PER"). */
  link?: string;
  confidence?: number;
}

export interface Entity {
  id: number;
  type: EntityType;
  /** Canonical name: the longest proper-name mention. */
  name: string;
  mentions: Mention[];
  /** Demonyms or country adjectives attached to this entity ("russe" → Russie). */
  attributes?: Span[];
}

export interface TextSpan extends Span {
  text: string;
}

export interface Quote {
  type: 'direct' | 'indirect' | 'mixed';
  content: TextSpan;
  cue: (TextSpan & { lemma: string }) | null;
  speaker: TextSpan | null;
  /** Id of the speaker entity in `Document.entities`, or null. */
  speakerEntity: number | null;
  addressee: TextSpan | null;
}

export interface Claim {
  stance: 'accuse' | 'deny' | 'assert';
  claimant: TextSpan | null;
  claimantEntity: number | null;
  target: TextSpan | null;
  targetEntity: number | null;
  content: TextSpan;
  cue: (TextSpan & { lemma: string }) | null;
  /** Index in `Document.claims` of the claim this one denies, or null. */
  denies: number | null;
}

export interface Flag extends Span {
  rule: string;
  text: string;
  message: string;
  suggestions: string[];
}

export interface Document {
  /** Format version of this JSON structure; bumped on any incompatible change. */
  version: 1;
  text: string;
  meta: ArticleMeta;
  paragraphs: Paragraph[];
  boilerplate: BoilerplateBlock[];
  /** Filled by the tokenizer. */
  sentences?: Sentence[];
  entities?: Entity[];
  quotes?: Quote[];
  claims?: Claim[];
  flags?: Flag[];
  /** Names and versions of the stages and models that produced the layers. */
  stages: { name: string; model?: string }[];
}

export function emptyMeta(source: 'html' | 'text'): ArticleMeta {
  return {
    title: null,
    dek: null,
    authors: [],
    date: null,
    siteName: null,
    url: null,
    lang: 'other',
    langConfidence: 0,
    source,
  };
}

/** The text of a span. */
export function spanText(doc: Document, span: Span): string {
  return doc.text.slice(span.start, span.end);
}

/** The paragraphs that carry article content (everything but the title). */
export function contentParagraphs(doc: Document): Paragraph[] {
  return doc.paragraphs.filter((p) => p.kind !== 'title');
}
