import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Document, Entity } from '../src/document.js';
import { extractArticle } from '../src/extract/index.js';
import { entitiesStage } from '../src/entities/stage.js';
import { entityMentionsJsonl } from '../src/entities/output.js';
import { documentToConllu } from '../src/formats/document-conllu.js';
import { bilouSpans, bioSpans, spansToBilou, spansToBio } from '../src/entities/labels.js';
import { Gazetteer } from '../src/entities/gazetteer.js';
import { NerModel, trainNer } from '../src/entities/model.js';

const root = resolve(fileURLToPath(import.meta.url), '..', '..', '..');

const FR =
  "La chancelière Angela Merkel a rencontré Emmanuel Macron à Berlin lundi. Merkel a déclaré qu'elle soutenait " +
  "l'Organisation mondiale de la santé (OMS). L'OMS publiera un rapport la semaine prochaine, selon la porte-parole. " +
  "Le gouvernement allemand a salué l'accord.\n";
const EN =
  'Senator Elizabeth Warren visited Boston on Friday. Warren said she would support the World Health Organization (WHO) ' +
  'in its work. The WHO thanked her. Later, the French ambassador met Warren in Washington.\n';

function analyse(text: string, lang: 'fr' | 'en'): Document {
  const doc = extractArticle(text, { format: 'text' });
  doc.meta.lang = lang;
  entitiesStage(lang).run(doc);
  return doc;
}

function entityOf(doc: Document, mentionText: string): Entity | undefined {
  return doc.entities?.find((e) => e.mentions.some((m) => m.text === mentionText));
}

function checkOffsets(doc: Document): void {
  assert.ok(doc.entities && doc.entities.length > 0, 'entities found');
  for (const e of doc.entities) {
    for (const m of e.mentions) assert.equal(doc.text.slice(m.start, m.end), m.text, `offsets of ${m.text}`);
    for (const a of e.attributes ?? []) assert.ok(a.end > a.start && a.start >= 0 && a.end <= doc.text.length);
  }
}

test('French: names found with exact offsets and types', () => {
  const doc = analyse(FR, 'fr');
  checkOffsets(doc);
  const byText = new Map<string, string>();
  for (const e of doc.entities!) for (const m of e.mentions) byText.set(m.text, m.type);
  assert.equal(byText.get('Angela Merkel'), 'PER');
  assert.equal(byText.get('Emmanuel Macron'), 'PER');
  assert.equal(byText.get('Berlin'), 'LOC');
  assert.equal(byText.get('Organisation mondiale de la santé'), 'ORG');
});

test('French: surname, acronym, pronoun and role links are grouped with reasons', () => {
  const doc = analyse(FR, 'fr');
  const merkel = entityOf(doc, 'Angela Merkel')!;
  assert.equal(merkel.name, 'Angela Merkel');
  assert.equal(merkel.type, 'PER');
  const surname = merkel.mentions.find((m) => m.text === 'Merkel');
  assert.ok(surname, 'surname grouped with the full name');
  assert.match(surname.link ?? '', /surname/);
  const pron = merkel.mentions.find((m) => m.type === 'PRON');
  assert.ok(pron, 'pronoun linked');
  assert.equal(pron.text, 'elle');
  assert.match(pron.link ?? '', /pronoun/);
  assert.ok(pron.confidence! > 0 && pron.confidence! <= 1);
  const role = merkel.mentions.find((m) => m.type === 'ROLE' && m.text === 'La chancelière');
  assert.ok(role, 'title before the name');
  const who = entityOf(doc, 'Organisation mondiale de la santé')!;
  const acronyms = who.mentions.filter((m) => m.text === 'OMS');
  assert.equal(acronyms.length, 2);
  assert.match(acronyms[0].link ?? '', /acronym/);
  assert.equal(entityOf(doc, 'Emmanuel Macron')!.mentions.length, 1);
});

test('French: a demonym is an attribute of its country, not an entity', () => {
  const doc = analyse(FR, 'fr');
  const germany = doc.entities!.find((e) => (e.attributes ?? []).some((a) => doc.text.slice(a.start, a.end) === 'allemand'));
  assert.ok(germany, 'allemand attached to a country');
  assert.equal(germany.name, 'Allemagne');
  assert.equal(germany.type, 'LOC');
  assert.ok(!doc.entities!.some((e) => e.mentions.some((m) => m.text === 'allemand')));
});

test('French: words carry BIO tags, written to CoNLL-U MISC', () => {
  const doc = analyse(FR, 'fr');
  const words = doc.sentences!.flatMap((s) => s.words);
  const angela = words.findIndex((w) => w.form === 'Angela');
  assert.equal(words[angela].ner, 'B-PER');
  assert.equal(words[angela + 1].ner, 'I-PER');
  assert.ok(words.every((w) => typeof w.ner === 'string'));
  assert.match(documentToConllu(doc), /\tNER=B-PER/);
});

test('English: surname, acronym, pronoun, demonym', () => {
  const doc = analyse(EN, 'en');
  checkOffsets(doc);
  const warren = entityOf(doc, 'Elizabeth Warren')!;
  assert.equal(warren.type, 'PER');
  assert.ok(warren.mentions.filter((m) => m.text === 'Warren').length >= 1);
  assert.ok(warren.mentions.some((m) => m.type === 'PRON' && m.text === 'she' && /pronoun/.test(m.link ?? '')));
  const who = entityOf(doc, 'World Health Organization')!;
  assert.equal(who.type, 'ORG');
  assert.ok(who.mentions.some((m) => m.text === 'WHO' && /acronym/.test(m.link ?? '')));
  const france = doc.entities!.find((e) => (e.attributes ?? []).some((a) => doc.text.slice(a.start, a.end) === 'French'));
  assert.equal(france?.name, 'France');
  assert.ok(!doc.entities!.some((e) => e.mentions.some((m) => m.text === 'French')));
});

test('jsonl lines follow the machine contract', () => {
  const doc = analyse(EN, 'en');
  const lines = entityMentionsJsonl(doc).trim().split('\n');
  let last = -1;
  for (const line of lines) {
    const o = JSON.parse(line) as Record<string, unknown>;
    assert.deepEqual(Object.keys(o), ['start', 'end', 'text', 'type', 'entity']);
    assert.ok((o.start as number) >= last);
    last = o.start as number;
  }
});

test('CLI: vigie entities FILE --format jsonl', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-entities-'));
  try {
    const file = join(dir, 'article.txt');
    writeFileSync(file, FR);
    const r = spawnSync(process.execPath, [join(root, 'bin', 'vigie.js'), 'entities', file, '--format', 'jsonl', '--lang', 'fr'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { start: number; end: number; text: string; type: string; entity: string });
    assert.ok(lines.length >= 8);
    for (const l of lines) {
      assert.equal(FR.slice(l.start, l.end), l.text);
      assert.ok(['PER', 'ORG', 'LOC', 'MISC', 'PRON', 'ROLE'].includes(l.type), l.type);
      assert.equal(typeof l.entity, 'string');
    }
    assert.ok(lines.some((l) => l.type === 'PRON' && l.text === 'elle' && l.entity === 'Angela Merkel'));
    assert.ok(lines.some((l) => l.text === 'OMS' && l.entity === 'Organisation mondiale de la santé'));
    const t = spawnSync(process.execPath, [join(root, 'bin', 'vigie.js'), 'entities', file, '--lang', 'fr'], { encoding: 'utf8' });
    assert.equal(t.status, 0, t.stderr);
    assert.match(t.stdout, /^PER\s+Angela Merkel/m);
    assert.match(t.stdout, /surname of "Angela Merkel"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI: an empty file is a clear error, not a crash', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-entities-'));
  try {
    const file = join(dir, 'empty.txt');
    writeFileSync(file, '');
    const r = spawnSync(process.execPath, [join(root, 'bin', 'vigie.js'), 'entities', file, '--format', 'jsonl'], { encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /empty/);
    assert.doesNotMatch(r.stderr, /internal error|at /);
    const missing = spawnSync(process.execPath, [join(root, 'bin', 'vigie.js'), 'entities', join(dir, 'nope.txt')], { encoding: 'utf8' });
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /no such file/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('labels: BIO ↔ BILOU round trip', () => {
  const bio = ['B-PER', 'I-PER', 'O', 'B-LOC', 'B-ORG', 'I-ORG', 'I-ORG', 'O', 'I-MISC'];
  const spans = bioSpans(bio);
  assert.deepEqual(spans.map((s) => `${s.start}-${s.end}:${s.type}`), ['0-2:PER', '3-4:LOC', '4-7:ORG', '8-9:MISC']);
  const bilou = spansToBilou(spans, bio.length);
  assert.deepEqual(bilouSpans(bilou), spans);
  assert.deepEqual(spansToBio(spans, bio.length), [...bio.slice(0, 8), 'B-MISC']);
});

test('gazetteer: multi-token phrases, case rules, demonyms', () => {
  const g = Gazetteer.parse(
    '# vigie gazetteer v1 lang=fr\ncountry\tCôte d\'Ivoire\tCI\ncountry\tFrance\tFR\ndemonym\tfrançaise\tFR\nfirst\tmarie\tf\ncity\tLyon\tFR\n',
  );
  const m = g.matches(['La', 'Côte', 'd’', 'Ivoire', 'et', 'la', 'france', 'française', 'Marie', 'Lyon']);
  const show = m.map((x) => `${x.start}-${x.end}:${x.cls}`).sort();
  assert.ok(show.includes('1-4:1'), 'Côte d’Ivoire across tokens and apostrophes');
  assert.ok(!show.includes('6-7:1'), 'lowercase "france" is not the country');
  assert.ok(show.includes('7-8:4'), 'demonym');
  assert.ok(show.includes('8-9:8'), 'first name');
  assert.equal(g.get('Française')?.country, 'FR');
  assert.equal(g.get('marie')?.gender, 'f');
  assert.equal(g.countryNames.get('FR'), 'France');
});

test('model: trains on a toy set, labels it, survives save and load', () => {
  const gaz = Gazetteer.parse('# vigie gazetteer v1 lang=en\nfirst\tanna\tf\ncity\tOslo\tNO\n');
  const names = ['Anna Berg', 'Olga Lind', 'Anna Holm', 'Per Dahl'];
  const cities = ['Oslo', 'Bergen', 'Tromsø'];
  const examples = [];
  for (const n of names) {
    for (const c of cities) {
      const forms = [...n.split(' '), 'lives', 'in', c, '.'];
      const tags = ['B-PER', 'I-PER', 'O', 'O', 'B-LOC', 'O'];
      examples.push({ sentence: { forms }, gold: spansToBilou(bioSpans(tags), forms.length) });
    }
  }
  const p = trainNer(examples, gaz, { epochs: 5, seed: 3, useTags: false, prune: 0 });
  const model = new NerModel(p, { lang: 'en', labels: p.nClasses, useTags: false, trainedOn: 'toy', epochs: 5 }, gaz);
  const forms = ['Anna', 'Dahl', 'lives', 'in', 'Bergen', '.'];
  const spans = bilouSpans(model.label({ forms }));
  assert.deepEqual(spans.map((s) => `${s.start}-${s.end}:${s.type}`), ['0-2:PER', '4-5:LOC']);
  const dir = mkdtempSync(join(tmpdir(), 'vigie-ner-'));
  try {
    model.save(join(dir, 'ner.bin'));
    const back = NerModel.load(join(dir, 'ner.bin'), gaz);
    assert.deepEqual(Array.from(back.label({ forms })), Array.from(model.label({ forms })));
    assert.equal(back.label({ forms: [] }).length, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
