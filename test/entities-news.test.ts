/**
 * Modern news conventions of the entities stage (annotate.ts newsConventions and the role /
 * pronoun linking): titles before names, institutions, acronyms, possessives, role compounds,
 * subject preference. Fixtures are written here (short, self-written wire-style sentences).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Document, Entity, Mention } from '../src/document.js';
import { extractArticle } from '../src/extract/index.js';
import { entitiesStage } from '../src/entities/stage.js';
import { NEWS_DEV, parseMarked } from '../src/entities/news-dev.js';

function analyse(text: string, lang: 'fr' | 'en'): Document {
  const doc = extractArticle(text, { format: 'text' });
  doc.meta.lang = lang;
  entitiesStage(lang).run(doc);
  for (const e of doc.entities ?? []) for (const m of e.mentions) assert.equal(doc.text.slice(m.start, m.end), m.text);
  return doc;
}

function mention(doc: Document, text: string): { m: Mention; e: Entity } | undefined {
  for (const e of doc.entities ?? []) for (const m of e.mentions) if (m.text === text) return { m, e };
  return undefined;
}

test('English: "Treasury Secretary Janet Yellen" is ORG + ROLE + PER; "the Fed" is the Federal Reserve', () => {
  const doc = analyse(
    'Federal Reserve Chair Jerome Powell said on Tuesday that the Fed was ready to act. Treasury Secretary Janet Yellen told lawmakers she agreed.\n',
    'en',
  );
  assert.equal(mention(doc, 'Federal Reserve')?.m.type, 'ORG');
  assert.equal(mention(doc, 'Treasury')?.m.type, 'ORG');
  assert.equal(mention(doc, 'Janet Yellen')?.m.type, 'PER');
  assert.equal(mention(doc, 'Jerome Powell')?.m.type, 'PER');
  const secretary = mention(doc, 'Secretary');
  assert.equal(secretary?.m.type, 'ROLE');
  assert.equal(secretary?.e.name, 'Janet Yellen');
  assert.match(secretary?.m.link ?? '', /title before the name/);
  const chair = mention(doc, 'Chair');
  assert.equal(chair?.e.name, 'Jerome Powell');
  const fed = mention(doc, 'Fed');
  assert.equal(fed?.m.type, 'ORG');
  assert.equal(fed?.e.name, 'Federal Reserve');
  assert.match(fed?.m.link ?? '', /short form/);
  assert.equal(mention(doc, 'she')?.e.name, 'Janet Yellen');
});

test('English: a possessive ending is not part of the name', () => {
  const doc = analyse("Google's parent company said it would appeal.\n", 'en');
  assert.ok(mention(doc, 'Google'), 'Google without its possessive');
  assert.equal(mention(doc, "Google's"), undefined);
});

test('French: ministry with its complement, acronyms coordinated with an organisation', () => {
  const doc = analyse(
    "Le ministère des Armées a commandé de nouveaux drones. Les syndicats CGT et CFDT ont appelé à la grève devant le Parlement.\n",
    'fr',
  );
  assert.equal(mention(doc, 'ministère des Armées')?.m.type, 'ORG');
  assert.equal(mention(doc, 'Armées'), undefined);
  assert.equal(mention(doc, 'CGT')?.m.type, 'ORG');
  assert.equal(mention(doc, 'CFDT')?.m.type, 'ORG');
  assert.equal(mention(doc, 'Parlement')?.m.type, 'ORG');
});

test('French: "le chef de l\'État" is a role, its pronoun follows the subject, a different role picks the other man', () => {
  const doc = analyse(
    "Emmanuel Macron a reçu Olaf Scholz à Paris lundi. « Nous devons agir ensemble », a déclaré le chef de l'État après la rencontre. " +
      "Il a ajouté que la France était prête. Le chancelier allemand a salué cette position.\n",
    'fr',
  );
  assert.equal(mention(doc, 'État'), undefined, 'no place "État" inside the role');
  const chef = mention(doc, "le chef de l'État");
  assert.equal(chef?.m.type, 'ROLE');
  assert.equal(chef?.e.name, 'Emmanuel Macron');
  assert.match(chef?.m.link ?? '', /subject/);
  const il = mention(doc, 'Il');
  assert.equal(il?.m.type, 'PRON');
  assert.equal(il?.e.name, 'Emmanuel Macron');
  const chancelier = mention(doc, 'Le chancelier allemand');
  assert.equal(chancelier?.e.name, 'Olaf Scholz');
  assert.match(chancelier?.m.link ?? '', /different role/);
  for (const m of [chef!.m, il!.m, chancelier!.m]) assert.ok(m.confidence! > 0 && m.confidence! < 1);
});

test('French: a role noun with the name in apposition', () => {
  const doc = analyse("Le ministre, Jean Dupont, s'est rendu à Lyon mardi.\n", 'fr');
  const role = mention(doc, 'Le ministre');
  assert.equal(role?.m.type, 'ROLE');
  assert.equal(role?.e.name, 'Jean Dupont');
  assert.match(role?.m.link ?? '', /apposition/);
});

test('news-dev set: markup parses to text and gold spans', () => {
  const { text, gold } = parseMarked('Le [ORG ministère des Armées] a reçu [PER Jean Dupont].');
  assert.equal(text, 'Le ministère des Armées a reçu Jean Dupont.');
  assert.deepEqual(
    gold.map((g) => [text.slice(g.start, g.end), g.type]),
    [
      ['ministère des Armées', 'ORG'],
      ['Jean Dupont', 'PER'],
    ],
  );
  for (const p of NEWS_DEV) {
    const { text: t, gold: g } = parseMarked(p.marked);
    assert.ok(!/\[(PER|ORG|LOC|MISC) /.test(t), 'no markup left');
    assert.ok(g.length > 0);
    for (const c of p.coref ?? []) assert.ok(t.includes(c.mention), c.mention);
  }
});
