/**
 * Reading the dependency tree (when the parser ran): the content clause of a reporting verb
 * (ccomp / xcomp subtree, complementiser left out) and its subject (nsubj, or the subject of the
 * verb it is coordinated with or hangs on as a participle).
 */
import type { Sentence, Span } from '../document.js';
import type { Cue } from './cues.js';
import type { Seg, TextView } from './text.js';

function children(s: Sentence, head: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.words.length; i++) if (s.words[i].head === head) out.push(i);
  return out;
}

function subtree(s: Sentence, root: number, exclude: (w: number) => boolean = () => false): number[] {
  const out: number[] = [];
  const stack = [root];
  const seen = new Set<number>();
  while (stack.length) {
    const w = stack.pop()!;
    if (seen.has(w)) continue;
    seen.add(w);
    out.push(w);
    for (const c of children(s, w)) if (!exclude(c)) stack.push(c);
  }
  return out.sort((a, b) => a - b);
}

function wordSpan(s: Sentence, w: number): Span {
  const t = s.tokens[s.words[w].token];
  return { start: t.start, end: t.end };
}

function base(deprel: string): string {
  const i = deprel.indexOf(':');
  return i < 0 ? deprel : deprel.slice(0, i);
}

function verbOf(view: TextView, seg: Seg, c: Cue): { s: Sentence; w: number } | null {
  const ref = seg.toks[c.head].ref;
  if (!ref) return null;
  const s = view.sentences[ref.s];
  if (!s || !s.words[ref.w]) return null;
  return { s, w: ref.w };
}

/** Span of the content clause of a reporting verb, from the tree. */
export function treeContent(view: TextView, seg: Seg, c: Cue): Span | null {
  const v = verbOf(view, seg, c);
  if (!v) return null;
  const { s, w } = v;
  const kids = children(s, w);
  // A speech noun's clause hangs on it as a clausal modifier ("his claim that …": acl).
  const clause = kids.find((k) => base(s.words[k].deprel) === 'ccomp') ?? kids.find((k) => base(s.words[k].deprel) === 'xcomp') ?? (c.kind === 'noun' ? kids.find((k) => base(s.words[k].deprel) === 'acl') : undefined);
  if (clause === undefined) return null;
  const words = subtree(s, clause);
  let first = 0;
  while (first < words.length && (base(s.words[words[first]].deprel) === 'mark' || s.words[words[first]].upos === 'PUNCT')) first++;
  let last = words.length - 1;
  while (last > first && s.words[words[last]].upos === 'PUNCT') last--;
  if (first > last) return null;
  return { start: wordSpan(s, words[first]).start, end: wordSpan(s, words[last]).end };
}

/** Span of the subject of a reporting verb, from the tree. */
export function treeSubject(view: TextView, seg: Seg, c: Cue): Span | null {
  const v = verbOf(view, seg, c);
  if (!v) return null;
  const { s } = v;
  let w = v.w;
  for (let hop = 0; hop < 3; hop++) {
    const subj = children(s, w).find((k) => base(s.words[k].deprel) === 'nsubj');
    if (subj !== undefined) {
      const words = subtree(s, subj, (k) => {
        const d = s.words[k].deprel;
        return d === 'acl:relcl' || base(d) === 'appos' || base(d) === 'punct' || d === 'parataxis';
      });
      // Cut at a comma inside the phrase.
      let last = words.length - 1;
      for (let i = 0; i < words.length; i++) {
        if (i > 0 && words[i] !== words[i - 1] + 1) {
          last = i - 1;
          break;
        }
      }
      return { start: wordSpan(s, words[0]).start, end: wordSpan(s, words[last]).end };
    }
    const d = base(s.words[w].deprel);
    if ((d === 'conj' || d === 'advcl' || d === 'xcomp') && s.words[w].head >= 0) w = s.words[w].head;
    else break;
  }
  return null;
}
