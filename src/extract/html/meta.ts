/**
 * Article metadata from an HTML tree: JSON-LD first, then <meta> tags, then the page itself
 * (<title>, <h1>, <time>, bylines). Authors are checked hard: job titles, organisations, site
 * names and anything that does not look like a person's name are left out (fewer rather than wrong).
 */
import { Elem, elements, normSpace, textOf } from './dom.js';
import { normaliseDate } from '../dates.js';
import { ure } from '../boilerplate.js';

export interface HtmlMeta {
  title: string | null;
  /** Title candidates seen in the page (used to drop the heading repeating the title). */
  titleVariants: string[];
  description: string | null;
  authors: string[];
  date: string | null;
  siteName: string | null;
  url: string | null;
  /** Language declared by the page (html lang, content-language, og:locale), lower-case primary tag. */
  declaredLang: string | null;
  /** The JSON-LD articleBody, when the page has one (a hint for locating the text). */
  articleBody: string | null;
}

const ARTICLE_TYPES = /^(?:[a-z]*article|blogposting|newsarticle|report|liveblogposting|socialmediaposting|webpage|review|recipe|posting|creativework|scholarlyarticle|techarticle|qapage|discussionforumposting)$/i;

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

function asArray(x: Json | undefined): Json[] {
  if (x === undefined || x === null) return [];
  return Array.isArray(x) ? x : [x];
}

function str(x: Json | undefined): string | null {
  if (typeof x === 'string') return normSpace(x) || null;
  if (typeof x === 'number') return String(x);
  if (Array.isArray(x)) return str(x[0]);
  if (x && typeof x === 'object') return str(x['@value'] ?? x.name);
  return null;
}

function typesOf(o: { [k: string]: Json }): string[] {
  return asArray(o['@type']).filter((t): t is string => typeof t === 'string');
}

/** All objects in the JSON-LD scripts, @graph and nested mainEntity included (bounded). */
function jsonLdObjects(scripts: string[]): { [k: string]: Json }[] {
  const out: { [k: string]: Json }[] = [];
  for (const raw of scripts.slice(0, 20)) {
    let data: Json;
    try {
      data = JSON.parse(raw.replace(/[\u0000-\u001f]+/g, ' ')) as Json;
    } catch {
      continue;
    }
    const todo: Json[] = [data];
    let seen = 0;
    while (todo.length > 0 && seen++ < 500) {
      const x = todo.pop()!;
      if (Array.isArray(x)) {
        todo.push(...x);
      } else if (x && typeof x === 'object') {
        out.push(x);
        if (x['@graph']) todo.push(x['@graph']);
        if (x.mainEntity && typeof x.mainEntity === 'object') todo.push(x.mainEntity);
      }
    }
  }
  return out;
}

interface LdInfo {
  title: string | null;
  description: string | null;
  authors: string[];
  date: string | null;
  siteName: string | null;
  url: string | null;
  lang: string | null;
  articleBody: string | null;
}

function fromJsonLd(scripts: string[]): LdInfo {
  const info: LdInfo = { title: null, description: null, authors: [], date: null, siteName: null, url: null, lang: null, articleBody: null };
  const objs = jsonLdObjects(scripts);
  // Prefer real article types over WebPage.
  const ranked = objs
    .filter((o) => typesOf(o).some((t) => ARTICLE_TYPES.test(t)))
    .sort((a, b) => rankType(b) - rankType(a));
  for (const o of ranked) {
    info.title ??= str(o.headline) ?? (rankType(o) > 1 ? str(o.name) : null);
    info.description ??= str(o.description);
    info.date ??= str(o.datePublished) ?? str(o.dateCreated) ?? str(o.uploadDate);
    info.url ??= str(o.url) ?? (o.mainEntityOfPage && typeof o.mainEntityOfPage === 'object' ? str((o.mainEntityOfPage as { [k: string]: Json })['@id']) : str(o.mainEntityOfPage));
    info.lang ??= str(o.inLanguage);
    if (info.articleBody === null && typeof o.articleBody === 'string' && o.articleBody.length > 200) info.articleBody = o.articleBody;
    const pub = asArray(o.publisher)[0];
    if (pub && typeof pub === 'object' && !Array.isArray(pub)) info.siteName ??= str(pub.name);
    if (info.authors.length === 0 && rankType(o) > 1) {
      for (const a of asArray(o.author).concat(asArray(o.creator))) {
        if (typeof a === 'string') info.authors.push(a);
        else if (a && typeof a === 'object' && !Array.isArray(a)) {
          const types = typesOf(a);
          if (types.some((t) => /organi[sz]ation|corporation|newsmediaorganization|website/i.test(t))) continue;
          const name = str(a.name) ?? [str(a.givenName), str(a.familyName)].filter(Boolean).join(' ');
          if (name) info.authors.push(name);
        }
      }
    }
  }
  for (const o of objs) {
    if (typesOf(o).some((t) => /^(?:WebSite|NewsMediaOrganization|Organization)$/i.test(t))) info.siteName ??= str(o.name);
  }
  return info;
}

function rankType(o: { [k: string]: Json }): number {
  const t = typesOf(o).join(' ');
  if (/article|posting|report/i.test(t)) return 3;
  if (/review|recipe|creativework/i.test(t)) return 2;
  return 1;
}

/** Meta tags by lower-cased name/property/itemprop; first value wins. */
function metaTags(root: Elem): Map<string, string> {
  const m = new Map<string, string>();
  for (const el of elements(root)) {
    if (el.tag !== 'meta') continue;
    const content = el.attrs.content;
    if (content === undefined) continue;
    for (const key of [el.attrs.property, el.attrs.name, el.attrs.itemprop, el.attrs['http-equiv']]) {
      if (key) {
        const k = key.toLowerCase().trim();
        if (!m.has(k) && content.trim()) m.set(k, content.trim());
      }
    }
  }
  return m;
}

function firstMeta(m: Map<string, string>, keys: string[]): string | null {
  for (const k of keys) {
    const v = m.get(k);
    if (v) return normSpace(v);
  }
  return null;
}

const DATE_KEYS = [
  'article:published_time', 'og:article:published_time', 'datepublished', 'publishdate', 'publish-date', 'publish_date',
  'pubdate', 'article.published', 'dc.date.issued', 'dcterms.date', 'dc.date', 'dcterms.created', 'date', 'sailthru.date',
  'parsely-pub-date', 'citation_publication_date', 'citation_date', 'article_date_original', 'og:published_time',
  'original-publish-date', 'release_date', 'created',
];
const AUTHOR_KEYS = ['author', 'article:author', 'dc.creator', 'dcterms.creator', 'citation_author', 'byl', 'parsely-author', 'sailthru.author', 'twitter:creator'];

/** Extracts metadata; `url` given by the caller wins over what the page says. */
export function extractMeta(root: Elem, titleText: string, jsonLdScripts: string[], url: string | null): HtmlMeta {
  const ld = fromJsonLd(jsonLdScripts);
  const m = metaTags(root);
  let htmlLang: string | null = null;
  let canonical: string | null = null;
  let h1: string | null = null;
  let timeDate: string | null = null;
  const bylines: string[] = [];
  for (const el of elements(root)) {
    if (el.tag === 'html' && el.attrs.lang) htmlLang ??= el.attrs.lang;
    else if (el.tag === 'link' && /\bcanonical\b/i.test(el.attrs.rel ?? '') && el.attrs.href) canonical ??= el.attrs.href.trim();
    else if (el.tag === 'h1' && h1 === null) {
      const t = normSpace(textOf(el, 500));
      if (t.length >= 5) h1 = t;
    } else if (el.tag === 'time' && timeDate === null) {
      timeDate = el.attrs.datetime || null;
    }
    if (bylines.length < 6 && isBylineElement(el)) {
      const t = normSpace(textOf(el, 300));
      if (t) bylines.push(t);
    }
  }
  const siteName = ld.siteName ?? firstMeta(m, ['og:site_name', 'application-name', 'al:ios:app_name', 'twitter:site']);
  const metaTitle = firstMeta(m, ['og:title', 'twitter:title', 'title', 'dc.title', 'headline', 'sailthru.title', 'parsely-title']);
  const cleanedTitleTag = cleanTitleTag(titleText, siteName);
  const titleVariants = [ld.title, metaTitle, h1, cleanedTitleTag, normSpace(titleText)].filter((t): t is string => !!t);
  const title = pickTitle(ld.title, metaTitle, h1, cleanedTitleTag);

  let authorCandidates = ld.authors;
  if (authorCandidates.length === 0) {
    for (const k of AUTHOR_KEYS) {
      const v = m.get(k);
      if (v) {
        authorCandidates = [v];
        break;
      }
    }
  }
  if (authorCandidates.length === 0) authorCandidates = bylines.slice(0, 2);
  const authors = cleanAuthors(authorCandidates, siteName);

  const dateRaw = ld.date ?? firstMeta(m, DATE_KEYS) ?? timeDate;
  const declared = htmlLang ?? firstMeta(m, ['content-language', 'og:locale', 'language', 'dc.language']) ?? ld.lang;
  const pageUrl = url ?? (canonical && /^https?:/i.test(canonical) ? canonical : null) ?? firstMeta(m, ['og:url']) ?? ld.url;
  return {
    title,
    titleVariants,
    description: ld.description ?? firstMeta(m, ['og:description', 'description', 'twitter:description', 'dc.description']),
    authors,
    date: dateRaw ? normaliseDate(dateRaw) : null,
    siteName: siteName && !/^@/.test(siteName) ? siteName : siteName ? siteName.slice(1) : null,
    url: pageUrl,
    declaredLang: declared ? declared.toLowerCase().split(/[-_]/)[0].trim() || null : null,
    articleBody: ld.articleBody,
  };
}

function isBylineElement(el: Elem): boolean {
  if (el.attrs.rel === 'author') return true;
  const ip = el.attrs.itemprop;
  if (ip === 'author' || ip === 'creator') return true;
  const cls = `${el.attrs.class ?? ''} ${el.attrs.id ?? ''}`.toLowerCase();
  return /(?:^|[\s_-])(?:byline|author-name|authorname|article-author|post-author|entry-author|auteur|signature)(?:$|[\s_-])/.test(cls);
}

const TITLE_SEPARATORS = /\s+[|\-–—:·•»«/]\s+/;

/** <title> without a site name glued to it ("Headline | Site"). */
function cleanTitleTag(title: string, siteName: string | null): string | null {
  const t = normSpace(title);
  if (!t) return null;
  const parts = t.split(TITLE_SEPARATORS);
  if (parts.length === 1) return t;
  if (siteName) {
    const sn = siteName.toLowerCase();
    const kept = parts.filter((p) => p.toLowerCase() !== sn && !sn.includes(p.toLowerCase()));
    if (kept.length > 0 && kept.length < parts.length) return kept.join(' - ');
  }
  // The longest part is the headline.
  return parts.reduce((a, b) => (b.length > a.length ? b : a));
}

function pickTitle(ld: string | null, metaTitle: string | null, h1: string | null, titleTag: string | null): string | null {
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  // An h1 agreeing with the other sources is the visible headline.
  if (h1) {
    const nh = norm(h1);
    for (const other of [ld, metaTitle, titleTag]) {
      if (other && nh.length > 0 && (norm(other).includes(nh) || nh.includes(norm(other)))) return h1;
    }
  }
  return ld ?? (metaTitle ? cleanTitleTag(metaTitle, null) : null) ?? h1 ?? titleTag;
}

const JOB_WORDS = ure(
  '\\b(?:editor|editors|reporter|correspondent|staff|writer|journalist|columnist|contributor|contributors|desk|team|newsroom|' +
    'bureau|press|media|news|agency|agence|rédaction|redaction|rédacteur|rédactrice|correspondant|correspondante|journaliste|' +
    'envoyée?|spécial|chef|directeur|directrice|service|admin|administrator|webmaster|guest|author|auteur|par|by|' +
    'photographer|photographe|illustrator|senior|associate|managing|deputy|chief|officer|president|ceo|founder|' +
    'magazine|journal|times|post|herald|tribune|daily|weekly|online|inc|ltd|llc|gmbh|group|groupe|redaktion|' +
    'updated|published|publié|mis à jour|min|read|lecture|facebook|twitter|instagram|linkedin|email|e-mail|follow|suivre)\\b',
  'i',
);
const NAME_WORD = /^(?:[\p{Lu}][\p{L}'’.-]*|d[eiau]|de la|du|des|von|van|der|den|le|la|da|dos|das|di|del|della|bin|ibn|al|el|y|e|ter|zu|mc|o'|st\.?)$/u;

/** Keeps the candidates that look like persons' names, split and deduplicated. */
export function cleanAuthors(candidates: string[], siteName: string | null): string[] {
  const out: string[] = [];
  const site = siteName ? siteName.toLowerCase() : null;
  for (const raw of candidates.slice(0, 10)) {
    const stripped = normSpace(raw)
      .replace(/^(?:(?:written|posted|reported|text|texte|story|article|photos?|von|by|par|de|por|di|door|auteurs?|authors?|autor(?:in)?|texte? et photos?)\s*[:|]?\s+)+/i, '')
      .replace(/\s*[|•·–—]\s*.*$/, '')
      .replace(/\s*\(.*?\)\s*/g, ' ')
      .trim();
    for (let part of stripped.split(/\s*(?:,|;|&|\band\b|\bet\b|\bund\b|\by\b|\/)\s*/i)) {
      part = part.trim().replace(/[.,;:]+$/, '');
      if (!isPersonName(part)) continue;
      if (site && (part.toLowerCase() === site || site.includes(part.toLowerCase()))) continue;
      if (!out.some((o) => o.toLowerCase() === part.toLowerCase())) out.push(part);
    }
  }
  return out.slice(0, 8);
}

export function isPersonName(s: string): boolean {
  if (s.length < 4 || s.length > 50) return false;
  if (/[\d@#/\\:?=_+*<>{}[\]]|https?|www\./i.test(s)) return false;
  if (JOB_WORDS.test(s)) return false;
  const words = s.split(/\s+/);
  if (words.length < 2 || words.length > 5) return false;
  // "Cunningham. Sputnik": a full word ending a sentence inside the "name"; initials ("E.") are fine.
  if (words.slice(0, -1).some((w) => /^\p{L}{3,}\.$/u.test(w))) return false;
  // An acronym next to ordinary words is an organisation ("CNN Business"); all-caps names are all caps.
  const caps = words.filter((w) => /^\p{Lu}{2,}$/u.test(w)).length;
  if (caps > 0 && caps < words.length) return false;
  if (s === s.toUpperCase() && words.some((w) => w.length > 1)) {
    // ALL-CAPS bylines: accept only when every word is alphabetic (JOHN SMITH), never acronyms alone.
    if (!words.every((w) => /^[\p{Lu}'’.-]{2,}$/u.test(w))) return false;
  }
  return words.every((w) => NAME_WORD.test(w)) && /^\p{Lu}/u.test(words[0]) && /^\p{Lu}/u.test(words[words.length - 1]);
}
