/**
 * Block-by-block filtering inside the article container: link lists, boilerplate phrases,
 * metadata lines (bylines, dates, reading times), the repeated title, captions, and headings
 * left without text after them.
 */
import type { Block } from './blocks.js';
import { type BlockFeatures, isProse } from './content.js';
import { boilerplateReason, isEndMarker, ure } from '../boilerplate.js';

export interface Kept {
  block: Block;
  feats: BlockFeatures;
}

export interface Dropped {
  block: Block;
  reason: string;
}

/** "By Jane Doe", "Par Jean Dupont | AFP": case-sensitive, so that names must be capitalised. */
export const BYLINE_LINE = ure(
  String.raw`^(?:[Bb]y|BY|[Pp]ar|PAR|[Vv]on|VON|[Pp]or|POR|[Ww]ritten by|[Pp]osted by|[Pp]ublié par|[ÉéE]crit par)\s+` +
    String.raw`\p{Lu}[\p{L}'’.-]+(?:\s+(?:\p{Lu}[\p{L}'’.-]+|d[eiau]|van|von|de la|del))*(?:\s+\p{Lu}[\p{L}'’.-]+)?(?:\s*(?:[,|•·–—-]|and|et|und|y)\s*.*)?$`,
  'u',
);

const META_LINE = ure(
  [
    String.raw`^(?:publié|mis à jour|modifié|updated|published|posted|last updated|veröffentlicht|aktualisiert|actualizado|publicado)\b.{0,80}$`,
    String.raw`^\d+\s*(?:min(?:ute)?s?|mn)\.?\s*(?:de lecture|read|reading|lesezeit|lectura)?$`,
    String.raw`^(?:temps de lecture|reading time|lesezeit)\b.{0,30}$`,
    String.raw`^(?:le |on |am )?(?:lun|mar|mer|jeu|ven|sam|dim|mon|tue|wed|thu|fri|sat|sun)?[\p{L}.,]*\s*\d{1,2}(?:er)?[./ ]\s*(?:\p{L}+\.?|\d{1,2})[./ ,]+\d{2,4}(?:\s*(?:à|at|um|,|-|—)?\s*\d{1,2}[:h.]\d{2}(?:\s*[ap]\.?m\.?)?)?(?:\s*\p{L}*)?$`,
    String.raw`^\p{L}+\.?\s+\d{1,2},?\s+\d{4}(?:\s*(?:at|,|-)?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*\p{L}*)?$`,
    String.raw`^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}.*)?$`,
    String.raw`^(?:stand|as of|état au|dernière mise à jour|last (?:modified|reviewed|updated))\s*:?.{0,40}\d{4}.{0,12}$`,
  ].join('|'),
  'iu',
);

/** True for a byline, dateline, reading time or "updated" line. */
export function isMetaLine(text: string): boolean {
  return text.length < 200 && (META_LINE.test(text) || (text.length < 120 && BYLINE_LINE.test(text)) || /\d{4}\s*(?:updated|mis à jour|aktualisiert)/i.test(text));
}

/** Escaped markup or code shown as text. */
const MARKUP = /<\/?[a-z][a-z0-9]*(?:\s[^>]*)?>|\{[^}]*:[^}]*\}|function\s*\(/i;

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Keeps the blocks of the container that belong to the article text. */
export function filterBlocks(
  blocks: Block[],
  feats: BlockFeatures[],
  titles: string[],
  teasers: Set<number>,
  dropped: Dropped[],
): Kept[] {
  const titleSet = new Set(titles.map(norm).filter((t) => t.length > 0));
  const reasons = blocks.map((b, i) => (teasers.has(b.index) ? 'teaser' : dropReason(b, feats[i], titleSet)));
  markBeforeTitle(blocks, feats, reasons);
  markAfterEnd(blocks, feats, reasons);
  markTail(blocks, feats, reasons);
  markDanglingHeadings(blocks, feats, reasons);
  const kept: Kept[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const reason = reasons[i];
    if (reason) dropped.push({ block: blocks[i], reason });
    else kept.push({ block: blocks[i], feats: feats[i] });
  }
  return trimEdges(kept, dropped);
}

function dropReason(b: Block, f: BlockFeatures, titleSet: Set<string>): string | null {
  if (b.kind === 'caption') return 'caption';
  if (f.linkDensity > 0.5 && !(f.len > 300 && f.linkDensity < 0.8) && !(b.kind === 'p' && f.words >= 12 && f.linkDensity <= 0.8 && f.stops >= 1)) {
    return 'links';
  }
  if ((b.kind === 'heading' || f.len < 300) && titleSet.has(norm(b.text))) return 'duplicate-title';
  if (isMetaLine(b.text)) return 'metadata';
  if (isEndMarker(b.text)) return 'read-more';
  if (MARKUP.test(b.text) && (b.text.match(/[<>="{}]/g) ?? []).length > b.text.length / 25) return 'markup';
  if (f.len <= 400) {
    // Inside an article only short appeals are set aside; a long paragraph asking for support is text.
    const r = boilerplateReason(b.text);
    if (r && (f.len < 160 || LONG_REASONS.has(r))) return r;
  }
  return null;
}

/** Boilerplate reasons trusted on longer blocks too (their rules are anchored or specific). */
const LONG_REASONS = new Set(['copyright', 'ad', 'metadata', 'license', 'cookie-notice']);

const proseLen = (f: BlockFeatures) => (isProse(f) ? f.len * (1 - f.linkDensity) : 0);

/** Blocks before the headline (when the headline sits in the container's first half) are page header. */
function markBeforeTitle(blocks: Block[], feats: BlockFeatures[], reasons: (string | null)[]): void {
  const total = feats.reduce((n, f) => n + proseLen(f), 0);
  let before = 0;
  for (let i = 0; i < blocks.length; i++) {
    if (reasons[i] === 'duplicate-title' && blocks[i].kind === 'heading') {
      if (before > 0.3 * total) return;
      for (let k = 0; k < i; k++) reasons[k] ??= 'before-title';
      return;
    }
    before += proseLen(feats[i]);
  }
}

/**
 * Once half the text is behind, a line opening related lists, comments or tags ends the article —
 * unless the story's own paragraphs (blocks of the same tag under the same kind of parent as most
 * of the text so far) carry on after it, as they do around an inline "related" box.
 */
function markAfterEnd(blocks: Block[], feats: BlockFeatures[], reasons: (string | null)[]): void {
  const total = feats.reduce((n, f) => n + proseLen(f), 0);
  let seen = 0;
  const byParent = new Map<string, number>();
  const sig = (b: Block) => {
    const p = b.container.parent;
    return p ? `${b.container.tag}<${p.tag}.${p.attrs.class ?? ''}` : '';
  };
  for (let i = 0; i < blocks.length; i++) {
    if (seen > 0 && seen >= 0.5 * total && feats[i].len <= 60 && isEndMarker(blocks[i].text)) {
      let main = '', mainLen = 0;
      for (const [p, n] of byParent) if (n > mainLen) [main, mainLen] = [p, n];
      let continued = 0;
      for (let k = i + 1; k < blocks.length; k++) if (!reasons[k] && sig(blocks[k]) === main) continued += proseLen(feats[k]);
      if (continued < 0.2 * seen) {
        for (let k = i; k < blocks.length; k++) reasons[k] ??= 'after-end';
        reasons[i] = 'end-marker';
        return;
      }
    }
    if (!reasons[i]) {
      const n = proseLen(feats[i]);
      seen += n;
      if (n > 0) byParent.set(sig(blocks[i]), (byParent.get(sig(blocks[i])) ?? 0) + n);
    }
  }
}

const blockSig = (b: Block) => {
  const p = b.container.parent;
  return p ? `${b.container.tag}<${p.tag}.${p.attrs.class ?? ''}` : '';
};

/**
 * After the last paragraph shaped like the story's own (same tag, same kind of parent), a short
 * block in another shape that presents a person (job, studies, birth) is an author box.
 */
function markTail(blocks: Block[], feats: BlockFeatures[], reasons: (string | null)[]): void {
  const bySig = new Map<string, number>();
  for (let i = 0; i < blocks.length; i++) if (!reasons[i]) bySig.set(blockSig(blocks[i]), (bySig.get(blockSig(blocks[i])) ?? 0) + proseLen(feats[i]));
  let main = '', mainLen = 0;
  for (const [k, n] of bySig) if (n > mainLen) [main, mainLen] = [k, n];
  let last = -1;
  for (let i = 0; i < blocks.length; i++) if (!reasons[i] && blockSig(blocks[i]) === main) last = i;
  for (let i = last + 1; i < blocks.length; i++) {
    if (reasons[i] || feats[i].len > 500 || blockSig(blocks[i]) === main) continue;
    if (AUTHOR_BIO.test(blocks[i].text)) reasons[i] = 'author-bio';
  }
}

const AUTHOR_BIO = ure(
  String.raw`\b(?:autor(?:in)?|author|redakteur(?:in)?|editor|journalist(?:in)?|reporter(?:in)?|fotograf(?:in)?|photographer|writer|columnist|` +
    String.raw`kolumnist(?:in)?|correspondent|korrespondent(?:in)?|rédact(?:eur|rice)|journaliste|photographe|chroniqueur|chroniqueuse|` +
    String.raw`studierte|studied|geboren|born in|né en|née en|né à|née à|leitet das|leitet die|is a (?:freelance|senior|staff))\b`,
);

/**
 * A heading is dropped when what directly follows it was dropped (a heading over a link list or
 * teasers), when it is followed by a heading of the same or higher rank, or when nothing follows.
 */
function markDanglingHeadings(blocks: Block[], feats: BlockFeatures[], reasons: (string | null)[]): void {
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i];
    if (reasons[i] || !(b.kind === 'heading' || isLabel(b, feats[i]))) continue;
    const next = i + 1 < blocks.length ? i + 1 : -1;
    if (next < 0) {
      if (b.kind === 'heading' || b.text.endsWith(':')) reasons[i] = 'dangling-heading';
      continue;
    }
    // A long "heading" is a standfirst set in a heading tag.
    if (feats[i].words >= 12) continue;
    const r = reasons[next];
    const sameRank = b.kind === 'heading' && blocks[next].kind === 'heading' && blocks[next].level <= b.level && !r;
    const junk = r && (b.kind === 'heading' ? JUNK_AFTER_HEADING : JUNK_AFTER_LABEL).has(r);
    if (junk || sameRank) {
      reasons[i] = 'dangling-heading';
    }
  }
}

/** Reasons for which a dropped block makes a label line above it furniture (a link list may be the point). */
const JUNK_AFTER_LABEL = new Set(['teaser', 'end-marker', 'after-end', 'dangling-heading', 'read-more', 'share-appeal', 'social-appeal']);

/** A short line introducing what follows ("Weitere Informationen:", "Contact"), set like a heading. */
function isLabel(b: Block, f: BlockFeatures): boolean {
  return f.len <= 50 && f.words <= 6 && !/[.!?…。！？]["”»’)」]?$/u.test(b.text);
}

/** Reasons for which a dropped block makes the heading above it part of the same furniture. */
const JUNK_AFTER_HEADING = new Set([
  'links', 'teaser', 'end-marker', 'after-end', 'dangling-heading', 'read-more', 'share-appeal', 'social-appeal',
  'newsletter-appeal', 'donation-appeal', 'comment-prompt',
]);

/** Short link-heavy or empty-looking blocks before the first or after the last prose block are furniture. */
function trimEdges(kept: Kept[], dropped: Dropped[]): Kept[] {
  const firstProse = kept.findIndex((k) => isProse(k.feats));
  if (firstProse < 0) return kept;
  let lastProse = kept.length - 1;
  while (lastProse > 0 && !isProse(kept[lastProse].feats)) lastProse--;
  const furniture = (k: Kept) => k.feats.linkDensity > 0.3 || k.feats.words <= 1;
  let from = firstProse;
  while (from > 0 && !furniture(kept[from - 1])) from--;
  let to = lastProse;
  while (to < kept.length - 1 && !furniture(kept[to + 1])) to++;
  for (const k of kept.slice(0, from)) dropped.push({ block: k.block, reason: 'before-text' });
  for (const k of kept.slice(to + 1)) dropped.push({ block: k.block, reason: 'after-text' });
  return kept.slice(from, to + 1);
}
