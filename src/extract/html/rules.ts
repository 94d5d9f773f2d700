/**
 * Tag, role and class/id vocabularies used to recognise page furniture (navigation, share bars,
 * related lists, comments, cookie notices, ads, footers, captions) and article bodies.
 * Class and id values are split into words ("articleBody__share-bar" → article, body, share, bar)
 * and the words are matched, so "shared" or "address" never match "ad".
 */
import type { Elem } from './dom.js';

/** Elements removed outright with their content. */
export const REMOVED_TAGS = new Set([
  'nav', 'aside', 'footer', 'menu', 'dialog', 'figcaption', 'input', 'label', 'option', 'optgroup', 'map', 'area',
  'embed', 'frame', 'frameset', 'head', 'meta', 'link', 'img', 'picture', 'source', 'fieldset', 'legend', 'output',
  'progress', 'meter', 'address',
]);

/** ARIA roles of page furniture. */
export const REMOVED_ROLES = new Set([
  'navigation', 'menu', 'menubar', 'banner', 'contentinfo', 'complementary', 'search', 'dialog', 'alertdialog',
  'tablist', 'toolbar', 'tooltip', 'directory', 'form', 'alert', 'marquee', 'timer',
]);

/**
 * Words in class/id values that mark furniture whatever the element holds (unless it holds the
 * article itself, which the caller checks).
 */
const STRONG_NEGATIVE = new Set([
  'comment', 'comments', 'commentlist', 'disqus', 'respond', 'replies', 'reply', 'share', 'shares', 'sharing', 'sharebar',
  'sharer', 'sharethis', 'addthis', 'shariff', 'sharedaddy', 'social', 'socials', 'socialmedia', 'related', 'relatedposts',
  'recommended', 'recommendations', 'recommendation', 'outbrain', 'taboola', 'zergnet', 'newsletter', 'newsletters',
  'subscribe', 'subscription', 'subscriptions', 'signup', 'cookie', 'cookies', 'consent', 'gdpr', 'cmp', 'sidebar',
  'breadcrumb', 'breadcrumbs', 'pagination', 'pager', 'navbar', 'navigation', 'nav', 'subnav', 'menu', 'megamenu',
  'footer', 'masthead', 'advert', 'advertisement', 'advertising', 'adverts', 'ad', 'ads', 'adsbygoogle', 'adslot',
  'adunit', 'dfp', 'sponsor', 'sponsored', 'sponsors', 'promo', 'promos', 'promotion', 'popup', 'modal', 'overlay',
  'lightbox', 'trending', 'popular', 'mostread', 'mostpopular', 'skiplink', 'skip', 'login',
  'signin', 'banner', 'byline', 'caption', 'captions', 'credit', 'credits', 'copyright',
  'toolbar', 'tools', 'rating', 'ratings', 'tags', 'tagcloud', 'keywords', 'categories', 'authorbox',
  'bio', 'newsticker', 'ticker', 'crumbs', 'jump', 'rail', 'disclaimer', 'contribution', 'donate', 'donation',
  'feedback', 'survey', 'poll', 'sticky', 'topbar', 'bottombar', 'search', 'searchform', 'offcanvas', 'drawer',
]);

/** Pairs of words (adjacent in a class value) that mark furniture. */
const NEGATIVE_PAIRS = [
  ['more', 'stories'], ['more', 'articles'], ['read', 'more'], ['also', 'read'], ['read', 'next'], ['you', 'may'],
  ['most', 'read'], ['most', 'viewed'], ['most', 'popular'], ['post', 'meta'], ['entry', 'meta'], ['article', 'meta'],
  ['meta', 'data'], ['author', 'info'], ['about', 'author'], ['author', 'bio'], ['author', 'box'], ['entry', 'footer'],
  ['post', 'footer'], ['article', 'footer'], ['further', 'reading'], ['see', 'also'], ['site', 'header'],
  ['page', 'header'], ['global', 'header'], ['top', 'stories'], ['latest', 'news'], ['post', 'nav'], ['post', 'navigation'],
  ['screen', 'reader'], ['sr', 'only'], ['visually', 'hidden'], ['wp', 'caption'], ['image', 'caption'],
  ['photo', 'caption'], ['media', 'caption'], ['embed', 'caption'], ['article', 'tags'], ['post', 'tags'],
  ['entry', 'tags'], ['tag', 'list'], ['cat', 'links'], ['tags', 'links'], ['published', 'date'], ['publish', 'date'],
  ['post', 'date'], ['article', 'date'], ['time', 'stamp'], ['date', 'time'], ['read', 'time'], ['reading', 'time'],
];

/** Words that mark an article body. */
const POSITIVE = new Set([
  'article', 'articlebody', 'body', 'content', 'entry', 'main', 'post', 'story', 'text', 'blog', 'prose', 'richtext',
  'hentry', 'single', 'page', 'inhalt', 'contenu', 'texte', 'artikel', 'column', 'news',
]);

/** Positive words too vague to outweigh a furniture word before them in the same class token. */
const GENERIC_POSITIVE = new Set(['content', 'body', 'text', 'main', 'page', 'column', 'single', 'news']);

function splitWords(value: string): string[] {
  return value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** Class and id values of an element, each split into lower-case words. */
const tokenCache = new WeakMap<Elem, string[][]>();

export function classTokens(el: Elem): string[][] {
  const cached = tokenCache.get(el);
  if (cached) return cached;
  const cls = el.attrs.class, id = el.attrs.id;
  if (!cls && !id) return NONE;
  const tokens = `${cls ?? ''} ${id ?? ''}`
    .slice(0, 400)
    .split(/\s+/)
    .filter((t) => t.length > 0)
    .map(splitWords)
    .filter((w) => w.length > 0);
  tokenCache.set(el, tokens);
  return tokens;
}

const NONE: string[][] = [];
const wordCache = new WeakMap<Elem, string[]>();

/** All words of an element's class and id values. */
export function classWords(el: Elem): string[] {
  if (!el.attrs.class && !el.attrs.id) return [];
  let words = wordCache.get(el);
  if (!words) {
    words = classTokens(el).flat();
    wordCache.set(el, words);
  }
  return words;
}

/** Words that say nothing about what an element holds ("wrapper", "box", "12"). */
const TRANSPARENT = new Set([
  'wrapper', 'wrap', 'area', 'container', 'box', 'block', 'section', 'list', 'holder', 'inner', 'outer', 'module',
  'bar', 'links', 'link', 'buttons', 'button', 'btn', 'icons', 'icon', 'items', 'item', 'panel', 'zone', 'region',
  'col', 'row', 'el', 'group', 'component', 'widget', 'widgets', 'unit', 'part', 'cell', 'frame', 'layout', 'view',
  'is', 'has', 'js', 'c', 'l', 'm', 's', 'xs', 'sm', 'md', 'lg', 'xl', 'left', 'right', 'top', 'bottom', 'full', 'width',
]);

/**
 * Polarity of one class token ("article-body__share-bar"): compound names put their head last,
 * so only the last two meaningful words are looked at (wrappers and numbers skipped); the last
 * one that names furniture (-1) or article content (+1) decides.
 */
function tokenPolarity(words: string[]): number {
  let seen = 0;
  for (let i = words.length - 1; i >= 0 && seen < 2; i--) {
    const w = words[i];
    if (TRANSPARENT.has(w) || /^\d+$/.test(w)) continue;
    seen++;
    if (i > 0 && NEGATIVE_PAIRS.some(([a, b]) => words[i - 1] === a && w === b)) return -1;
    if (STRONG_NEGATIVE.has(w)) return -1;
    if (POSITIVE.has(w)) {
      // "related-content", "sidebar-body": a generic head takes its meaning from the words before it.
      if (GENERIC_POSITIVE.has(w) && words.slice(0, i).some((x) => STRONG_NEGATIVE.has(x))) return -1;
      return 1;
    }
  }
  return 0;
}

/**
 * Whether an element's class/id names furniture: some token is negative and none is positive
 * ("full-content enable-pin-share" is content; "post-share" and "related-posts" are not).
 */
export function negativeClass(el: Elem): boolean {
  const tokens = classTokens(el);
  if (tokens.length === 0) return false;
  let neg = false;
  for (const t of tokens) {
    const p = tokenPolarity(t);
    if (p > 0) return false;
    if (p < 0) neg = true;
  }
  return neg;
}

export function positiveClass(el: Elem): boolean {
  for (const t of classTokens(el)) if (tokenPolarity(t) > 0) return true;
  return false;
}

/** Explicit article-body markers (schema.org, common CMS class names). */
export function isArticleBodyHint(el: Elem): boolean {
  const ip = el.attrs.itemprop;
  if (ip && /\barticleBody\b|\bdescription\b/i.test(ip) && ip.toLowerCase().includes('articlebody')) return true;
  const words = classWords(el);
  for (let i = 0; i + 1 < words.length; i++) {
    const a = words[i], b = words[i + 1];
    if ((a === 'article' || a === 'story' || a === 'post' || a === 'entry' || a === 'blog') && (b === 'body' || b === 'content' || b === 'text')) return true;
  }
  return words.includes('articlebody') || words.includes('storybody');
}

/** Hidden by markup: the hidden attribute, aria-hidden, or an inline display:none / visibility:hidden. */
export function isHidden(el: Elem): boolean {
  const a = el.attrs;
  if (a.hidden !== undefined) return true;
  if (a['aria-hidden'] === 'true' && el.tag !== 'span' && el.tag !== 'i') return true;
  const style = a.style;
  if (style && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)) return true;
  return false;
}
