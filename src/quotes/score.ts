/**
 * Scoring quote extraction the way the Gender Gap Tracker does (NLP/evaluation, evaluate_quotes):
 * each gold quote, in order, takes the not-yet-matched predicted quote that covers the largest
 * share of the gold content span, if that share is above the threshold (0.3: "at least 30 % of
 * the gold span is covered"). Matched pairs are true positives; the speaker is right when the two
 * speaker spans overlap (or both are absent); the cue is right when the two cue texts are equal
 * (lower-cased). "Exact" matching asks for the same span once quote marks, spaces, final
 * punctuation and a leading "that"/"que" are trimmed from both.
 */
import type { Span } from '../document.js';

export interface ScoredQuote {
  content: Span;
  speaker: Span | null;
  cue: string | null;
  /** Optional extra key for speaker comparison (entity names). */
  speakerName?: string | null;
}

export interface QuoteCounts {
  gold: number;
  predicted: number;
  tp: number;
  fp: number;
  fn: number;
  speakerRight: number;
  cueRight: number;
}

export function emptyCounts(): QuoteCounts {
  return { gold: 0, predicted: 0, tp: 0, fp: 0, fn: 0, speakerRight: 0, cueRight: 0 };
}

export function addCounts(a: QuoteCounts, b: QuoteCounts): QuoteCounts {
  return {
    gold: a.gold + b.gold,
    predicted: a.predicted + b.predicted,
    tp: a.tp + b.tp,
    fp: a.fp + b.fp,
    fn: a.fn + b.fn,
    speakerRight: a.speakerRight + b.speakerRight,
    cueRight: a.cueRight + b.cueRight,
  };
}

function coverage(gold: Span, pred: Span): number {
  const len = gold.end - gold.start;
  if (len <= 0) return 0;
  const inter = Math.min(gold.end, pred.end) - Math.max(gold.start, pred.start);
  return inter > 0 ? inter / len : 0;
}

/** Trims what annotators disagree on at the edges: spaces, quote marks, final punctuation, "that"/"que". */
export function normaliseSpan(text: string, s: Span): Span {
  let { start, end } = s;
  const edge = /[\s\u00a0\u202f"“”«»‘’'.,;:!?…]/;
  for (let guard = 0; guard < 6; guard++) {
    const before = [start, end];
    while (start < end && edge.test(text[start])) start++;
    while (end > start && edge.test(text[end - 1])) end--;
    const head = text.slice(start, start + 5).toLowerCase();
    if (/^that\s/.test(head)) start += 5;
    else if (/^que\s/.test(head)) start += 4;
    else if (/^qu['’]/.test(head)) start += 3;
    if (before[0] === start && before[1] === end) break;
  }
  return { start, end };
}

function speakersMatch(g: ScoredQuote, p: ScoredQuote): boolean {
  if (!g.speaker) return !p.speaker;
  if (p.speaker && Math.min(g.speaker.end, p.speaker.end) > Math.max(g.speaker.start, p.speaker.start)) return true;
  if (g.speakerName && p.speakerName && g.speakerName.toLowerCase() === p.speakerName.toLowerCase()) return true;
  return false;
}

/**
 * Matches predicted quotes to gold ones. `threshold` is the share of the gold span to cover
 * (strictly more than it, as GGT does); `exactText` switches to exact matching after trimming.
 */
export function matchQuotes(gold: ScoredQuote[], pred: ScoredQuote[], threshold: number, exactText: string | null = null): QuoteCounts & { pairs: [number, number][] } {
  const remaining = new Set(pred.map((_, i) => i));
  const pairs: [number, number][] = [];
  const counts = { ...emptyCounts(), gold: gold.length, predicted: pred.length, pairs };
  gold.forEach((g, gi) => {
    let best = -1;
    let bestScore = 0;
    for (const pi of remaining) {
      const p = pred[pi];
      let score: number;
      if (exactText !== null) {
        const a = normaliseSpan(exactText, g.content);
        const b = normaliseSpan(exactText, p.content);
        score = a.start === b.start && a.end === b.end ? 1 : 0;
      } else {
        score = coverage(g.content, p.content);
      }
      if (score > threshold && score > bestScore) {
        bestScore = score;
        best = pi;
      }
    }
    if (best < 0) {
      counts.fn++;
      return;
    }
    remaining.delete(best);
    pairs.push([gi, best]);
    counts.tp++;
    const p = pred[best];
    if (speakersMatch(g, p)) counts.speakerRight++;
    if ((g.cue ?? '').toLowerCase().trim() === (p.cue ?? '').toLowerCase().trim()) counts.cueRight++;
  });
  counts.fp = remaining.size;
  return counts;
}

export interface QuoteScores {
  precision: number;
  recall: number;
  f1: number;
  speakerAccuracy: number;
  cueAccuracy: number;
}

export function scores(c: QuoteCounts): QuoteScores {
  const precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    precision,
    recall,
    f1,
    speakerAccuracy: c.tp > 0 ? c.speakerRight / c.tp : 0,
    cueAccuracy: c.tp > 0 ? c.cueRight / c.tp : 0,
  };
}

// ---------------------------------------------------------------- brat standoff (PolNeAR)

export interface BratAttribution {
  content: Span;
  source: Span | null;
  cue: Span | null;
  cueText: string | null;
}

function parseSpans(s: string): Span[] {
  return s.split(';').map((part) => {
    const [a, b] = part.trim().split(/\s+/).map(Number);
    return { start: a, end: b };
  });
}

/** Attributions of a PolNeAR .ann file: one per E line that has a Content (discontinuous spans covered by one). */
export function readBratAttributions(ann: string): BratAttribution[] {
  const spans = new Map<string, { type: string; spans: Span[]; text: string }>();
  const events: string[] = [];
  for (const line of ann.split('\n')) {
    if (line.startsWith('T')) {
      const [id, meta, text] = line.split('\t');
      // A malformed line (no tab) is skipped rather than failing the whole file.
      if (meta === undefined) continue;
      const sp = meta.indexOf(' ');
      if (sp < 0) continue;
      spans.set(id, { type: meta.slice(0, sp), spans: parseSpans(meta.slice(sp + 1)), text: text ?? '' });
    } else if (line.startsWith('E')) {
      events.push(line);
    }
  }
  const out: BratAttribution[] = [];
  for (const line of events) {
    const args = (line.split('\t')[1] ?? '').trim().split(/\s+/);
    let content: Span | null = null;
    let source: Span | null = null;
    let cue: Span | null = null;
    let cueText: string | null = null;
    const cover = (ss: Span[]): Span => ({ start: Math.min(...ss.map((s) => s.start)), end: Math.max(...ss.map((s) => s.end)) });
    for (const a of args) {
      const [role, id] = a.split(':');
      const t = spans.get(id);
      if (!t) continue;
      if (role === 'Content' && !content) content = cover(t.spans);
      else if (role === 'Content2' && content) content = cover([content, ...t.spans]);
      else if (role === 'Source' && !source) source = cover(t.spans);
      else if (role === 'Cue' && !cue) {
        cue = cover(t.spans);
        cueText = t.text;
      }
    }
    if (content) out.push({ content, source, cue, cueText });
  }
  return out.sort((a, b) => a.content.start - b.content.start);
}
