/**
 * CoNLL-U reader and writer (https://universaldependencies.org/format.html).
 *
 * The reader keeps every column as written so that writing back what was read gives the same
 * bytes: words, multiword-token ranges ("3-4") and empty nodes ("8.1") are kept in separate
 * lists, and the writer puts each range before its first word and each empty node after the word
 * it follows, which is where the format requires them.
 */
import { InputError } from '../errors.js';

/** One word line (integer ID). Columns hold the text as written, "_" included. */
export interface ConlluWord {
  id: number;
  form: string;
  lemma: string;
  upos: string;
  xpos: string;
  feats: string;
  /** Head word id (0 = root), or -1 when the column is "_". */
  head: number;
  deprel: string;
  deps: string;
  misc: string;
}

/** A multiword-token line ("first-last"): the surface token covering words first..last. */
export interface ConlluMultiword {
  first: number;
  last: number;
  form: string;
  /** The remaining columns as written (normally "_", MISC may hold SpaceAfter=No). */
  lemma: string;
  upos: string;
  xpos: string;
  feats: string;
  head: string;
  deprel: string;
  deps: string;
  misc: string;
}

/** An empty node ("8.1"), kept verbatim: only enhanced dependencies use it. */
export interface ConlluEmptyNode {
  /** The integer part: the node comes after word `after` (0 = before the first word). */
  after: number;
  line: string;
}

export interface ConlluSentence {
  /** Comment lines, each with its leading "#". */
  comments: string[];
  words: ConlluWord[];
  multiwords: ConlluMultiword[];
  emptyNodes: ConlluEmptyNode[];
}

const INT = /^(0|[1-9][0-9]*)$/;
const RANGE = /^([1-9][0-9]*)-([1-9][0-9]*)$/;
const DECIMAL = /^(0|[1-9][0-9]*)\.([1-9][0-9]*)$/;

/**
 * Parses CoNLL-U text. Throws InputError naming the line and the problem for anything that
 * breaks the format's structure (column count, IDs out of sequence, bad heads, ranges).
 */
export function parseConllu(text: string, source = '<conllu>'): ConlluSentence[] {
  const sentences: ConlluSentence[] = [];
  let current: ConlluSentence | null = null;
  let lineNo = 0;
  let sentenceStart = 0;
  /** Line number of each word of the current sentence, to name it in errors found at the end. */
  let wordLines: number[] = [];
  const fail = (what: string, line = lineNo): never => {
    throw new InputError(source, line, what);
  };
  const finish = (): void => {
    if (!current) return;
    if (current.words.length === 0) fail('sentence has no word lines', sentenceStart);
    const n = current.words.length;
    for (const w of current.words) {
      if (w.head > n) fail(`word ${w.id} has head ${w.head} but the sentence has ${n} words`, wordLines[w.id - 1]);
    }
    for (const m of current.multiwords) {
      if (m.last > n) fail(`multiword range ${m.first}-${m.last} goes past the last word ${n}`, sentenceStart);
    }
    sentences.push(current);
    current = null;
    wordLines = [];
  };

  let pos = 0;
  const len = text.length;
  if (text.charCodeAt(0) === 0xfeff) pos = 1;
  while (pos <= len) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = len;
    let line = text.slice(pos, nl);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    lineNo++;
    const atEnd = nl >= len;
    pos = nl + 1;
    if (line.length === 0) {
      finish();
      if (atEnd) break;
      continue;
    }
    if (!current) {
      current = { comments: [], words: [], multiwords: [], emptyNodes: [] };
      sentenceStart = lineNo;
    }
    if (line.charCodeAt(0) === 35 /* # */) {
      if (current.words.length > 0 || current.multiwords.length > 0 || current.emptyNodes.length > 0) {
        fail('comment line after the first word line of a sentence');
      }
      current.comments.push(line);
      continue;
    }
    const cols = line.split('\t');
    if (cols.length !== 10) fail(`expected 10 tab-separated columns, found ${cols.length}`);
    for (let c = 0; c < 10; c++) {
      if (cols[c].length === 0) fail(`column ${c + 1} is empty (use "_" for no value)`);
    }
    const id = cols[0];
    if (INT.test(id)) {
      const n = Number(id);
      const expected = current.words.length + 1;
      if (n !== expected) fail(`word id ${id} out of sequence, expected ${expected}`);
      let head = -1;
      if (cols[6] !== '_') {
        if (!INT.test(cols[6])) fail(`head "${cols[6]}" is not a number`);
        head = Number(cols[6]);
        if (head === n) fail(`word ${n} is its own head`);
      }
      wordLines.push(lineNo);
      current.words.push({
        id: n,
        form: cols[1],
        lemma: cols[2],
        upos: cols[3],
        xpos: cols[4],
        feats: cols[5],
        head,
        deprel: cols[7],
        deps: cols[8],
        misc: cols[9],
      });
    } else if (RANGE.test(id)) {
      const m = RANGE.exec(id)!;
      const first = Number(m[1]);
      const last = Number(m[2]);
      if (last <= first) fail(`multiword range ${id} is empty or reversed`);
      if (first !== current.words.length + 1) fail(`multiword range ${id} does not start at the next word ${current.words.length + 1}`);
      const prev = current.multiwords[current.multiwords.length - 1];
      if (prev && prev.last >= first) fail(`multiword range ${id} overlaps ${prev.first}-${prev.last}`);
      current.multiwords.push({
        first,
        last,
        form: cols[1],
        lemma: cols[2],
        upos: cols[3],
        xpos: cols[4],
        feats: cols[5],
        head: cols[6],
        deprel: cols[7],
        deps: cols[8],
        misc: cols[9],
      });
    } else if (DECIMAL.test(id)) {
      const after = Number(DECIMAL.exec(id)![1]);
      if (after !== current.words.length) {
        fail(`empty node ${id} must directly follow word ${after}, but it follows word ${current.words.length}`);
      }
      current.emptyNodes.push({ after, line });
    } else {
      fail(`invalid id "${id}"`);
    }
    if (atEnd) break;
  }
  finish();
  return sentences;
}

function wordLine(w: ConlluWord): string {
  return `${w.id}\t${w.form}\t${w.lemma}\t${w.upos}\t${w.xpos}\t${w.feats}\t${w.head < 0 ? '_' : w.head}\t${w.deprel}\t${w.deps}\t${w.misc}`;
}

function multiwordLine(m: ConlluMultiword): string {
  return `${m.first}-${m.last}\t${m.form}\t${m.lemma}\t${m.upos}\t${m.xpos}\t${m.feats}\t${m.head}\t${m.deprel}\t${m.deps}\t${m.misc}`;
}

/** Writes one sentence, ending with the blank line that closes it. */
export function writeConlluSentence(s: ConlluSentence): string {
  const out: string[] = [...s.comments];
  let mi = 0;
  let ei = 0;
  while (ei < s.emptyNodes.length && s.emptyNodes[ei].after === 0) out.push(s.emptyNodes[ei++].line);
  for (const w of s.words) {
    while (mi < s.multiwords.length && s.multiwords[mi].first === w.id) out.push(multiwordLine(s.multiwords[mi++]));
    out.push(wordLine(w));
    while (ei < s.emptyNodes.length && s.emptyNodes[ei].after === w.id) out.push(s.emptyNodes[ei++].line);
  }
  out.push('', '');
  return out.join('\n');
}

export function writeConllu(sentences: ConlluSentence[]): string {
  let out = '';
  for (const s of sentences) out += writeConlluSentence(s);
  return out;
}

/** Reads a MISC attribute ("SpaceAfter" in "SpaceAfter=No|Foo=1"), or null. */
export function miscValue(misc: string, key: string): string | null {
  if (misc === '_') return null;
  for (const part of misc.split('|')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq) === key) return part.slice(eq + 1);
  }
  return null;
}

/** The value of a "# key = value" comment, or null. */
export function commentValue(s: ConlluSentence, key: string): string | null {
  const prefix = `# ${key} =`;
  for (const c of s.comments) {
    if (c.startsWith(prefix)) return c.slice(prefix.length).trim();
  }
  return null;
}

/** A surface token of a sentence: a multiword token or a word not covered by one. */
export interface ConlluToken {
  form: string;
  /** Word indexes (0-based into `words`) covered by the token. */
  firstWord: number;
  lastWord: number;
  spaceAfter: boolean;
}

/** The surface tokens of a sentence in order, with their SpaceAfter flags. */
export function surfaceTokens(s: ConlluSentence): ConlluToken[] {
  const tokens: ConlluToken[] = [];
  let mi = 0;
  for (let i = 0; i < s.words.length; ) {
    const w = s.words[i];
    const m = mi < s.multiwords.length && s.multiwords[mi].first === w.id ? s.multiwords[mi++] : null;
    if (m) {
      tokens.push({ form: m.form, firstWord: i, lastWord: m.last - 1, spaceAfter: miscValue(m.misc, 'SpaceAfter') !== 'No' });
      i = m.last;
    } else {
      tokens.push({ form: w.form, firstWord: i, lastWord: i, spaceAfter: miscValue(w.misc, 'SpaceAfter') !== 'No' });
      i++;
    }
  }
  return tokens;
}

/** The text of a sentence rebuilt from its tokens and SpaceAfter flags (used when `# text` is absent). */
export function sentenceText(s: ConlluSentence): string {
  const given = commentValue(s, 'text');
  if (given !== null) return given;
  let out = '';
  for (const t of surfaceTokens(s)) out += t.form + (t.spaceAfter ? ' ' : '');
  return out.trimEnd();
}
