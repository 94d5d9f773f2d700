/**
 * `npm run bench:ner`: span-level exact-match P/R/F1 of the committed NER models, per type and
 * micro, on
 *   - the held-out tenth of WikiNEuRal-fr and -en (every 10th sentence, never trained on; silver);
 *   - HIPE-2022 newseye-fr dev and dev2 (gold, historical French newspapers). Mapping: pers → PER,
 *     loc → LOC, org → ORG; HumanProd (and time) are not scored (gold spans dropped); HIPE has no
 *     MISC, so predicted MISC spans are ignored there;
 * plus labelling speed (words/s, model only), the share of the entities stage in the whole
 * pipeline's time, and the check on the sample article (found / missed gold entities, the
 * Psaki group). Reads ../shared (VIGIE_SHARED) through sharedDataPath.
 *
 * `--models DIR`: score the NER model and gazetteer of DIR/<lang>/ (as written by
 * `vigie train ner --out DIR`) instead of the committed ones, to compare a candidate.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDataPath } from '../src/models.js';
import { loadNerModel, useNerModel } from '../src/entities/stage.js';
import { NerModel } from '../src/entities/model.js';
import { Gazetteer } from '../src/entities/gazetteer.js';
import { hipeDocuments, wikiNeuralSplit } from '../src/entities/data.js';
import { evaluate, nerDataDir, wikiNeuralFiles } from '../src/entities/train.js';
import { formatPRF, SpanScorer } from '../src/entities/score.js';
import { extractArticle } from '../src/extract/index.js';
import { stageFactories } from '../src/pipeline.js';
import type { Document, EntityType } from '../src/document.js';
import { entitiesStage } from '../src/entities/stage.js';
import { tokenizerStage } from '../src/tokenize/index.js';
import { NEWS_DEV, parseMarked } from '../src/entities/news-dev.js';

// `node dist/bench/ner.js news [-v]`: only the self-written news set (quick, for development).
const onlyNews = process.argv.includes('news');
// `quick`: the news set and the model-only WikiNEuRal held-out scores (no text runs, HIPE, timing).
const quick = process.argv.includes('quick');
const verbose = process.argv.includes('-v');
const modelsArg = process.argv.indexOf('--models');
if (modelsArg > 0) {
  const dir = process.argv[modelsArg + 1];
  if (!dir) throw new Error('--models needs a folder');
  for (const lang of ['fr', 'en'] as const) {
    const gazPath = join(dir, lang, 'gazetteer.tsv');
    const gaz = Gazetteer.parse(readFileSync(gazPath, 'utf8'), gazPath);
    useNerModel(lang, NerModel.load(join(dir, lang, 'ner.bin'), gaz));
  }
  console.log(`NER models and gazetteers from ${dir}`);
}

function report(title: string, res: ReturnType<ReturnType<typeof evaluate>['result']>): void {
  console.log(`\n${title}`);
  for (const [t, x] of Object.entries(res.perType)) console.log(`  ${formatPRF(t, x)}`);
  console.log(`  ${formatPRF('micro', res.micro)}`);
}

/** A document through the whole pipeline (every stage that loads), entities included. */
function analyseText(text: string, lang: 'fr' | 'en'): Document {
  const doc = extractArticle(text, { format: 'text' });
  doc.meta.lang = lang;
  tokenizerStage(lang).run(doc);
  for (const { name, create } of stageFactories) {
    if (name === 'entities' || name === 'quotes' || name === 'tokenize') continue;
    try {
      create(lang).run(doc);
    } catch {
      /* a stage without its model: the entities stage works without it */
    }
  }
  entitiesStage(lang).run(doc);
  return doc;
}

// The self-written news paragraphs (src/entities/news-dev.ts): span F1 through the whole
// pipeline, and the share of pronoun / role-noun links that reach the expected entity.
for (const lang of ['fr', 'en'] as const) {
  for (const part of ['dev', 'check', 'check2'] as const) {
    const scorer = new SpanScorer();
    let corefOk = 0;
    let corefAll = 0;
    const errors: string[] = [];
    for (const p of NEWS_DEV.filter((x) => x.lang === lang && x.part === part)) {
      const { text, gold } = parseMarked(p.marked);
      const doc = analyseText(text, lang);
      if (doc.text !== text) throw new Error('extraction changed the text of a news-dev paragraph');
      const mentions = (doc.entities ?? []).flatMap((e) => e.mentions.map((m) => ({ ...m, entity: e.name })));
      const pred = mentions.filter((m) => m.type !== 'PRON' && m.type !== 'ROLE').map((m) => ({ start: m.start, end: m.end, type: m.type as EntityType }));
      scorer.add(gold, pred);
      const key = (s: { start: number; end: number; type: string }): string => `${s.start}:${s.end}:${s.type}`;
      const gk = new Set(gold.map(key));
      const pk = new Set(pred.map(key));
      for (const g of gold) if (!pk.has(key(g))) errors.push(`  missed ${g.type} "${text.slice(g.start, g.end)}"`);
      for (const x of pred) if (!gk.has(key(x))) errors.push(`  wrong  ${x.type} "${text.slice(x.start, x.end)}"`);
      for (const c of p.coref ?? []) {
        corefAll++;
        // The n-th occurrence as a whole word ("he" is not the end of "the").
        let at = -1;
        for (let k = 0; k <= (c.occurrence ?? 0); k++) {
          do at = text.indexOf(c.mention, at + 1);
          while (at >= 0 && (/\p{L}/u.test(text.charAt(at - 1)) || /\p{L}/u.test(text.charAt(at + c.mention.length))));
        }
        const m = mentions.find((x) => x.start === at && x.end === at + c.mention.length);
        if (m?.entity === c.entity) corefOk++;
        else errors.push(`  link   "${c.mention}" → ${m ? `"${m.entity}" (${m.link ?? ''})` : 'none'}, expected "${c.entity}"`);
      }
    }
    report(`news-dev (self-written), ${lang} ${part} part: whole pipeline, exact spans`, scorer.result());
    console.log(`  pronoun / role links to the expected entity: ${corefOk}/${corefAll}`);
    if (verbose) console.log(errors.join('\n'));
  }
}
if (onlyNews) process.exit(0);

const dir = nerDataDir();
for (const lang of ['fr', 'en'] as const) {
  const model = loadNerModel(lang);
  const { heldOut } = wikiNeuralSplit(wikiNeuralFiles(dir, lang));
  let words = 0;
  for (const s of heldOut) words += s.forms.length;
  const t0 = performance.now();
  const res = evaluate(model, heldOut).result();
  const secs = (performance.now() - t0) / 1000;
  report(`WikiNEuRal-${lang} held out (${heldOut.length} sentences, ${words} words; silver)`, res);
  console.log(`  speed: ${Math.round(words / secs)} words/s (model only, one core)`);
}
if (quick) process.exit(0);

// The same held-out sentences through the whole entities stage (rules included), as text: tokens
// joined by spaces, 50 sentences per document, spans compared as character offsets. A check that
// the document-level rules (annotate.ts) do not hurt Wikipedia text; the figure above is the model's.
for (const lang of ['fr', 'en'] as const) {
  const { heldOut } = wikiNeuralSplit(wikiNeuralFiles(dir, lang));
  const scorer = new SpanScorer();
  for (let d = 0; d < heldOut.length; d += 50) {
    let text = '';
    const gold: { start: number; end: number; type: EntityType }[] = [];
    for (const s of heldOut.slice(d, d + 50)) {
      const starts: number[] = [];
      const ends: number[] = [];
      for (const f of s.forms) {
        if (text.length) text += ' ';
        starts.push(text.length);
        text += f;
        ends.push(text.length);
      }
      text += '\n';
      let open: { start: number; type: string } | null = null;
      const close = (i: number): void => {
        if (open) gold.push({ start: open.start, end: ends[i - 1], type: open.type as EntityType });
        open = null;
      };
      s.tags.forEach((t, i) => {
        const m = /^([BI])-(\w+)$/.exec(t);
        if (!m || m[1] === 'B' || !open || open.type !== m[2]) {
          close(i);
          if (m) open = { start: starts[i], type: m[2] };
        }
      });
      close(s.forms.length);
    }
    const doc = analyseText(text, lang);
    const pred = (doc.entities ?? []).flatMap((e) => e.mentions.filter((m) => m.type !== 'PRON' && m.type !== 'ROLE').map((m) => ({ start: m.start, end: m.end, type: m.type as EntityType })));
    scorer.add(gold, pred);
  }
  report(`WikiNEuRal-${lang} held out as text through the whole pipeline (model + document rules; a check, never tuned on)`, scorer.result());
}

// HIPE: the documents rebuilt as text go through the tokenizer and the whole entities stage
// (as any input would); gold and predicted spans are compared as character offsets.
const hipeDir = join(dir, 'HIPE2022-newseye-fr');
for (const f of ['HIPE-2022-v2.1-newseye-dev-fr.tsv', 'HIPE-2022-v2.1-newseye-dev2-fr.tsv']) {
  const path = join(hipeDir, f);
  if (!existsSync(path)) continue;
  const scorer = new SpanScorer(['PER', 'ORG', 'LOC']);
  // Second score: HIPE includes titles and determiners in spans ("M. de Lasteyrie", "la Villette");
  // vigie's convention (as the sample article's gold) leaves them out. Gold spans stripped of them.
  const scorerNorm = new SpanScorer(['PER', 'ORG', 'LOC']);
  let words = 0;
  const docs = hipeDocuments(path);
  for (const h of docs) {
    const doc = extractArticle(h.text, { format: 'text' });
    doc.meta.lang = 'fr';
    tokenizerStage('fr').run(doc);
    entitiesStage('fr').run(doc);
    words += (doc.sentences ?? []).reduce((n, s) => n + s.words.length, 0);
    const pred = (doc.entities ?? []).flatMap((e) => e.mentions.filter((m) => m.type === 'PER' || m.type === 'ORG' || m.type === 'LOC'));
    const predSpans = pred.map((m) => ({ start: m.start, end: m.end, type: m.type as EntityType }));
    scorer.add(
      h.gold.map((g) => ({ start: g.start, end: g.end, type: g.type as EntityType })),
      predSpans,
    );
    scorerNorm.add(
      h.gold.map((g) => {
        let start = g.start;
        for (;;) {
          const m = /^(?:(?:MM?\.|Mmes?\.?|Mlles?\.?|Mgr|Dr\.?)\s*|(?:[Ll]es?|[Ll]a)\s+|[Ll]['’]\s*)/.exec(h.text.slice(start, g.end));
          if (!m || start + m[0].length >= g.end) break;
          start += m[0].length;
        }
        return { start, end: g.end, type: g.type as EntityType };
      }),
      predSpans,
    );
  }
  const name = `HIPE newseye ${f.includes('dev2') ? 'dev2' : 'dev'}`;
  report(`${name} (${docs.length} documents, ${words} words; gold, historical; PER/ORG/LOC, character spans, as annotated)`, scorer.result());
  report(`${name}, gold spans without leading titles and determiners ("M.", "Mme", "la") — vigie's span convention`, scorerNorm.result());
}

// Share of the entities stage in the whole pipeline's time, on the sample article.
const samplePath = sharedDataPath('samples', 'fr-kazakhstan-rt-repost.txt');
if (existsSync(samplePath)) {
  const text = readFileSync(samplePath, 'utf8');
  const timeStages = (rounds: number): Map<string, number> => {
    const times = new Map<string, number>();
    for (let r = 0; r < rounds; r++) {
      const doc: Document = extractArticle(text, { format: 'text' });
      const stages = [{ name: 'tokenize', create: tokenizerStage }, ...stageFactories.filter((s) => s.name !== 'tokenize')];
      for (const { name, create } of stages) {
        let stage;
        try {
          stage = create('fr');
        } catch {
          continue;
        }
        const t = performance.now();
        try {
          stage.run(doc);
        } catch {
          continue;
        }
        times.set(name, (times.get(name) ?? 0) + performance.now() - t);
      }
    }
    return times;
  };
  timeStages(3);
  const times = timeStages(20);
  let total = 0;
  for (const v of times.values()) total += v;
  console.log('\nPipeline time on the sample article (20 runs, stages that could load):');
  for (const [k, v] of times) console.log(`  ${k.padEnd(10)} ${(v / 20).toFixed(1)} ms  ${((100 * v) / total).toFixed(1)} %`);
  const ner = times.get('entities') ?? 0;
  console.log(`  entities stage = ${((100 * ner) / Math.max(1e-9, total - ner)).toFixed(1)} % added to the other stages' time`);

  // The sample article check (never trained on; a check only).
  const goldPath = sharedDataPath('samples', 'fr-kazakhstan-rt-repost.gold.json');
  const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as { entities: { text: string; type: string; start: number }[] };
  const doc = extractArticle(text, { format: 'text' });
  tokenizerStage('fr').run(doc);
  for (const { name, create } of stageFactories) {
    if (name === 'entities' || name === 'quotes' || name === 'tokenize') continue;
    try {
      create('fr').run(doc);
    } catch {
      /* a stage without its model: the entities stage works without it */
    }
  }
  entitiesStage('fr').run(doc);
  const found = new Set<string>();
  const foundTyped = new Set<string>();
  for (const e of doc.entities ?? []) {
    for (const m of e.mentions) {
      found.add(`${m.start}:${m.end}`);
      foundTyped.add(`${m.start}:${m.end}:${m.type}`);
    }
  }
  let exact = 0;
  let typed = 0;
  const missed: string[] = [];
  for (const g of gold.entities) {
    const k = `${g.start}:${g.start + g.text.length}`;
    if (found.has(k)) exact++;
    else missed.push(`${g.text} (${g.type} @${g.start})`);
    if (foundTyped.has(`${k}:${g.type}`)) typed++;
  }
  const predicted = (doc.entities ?? []).flatMap((e) => e.mentions.filter((m) => m.type !== 'PRON' && m.type !== 'ROLE'));
  console.log(`\nSample article: ${exact}/${gold.entities.length} gold entity mentions found (span), ${typed} with the gold type; ${predicted.length} name mentions predicted`);
  if (missed.length) console.log(`  missed: ${missed.join('; ')}`);
  const goldKeys = new Set(gold.entities.map((g) => `${g.start}:${g.start + g.text.length}`));
  const extra = predicted.filter((m) => !goldKeys.has(`${m.start}:${m.end}`)).map((m) => `${m.text} (${m.type})`);
  if (extra.length) console.log(`  not in gold: ${extra.join('; ')}`);
  const psaki = (doc.entities ?? []).find((e) => e.mentions.some((m) => m.text === 'Psaki'));
  console.log(`  Psaki entity: ${psaki ? `"${psaki.name}": ${psaki.mentions.map((m) => `${m.text}[${m.type}]`).join(', ')}` : 'not found'}`);
}
