/**
 * Quote extraction figures.
 *
 *   npm run bench:quotes                     PolNeAR dev (English) + the French sample article
 *   node dist/bench/quotes.js --split train  another PolNeAR split (train is for development)
 *   node dist/bench/quotes.js --raw          quotes stage alone, on raw text (no tokenizer/parser)
 *   node dist/bench/quotes.js --limit 20 --errors
 *   node dist/bench/quotes.js --ud           tree rules vs text rules on UD gold trees
 *   node dist/bench/quotes.js --classify     counts of the misses by class (see classifyMiss),
 *                                            false positives and speaker errors by rule;
 *                                            --dump FILE writes one JSON line per miss
 *
 * PolNeAR (../shared/data/quotes/PolNeAR): one annotator per article (the first .ann file in
 * name order); every attribution with a content span is a gold quote (discontinuous content is
 * covered by one span). Counting follows the Gender Gap Tracker's evaluate_quotes.py: a gold quote
 * matches the unmatched prediction covering most of it, if more than 30 % of it is covered;
 * speaker right when the speaker spans overlap or have the same text; cue right when the cue texts are equal. "exact"
 * asks for the same span after trimming quote marks, spaces, final punctuation and "that".
 * Also reported: the subset of gold attributions whose content holds a quote mark ("direct"),
 * and those whose cue is a verb form of the reporting lexicon ("speech"), and their union with
 * "according to" ("quote-like": what a news quote tool such as the Gender Gap Tracker counts) —
 * PolNeAR also annotates beliefs, intentions, attitudes with a noun-phrase content ("supports
 * the plan", "endorsed Clinton") and noun cues ("announcement of"), which news quote tools skip.
 * For a subset, a prediction matched to a gold attribution outside it counts neither way.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Document } from '../src/document.js';
import { extractArticle } from '../src/extract/index.js';
import { parseConllu, type ConlluSentence } from '../src/formats/conllu.js';
import { conlluToDocument } from '../src/formats/document-conllu.js';
import { sharedDataPath } from '../src/models.js';
import { analyzeForQuotes } from '../src/quotes/run.js';
import { annotateQuotes, claimsToJson, loadQuoteLexicon, quotesToJson } from '../src/quotes/index.js';
import { addCounts, emptyCounts, matchQuotes, readBratAttributions, scores, type BratAttribution, type QuoteCounts, type ScoredQuote } from '../src/quotes/score.js';
import { Extractor, type QuoteCand } from '../src/quotes/extract.js';
import { buildView, toksIn, type TextView } from '../src/quotes/text.js';
import type { Cue } from '../src/quotes/cues.js';
import type { QuoteLexicon } from '../src/quotes/lexicon.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const split = opt('--split', 'dev');
const limit = Number(opt('--limit', '0'));
const raw = args.includes('--raw');
const showErrors = args.includes('--errors');
const classify = args.includes('--classify');
const dumpPath = opt('--dump', '');

let pipelineNote = '';
let stagesNote = '';
async function analyze(doc: Document, lang: 'fr' | 'en'): Promise<void> {
  if (raw) {
    annotateQuotes(doc, lang);
    return;
  }
  await analyzeForQuotes(doc, lang, (m) => {
    if (!pipelineNote) pipelineNote = m;
  });
  const stages = doc.stages.map((s) => s.name).join(' → ');
  if (!stagesNote) stagesNote = stages;
}

/**
 * A gold cue holding a form of the reporting-verb table (the 'that'-only verbs of knowing and
 * showing the quotes stage adds are left out, so that the subset stays the same as rules change).
 */
function speechCue(lex: QuoteLexicon, cue: string | null): boolean {
  return (cue ?? '').toLowerCase().split(/\s+/).some((w) => {
    const e = lex.verbs.get(w);
    return e !== undefined && !e.frames.includes('that');
  });
}

function pct(x: number): string {
  return (100 * x).toFixed(1).padStart(5);
}

function line(name: string, c: QuoteCounts): string {
  const s = scores(c);
  return `${name.padEnd(26)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}  speaker ${pct(s.speakerAccuracy)}  cue ${pct(s.cueAccuracy)}   (gold ${c.gold}, predicted ${c.predicted}, matched ${c.tp})`;
}

async function polnear(): Promise<void> {
  const base = sharedDataPath('data', 'quotes', 'PolNeAR', split);
  if (!existsSync(base)) {
    process.stdout.write(`PolNeAR ${split}: not found at ${base}\n`);
    return;
  }
  const lex = loadQuoteLexicon('en');
  const anns = readdirSync(join(base, 'attributions')).filter((f) => f.endsWith('.ann')).sort();
  const byArticle = new Map<string, string>();
  for (const f of anns) {
    const art = f.replace(/_[^_]+\.ann$/, '');
    if (!byArticle.has(art)) byArticle.set(art, f);
  }
  let articles = [...byArticle.keys()].filter((a) => existsSync(join(base, 'text', `${a}.txt`)));
  if (limit > 0) articles = articles.slice(0, limit);
  let all30 = emptyCounts();
  let allExact = emptyCounts();
  let direct30 = emptyCounts();
  let speech30 = emptyCounts();
  let quoteLike30 = emptyCounts();
  const t0 = process.hrtime.bigint();
  let chars = 0;
  for (const art of articles) {
    const text = readFileSync(join(base, 'text', `${art}.txt`), 'utf8');
    chars += text.length;
    const gold = readBratAttributions(readFileSync(join(base, 'attributions', byArticle.get(art)!), 'utf8'));
    const doc = extractArticle(text, { format: 'text', source: art });
    doc.meta.lang = 'en';
    await analyze(doc, 'en');
    // Speakers also match by their text ("Graham" for "Graham" a sentence earlier), as the Gender
    // Gap Tracker compares speaker names rather than positions.
    const pred: ScoredQuote[] = quotesToJson(doc).map((q) => ({ content: q.content, speaker: q.speaker, cue: q.cue?.text ?? null, speakerName: q.speaker?.text.trim() ?? null }));
    const g: ScoredQuote[] = gold.map((a) => ({ content: a.content, speaker: a.source, cue: a.cueText, speakerName: a.source ? text.slice(a.source.start, a.source.end).trim() : null }));
    const m30 = matchQuotes(g, pred, 0.3);
    all30 = addCounts(all30, m30);
    allExact = addCounts(allExact, matchQuotes(g, pred, 0.5, text));
    // Subsets of the gold: the matching is the one over all gold quotes; a prediction that matched
    // a gold quote outside the subset is neither right nor wrong for the subset.
    const isDirect = (a: (typeof gold)[number]) => /["“”]/.test(text.slice(a.content.start, a.content.end));
    const isSpeech = (a: (typeof gold)[number]) => speechCue(lex, a.cueText);
    // What a news quote tool calls a quote: speech content in quote marks, or reported with a
    // reporting verb or "according to" (beliefs, plans and noun cues left out).
    const isQuoteLike = (a: (typeof gold)[number]) => isDirect(a) || isSpeech(a) || /^according to$/i.test((a.cueText ?? '').trim());
    const subset = (keep: (a: (typeof gold)[number]) => boolean): QuoteCounts => {
      const pairs = m30.pairs.filter(([gi]) => keep(gold[gi]));
      const right = pairs.map(([gi, pi]) => ({ g: g[gi], p: pred[pi] }));
      const one = (gg: ScoredQuote, pp: ScoredQuote) => matchQuotes([gg], [pp], 0);
      const inSubset = gold.filter(keep).length;
      return {
        gold: inSubset,
        predicted: pairs.length + m30.fp,
        tp: pairs.length,
        fp: m30.fp,
        fn: inSubset - pairs.length,
        speakerRight: right.reduce((n, x) => n + one(x.g, x.p).speakerRight, 0),
        cueRight: right.reduce((n, x) => n + one(x.g, x.p).cueRight, 0),
      };
    };
    direct30 = addCounts(direct30, subset(isDirect));
    speech30 = addCounts(speech30, subset(isSpeech));
    quoteLike30 = addCounts(quoteLike30, subset(isQuoteLike));
    if (classify) classifyArticle(art, doc, text, lex, gold, m30);
    if (showErrors) {
      const matchedGold = new Set(m30.pairs.map(([gi]) => gi));
      const matchedPred = new Set(m30.pairs.map(([, pi]) => pi));
      process.stdout.write(`\n== ${art}\n`);
      gold.forEach((a, gi) => {
        if (matchedGold.has(gi)) return;
        // The best share of the gold span any prediction covers: a partial overlap is a span-convention miss.
        const len = Math.max(1, a.content.end - a.content.start);
        const part = Math.max(0, ...pred.map((p) => (Math.min(a.content.end, p.content.end) - Math.max(a.content.start, p.content.start)) / len));
        const tag = part > 0 ? `PART ${part.toFixed(2)}` : 'MISS';
        process.stdout.write(`  ${tag.padEnd(9)} [${a.cueText}] ${text.slice(a.content.start, a.content.end).replace(/\s+/g, ' ').slice(0, 140)}\n`);
      });
      pred.forEach((p, pi) => {
        if (!matchedPred.has(pi)) process.stdout.write(`  EXTRA [${p.cue}] ${text.slice(p.content.start, p.content.end).replace(/\s+/g, ' ').slice(0, 140)}\n`);
      });
      for (const [gi, pi] of m30.pairs) {
        const a = gold[gi];
        const p = pred[pi];
        const ok = a.source && p.speaker && Math.min(a.source.end, p.speaker.end) > Math.max(a.source.start, p.speaker.start);
        if (!ok) process.stdout.write(`  SPKR  gold "${a.source ? text.slice(a.source.start, a.source.end) : '-'}" vs "${p.speaker ? text.slice(p.speaker.start, p.speaker.end) : '-'}" [${p.cue}]\n`);
      }
    }
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  process.stdout.write(`\nPolNeAR ${split} (English, ${articles.length} articles, one annotator each)${raw ? ' — raw text, quotes stage only' : ''}\n`);
  if (pipelineNote) process.stdout.write(`  note: ${pipelineNote}\n`);
  if (stagesNote) process.stdout.write(`  stages: ${stagesNote}\n`);
  process.stdout.write(`  ${line('all, ≥30 % overlap', all30)}\n`);
  process.stdout.write(`  ${line('all, exact', allExact)}\n`);
  process.stdout.write(`  ${line('direct (quote marks)', direct30)}\n`);
  process.stdout.write(`  ${line('speech-verb cue', speech30)}\n`);
  process.stdout.write(`  ${line('quote-like (direct ∪ verb)', quoteLike30)}\n`);
  process.stdout.write('  (subsets: predictions matched to gold outside the subset are left out of its precision)\n');
  process.stdout.write(`  speed: ${(chars / 1000 / secs).toFixed(1)} k chars/s (${secs.toFixed(1)} s)\n`);
  if (classify) printClasses();
}


// ---------------------------------------------------------------- miss classes (--classify)

interface MissRow {
  article: string;
  cls: string;
  lemma: string;
  speech: boolean;
  direct: boolean;
  cue: string;
  content: string;
  context: string;
}
const missClasses = new Map<string, number>();
const missLemmas = new Map<string, Map<string, number>>();
const fpRules = new Map<string, number>();
const speakerRules = new Map<string, [number, number]>();
const missRows: MissRow[] = [];
const speakerRows: MissRow[] = [];
const fpRows: MissRow[] = [];
const bump = <K>(m: Map<K, number>, k: K, n = 1): void => {
  m.set(k, (m.get(k) ?? 0) + n);
};

/** The extractor's cue whose tokens overlap a gold cue span. */
function cueAt(ex: Extractor, span: { start: number; end: number }): Cue | null {
  for (const cs of [...ex.cues, ...ex.thatCues]) {
    for (const c of cs) {
      const a = c.seg.toks[c.first].start;
      const b = c.seg.toks[c.last].end;
      if (a < span.end && b > span.start) return c;
    }
  }
  return null;
}

/**
 * Why a gold attribution has no prediction covering 30 % of it:
 *   span:*        a prediction overlaps it but covers too little (short) or also another gold (merged);
 *   cue-found:*   the extractor has a cue on the gold cue but made no quote with it, by where
 *                 the content lies (before the cue, after it in the sentence, after a colon, in
 *                 another sentence, around the cue) and the cue's flags (negated, passive, ...);
 *   no-cue:*      no extractor cue on the gold cue: a verb in the lexicon that the filters
 *                 rejected, a verb not in the lexicon, a noun, a preposition, other.
 */
function classifyMiss(view: TextView, lex: QuoteLexicon, ex: Extractor, cands: QuoteCand[], matchedPred: Map<number, number>, g: BratAttribution, gi: number): { cls: string; lemma: string } {
  const len = Math.max(1, g.content.end - g.content.start);
  let bestPi = -1;
  let best = 0;
  cands.forEach((p, pi) => {
    const ov = (Math.min(g.content.end, p.content.end) - Math.max(g.content.start, p.content.start)) / len;
    if (ov > best) {
      best = ov;
      bestPi = pi;
    }
  });
  if (bestPi >= 0) {
    const other = matchedPred.get(bestPi);
    return { cls: other !== undefined && other !== gi ? 'span:merged-with-other-gold' : 'span:too-short', lemma: cands[bestPi].rule };
  }
  if (!g.cue) return { cls: 'no-cue-annotated', lemma: '-' };
  const segOf = (pos: number): number => view.toks.find((t) => t.end > pos)?.seg ?? -1;
  const c = cueAt(ex, g.cue);
  if (c) {
    const flags = [c.negated ? 'negated' : '', c.passive ? 'passive' : '', c.participle ? 'participle' : '', c.infinitive ? 'infinitive' : '', c.kind === 'prep' ? 'prep' : ''].filter(Boolean).join('+');
    const cs = c.seg.toks[c.first].start;
    const ce = c.seg.toks[c.last].end;
    let where: string;
    const cSeg = c.seg.index;
    const aSeg = segOf(g.content.start);
    const bSeg = segOf(Math.max(g.content.start, g.content.end - 1));
    if (g.content.end <= cs) where = aSeg === cSeg ? 'content-before-cue' : bSeg === cSeg ? 'content-before-cue:multi-sentence' : 'content-before-cue:other-sentence';
    else if (g.content.start >= ce) {
      const between = view.text.slice(ce, g.content.start);
      if (aSeg !== cSeg) where = 'content-after-cue:other-sentence';
      else if (bSeg !== cSeg) where = 'content-after-cue:multi-sentence';
      else if (/:/.test(between)) where = 'content-after-cue:colon';
      else where = 'content-after-cue:not-attached';
    } else where = 'content-around-cue';
    return { cls: `cue-found:${where}${flags ? ` [${flags}]` : ''}`, lemma: c.lemma };
  }
  const toks = toksIn(view, g.cue).filter((t) => t.word);
  const verb = toks.find((t) => t.upos === 'VERB') ?? toks.find((t) => t.upos === 'AUX');
  const noun = toks.find((t) => t.upos === 'NOUN' || t.upos === 'PROPN');
  const lemmaOf = (t: (typeof toks)[number]): string => (t.lemma ?? t.low).toLowerCase();
  if (verb) {
    const l = lemmaOf(verb);
    return { cls: lex.lemmas.has(l) || lex.verbs.has(verb.low) ? 'no-cue:verb-in-lexicon-rejected' : 'no-cue:verb-not-in-lexicon', lemma: l };
  }
  if (noun) return { cls: lex.verbs.has(noun.low) ? 'no-cue:noun-tagged-reporting-form' : 'no-cue:noun', lemma: lemmaOf(noun) };
  const adp = toks.find((t) => t.upos === 'ADP');
  if (adp) return { cls: 'no-cue:preposition', lemma: toks.map((t) => t.low).join(' ') };
  const adj = toks.find((t) => t.upos === 'ADJ');
  if (adj) return { cls: 'no-cue:adjective', lemma: lemmaOf(adj) };
  return { cls: 'no-cue:other', lemma: toks.map((t) => t.low).join(' ') || '(no word)' };
}

function classifyArticle(art: string, doc: Document, text: string, lex: QuoteLexicon, gold: BratAttribution[], m30: { pairs: [number, number][] }): void {
  // A fresh view and extractor give the candidates with the rule that made each (the same quotes
  // annotateQuotes wrote: the extractor is deterministic).
  const view = buildView(doc, 'en');
  const ex = new Extractor(view, lex);
  const cands = ex.run();
  const matchedPred = new Map<number, number>(m30.pairs.map(([gi, pi]) => [pi, gi]));
  const matchedGold = new Set(m30.pairs.map(([gi]) => gi));
  gold.forEach((g, gi) => {
    if (matchedGold.has(gi)) return;
    const { cls, lemma } = classifyMiss(view, lex, ex, cands, matchedPred, g, gi);
    bump(missClasses, cls);
    if (!missLemmas.has(cls)) missLemmas.set(cls, new Map());
    bump(missLemmas.get(cls)!, lemma);
    const speech = speechCue(lex, g.cueText);
    const direct = /["“”]/.test(text.slice(g.content.start, g.content.end));
    const a = Math.min(g.content.start, g.cue?.start ?? g.content.start, g.source?.start ?? g.content.start);
    const b = Math.max(g.content.end, g.cue?.end ?? g.content.end, g.source?.end ?? g.content.end);
    missRows.push({ article: art, cls, lemma, speech, direct, cue: g.cueText ?? '', content: text.slice(g.content.start, g.content.end), context: text.slice(a, b).replace(/\s+/g, ' ').slice(0, 600) });
  });
  cands.forEach((p, pi) => {
    if (!matchedPred.has(pi)) {
      bump(fpRules, p.rule);
      fpRows.push({ article: art, cls: p.rule, lemma: p.cue?.lemma ?? '-', speech: false, direct: false, cue: '', content: p.speaker ? text.slice(p.speaker.start, p.speaker.end) : '-', context: text.slice(p.content.start, p.content.end).replace(/\s+/g, ' ').slice(0, 300) });
    }
    else {
      const g = gold[matchedPred.get(pi)!];
      const r = speakerRules.get(p.rule) ?? [0, 0];
      r[1]++;
      const ok = g.source ? p.speaker !== null && Math.min(g.source.end, p.speaker.end) > Math.max(g.source.start, p.speaker.start) : p.speaker === null;
      if (!ok) {
        r[0]++;
        const spk = (x: { start: number; end: number } | null): string => (x ? text.slice(x.start, x.end) : '-');
        speakerRows.push({ article: art, cls: p.rule, lemma: p.cue?.lemma ?? '-', speech: false, direct: false, cue: p.cue ? text.slice(p.cue.seg.toks[p.cue.first].start, p.cue.seg.toks[p.cue.last].end) : '-', content: `gold "${spk(g.source)}" vs "${spk(p.speaker)}"`, context: text.slice(p.content.start, p.content.end).replace(/\s+/g, ' ').slice(0, 300) });
      }
      speakerRules.set(p.rule, r);
    }
  });
}

function printClasses(): void {
  const total = [...missClasses.values()].reduce((a, b) => a + b, 0);
  process.stdout.write(`\nMisses by class (${total}; speech-verb cue / quote marks in content):\n`);
  for (const [cls, n] of [...missClasses].sort((a, b) => b[1] - a[1])) {
    const rows = missRows.filter((r) => r.cls === cls);
    const top = [...(missLemmas.get(cls) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([l, k]) => `${l} ${k}`).join(', ');
    process.stdout.write(`  ${String(n).padStart(4)}  ${cls.padEnd(52)} speech ${String(rows.filter((r) => r.speech).length).padStart(3)}  direct ${String(rows.filter((r) => r.direct).length).padStart(3)}   ${top}\n`);
  }
  process.stdout.write('\nFalse positives by rule:\n');
  for (const [rule, n] of [...fpRules].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${String(n).padStart(4)}  ${rule}\n`);
  process.stdout.write('\nSpeaker errors by rule (wrong / matched):\n');
  for (const [rule, [w, n]] of [...speakerRules].sort((a, b) => b[1][0] - a[1][0])) process.stdout.write(`  ${String(w).padStart(4)} / ${String(n).padStart(4)}  ${rule}\n`);
  if (dumpPath) {
    writeFileSync(dumpPath, missRows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    writeFileSync(`${dumpPath}.speakers`, speakerRows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    writeFileSync(`${dumpPath}.fp`, fpRows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  }
}

interface SampleGold {
  quotes: { type: string; content: string; speaker: string; speaker_entity: string; cue: string }[];
  claims: { claimant: string; target: string; content: string; stance: string }[];
}

async function sample(): Promise<void> {
  const path = sharedDataPath('samples', 'fr-kazakhstan-rt-repost.txt');
  const goldPath = sharedDataPath('samples', 'fr-kazakhstan-rt-repost.gold.json');
  if (!existsSync(path) || !existsSync(goldPath)) return;
  const text = readFileSync(path, 'utf8');
  const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as SampleGold;
  const doc = extractArticle(text, { format: 'text', source: path });
  await analyze(doc, 'fr');
  const pred = quotesToJson(doc);
  let from = 0;
  const g: ScoredQuote[] = gold.quotes.map((q) => {
    let start = text.indexOf(q.content, from);
    if (start < 0) start = text.indexOf(q.content);
    from = start + 1;
    return { content: { start, end: start + q.content.length }, speaker: null, cue: q.cue, speakerName: q.speaker_entity };
  });
  const p: ScoredQuote[] = pred.map((q) => ({ content: q.content, speaker: null, cue: q.cue?.text ?? null, speakerName: q.speaker_entity }));
  const m = matchQuotes(g, p, 0.3);
  process.stdout.write(`\nSample article fr-kazakhstan-rt-repost (check only)\n`);
  process.stdout.write(`  ${line('quotes, ≥30 % overlap', m)}\n`);
  process.stdout.write(`  ${line('quotes, exact', matchQuotes(g, p, 0.5, text))}\n`);
  const matched = new Set(m.pairs.map(([gi]) => gi));
  gold.quotes.forEach((q, i) => {
    if (!matched.has(i)) process.stdout.write(`  missed: ${q.speaker_entity} — ${q.cue} — ${q.content.slice(0, 80)}\n`);
  });
  for (const [gi, pi] of m.pairs) {
    if ((gold.quotes[gi].speaker_entity ?? '').toLowerCase() !== (pred[pi].speaker_entity ?? '').toLowerCase()) {
      process.stdout.write(`  speaker: gold ${gold.quotes[gi].speaker_entity} / found ${pred[pi].speaker_entity} — ${gold.quotes[gi].content.slice(0, 60)}\n`);
    }
  }
  const psaki = gold.quotes.filter((q) => q.speaker_entity === 'Jen Psaki');
  const psakiFound = psaki.filter((q) => {
    const gi = gold.quotes.indexOf(q);
    const pair = m.pairs.find(([x]) => x === gi);
    return pair && pred[pair[1]].speaker_entity === 'Jen Psaki';
  });
  process.stdout.write(`  Psaki quotes found and attributed to Jen Psaki: ${psakiFound.length}/${psaki.length}\n`);
  const claims = claimsToJson(doc);
  const links = claims.filter((c) => c.denies !== null);
  process.stdout.write(`  claims: ${claims.length} (accuse ${claims.filter((c) => c.stance === 'accuse').length}, deny ${claims.filter((c) => c.stance === 'deny').length}, assert ${claims.filter((c) => c.stance === 'assert').length}); denial links: ${links.length}\n`);
  for (const d of links) {
    const a = claims[d.denies!];
    process.stdout.write(`    ${d.claimant} denies « ${d.content.text.slice(0, 60)} » → ${a.claimant} ${a.stance}s « ${a.content.text.slice(0, 60)} »\n`);
  }
  // Gold claims found (≥30 % overlap of content, same stance).
  let found = 0;
  for (const gc of gold.claims) {
    const start = text.indexOf(gc.content);
    const span = { start, end: start + gc.content.length };
    const hit = claims.some((c) => c.stance === gc.stance && Math.min(span.end, c.content.end) - Math.max(span.start, c.content.start) > 0.3 * gc.content.length);
    if (hit) found++;
  }
  process.stdout.write(`  gold claims found (≥30 % overlap, same stance): ${found}/${gold.claims.length}\n`);
}

/**
 * UD gold trees: sentences where a reporting verb has a ccomp. The "reference" is the ccomp
 * subtree (complementiser left out) and the nsubj of the verb; the quotes stage runs once on the
 * gold tree and once on the same tokens without annotation (text rules only).
 */
function udCheck(): void {
  const sets: [string, 'fr' | 'en'][] = [
    ['UD_French-GSD/fr_gsd-ud-dev.conllu', 'fr'],
    ['UD_French-Sequoia/fr_sequoia-ud-dev.conllu', 'fr'],
    ['UD_English-EWT/en_ewt-ud-dev.conllu', 'en'],
  ];
  for (const [file, lang] of sets) {
    const path = sharedDataPath('data', 'ud', file);
    if (!existsSync(path)) continue;
    const lex = loadQuoteLexicon(lang);
    const sentences = parseConllu(readFileSync(path, 'utf8'), path);
    const counts = { n: 0, tree: { found: 0, exact: 0, speaker: 0 }, text: { found: 0, exact: 0, speaker: 0 } };
    for (const cs of sentences) {
      const words = cs.words;
      const target = words.find((w) => w.upos === 'VERB' && lex.lemmas.has(w.lemma.toLowerCase()) && lex.lemmas.get(w.lemma.toLowerCase())!.cls !== 'none' && words.some((c) => c.head === w.id && c.deprel === 'ccomp'));
      if (!target) continue;
      counts.n++;
      const one: ConlluSentence[] = [cs];
      for (const mode of ['tree', 'text'] as const) {
        const doc = conlluToDocument(one, lang, mode === 'tree');
        const s = doc.sentences![0];
        const vi = words.indexOf(target);
        const ccomp = words.findIndex((c) => c.head === target.id && c.deprel === 'ccomp');
        // Reference spans from the gold tree.
        const sub = new Set<number>([ccomp]);
        for (let grow = true; grow; ) {
          grow = false;
          words.forEach((w, i) => {
            if (!sub.has(i) && sub.has(w.head - 1)) {
              sub.add(i);
              grow = true;
            }
          });
        }
        const idx = [...sub].filter((i) => words[i].deprel !== 'mark' && words[i].upos !== 'PUNCT').sort((a, b) => a - b);
        const span = (i: number) => s.tokens[s.words[i].token];
        const ref = { start: span(idx[0]).start, end: span(idx[idx.length - 1]).end };
        const subj = words.findIndex((c) => c.head === target.id && c.deprel.startsWith('nsubj'));
        annotateQuotes(doc, lang);
        const verbSpan = span(vi);
        const q = (doc.quotes ?? []).find((x) => x.cue && x.cue.start <= verbSpan.start && x.cue.end >= verbSpan.end);
        if (!q) continue;
        const c = counts[mode];
        c.found++;
        const inter = Math.min(ref.end, q.content.end) - Math.max(ref.start, q.content.start);
        if (q.content.start === ref.start && q.content.end === ref.end) c.exact++;
        void inter;
        if (subj >= 0 && q.speaker) {
          const ss = span(subj);
          if (q.speaker.start <= ss.start && q.speaker.end >= ss.end) c.speaker++;
        } else if (subj < 0 && !q.speaker) c.speaker++;
      }
    }
    const p = (a: number, b: number) => (b ? (100 * a / b).toFixed(1) : '-');
    process.stdout.write(`\nUD ${file}: ${counts.n} sentences with a reporting verb + ccomp\n`);
    for (const mode of ['tree', 'text'] as const) {
      const c = counts[mode];
      process.stdout.write(`  ${mode === 'tree' ? 'gold tree ' : 'text only '}  quote found ${p(c.found, counts.n)} %   content = ccomp subtree ${p(c.exact, c.found)} %   speaker covers nsubj ${p(c.speaker, c.found)} %\n`);
    }
  }
}

const onlySample = args.includes('--sample');
if (args.includes('--ud')) {
  udCheck();
  process.exit(0);
}
if (!onlySample) await polnear();
await sample();
