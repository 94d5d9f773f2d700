/**
 * Language identification for French, English and "other": character-trigram profiles and
 * frequent-word lists derived from UD training text (see models/langid/README.md).
 *
 * For each known language two scores are taken on the (lower-cased) text: the cosine between its
 * trigram distribution and the language's profile, and the share of its words that are among the
 * language's most frequent words. French and English text scores high on both for its own
 * language; German, Spanish, Italian... score low on at least one, and come out 'other'.
 */
import { readFileSync } from 'node:fs';
import type { Lang } from '../document.js';

export interface LangProfiles {
  version: 1;
  source: string;
  languages: Record<string, { trigrams: Record<string, number>; words: string[] }>;
}

export interface LangGuess {
  lang: Lang;
  /** In [0, 1]. */
  confidence: number;
  /** Per-language scores, for inspection. */
  scores: Record<string, number>;
}

/** Characters of text looked at. */
const SAMPLE_CHARS = 6_000;

export function* trigramsOf(text: string): Generator<string> {
  for (const w of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    const padded = ` ${w} `;
    for (let i = 0; i + 3 <= padded.length; i++) yield padded.slice(i, i + 3);
  }
}

/** Lower-cased words; an elided word keeps its apostrophe ("l'", "qu'"), as do English clitics' first parts. */
export function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}+['’]?/gu) ?? []).map((w) => w.replace(/’/g, "'"));
}

let cached: { profiles: LangProfiles; norms: Map<string, number>; words: Map<string, Set<string>> } | null = null;

function load() {
  if (cached) return cached;
  const url = new URL('../../../models/langid/profiles.json', import.meta.url);
  const profiles = JSON.parse(readFileSync(url, 'utf8')) as LangProfiles;
  const norms = new Map<string, number>();
  const words = new Map<string, Set<string>>();
  for (const [lang, p] of Object.entries(profiles.languages)) {
    let s = 0;
    for (const v of Object.values(p.trigrams)) s += v * v;
    norms.set(lang, Math.sqrt(s));
    words.set(lang, new Set(p.words));
  }
  cached = { profiles, norms, words };
  return cached;
}

/**
 * Identifies the language of a text. `hint` is a language declared by the source (html lang),
 * used only to break near ties.
 */
export function identifyLanguage(text: string, hint: string | null = null): LangGuess {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const { profiles, norms, words } = load();
  const counts = new Map<string, number>();
  for (const t of trigramsOf(sample)) counts.set(t, (counts.get(t) ?? 0) + 1);
  let textNorm = 0;
  for (const v of counts.values()) textNorm += v * v;
  textNorm = Math.sqrt(textNorm);
  const tokens = wordsOf(sample);
  const n = tokens.length;
  const scores: Record<string, number> = {};
  if (tokens.length === 0 || textNorm === 0) return { lang: 'other', confidence: 0, scores };

  let best = 'other', bestScore = 0, second = 0;
  for (const [lang, p] of Object.entries(profiles.languages)) {
    let dot = 0;
    for (const [t, n] of counts) {
      const w = p.trigrams[t];
      if (w) dot += w * n;
    }
    const cos = dot / (textNorm * norms.get(lang)!);
    const wl = words.get(lang)!;
    let hits = 0;
    for (const w of tokens) if (wl.has(w)) hits++;
    const cover = hits / tokens.length;
    let score = Math.sqrt(Math.max(0, cos) * cover);
    scores[lang] = Math.round(score * 1000) / 1000;
    scores[`${lang}.cos`] = Math.round(cos * 1000) / 1000;
    scores[`${lang}.words`] = Math.round(cover * 1000) / 1000;
    if (score > bestScore) {
      second = bestScore;
      bestScore = score;
      best = lang;
    } else if (score > second) second = score;
  }
  // A language declared by the page lowers the bar a little for that language.
  const threshold = thresholdFor(best, n) * (hint === best ? 0.85 : 1);
  // A few words are too little for trigram statistics, but function words still tell French
  // from English ("Il pleut.", "It rains."): a short text whose words are mostly known in one of
  // the two languages and not in the other gets that language with a low confidence, so the
  // annotation stages still run on it.
  if (bestScore < threshold && n < 10 && (best === 'fr' || best === 'en')) {
    const other = best === 'fr' ? 'en' : 'fr';
    const coverBest = scores[`${best}.words`] ?? 0;
    const coverOther = scores[`${other}.words`] ?? 0;
    if (coverBest >= 0.5 && coverOther <= coverBest / 2) return { lang: best as Lang, confidence: 0.5, scores };
  }
  // Articles heavy in names and figures ("50 percent chose Clinton while 40 percent…") have few
  // function words, so they can fall just under the bar; when one of the two languages still
  // clearly dominates, it is taken with a low confidence rather than dropped. English only: a
  // French-looking score of that size is as likely Spanish or Italian (shared function words).
  if (best === 'en' && n >= 40 && bestScore < threshold && bestScore >= 0.65 * threshold && bestScore >= 3 * second) {
    return { lang: best as Lang, confidence: 0.5, scores };
  }
  if (bestScore < threshold || (best !== 'fr' && best !== 'en')) {
    const conf = Math.min(0.99, 0.5 + (threshold - bestScore) / threshold);
    return { lang: 'other', confidence: round2(n < 5 ? Math.min(conf, 0.5) : conf), scores };
  }
  const margin = Math.min((bestScore - threshold) / threshold, (bestScore - second) / bestScore);
  const lengthFactor = Math.min(1, 0.6 + n / 50);
  const confidence = Math.min(0.99, (0.55 + margin) * lengthFactor);
  return { lang: best as Lang, confidence: round2(Math.max(0.5, confidence)), scores };
}

/**
 * Lowest score (√(cosine × frequent-word share)) accepted for a language, by text length in words.
 * The cosine grows with length while the word share stays put, so longer texts must score higher.
 * Calibrated on UD dev text (French GSD, English EWT) against Spanish and German pages: Spanish is
 * the nearest to French (word share ≈ 0.25 against ≈ 0.45 for French).
 */
const THRESHOLDS: Record<string, [number, number, number, number]> = {
  fr: [0.33, 0.345, 0.42, 0.48],
  en: [0.3, 0.28, 0.3, 0.35],
};

function thresholdFor(lang: string, words: number): number {
  const t = THRESHOLDS[lang] ?? [1, 1, 1, 1];
  return words < 10 ? t[0] : words < 40 ? t[1] : words < 150 ? t[2] : t[3];
}

const round2 = (x: number) => Math.round(x * 100) / 100;
