/**
 * HTML → article: parse (bounded), read metadata, prune furniture, cut into blocks, locate the
 * article container, filter its blocks. When that finds almost nothing, every prose block of the
 * page is taken instead (a page with text but no clear container).
 */
import type { ParagraphKind } from '../../document.js';
import { parseHtml, type Elem } from './dom.js';
import { classWords } from './rules.js';
import { boilerplateReason } from '../boilerplate.js';
import { cleanAuthors, extractMeta, type HtmlMeta } from './meta.js';
import { prune } from './clean.js';
import { buildBlocks, type Block } from './blocks.js';
import { blockRanges, features, isProse, selectContainer, teaserBlocks, type BlockFeatures } from './content.js';
import { BYLINE_LINE, filterBlocks, isMetaLine, type Dropped, type Kept } from './filter.js';

export interface HtmlParagraph {
  text: string;
  kind: ParagraphKind;
}

export interface HtmlArticle {
  meta: HtmlMeta;
  /** Article paragraphs in order, the title excluded. */
  paragraphs: HtmlParagraph[];
  /** Blocks of the article region that were set aside, with the reason. */
  boilerplate: { text: string; reason: string }[];
  /** True when the page was too large and only its beginning was read. */
  truncated: boolean;
}

/** Below this many characters the container result is replaced by the page's prose blocks. */
const MIN_TEXT = 200;
/** Boilerplate blocks reported per page at most. */
const MAX_REPORTED = 200;

export function extractHtml(html: string, url: string | null = null): HtmlArticle {
  const parsed = parseHtml(html);
  const meta = extractMeta(parsed.root, parsed.title, parsed.jsonLd, url);
  prune(parsed.root);
  const blocks = buildBlocks(parsed.root);
  const feats = blocks.map(features);
  const dropped: Dropped[] = [];
  let kept: Kept[] = [];
  const ranges = blockRanges(blocks);
  const teasers = teaserBlocks(feats, ranges);
  const sel = selectContainer(blocks, feats, teasers, ranges);
  let lead = -1;
  if (sel) {
    const inside = sel.indices.map((i) => blocks[i]);
    kept = filterBlocks(inside, sel.indices.map((i) => feats[i]), meta.titleVariants, teasers, dropped);
    lead = leadBefore(blocks, feats, sel.indices[0], meta.titleVariants, meta.description, teasers);
    if (lead >= 0 && !kept.some((k) => k.block.text === blocks[lead].text)) kept.unshift({ block: blocks[lead], feats: feats[lead] });
    else lead = -1;
  }
  const keptLen = kept.reduce((n, k) => n + k.feats.len, 0);
  if (keptLen < MIN_TEXT) {
    const prose = blocks.filter((b, i) => isProse(feats[i]) && b.kind !== 'caption' && !teasers.has(i));
    const proseLen = prose.reduce((n, b) => n + b.text.length, 0);
    if (proseLen > keptLen) {
      dropped.length = 0;
      lead = -1;
      kept = filterBlocks(prose, prose.map((b) => feats[b.index]), meta.titleVariants, teasers, dropped);
    }
  }
  const dek = lead >= 0 ? 0 : findDek(kept, meta.description);
  if (meta.authors.length === 0) {
    // A byline line in the text ("Par Jeanne Martin et Paul Durand") when the page has no author markup.
    const line = dropped.find((d) => d.reason === 'metadata' && d.block.text.length < 120 && BYLINE_LINE.test(d.block.text));
    if (line) meta.authors = cleanAuthors([line.block.text], meta.siteName);
  }
  return {
    meta,
    paragraphs: kept.map((k, i) => ({ text: k.block.text, kind: i === dek ? 'dek' : paragraphKind(k.block) })),
    boilerplate: dropped.slice(0, MAX_REPORTED).map((d) => ({ text: d.block.text, reason: d.reason })),
    truncated: parsed.truncated,
  };
}

/** How far before the article container a standfirst is looked for, in blocks. */
const LEAD_WINDOW = 40;

/**
 * A standfirst standing outside the container, before it: a block repeating the page's
 * description, a block whose class names it a standfirst, or the prose block right under the
 * headline. Returns its index or -1.
 */
function leadBefore(
  blocks: Block[],
  feats: BlockFeatures[],
  from: number,
  titles: string[],
  description: string | null,
  teasers: Set<number>,
): number {
  const start = Math.max(0, from - LEAD_WINDOW);
  const desc = description ? normKey(description) : null;
  const titleKeys = new Set(titles.map(normKey));
  const usable = (i: number) =>
    !teasers.has(i) && feats[i].linkDensity <= 0.2 && feats[i].len >= 40 && feats[i].len <= 600 && feats[i].words >= 7 &&
    boilerplateReason(blocks[i].text) === null && !isMetaLine(blocks[i].text);
  let titleAt = -1;
  for (let i = from - 1; i >= start; i--) {
    if (usable(i) && ((desc && sameText(normKey(blocks[i].text), desc)) || hasDekClass(blocks[i]))) return i;
    if (titleAt < 0 && blocks[i].kind === 'heading' && titleKeys.has(normKey(blocks[i].text))) titleAt = i;
  }
  if (titleAt < 0) return -1;
  for (let k = titleAt + 1; k < from && k <= titleAt + 4; k++) {
    if (feats[k].len < 30 || isMetaLine(blocks[k].text)) continue; // bylines, dates, labels
    // Position alone is weak evidence: ask for a real sentence.
    const f = feats[k];
    return usable(k) && (f.words >= 12 || (f.stops >= 1 && f.words >= 8)) ? k : -1;
  }
  return -1;
}

function sameText(a: string, b: string): boolean {
  if (a.length < 20 || b.length < 20) return false;
  return a === b || (b.length > 60 && a.startsWith(b.slice(0, Math.min(b.length - 3, 150))));
}

function hasDekClass(b: Block): boolean {
  for (let el: Elem | null = b.container, up = 0; el && up < 3; el = el.parent, up++) {
    if (classWords(el).some((w) => DEK_WORDS.has(w))) return true;
  }
  return false;
}

/** Class words of standfirsts / subtitles. */
const DEK_WORDS = new Set([
  'dek', 'deck', 'standfirst', 'subtitle', 'subheadline', 'subhead', 'summary', 'lede', 'lead', 'leadin', 'intro',
  'chapo', 'chapeau', 'excerpt', 'description', 'strapline', 'sapo', 'teaser', 'abstract', 'kicker', 'subheading',
]);

/**
 * Index of the dek among the first kept blocks: a block marked as one by its class, a heading
 * standing before the text, or the page's description repeated at the top.
 */
function findDek(kept: Kept[], description: string | null): number {
  const desc = description ? normKey(description) : null;
  for (let i = 0; i < Math.min(2, kept.length - 1); i++) {
    const { block: b, feats: f } = kept[i];
    if (f.len < 30 || f.len > 500 || f.linkDensity > 0.2 || f.words < 6 || isMetaLine(b.text)) continue;
    const key = normKey(b.text);
    if (desc && key.length > 20 && (desc === key || (desc.length > 60 && key.startsWith(desc.slice(0, -3))))) return i;
    if (hasDekClass(b)) return i;
    if (i === 0 && b.kind === 'heading' && b.level >= 2 && f.words >= 7) return i;
  }
  return -1;
}

const normKey = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function paragraphKind(b: Block): ParagraphKind {
  switch (b.kind) {
    case 'heading':
      return 'heading';
    case 'list-item':
      return 'list-item';
    case 'quote':
      return 'quote';
    case 'caption':
      return 'caption';
    default:
      return 'body';
  }
}
