/**
 * Cutting a (pruned) tree into text blocks: each run of inline content between block-level
 * boundaries becomes one block, with its text, the length of its link text, its kind (paragraph,
 * heading, list item, quote, cell...) and the block-level element holding it.
 */
import { Elem, normSpace } from './dom.js';

export type BlockKind = 'p' | 'heading' | 'list-item' | 'quote' | 'pre' | 'cell' | 'caption' | 'div';

export interface Block {
  text: string;
  /** Characters of link text in the block. */
  linkLen: number;
  kind: BlockKind;
  /** Heading level 1-6 for headings, else 0. */
  level: number;
  /** The nearest block-level element holding the block. */
  container: Elem;
  /** Position in document order. */
  index: number;
}

export const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th',
  'caption', 'figure', 'figcaption', 'form', 'fieldset', 'address', 'details', 'summary', 'center', 'hr', 'body',
  'html', '#root', 'hgroup', 'menu', 'dialog', 'legend', 'li', 'option', 'iframe', 'frameset', 'noscript', 'listing',
  'plaintext', 'xmp', 'dir', 'title', 'head',
]);

const HEADING_LEVEL: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

interface Acc {
  parts: string[];
  linkLen: number;
  lastBr: boolean;
}

/** Blocks of the tree under `root`, in document order. */
export function buildBlocks(root: Elem): Block[] {
  const blocks: Block[] = [];
  const newAcc = (): Acc => ({ parts: [], linkLen: 0, lastBr: false });

  const flush = (acc: Acc, container: Elem): void => {
    if (acc.parts.length === 0) return;
    const text = normSpace(acc.parts.join(''));
    acc.parts = [];
    const linkLen = acc.linkLen;
    acc.linkLen = 0;
    acc.lastBr = false;
    if (!text) return;
    const { kind, level } = kindOf(container);
    blocks.push({ text, linkLen: Math.min(linkLen, text.length), kind, level, container, index: blocks.length });
  };

  const walk = (el: Elem, acc: Acc, container: Elem, inLink: boolean): void => {
    for (const c of el.children) {
      if (typeof c === 'string') {
        if (acc.lastBr && /\S/.test(c)) acc.lastBr = false;
        acc.parts.push(c);
        if (inLink) acc.linkLen += normSpace(c).length;
        continue;
      }
      if (c.tag === 'br') {
        if (acc.lastBr) flush(acc, container); // <br><br> separates paragraphs
        else {
          acc.parts.push('\n');
          acc.lastBr = true;
        }
        continue;
      }
      if (BLOCK_TAGS.has(c.tag)) {
        flush(acc, container);
        const inner = newAcc();
        walk(c, inner, c, inLink);
        flush(inner, c);
        continue;
      }
      if (c.tag !== 'a' && c.tag !== 'span') acc.lastBr = false;
      const linked = inLink || c.tag === 'a';
      walk(c, acc, container, linked);
    }
  };

  const top = newAcc();
  walk(root, top, root, false);
  flush(top, root);
  return blocks;
}

/** Kind of a block from its container and the container's close ancestors. */
function kindOf(container: Elem): { kind: BlockKind; level: number } {
  const t0 = container.tag;
  if (HEADING_LEVEL[t0]) return { kind: 'heading', level: HEADING_LEVEL[t0] };
  if (t0 === 'pre') return { kind: 'pre', level: 0 };
  if (t0 === 'figcaption' || t0 === 'caption') return { kind: 'caption', level: 0 };
  // A quote anywhere above stays a quote.
  for (let p: Elem | null = container; p; p = p.parent) {
    if (p.tag === 'blockquote') return { kind: 'quote', level: 0 };
    if (p.tag === 'article' || p.tag === 'body' || p.tag === 'main') break;
  }
  let el: Elem | null = container;
  for (let up = 0; el && up < 3; up++, el = el.parent) {
    const t = el.tag;
    if (t === 'li' || t === 'dd' || t === 'dt') return { kind: 'list-item', level: 0 };
    if (t === 'td' || t === 'th') return { kind: t0 === 'p' ? 'p' : 'cell', level: 0 };
    if (t === 'article' || t === 'section' || t === 'main' || t === 'body' || t === 'ul' || t === 'ol' || t === 'table') break;
  }
  return { kind: t0 === 'p' ? 'p' : 'div', level: 0 };
}
