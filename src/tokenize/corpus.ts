/**
 * Raw text with gold tokenisation, built from CoNLL-U the way the CoNLL 2018 shared task built
 * its raw-text inputs: the `# text` of the sentences joined by a space inside a paragraph, and
 * paragraphs (`# newpar`, `# newdoc`) separated by a blank line. A file without paragraph marks
 * is one paragraph. Used to train the tokenizer and to evaluate it from raw text.
 */
import type { Span } from '../document.js';
import type { ConlluSentence } from '../formats/conllu.js';
import { commentValue, surfaceTokens } from '../formats/conllu.js';
import { seededRandom as mulberry32 } from '../learn/random.js';

export interface GoldToken extends Span {
  /** Word forms (one unless a multiword token). */
  words: string[];
  /** UPOS of the words, joined with "+" ("ADP+DET" for "du"). */
  upos: string;
}

export interface GoldText {
  text: string;
  paragraphs: Span[];
  tokens: GoldToken[];
  /** Index in `tokens` of the first token of each sentence, plus a final tokens.length. */
  sentenceStarts: number[];
}

/** Optional rewriting of the gold tokens before the text is built (training-time augmentation). */
export type TokenRewriter = (forms: string[], spaceAfter: boolean[], sentence: number) => void;

function isParagraphStart(s: ConlluSentence): boolean {
  for (const c of s.comments) if (c.startsWith('# newpar') || c.startsWith('# newdoc')) return true;
  return false;
}

/**
 * Builds the raw text of one or more CoNLL-U files (each file starts a new paragraph).
 * With `rewrite`, tokens are rewritten first and the text is rebuilt from the tokens.
 */
export function buildGoldText(files: ConlluSentence[][], rewrite?: TokenRewriter): GoldText {
  let text = '';
  const paragraphs: Span[] = [];
  const tokens: GoldToken[] = [];
  const sentenceStarts: number[] = [];
  let paragraphStart = -1;
  let sentenceNo = 0;
  const closeParagraph = (): void => {
    if (paragraphStart >= 0 && text.length > paragraphStart) paragraphs.push({ start: paragraphStart, end: text.length });
    paragraphStart = -1;
  };
  for (const sentences of files) {
    closeParagraph();
    for (const s of sentences) {
      if (isParagraphStart(s)) closeParagraph();
      const surface = surfaceTokens(s);
      const forms = surface.map((t) => (t.firstWord === t.lastWord ? s.words[t.firstWord].form : formOf(s, t.firstWord, t.lastWord)));
      const spaceAfter = surface.map((t) => t.spaceAfter);
      const words = surface.map((t) => s.words.slice(t.firstWord, t.lastWord + 1).map((w) => w.form));
      const upos = surface.map((t) =>
        s.words
          .slice(t.firstWord, t.lastWord + 1)
          .map((w) => w.upos)
          .join('+'),
      );
      let sentenceText: string;
      const given = commentValue(s, 'text');
      if (rewrite) {
        rewrite(forms, spaceAfter, sentenceNo);
        sentenceText = joinTokens(forms, spaceAfter);
      } else if (given !== null && alignable(given, forms)) sentenceText = given;
      else sentenceText = joinTokens(forms, spaceAfter);
      sentenceNo++;
      if (paragraphStart < 0) {
        if (text.length > 0) text += '\n\n';
        paragraphStart = text.length;
      } else text += ' ';
      const base = text.length;
      text += sentenceText;
      sentenceStarts.push(tokens.length);
      let pos = 0;
      for (let k = 0; k < forms.length; k++) {
        const form = forms[k];
        while (pos < sentenceText.length && /\s/.test(sentenceText[pos])) pos++;
        const start = pos;
        // Match the form; spaces inside a form ("20 000") match any whitespace run.
        for (let j = 0; j < form.length; j++) {
          if (/\s/.test(form[j])) {
            while (pos < sentenceText.length && /\s/.test(sentenceText[pos])) pos++;
          } else pos++;
        }
        tokens.push({ start: base + start, end: base + pos, words: rewrite ? rewriteWords(words[k], form) : words[k], upos: upos[k] });
      }
    }
  }
  closeParagraph();
  sentenceStarts.push(tokens.length);
  return { text, paragraphs, tokens, sentenceStarts };
}

function formOf(s: ConlluSentence, first: number, last: number): string {
  for (const m of s.multiwords) if (m.first === first + 1 && m.last === last + 1) return m.form;
  return s.words
    .slice(first, last + 1)
    .map((w) => w.form)
    .join('');
}

function rewriteWords(words: string[], form: string): string[] {
  return words.length === 1 ? [form] : words;
}

function joinTokens(forms: string[], spaceAfter: boolean[]): string {
  let out = '';
  for (let k = 0; k < forms.length; k++) out += forms[k] + (spaceAfter[k] && k + 1 < forms.length ? ' ' : '');
  return out;
}

/** True when the token forms, in order, spell the sentence text (whitespace aside). */
function alignable(text: string, forms: string[]): boolean {
  const a = text.replace(/\s+/g, '');
  const b = forms.join('').replace(/\s+/g, '');
  return a === b;
}

/** The shared generator, with seed 0 read as 1 (as the committed models were trained). */
export function seededRandom(seed: number): () => number {
  return mulberry32(seed >>> 0 || 1);
}

/**
 * Training-time rewriting towards news typography, which the treebanks lack: straight quote
 * pairs become « » (French, with the inner spaces French typography puts) or “ ” (English), and
 * "..." becomes "…", in a share of the sentences.
 */
export function newsTypography(lang: 'fr' | 'en', seed: number, share = 0.4): TokenRewriter {
  const random = seededRandom(seed);
  return (forms, spaceAfter) => {
    if (random() >= share) return;
    const quotes: number[] = [];
    for (let k = 0; k < forms.length; k++) {
      if (forms[k] === '"') quotes.push(k);
      else if (forms[k] === '...' && random() < 0.5) forms[k] = '…';
    }
    if (quotes.length === 0 || quotes.length % 2 !== 0) return;
    for (let q = 0; q < quotes.length; q += 2) {
      const open = quotes[q];
      const close = quotes[q + 1];
      if (lang === 'fr') {
        forms[open] = '«';
        spaceAfter[open] = true;
        forms[close] = '»';
        if (close > 0) spaceAfter[close - 1] = true;
      } else {
        forms[open] = '“';
        forms[close] = '”';
      }
    }
  };
}
