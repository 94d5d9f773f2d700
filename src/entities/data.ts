/**
 * Readers for the NER data sets in ../shared/data/ner (see its README):
 *
 *  - WikiNEuRal (`idx<TAB>token<TAB>IOB2`, blank line between sentences), silver, CC BY-NC-SA 4.0;
 *  - HIPE-2022 newseye (HIPE TSV, NE-COARSE-LIT column), gold historical newspapers, CC BY 4.0.
 *
 * And the deterministic WikiNEuRal split: every 10th sentence of each file (index % 10 === 0) is
 * held out for measurement and never trained on.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';

export interface TaggedSentence {
  forms: string[];
  /** BIO tags with the four types (PER, ORG, LOC, MISC); other types mapped to O. */
  tags: string[];
  /** Token followed by no space (HIPE only; WikiNEuRal does not say). */
  noSpace?: boolean[];
  /** Document id (HIPE). */
  doc?: string;
}

export function readWikiNeural(path: string): TaggedSentence[] {
  const text = readFileSync(path, 'utf8');
  const out: TaggedSentence[] = [];
  let cur: TaggedSentence = { forms: [], tags: [] };
  const lines = text.split('\n');
  for (let ln = 0; ln < lines.length; ln++) {
    const line = lines[ln].replace(/\r$/, '');
    if (line.trim() === '') {
      if (cur.forms.length) out.push(cur);
      cur = { forms: [], tags: [] };
      continue;
    }
    const cols = line.split('\t');
    if (cols.length < 3) throw new InputError(path, ln + 1, `expected 3 tab-separated columns, found ${cols.length}`);
    cur.forms.push(cols[1]);
    cur.tags.push(cols[2]);
  }
  if (cur.forms.length) out.push(cur);
  return out;
}

/** HIPE coarse types → ours. HumanProd (and time) are not scored: mapped to O. */
const HIPE_TYPES: Record<string, string> = { PER: 'PER', pers: 'PER', LOC: 'LOC', loc: 'LOC', ORG: 'ORG', org: 'ORG' };

export function readHipe(path: string): TaggedSentence[] {
  const text = readFileSync(path, 'utf8');
  const out: TaggedSentence[] = [];
  let doc = '';
  let cur: TaggedSentence = { forms: [], tags: [], noSpace: [], doc };
  const flush = (): void => {
    if (cur.forms.length) out.push(cur);
    cur = { forms: [], tags: [], noSpace: [], doc };
  };
  const lines = text.split('\n');
  for (let ln = 0; ln < lines.length; ln++) {
    const line = lines[ln].replace(/\r$/, '');
    if (line.startsWith('TOKEN\t')) continue;
    if (line.startsWith('#')) {
      const m = /document_id\s*=\s*(\S+)/.exec(line);
      if (m) {
        flush();
        doc = m[1];
        cur.doc = doc;
      }
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    const cols = line.split('\t');
    if (cols.length < 10) throw new InputError(path, ln + 1, `expected 10 tab-separated columns, found ${cols.length}`);
    const [form, coarse] = cols;
    const misc = cols[9];
    let tag = 'O';
    const m = /^([BI])-(.+)$/.exec(coarse);
    if (m && HIPE_TYPES[m[2]]) tag = `${m[1]}-${HIPE_TYPES[m[2]]}`;
    cur.forms.push(form);
    cur.tags.push(tag);
    cur.noSpace!.push(misc.includes('NoSpaceAfter'));
    if (misc.includes('EndOfSentence')) flush();
  }
  flush();
  return out;
}

/** Whether sentence `index` of a WikiNEuRal file is in the held-out measurement part. */
export function isHeldOut(index: number): boolean {
  return index % 10 === 0;
}

/** Training and held-out parts of the WikiNEuRal files of a language (val and test, both split). */
export function wikiNeuralSplit(files: string[]): { train: TaggedSentence[]; heldOut: TaggedSentence[] } {
  const train: TaggedSentence[] = [];
  const heldOut: TaggedSentence[] = [];
  for (const f of files) {
    readWikiNeural(f).forEach((s, i) => (isHeldOut(i) ? heldOut : train).push(s));
  }
  return { train, heldOut };
}

/** A HIPE document rebuilt as text, with its gold spans as character offsets. */
export interface HipeDocument {
  id: string;
  text: string;
  gold: { start: number; end: number; type: string }[];
}

/**
 * HIPE documents as plain text, so that they go through the project's own tokenizer like any
 * input: tokens joined with a space unless NoSpaceAfter, line-end hyphenation ("Poin¬" + "caré")
 * joined, sentences (EndOfSentence) separated by a space. Gold spans become character offsets.
 */
export function hipeDocuments(path: string): HipeDocument[] {
  const docs: HipeDocument[] = [];
  let cur: HipeDocument | null = null;
  for (const s of readHipe(path)) {
    if (!cur || cur.id !== s.doc) {
      cur = { id: s.doc ?? String(docs.length), text: '', gold: [] };
      docs.push(cur);
    }
    if (cur.text.length && !/\s$/.test(cur.text)) cur.text += ' ';
    const starts: number[] = [];
    const ends: number[] = [];
    for (let i = 0; i < s.forms.length; i++) {
      let form = s.forms[i];
      const hyphenated = form.endsWith('¬') && form.length > 1;
      if (hyphenated) form = form.slice(0, -1);
      starts.push(cur.text.length);
      cur.text += form;
      ends.push(cur.text.length);
      if (hyphenated || i + 1 >= s.forms.length) continue;
      // NoSpaceAfter is also written at plain line ends ("des" / "impôts"): keep a space between
      // two words, and after an abbreviation's full stop before a word ("M." / "Millerand").
      const next = s.forms[i + 1];
      const lineEnd = /[\p{L}\d]$/u.test(form) && /^[\p{L}\d]/u.test(next);
      const abbrev = form === '.' && /^\p{Lu}/u.test(next);
      if (!s.noSpace?.[i] || lineEnd || abbrev) cur.text += ' ';
    }
    for (const sp of bioSpansOf(s.tags)) {
      const g = { start: starts[sp.start], end: ends[sp.end - 1], type: sp.type };
      const last = cur.gold[cur.gold.length - 1];
      // A name cut by a line-end hyphen is one name once the hyphenation is joined.
      if (last && last.end === g.start && last.type === g.type) last.end = g.end;
      else cur.gold.push(g);
    }
  }
  return docs;
}

function bioSpansOf(tags: string[]): { start: number; end: number; type: string }[] {
  const out: { start: number; end: number; type: string }[] = [];
  for (let i = 0; i < tags.length; i++) {
    const m = /^([BI])-(.+)$/.exec(tags[i]);
    if (!m) continue;
    const last = out[out.length - 1];
    if (m[1] === 'I' && last && last.end === i && last.type === m[2]) last.end = i + 1;
    else out.push({ start: i, end: i + 1, type: m[2] });
  }
  return out;
}
