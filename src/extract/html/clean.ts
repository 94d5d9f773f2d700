/**
 * Pruning page furniture out of the tree before the article is located: navigation, asides,
 * footers, hidden elements, and elements whose class/id words name furniture (share bars,
 * comments, related lists, cookie notices, ads...). An element is never pruned when it holds
 * the article: an explicit article-body marker inside it, or most of the page's plain text.
 */
import { Elem, elements } from './dom.js';
import { REMOVED_ROLES, REMOVED_TAGS, isArticleBodyHint, isHidden, negativeClass } from './rules.js';

export interface TextMass {
  /** Characters of text under each element. */
  text: Map<Elem, number>;
  /** Characters of text inside links under each element. */
  link: Map<Elem, number>;
}

/** Text and link-text lengths of every element (post-order, iterative). */
export function textMass(root: Elem): TextMass {
  const text = new Map<Elem, number>();
  const link = new Map<Elem, number>();
  const order: Elem[] = [];
  for (const el of elements(root)) order.push(el);
  for (let i = order.length - 1; i >= 0; i--) {
    const el = order[i];
    let t = 0, l = 0;
    for (const c of el.children) {
      if (typeof c === 'string') t += countNonSpace(c);
      else {
        t += text.get(c) ?? 0;
        l += link.get(c) ?? 0;
      }
    }
    if (el.tag === 'a') l = t;
    text.set(el, t);
    link.set(el, l);
  }
  return { text, link };
}

function countNonSpace(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 32 && c !== 160) n++;
  }
  return n;
}

/** Removes furniture from the tree in place; returns the number of elements removed. */
export function prune(root: Elem): number {
  const mass = textMass(root);
  const total = Math.max(1, (mass.text.get(root) ?? 0) - (mass.link.get(root) ?? 0));
  const holdsHint = new Set<Elem>();
  for (const el of elements(root)) {
    if (isArticleBodyHint(el)) for (let p: Elem | null = el; p && !holdsHint.has(p); p = p.parent) holdsHint.add(p);
  }
  const plain = (el: Elem) => (mass.text.get(el) ?? 0) - (mass.link.get(el) ?? 0);
  const isProtected = (el: Elem) => holdsHint.has(el) || plain(el) >= 0.5 * total;

  let removed = 0;
  const todo: Elem[] = [root];
  while (todo.length > 0) {
    const el = todo.pop()!;
    const kept: typeof el.children = [];
    for (const c of el.children) {
      if (typeof c !== 'string' && shouldRemove(c, isProtected, plain)) {
        removed++;
        continue;
      }
      kept.push(c);
      if (typeof c !== 'string') todo.push(c);
    }
    if (kept.length !== el.children.length) el.children.splice(0, el.children.length, ...kept);
  }
  return removed;
}

function shouldRemove(el: Elem, isProtected: (el: Elem) => boolean, plain: (el: Elem) => number): boolean {
  const tag = el.tag;
  if (REMOVED_TAGS.has(tag)) return !isProtected(el) || tag === 'head' || tag === 'figcaption';
  const role = el.attrs.role;
  if (role && REMOVED_ROLES.has(role.toLowerCase()) && !isProtected(el)) return true;
  if (isHidden(el) && !isProtected(el)) return true;
  if (tag === 'form' && plain(el) < 400 && !isProtected(el)) return true;
  if (tag === 'body' || tag === 'html' || tag === 'main' || tag === 'article' && isProtected(el)) return false;
  if (negativeClass(el) && !isProtected(el)) return true;
  return false;
}
