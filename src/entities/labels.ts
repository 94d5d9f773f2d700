/**
 * BILOU labels for the four entity types, conversion from and to BIO and spans.
 *
 * The model predicts BILOU (B = first, I = inside, L = last, U = single-word); the document and
 * CoNLL-U carry BIO, which is what users and the UD MISC convention expect.
 */
import type { EntityType } from '../document.js';

export const ENTITY_TYPES: EntityType[] = ['PER', 'ORG', 'LOC', 'MISC'];

/** Label 0 is O; then for each type t (index k): B=1+4k, I=2+4k, L=3+4k, U=4+4k. */
export const LABELS: string[] = ['O'];
for (const t of ENTITY_TYPES) for (const p of ['B', 'I', 'L', 'U']) LABELS.push(`${p}-${t}`);
export const N_LABELS = LABELS.length;

export function labelPart(label: number): 'O' | 'B' | 'I' | 'L' | 'U' {
  return label === 0 ? 'O' : (['B', 'I', 'L', 'U'] as const)[(label - 1) % 4];
}

export function labelType(label: number): EntityType | null {
  return label === 0 ? null : ENTITY_TYPES[Math.floor((label - 1) / 4)];
}

export function labelOf(part: 'B' | 'I' | 'L' | 'U', type: EntityType): number {
  return 1 + ENTITY_TYPES.indexOf(type) * 4 + ['B', 'I', 'L', 'U'].indexOf(part);
}

/** allowed[p * N + y]: whether label y may follow label p (p = N for the sentence start). */
export const ALLOWED: Uint8Array = (() => {
  const N = N_LABELS;
  const a = new Uint8Array((N + 1) * N);
  for (let p = 0; p <= N; p++) {
    for (let y = 0; y < N; y++) {
      const pp = p === N ? 'O' : labelPart(p);
      const yp = labelPart(y);
      const open = pp === 'B' || pp === 'I';
      let ok: boolean;
      if (open) ok = (yp === 'I' || yp === 'L') && labelType(y) === labelType(p);
      else ok = yp === 'O' || yp === 'B' || yp === 'U';
      a[p * N + y] = ok ? 1 : 0;
    }
  }
  return a;
})();

/** Whether label y may end a sentence. */
export function canEnd(y: number): boolean {
  const p = labelPart(y);
  return p === 'O' || p === 'L' || p === 'U';
}

/** A labelled span over items [start, end). */
export interface LabelSpan {
  start: number;
  end: number;
  type: EntityType;
}

/** Spans from BIO strings ("B-PER", "I-PER", "O"); an I without B opens a span (conlleval). */
export function bioSpans(tags: string[]): LabelSpan[] {
  const out: LabelSpan[] = [];
  let cur: LabelSpan | null = null;
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    const m = /^([BIE]|S|L|U)-(.+)$/.exec(t);
    const type = m ? normType(m[2]) : null;
    const part = m ? m[1] : 'O';
    if (!type) {
      if (cur) out.push(cur);
      cur = null;
      continue;
    }
    if (part === 'I' && cur && cur.type === type) {
      cur.end = i + 1;
      continue;
    }
    if (cur) out.push(cur);
    cur = { start: i, end: i + 1, type };
  }
  if (cur) out.push(cur);
  return out;
}

function normType(t: string): EntityType | null {
  return (ENTITY_TYPES as string[]).includes(t) ? (t as EntityType) : null;
}

/** BILOU label ids for spans over n items. */
export function spansToBilou(spans: LabelSpan[], n: number): Uint8Array {
  const y = new Uint8Array(n);
  for (const s of spans) {
    if (s.end - s.start === 1) y[s.start] = labelOf('U', s.type);
    else {
      y[s.start] = labelOf('B', s.type);
      for (let i = s.start + 1; i < s.end - 1; i++) y[i] = labelOf('I', s.type);
      y[s.end - 1] = labelOf('L', s.type);
    }
  }
  return y;
}

/** Spans from BILOU label ids (tolerant: a B or I without its L still closes at the break). */
export function bilouSpans(labels: ArrayLike<number>): LabelSpan[] {
  const out: LabelSpan[] = [];
  let cur: LabelSpan | null = null;
  for (let i = 0; i < labels.length; i++) {
    const part = labelPart(labels[i]);
    const type = labelType(labels[i]);
    if (part === 'O' || !type) {
      if (cur) out.push(cur);
      cur = null;
    } else if ((part === 'I' || part === 'L') && cur && cur.type === type) {
      cur.end = i + 1;
      if (part === 'L') {
        out.push(cur);
        cur = null;
      }
    } else {
      if (cur) out.push(cur);
      cur = { start: i, end: i + 1, type };
      if (part === 'U' || part === 'L') {
        out.push(cur);
        cur = null;
      }
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** BIO strings for spans over n items. */
export function spansToBio(spans: LabelSpan[], n: number): string[] {
  const out = new Array<string>(n).fill('O');
  for (const s of spans) for (let i = s.start; i < s.end; i++) out[i] = `${i === s.start ? 'B' : 'I'}-${s.type}`;
  return out;
}
