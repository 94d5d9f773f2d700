/**
 * Span-level exact-match precision, recall and F1 per type and micro-averaged (CoNLL style: a
 * predicted span counts only when its start, end and type all equal a gold span's).
 */
import type { LabelSpan } from './labels.js';

export interface PRF {
  tp: number;
  fp: number;
  fn: number;
  p: number;
  r: number;
  f: number;
}

export class SpanScorer {
  private counts = new Map<string, { tp: number; fp: number; fn: number }>();

  constructor(
    /** Types to score; spans of other types are ignored on both sides. */
    readonly types: string[] = ['PER', 'ORG', 'LOC', 'MISC'],
  ) {
    for (const t of types) this.counts.set(t, { tp: 0, fp: 0, fn: 0 });
  }

  add(gold: LabelSpan[], pred: LabelSpan[]): void {
    const key = (s: LabelSpan): string => `${s.start}:${s.end}:${s.type}`;
    const g = new Set(gold.filter((s) => this.counts.has(s.type)).map(key));
    const p = new Set(pred.filter((s) => this.counts.has(s.type)).map(key));
    for (const k of p) {
      const c = this.counts.get(k.split(':')[2])!;
      if (g.has(k)) c.tp++;
      else c.fp++;
    }
    for (const k of g) if (!p.has(k)) this.counts.get(k.split(':')[2])!.fn++;
  }

  result(): { perType: Record<string, PRF>; micro: PRF } {
    const perType: Record<string, PRF> = {};
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const [t, c] of this.counts) {
      perType[t] = prf(c.tp, c.fp, c.fn);
      tp += c.tp;
      fp += c.fp;
      fn += c.fn;
    }
    return { perType, micro: prf(tp, fp, fn) };
  }
}

export function prf(tp: number, fp: number, fn: number): PRF {
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  const f = p + r ? (2 * p * r) / (p + r) : 0;
  return { tp, fp, fn, p: 100 * p, r: 100 * r, f: 100 * f };
}

export function formatPRF(name: string, x: PRF): string {
  return `${name.padEnd(6)} P ${x.p.toFixed(2).padStart(6)}  R ${x.r.toFixed(2).padStart(6)}  F1 ${x.f.toFixed(2).padStart(6)}  (gold ${x.tp + x.fn}, predicted ${x.tp + x.fp})`;
}
