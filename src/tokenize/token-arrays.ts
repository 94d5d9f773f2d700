/**
 * The tokens of one paragraph as parallel typed arrays, plus what the sentence and multiword
 * classifiers look at (a hash of the normalised form, a shape code, first and last classes),
 * computed once per token. Reused across paragraphs: `clear()` keeps the buffers.
 */
import { C, charClass, normCode, unitClass } from './chars.js';

/** Longest prefix/suffix hashed from a string; longer strings hash their two ends and length. */
export const MAX_HASHED = 24;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * FNV-1a hash of the normalised code units of text[start, end). At most MAX_HASHED units are read,
 * so hashing cost per call is bounded whatever the string length.
 */
export function normHash(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  const len = end - start;
  if (len <= MAX_HASHED) {
    for (let i = start; i < end; i++) h = Math.imul(h ^ normCode(text.charCodeAt(i)), FNV_PRIME);
  } else {
    const half = MAX_HASHED >> 1;
    for (let i = start; i < start + half; i++) h = Math.imul(h ^ normCode(text.charCodeAt(i)), FNV_PRIME);
    h = Math.imul(h ^ (0x10000 + Math.min(len, 255)), FNV_PRIME);
    for (let i = end - half; i < end; i++) h = Math.imul(h ^ normCode(text.charCodeAt(i)), FNV_PRIME);
  }
  return h >>> 0;
}

/**
 * Shape code of text[start, end): the classes of its characters with repeats collapsed, at most
 * six, mixed into one number, plus a length bucket. "Dupont" and "Paris" share a shape; "M." and "J."
 * share another.
 */
export function shapeCode(text: string, start: number, end: number): number {
  let code = 0;
  let n = 0;
  let last = -1;
  const stop = Math.min(end, start + 32);
  for (let i = start; i < stop && n < 6; i++) {
    let c: number = unitClass(text.charCodeAt(i));
    if (c === C.HighSurrogate) c = charClass(text, i);
    if (c === C.Mark || c === C.LowSurrogate) continue;
    if (c === C.OtherLetter) c = C.Lower;
    if (c === last) continue;
    code = (Math.imul(code, 37) + c + 1) | 0;
    last = c;
    n++;
  }
  const len = end - start;
  const bucket = len <= 3 ? len : len <= 6 ? 4 : len <= 12 ? 5 : 6;
  return (Math.imul(code, 8) + bucket) >>> 0;
}

export class TokenArrays {
  start: Int32Array = new Int32Array(1024);
  end: Int32Array = new Int32Array(1024);
  /** normHash of the form. */
  hash: Uint32Array = new Uint32Array(1024);
  shape: Uint32Array = new Uint32Array(1024);
  firstClass: Uint8Array = new Uint8Array(1024);
  lastClass: Uint8Array = new Uint8Array(1024);
  /** 1 when no whitespace separates the token from the next one. */
  glued: Uint8Array = new Uint8Array(1024);
  /** 1 when a sentence ends after the token. */
  sentenceEnd: Uint8Array = new Uint8Array(1024);
  /** Word-class id (see word-classes.ts), filled by `assignTags`. */
  tag: Uint8Array = new Uint8Array(1024);
  length = 0;

  clear(): void {
    this.length = 0;
  }

  push(text: string, start: number, end: number): void {
    if (this.length === this.start.length) this.grow();
    const k = this.length++;
    this.start[k] = start;
    this.end[k] = end;
    this.hash[k] = normHash(text, start, end);
    this.shape[k] = shapeCode(text, start, end);
    this.firstClass[k] = charClass(text, start);
    this.lastClass[k] = charClass(text, end - 1);
    this.glued[k] = 0;
    this.sentenceEnd[k] = 0;
    if (k > 0 && this.end[k - 1] === start) this.glued[k - 1] = 1;
  }

  /** Extends the last token to `end` (digit groups joined across a space). */
  extendLast(text: string, end: number): void {
    const k = this.length - 1;
    this.end[k] = end;
    this.hash[k] = normHash(text, this.start[k], end);
    this.shape[k] = shapeCode(text, this.start[k], end);
    this.lastClass[k] = charClass(text, end - 1);
  }

  private grow(): void {
    const n = this.start.length * 2;
    const g32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    const gu32 = (a: Uint32Array): Uint32Array => {
      const b = new Uint32Array(n);
      b.set(a);
      return b;
    };
    const g8 = (a: Uint8Array): Uint8Array => {
      const b = new Uint8Array(n);
      b.set(a);
      return b;
    };
    this.start = g32(this.start);
    this.end = g32(this.end);
    this.hash = gu32(this.hash);
    this.shape = gu32(this.shape);
    this.firstClass = g8(this.firstClass);
    this.lastClass = g8(this.lastClass);
    this.glued = g8(this.glued);
    this.sentenceEnd = g8(this.sentenceEnd);
    this.tag = g8(this.tag);
  }

  /** Fills `tag` for every token. */
  assignTags(text: string, classes: { tagOf(text: string, start: number, end: number, hash: number): number }): void {
    for (let t = 0; t < this.length; t++) this.tag[t] = classes.tagOf(text, this.start[t], this.end[t], this.hash[t]);
  }
}
