/**
 * A small, bounded HTML tree builder on top of htmlparser2's tokenizer.
 *
 * htmlparser2's own Parser keeps its open-element stack with `unshift`/`indexOf`, which is
 * quadratic on deeply nested input, so the tree is built here with a plain push/pop stack and
 * hard caps: nesting deeper than MAX_DEPTH is flattened into the deepest kept element, and
 * parsing stops after MAX_ELEMENTS elements or MAX_TEXT characters of text. Script, style and
 * other non-content elements are dropped while parsing (JSON-LD scripts are kept aside).
 */
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

export class Elem {
  readonly children: Node[] = [];
  constructor(
    readonly tag: string,
    readonly attrs: Record<string, string>,
    public parent: Elem | null,
  ) {}

  attr(name: string): string {
    return this.attrs[name] ?? '';
  }
}

export type Node = Elem | string;

export interface ParsedHtml {
  /** Synthetic root ("#root") holding the document's top-level nodes. */
  root: Elem;
  /** Text of the first <title>. */
  title: string;
  /** Raw bodies of <script type="application/ld+json"> elements. */
  jsonLd: string[];
  /** True when a cap stopped the parse before the end of the input. */
  truncated: boolean;
  elementCount: number;
}

export const MAX_DEPTH = 180;
export const MAX_ELEMENTS = 200_000;
export const MAX_TEXT = 4_000_000;
const MAX_CLOSE_SEARCH = 400;
const MAX_JSONLD = 2_000_000;
/** Nesting of template re-parses (one level only). */
let templateDepth = 0;

const VOID = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track',
  'wbr', 'basefont', 'bgsound', 'frame', 'keygen', 'image', 'isindex',
]);

/** Elements whose whole content is dropped while parsing. */
const DROPPED = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'textarea', 'select', 'iframe', 'object',
  'canvas', 'video', 'audio', 'head-ignored', 'xmp', 'noembed', 'noframes', 'button', 'datalist',
]);

/** Attributes kept on elements; everything else is dropped to bound memory. */
const KEPT_ATTRS = new Set([
  'id', 'class', 'role', 'itemprop', 'itemtype', 'itemscope', 'property', 'name', 'content', 'rel', 'href',
  'datetime', 'lang', 'style', 'hidden', 'aria-hidden', 'type', 'charset', 'http-equiv', 'aria-label',
  'data-testid', 'pubdate', 'title', 'alt', 'open',
]);

const BLOCKS_CLOSING_P = [
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'main',
  'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'ul', 'listing',
];
const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
/** Void elements kept in the tree (layout and metadata); other void elements are skipped. */
const KEPT_VOID = new Set(['br', 'hr', 'meta', 'link', 'img']);
/** Elements that still break the text when nesting is too deep to keep them. */
const FLATTENED_BREAKS = new Set([...BLOCKS_CLOSING_P, 'li', 'td', 'th', 'tr', 'dd', 'dt']);

/** For an opening tag, the tags that it closes while they are the current element. */
const IMPLIED_CLOSE = new Map<string, Set<string>>();
for (const t of BLOCKS_CLOSING_P) IMPLIED_CLOSE.set(t, new Set(['p']));
for (const h of HEADINGS) IMPLIED_CLOSE.set(h, new Set(['p', ...HEADINGS]));
IMPLIED_CLOSE.set('li', new Set(['p', 'li']));
IMPLIED_CLOSE.set('dt', new Set(['p', 'dt', 'dd']));
IMPLIED_CLOSE.set('dd', new Set(['p', 'dt', 'dd']));
IMPLIED_CLOSE.set('tr', new Set(['p', 'tr', 'td', 'th']));
IMPLIED_CLOSE.set('td', new Set(['p', 'td', 'th']));
IMPLIED_CLOSE.set('th', new Set(['p', 'td', 'th']));
IMPLIED_CLOSE.set('thead', new Set(['p', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot']));
IMPLIED_CLOSE.set('tbody', new Set(['p', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot']));
IMPLIED_CLOSE.set('tfoot', new Set(['p', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot']));
IMPLIED_CLOSE.set('option', new Set(['option']));
IMPLIED_CLOSE.set('optgroup', new Set(['option', 'optgroup']));
IMPLIED_CLOSE.set('a', new Set(['a']));
IMPLIED_CLOSE.set('body', new Set(['head']));

/** An end tag is not matched across these (HTML "scope" markers). */
const SCOPE = new Set(['table', 'td', 'th', 'caption', 'html', 'template', 'object', 'applet', 'marquee']);

interface Open {
  tag: string;
  /** The element content goes into; for flattened (too deep) or dropped elements, an ancestor's. */
  el: Elem;
  real: boolean;
}

/** Builds a bounded tree from an HTML string. Never throws on malformed markup. */
export function parseHtml(html: string): ParsedHtml {
  const builder = new TreeBuilder(html);
  return builder.run();
}

/**
 * Tokenizer callbacks that grow the tree. The open-element stack is a plain array (push/pop);
 * elements past the depth or count caps are "flattened": they stay on the stack so that their end
 * tags match, but their content goes into the deepest kept element.
 */
class TreeBuilder implements TokenizerCallbacks {
  private readonly root = new Elem('#root', {}, null);
  private readonly stack: Open[] = [{ tag: '#root', el: this.root, real: true }];
  private readonly tokenizer: Tokenizer;
  private depth = 1;
  private elementCount = 0;
  private textCount = 0;
  private truncated = false;
  /** > 0 while inside a dropped element. */
  private dropDepth = 0;
  private inTitle = false;
  private title = '';
  private titleDone = false;
  /** Text of the JSON-LD or template script being read, if any. */
  private scriptText: string[] | null = null;
  private scriptKind: 'json-ld' | 'template' | null = null;
  private scriptSize = 0;
  private readonly jsonLd: string[] = [];
  private tagName = '';
  private attrs: Record<string, string> = {};
  private attrName = '';
  private attrValue = '';

  constructor(private readonly html: string) {
    this.tokenizer = new Tokenizer({ xmlMode: false, decodeEntities: true }, this);
  }

  run(): ParsedHtml {
    try {
      this.tokenizer.write(this.html);
      this.tokenizer.end();
    } catch {
      // The tokenizer is forgiving; anything thrown here is treated as the end of the input.
      this.truncated = true;
    }
    const title = this.title.replace(/\s+/g, ' ').trim();
    return { root: this.root, title, jsonLd: this.jsonLd, truncated: this.truncated, elementCount: this.elementCount };
  }

  private current(): Elem {
    return this.stack[this.stack.length - 1].el;
  }

  private addText(s: string): void {
    if (this.inTitle) {
      if (!this.titleDone && this.title.length < 2000) this.title += s;
      return;
    }
    if (this.scriptText) {
      if (this.scriptSize < MAX_JSONLD) {
        this.scriptText.push(s);
        this.scriptSize += s.length;
      }
      return;
    }
    if (this.dropDepth > 0) return;
    this.textCount += s.length;
    if (this.textCount > MAX_TEXT) {
      this.truncated = true;
      this.tokenizer.pause();
      return;
    }
    const kids = this.current().children;
    const last = kids.length - 1;
    if (last >= 0 && typeof kids[last] === 'string') kids[last] = (kids[last] as string) + s;
    else kids.push(s);
  }

  /** Markup kept in <script type="text/template"> (some blog platforms ship the post that way). */
  private insertTemplate(markup: string, into: Elem): void {
    if (templateDepth > 0 || !/<(?:p|div|br|h[1-6])\b/i.test(markup)) return;
    templateDepth++;
    try {
      const sub = parseHtml(markup);
      for (const c of sub.root.children) {
        if (typeof c !== 'string') c.parent = into;
        into.children.push(c);
      }
      this.elementCount += sub.elementCount;
    } finally {
      templateDepth--;
    }
  }

  private popOne(): void {
    const top = this.stack.pop()!;
    if (top.tag === 'title' && this.inTitle) {
      this.inTitle = false;
      this.titleDone = true;
    }
    if (DROPPED.has(top.tag) && this.dropDepth > 0) {
      this.dropDepth--;
      if (top.tag === 'script' && this.scriptText) {
        const text = this.scriptText.join('');
        if (this.scriptKind === 'json-ld') this.jsonLd.push(text);
        else this.insertTemplate(text, top.el);
        this.scriptText = null;
        this.scriptKind = null;
      }
    }
    if (top.real) this.depth--;
  }

  private openTag(tag: string, at: Record<string, string>): void {
    const closes = IMPLIED_CLOSE.get(tag);
    if (closes) {
      while (this.stack.length > 1 && closes.has(this.stack[this.stack.length - 1].tag)) this.popOne();
    }
    if (this.dropDepth > 0) {
      if (!VOID.has(tag)) this.stack.push({ tag, el: this.current(), real: false });
      if (DROPPED.has(tag)) this.dropDepth++;
      return;
    }
    if (DROPPED.has(tag)) {
      this.openDropped(tag, at);
      return;
    }
    if (tag === 'title') {
      this.inTitle = true;
      this.stack.push({ tag, el: this.current(), real: false });
      return;
    }
    const parent = this.current();
    const keep = this.depth < MAX_DEPTH && this.elementCount < MAX_ELEMENTS;
    if (!keep && this.elementCount >= MAX_ELEMENTS) this.truncated = true;
    if (VOID.has(tag)) {
      // Void elements that matter for text layout or metadata are kept as leaves.
      if (keep && KEPT_VOID.has(tag)) {
        parent.children.push(new Elem(tag, at, parent));
        this.elementCount++;
      } else if (tag === 'br' || tag === 'hr') {
        this.addText('\n');
      }
      return;
    }
    if (!keep) {
      this.stack.push({ tag, el: parent, real: false });
      // A flattened block still separates text.
      if (FLATTENED_BREAKS.has(tag)) this.addText('\n');
      return;
    }
    const el = new Elem(tag, at, parent);
    parent.children.push(el);
    this.elementCount++;
    this.depth++;
    this.stack.push({ tag, el, real: true });
  }

  private openDropped(tag: string, at: Record<string, string>): void {
    this.dropDepth++;
    if (tag === 'script') {
      const type = at.type ?? '';
      if (/ld\+json/i.test(type)) this.scriptKind = 'json-ld';
      else if (/^text\/(?:template|html|x-template)$/i.test(type)) this.scriptKind = 'template';
      if (this.scriptKind) this.scriptText = [];
    }
    this.stack.push({ tag, el: this.current(), real: false });
  }

  private closeTag(tag: string): void {
    if (VOID.has(tag)) {
      if (tag === 'br') this.openTag('br', {});
      return;
    }
    if (tag === 'body' || tag === 'html') return; // closed implicitly at the end
    const stack = this.stack;
    const limit = Math.max(1, stack.length - MAX_CLOSE_SEARCH);
    for (let i = stack.length - 1; i >= limit; i--) {
      const t = stack[i].tag;
      if (t === tag) {
        while (stack.length > i) this.popOne();
        return;
      }
      if (SCOPE.has(t) && !SCOPE.has(tag)) return;
    }
  }

  // ---- tokenizer callbacks ----

  onattribdata(start: number, end: number): void {
    this.attrValue += this.html.slice(start, end);
  }
  onattribentity(cp: number): void {
    this.attrValue += String.fromCodePoint(cp);
  }
  onattribend(): void {
    if (KEPT_ATTRS.has(this.attrName) && !(this.attrName in this.attrs)) this.attrs[this.attrName] = this.attrValue;
    this.attrValue = '';
  }
  onattribname(start: number, end: number): void {
    this.attrName = this.html.slice(start, end).toLowerCase();
  }
  oncdata(): void {}
  onclosetag(start: number, end: number): void {
    this.closeTag(this.html.slice(start, end).toLowerCase());
  }
  oncomment(): void {}
  ondeclaration(): void {}
  onend(): void {}
  onopentagend(): void {
    this.openTag(this.tagName, this.attrs);
  }
  onopentagname(start: number, end: number): void {
    this.tagName = this.html.slice(start, end).toLowerCase();
    this.attrs = Object.create(null) as Record<string, string>;
  }
  onprocessinginstruction(): void {}
  onselfclosingtag(): void {
    this.openTag(this.tagName, this.attrs);
    // <script/>, <svg/>, <title/>: nothing inside.
    const top = this.stack[this.stack.length - 1];
    if ((DROPPED.has(this.tagName) || this.tagName === 'title') && this.stack.length > 1 && top.tag === this.tagName) this.popOne();
  }
  ontext(start: number, end: number): void {
    this.addText(this.html.slice(start, end));
  }
  ontextentity(cp: number): void {
    this.addText(String.fromCodePoint(cp));
  }
}

/** Depth-first walk over elements (iterative: the tree may be deep). */
export function* elements(root: Elem): Generator<Elem> {
  const todo: Elem[] = [root];
  while (todo.length > 0) {
    const el = todo.pop()!;
    yield el;
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i];
      if (typeof c !== 'string') todo.push(c);
    }
  }
}

/** The text content of an element, whitespace left as is. */
export function textOf(el: Elem, max = Infinity): string {
  const out: string[] = [];
  let len = 0;
  const todo: Node[] = [el];
  while (todo.length > 0 && len < max) {
    const n = todo.pop()!;
    if (typeof n === 'string') {
      out.push(n);
      len += n.length;
      continue;
    }
    if (n.tag === 'br') {
      out.push('\n');
      continue;
    }
    for (let i = n.children.length - 1; i >= 0; i--) todo.push(n.children[i]);
  }
  return out.join('');
}

/**
 * Whitespace collapsed to single spaces and trimmed; a lone no-break space (French typography
 * before « ; : ! ? ») is kept as it is. Zero-width characters and soft hyphens are removed.
 */
export function normSpace(s: string): string {
  return s
    .replace(/[\u200b\u00ad\ufeff]/g, '')
    .replace(/\s+/g, (m) => (m === '\u00a0' || m === '\u202f' ? m : ' '))
    .trim();
}
