/**
 * The arc-hybrid transition system (Kuhlmann, Gómez-Rodríguez & Satta 2011) with the ROOT at the
 * end of the buffer, and its dynamic oracle (Goldberg & Nivre 2013).
 *
 *   SHIFT  move b0 onto the stack
 *   LEFT   s0 ← b0, pop s0          (b0 may be ROOT only when s0 is the last word on the stack)
 *   RIGHT  s1 → s0, pop s0
 *
 * Every word is shifted once and popped once, so a sentence of n words takes exactly 2n
 * transitions, and the single-root restriction on LEFT makes every terminal state a tree with
 * exactly one word attached to ROOT: no repair step is ever needed.
 *
 * Why arc-hybrid: its oracle costs are exact and cheap (arc-decomposable), a word is labelled
 * only once all its own dependents are attached (so "has an aux:pass child" is visible when the
 * subject is labelled), and with the root at the end it cannot leave fragments behind.
 */

export const SHIFT = 0;
export const LEFT = 1;
export const RIGHT = 2;
export const TRANSITION_COUNT = 3;

export class ArcHybridState {
  readonly n: number;
  /** Position of the artificial ROOT (= n) and of the NONE filler (= n + 1). */
  readonly root: number;
  readonly none: number;
  readonly stack: Int32Array;
  sp = 0;
  /** Front of the buffer: a word index, or `root` once every word has been shifted. */
  b0 = 0;
  /** Head of each word (`root` for the sentence root), -1 while unattached; NONE/ROOT cells stay -1. */
  readonly heads: Int32Array;
  /** Label id of each attached word; `noLabel` otherwise. */
  readonly labels: Int32Array;
  /** Leftmost, second leftmost, rightmost and second rightmost children (NONE when absent). */
  readonly lc1: Int32Array;
  readonly lc2: Int32Array;
  readonly rc1: Int32Array;
  readonly rc2: Int32Array;
  readonly nLeft: Int32Array;
  readonly nRight: Int32Array;
  /** Sets of left and right child labels as 64-bit masks (two 32-bit halves). */
  readonly leftSetLo: Uint32Array;
  readonly leftSetHi: Uint32Array;
  readonly rightSetLo: Uint32Array;
  readonly rightSetHi: Uint32Array;
  readonly onStack: Uint8Array;
  readonly noLabel: number;
  /** Number of transitions applied: always 2n at the end (tests count it). */
  steps = 0;

  constructor(n: number, noLabel: number) {
    this.n = n;
    this.root = n;
    this.none = n + 1;
    this.noLabel = noLabel;
    const size = n + 2;
    this.stack = new Int32Array(n + 1);
    this.heads = new Int32Array(size).fill(-1);
    this.labels = new Int32Array(size).fill(noLabel);
    this.lc1 = new Int32Array(size).fill(this.none);
    this.lc2 = new Int32Array(size).fill(this.none);
    this.rc1 = new Int32Array(size).fill(this.none);
    this.rc2 = new Int32Array(size).fill(this.none);
    this.nLeft = new Int32Array(size);
    this.nRight = new Int32Array(size);
    this.leftSetLo = new Uint32Array(size);
    this.leftSetHi = new Uint32Array(size);
    this.rightSetLo = new Uint32Array(size);
    this.rightSetHi = new Uint32Array(size);
    this.onStack = new Uint8Array(size);
    this.b0 = n === 0 ? this.root : 0;
  }

  /** The i-th stack item from the top (0 = s0), or NONE. */
  s(i: number): number {
    return i < this.sp ? this.stack[this.sp - 1 - i] : this.none;
  }

  /** The i-th buffer item (0 = b0), ROOT after the last word, NONE past ROOT. */
  b(i: number): number {
    const p = this.b0 + i;
    return p <= this.root ? p : this.none;
  }

  isTerminal(): boolean {
    return this.b0 === this.root && this.sp === 0;
  }

  canShift(): boolean {
    return this.b0 < this.root;
  }

  canLeft(): boolean {
    return this.sp > 0 && (this.b0 < this.root || this.sp === 1);
  }

  canRight(): boolean {
    return this.sp > 1;
  }

  /** The only legal transition when there is exactly one (no need to score), else -1. */
  forced(): number {
    const shift = this.b0 < this.root;
    if (this.sp === 0) return shift ? SHIFT : -1;
    if (!shift) return this.sp === 1 ? LEFT : RIGHT;
    return -1;
  }

  isLegal(t: number): boolean {
    return t === SHIFT ? this.canShift() : t === LEFT ? this.canLeft() : this.canRight();
  }

  /** The head and dependent an arc transition would create (dependent is always s0). */
  arcHead(t: number): number {
    return t === LEFT ? this.b0 : this.stack[this.sp - 2];
  }

  apply(t: number, label: number): void {
    this.steps++;
    if (t === SHIFT) {
      this.onStack[this.b0] = 1;
      this.stack[this.sp++] = this.b0++;
      return;
    }
    const dep = this.stack[--this.sp];
    this.onStack[dep] = 0;
    const head = t === LEFT ? this.b0 : this.stack[this.sp - 1];
    this.attach(head, dep, label);
  }

  private attach(head: number, dep: number, label: number): void {
    this.heads[dep] = head;
    this.labels[dep] = label;
    const bit = label & 31;
    const hi = label >= 32;
    if (dep < head) {
      this.nLeft[head]++;
      if (hi) this.leftSetHi[head] |= 1 << bit;
      else this.leftSetLo[head] |= 1 << bit;
      const l1 = this.lc1[head];
      if (l1 === this.none || dep < l1) {
        this.lc2[head] = l1;
        this.lc1[head] = dep;
      } else if (this.lc2[head] === this.none || dep < this.lc2[head]) {
        this.lc2[head] = dep;
      }
    } else {
      this.nRight[head]++;
      if (hi) this.rightSetHi[head] |= 1 << bit;
      else this.rightSetLo[head] |= 1 << bit;
      const r1 = this.rc1[head];
      if (r1 === this.none || dep > r1) {
        this.rc2[head] = r1;
        this.rc1[head] = dep;
      } else if (this.rc2[head] === this.none || dep > this.rc2[head]) {
        this.rc2[head] = dep;
      }
    }
  }
}

/**
 * The gold tree of a training sentence, in the form the dynamic oracle needs: heads with ROOT
 * as `n`, and each word's children.
 */
export class GoldTree {
  readonly heads: Int32Array;
  readonly labels: Int32Array;
  readonly childStart: Int32Array;
  readonly children: Int32Array;

  /** `heads[i]` is the head word index or -1 for the sentence root; the tree must be projective. */
  constructor(heads: ArrayLike<number>, labels: ArrayLike<number>) {
    const n = heads.length;
    this.heads = new Int32Array(n);
    this.labels = Int32Array.from(labels);
    const counts = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      const h = heads[i] < 0 ? n : heads[i];
      this.heads[i] = h;
      counts[h]++;
    }
    this.childStart = new Int32Array(n + 2);
    for (let h = 0; h <= n; h++) this.childStart[h + 1] = this.childStart[h] + counts[h];
    this.children = new Int32Array(n);
    const fill = this.childStart.slice(0, n + 1);
    for (let i = 0; i < n; i++) this.children[fill[this.heads[i]]++] = i;
  }
}

/**
 * Cost of each transition from `state`: the number of gold arcs it makes unreachable
 * (Goldberg & Nivre 2013, arc-hybrid). Illegal transitions get Infinity.
 */
export function transitionCosts(state: ArcHybridState, gold: GoldTree, out: Float64Array): void {
  const { b0, sp, stack, root, onStack } = state;
  const gh = gold.heads;
  const cs = gold.childStart;
  const ch = gold.children;
  out[SHIFT] = Infinity;
  out[LEFT] = Infinity;
  out[RIGHT] = Infinity;
  const s0 = sp > 0 ? stack[sp - 1] : -1;
  const s1 = sp > 1 ? stack[sp - 2] : -1;
  if (state.canShift()) {
    // b0 can no longer take a head from below s0, nor dependents from the stack.
    let c = 0;
    const h = gh[b0];
    if (h !== root && onStack[h] && h !== s0) c++;
    for (let k = cs[b0]; k < cs[b0 + 1]; k++) if (onStack[ch[k]]) c++;
    out[SHIFT] = c;
  }
  if (s0 >= 0) {
    // Popping s0 loses its dependents still in the buffer.
    let lost = 0;
    for (let k = cs[s0]; k < cs[s0 + 1]; k++) if (ch[k] >= b0) lost++;
    const h = gh[s0];
    if (state.canLeft()) out[LEFT] = lost + (h !== b0 && (h === s1 || h > b0) ? 1 : 0);
    if (state.canRight()) out[RIGHT] = lost + (h >= b0 ? 1 : 0);
  }
}
