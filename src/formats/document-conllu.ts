/**
 * Conversion between the Document's sentence layer and CoNLL-U.
 *
 * Writing: one CoNLL-U sentence per Document sentence, with `# sent_id`, `# text`, multiword-token
 * lines, and `SpaceAfter=No` in MISC exactly where UD writes it (on the multiword token line when
 * the token is split, otherwise on the word).
 *
 * Reading gold files into Documents lets a stage run on gold tokenisation (evaluation, training).
 */
import type { Document, Sentence, Token, Word } from '../document.js';
import { emptyMeta } from '../document.js';
import type { ConlluMultiword, ConlluSentence, ConlluWord } from './conllu.js';
import { commentValue, surfaceTokens, writeConllu } from './conllu.js';

function col(v: string | undefined): string {
  return v === undefined || v === '' ? '_' : v;
}

function miscFor(word: Word | null, spaceAfterNo: boolean): string {
  const parts: string[] = [];
  if (word && word.ner && word.ner !== 'O') parts.push(`NER=${word.ner}`);
  if (spaceAfterNo) parts.push('SpaceAfter=No');
  return parts.length ? parts.join('|') : '_';
}

/** The sentences of a document as CoNLL-U structures. */
export function sentencesToConllu(doc: Document, sentences: Sentence[] = doc.sentences ?? []): ConlluSentence[] {
  const out: ConlluSentence[] = [];
  for (const s of sentences) {
    const comments = [`# sent_id = ${s.id}`, `# text = ${doc.text.slice(s.start, s.end).replace(/[\t\n\r]+/g, ' ')}`];
    const words: ConlluWord[] = [];
    const multiwords: ConlluMultiword[] = [];
    for (let ti = 0; ti < s.tokens.length; ti++) {
      const t = s.tokens[ti];
      const noSpace = !t.spaceAfter;
      const split = t.lastWord > t.firstWord;
      if (split) {
        multiwords.push({
          first: t.firstWord + 1,
          last: t.lastWord + 1,
          form: t.form,
          lemma: '_',
          upos: '_',
          xpos: '_',
          feats: '_',
          head: '_',
          deprel: '_',
          deps: '_',
          misc: noSpace ? 'SpaceAfter=No' : '_',
        });
      }
      for (let wi = t.firstWord; wi <= t.lastWord; wi++) {
        const w = s.words[wi];
        words.push({
          id: wi + 1,
          form: w.form,
          lemma: col(w.lemma),
          upos: col(w.upos),
          xpos: col(w.xpos),
          feats: col(w.feats),
          // A word no parser attached (no relation yet) has no head: "_", not root.
          head: !w.deprel || w.deprel === '_' ? -1 : w.head + 1,
          deprel: col(w.deprel),
          deps: '_',
          misc: miscFor(w, !split && noSpace),
        });
      }
    }
    out.push({ comments, words, multiwords, emptyNodes: [] });
  }
  return out;
}

/** The document's sentence layer as CoNLL-U text. */
export function documentToConllu(doc: Document): string {
  return writeConllu(sentencesToConllu(doc));
}

/**
 * Builds a Document from gold CoNLL-U sentences: the text is the sentences' texts joined by a
 * space (or a blank line at `# newpar`), tokens and words as in the file, annotation columns
 * cleared unless `keepAnnotation` is set. Used to run stages on gold tokenisation.
 */
export function conlluToDocument(sentences: ConlluSentence[], lang: 'fr' | 'en', keepAnnotation = false): Document {
  let text = '';
  const docSentences: Sentence[] = [];
  let n = 0;
  for (const cs of sentences) {
    if (text.length > 0) text += cs.comments.some((c) => c.startsWith('# newpar')) ? '\n\n' : ' ';
    const start = text.length;
    const tokens: Token[] = [];
    const words: Word[] = [];
    for (const ct of surfaceTokens(cs)) {
      const tStart = text.length;
      text += ct.form;
      const token: Token = {
        start: tStart,
        end: text.length,
        form: ct.form,
        spaceAfter: ct.spaceAfter,
        firstWord: ct.firstWord,
        lastWord: ct.lastWord,
      };
      for (let wi = ct.firstWord; wi <= ct.lastWord; wi++) {
        const w = cs.words[wi];
        words.push({
          form: w.form,
          lemma: keepAnnotation ? w.lemma : '_',
          upos: keepAnnotation ? w.upos : '_',
          xpos: keepAnnotation ? w.xpos : '_',
          feats: keepAnnotation ? w.feats : '_',
          head: keepAnnotation ? w.head - 1 : -1,
          deprel: keepAnnotation ? w.deprel : '_',
          token: tokens.length,
        });
      }
      tokens.push(token);
      if (ct.spaceAfter) text += ' ';
    }
    // Trailing space of the last token is not part of the sentence.
    let end = text.length;
    while (end > start && text.charCodeAt(end - 1) === 32) end--;
    text = text.slice(0, end);
    n++;
    docSentences.push({ id: commentValue(cs, 'sent_id') ?? String(n), start, end, tokens, words });
  }
  const meta = emptyMeta('text');
  meta.lang = lang;
  meta.langConfidence = 1;
  return {
    version: 1,
    text,
    meta,
    paragraphs: text.length ? [{ start: 0, end: text.length, kind: 'body' }] : [],
    boilerplate: [],
    sentences: docSentences,
    stages: [{ name: 'gold-tokenization' }],
  };
}
