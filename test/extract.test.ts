import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  extractArticle,
  readArticle,
  identifyLanguage,
  documentToJson,
  mainText,
  looksLikeHtml,
} from '../src/extract/index.js';
import { normaliseDate } from '../src/extract/dates.js';
import { cleanAuthors } from '../src/extract/html/meta.js';
import type { Document } from '../src/document.js';

// Compiled to dist/test/; fixtures and samples are read from the repository root.
const root = resolve(import.meta.dirname, '../..');
const fixture = (name: string) => join(root, 'test/fixtures/extract', name);
const sample = join(root, 'samples/fr-kazakhstan-rt-repost.txt');

const texts = (doc: Document, kind?: string) =>
  doc.paragraphs.filter((p) => !kind || p.kind === kind).map((p) => doc.text.slice(p.start, p.end));

function checkOffsets(doc: Document): void {
  let last = -1;
  for (const p of doc.paragraphs) {
    assert.ok(p.start >= 0 && p.end <= doc.text.length && p.start < p.end, `bad span ${p.start}-${p.end}`);
    assert.ok(p.start > last, 'paragraphs in order, not overlapping');
    last = p.end - 1;
  }
}

test('HTML article: metadata from JSON-LD and meta tags', () => {
  const doc = readArticle(fixture('article-fr.html'));
  assert.equal(doc.meta.source, 'html');
  assert.equal(doc.meta.title, 'La ville de Brionne rouvre sa médiathèque après deux ans de travaux');
  assert.equal(doc.meta.dek, 'Fermée depuis 2021, la médiathèque Jules-Verne accueille de nouveau le public samedi, avec un espace numérique et des horaires élargis.');
  // JSON-LD author array: persons kept, "Rédaction web" and the organisation left out.
  assert.deepEqual(doc.meta.authors, ['Claire Dumontel', 'Marc-Antoine Leroy']);
  assert.equal(doc.meta.date, '2024-03-15T08:30:00+01:00');
  assert.equal(doc.meta.siteName, 'Le Courrier du Val');
  assert.equal(doc.meta.url, 'https://courrier-du-val.example/culture/brionne-mediatheque');
  assert.equal(doc.meta.lang, 'fr');
  assert.ok(doc.meta.langConfidence > 0.8);
});

test('HTML article: main text without page furniture', () => {
  const doc = readArticle(fixture('article-fr.html'));
  checkOffsets(doc);
  assert.equal(doc.paragraphs[0].kind, 'title');
  assert.equal(doc.paragraphs[0].start, 0);
  // Document.text is the paragraphs joined by blank lines.
  assert.equal(doc.text, texts(doc).join('\n\n'));
  const text = doc.text;
  for (const kept of [
    'Après deux ans de chantier, la médiathèque Jules-Verne de Brionne rouvre ses portes ce samedi.',
    '« Nous voulions un lieu ouvert',
    'Les horaires sont élargis',
    'Le programme complet des animations',
  ]) {
    assert.ok(text.includes(kept), `missing: ${kept}`);
  }
  for (const gone of [
    'cookies', 'Actualité', 'Facebook', 'Le festival du Val', 'À lire aussi', 'Enfin ! Nous attendions',
    'commentaires', 'newsletter', 'Tous droits réservés', 'Mentions légales', 'La façade rénovée', 'Tags',
    'not text', 'Accueil', 'display: flex',
  ]) {
    assert.ok(!text.includes(gone), `should be gone: ${gone}`);
  }
  assert.deepEqual(texts(doc, 'heading'), ['Un espace numérique au rez-de-chaussée']);
  assert.equal(texts(doc, 'list-item').length, 2);
  assert.deepEqual(texts(doc, 'quote'), [
    "La lecture publique n'est pas un luxe, c'est un service de base que nous devons à chaque habitant.",
  ]);
  // The headline is said once, as the title.
  assert.equal(text.split('La ville de Brionne rouvre').length, 2);
});

test('HTML in a legacy charset declared in the page (meta charset / http-equiv)', () => {
  const body = '<p>Le théâtre municipal présente cette saison douze spectacles, dont trois créations réalisées à Noël avec des écoles.</p>';
  const latin1 = `<html><head><meta charset="iso-8859-1"><title>Saison théâtrale à Évreux</title></head><body><article>${body}${body.replace('douze', 'quinze')}</article></body></html>`;
  const doc1 = extractArticle(Buffer.from(latin1, 'latin1'));
  assert.equal(doc1.meta.title, 'Saison théâtrale à Évreux');
  assert.ok(doc1.text.includes('Le théâtre municipal présente cette saison douze spectacles'));

  const cp1252 = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><title>Prix</title></head><body><div class="content"><p>Le billet coûte désormais 12 € au lieu de 10 €, une hausse jugée « raisonnable » par l’association.</p><p>Les abonnés bénéficient d’une réduction de 20 % sur l’ensemble des spectacles de la saison prochaine.</p></div></body></html>`;
  const bytes = Buffer.from(new TextEncoder().encode(cp1252));
  // Re-encode as windows-1252: € is 0x80, ’ is 0x92, non-ASCII Latin-1 letters keep their code.
  const out: number[] = [];
  for (const ch of cp1252) {
    const c = ch.codePointAt(0)!;
    if (c === 0x20ac) out.push(0x80);
    else if (c === 0x2019) out.push(0x92);
    else if (c < 256) out.push(c);
    else throw new Error(`no windows-1252 byte for ${ch}`);
  }
  assert.ok(bytes.length > out.length);
  const doc2 = extractArticle(Buffer.from(out));
  assert.ok(doc2.text.includes('Le billet coûte désormais 12 € au lieu de 10 €'), doc2.text);
  assert.ok(doc2.text.includes('l’association'));
});

test('HTML: bylines and dates set aside, look-alike sentences kept', () => {
  const html = `<html lang="fr"><head><title>Crue de la Seine</title></head><body><article>
    <h1>Crue de la Seine</h1>
    <p>Par Jeanne Martin et Paul Durand</p>
    <p>Publié le 3 février 2024 à 10 h 12</p>
    <p>La Seine a dépassé mardi la cote d'alerte à Paris, où plusieurs quais ont été fermés à la circulation.</p>
    <p>De nombreux habitants sont venus, malgré la pluie.</p>
    <p>Par endroits, l'eau a atteint les premières marches des escaliers qui descendent vers les berges.</p>
  </article></body></html>`;
  const doc = extractArticle(html);
  assert.ok(doc.text.includes('De nombreux habitants sont venus, malgré la pluie.'));
  assert.ok(doc.text.includes("Par endroits, l'eau a atteint"));
  assert.ok(!doc.text.includes('Jeanne Martin') && !doc.text.includes('Publié le'));
  assert.deepEqual(doc.boilerplate.map((b) => b.reason).sort(), ['duplicate-title', 'metadata', 'metadata']);
  assert.deepEqual(doc.meta.authors, ['Jeanne Martin', 'Paul Durand']);
  assert.equal(doc.meta.lang, 'fr');
});

test('gzip input is accepted', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-extract-'));
  try {
    const file = join(dir, 'page.html.gz');
    writeFileSync(file, gzipSync(readFileSync(fixture('article-fr.html'))));
    const doc = readArticle(file);
    assert.equal(doc.meta.title, 'La ville de Brionne rouvre sa médiathèque après deux ans de travaux');
    assert.ok(doc.text.includes('Les horaires sont élargis'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('plain text sample: headline collapsed, dek, footer set aside, body intact', () => {
  const raw = readFileSync(sample, 'utf8');
  const doc = readArticle(sample);
  assert.equal(doc.meta.source, 'text');
  assert.equal(doc.text, raw, 'text is the file exactly as read');
  checkOffsets(doc);
  for (const b of doc.boilerplate) assert.equal(doc.text.slice(b.start!, b.end!), b.text);

  assert.equal(doc.meta.title, 'Les États-Unis dément leur rôle dans le soulèvement au Kazakhstan');
  assert.equal(doc.paragraphs[0].kind, 'title');
  assert.ok(doc.meta.dek?.startsWith('La Maison Blanche déclare que les « affirmations folles de la Russie »'));
  assert.equal(doc.paragraphs[1].kind, 'dek');
  assert.equal(doc.meta.lang, 'fr');

  const reasons = doc.boilerplate.map((b) => b.reason);
  assert.equal(reasons[0], 'duplicate-title');
  assert.equal(doc.boilerplate[0].text, doc.meta.title);
  const footer = doc.boilerplate.slice(1);
  const byText = (s: string) => footer.find((b) => b.text.includes(s))?.reason;
  assert.equal(byText('Partagez-le avec un ami'), 'share-appeal');
  assert.equal(byText("lire l’article original ici"), 'original-link');
  assert.equal(byText('ma newsletter gratuite'), 'newsletter-appeal');
  assert.equal(byText('via Paypal'), 'donation-appeal');
  assert.equal(byText('Votre soutien est essentiel'), 'donation-appeal');
  assert.equal(footer.filter((b) => b.reason === 'separator').length, 2);
  assert.equal(footer.length, 7);

  // Every body paragraph of the file is kept, whole.
  const body = texts(doc, 'body');
  assert.equal(body.length, 8);
  assert.ok(body[0].startsWith('La porte-parole du président Joe Biden a nié'));
  assert.ok(body[7].endsWith("l'absence de nouvelle expansion vers l'est."));
  const main = mainText(doc);
  assert.ok(!main.includes('Partagez-le') && !main.includes('****') && !main.includes('Paypal'));
  assert.equal(main.split('Les États-Unis dément leur rôle').length, 2);
});

test('plain text: one paragraph per line, byline, English appeals', () => {
  const raw = [
    'Council approves new cycle lanes',
    'By Sarah Collins',
    'The city council voted on Tuesday to build twelve kilometres of protected cycle lanes by 2026.',
    'Work on the first section, along the river, is due to start in the spring.',
    'Enjoyed this story? Share it with your friends!',
    'Sign up for our newsletter to get the latest news in your inbox.',
  ].join('\r\n');
  const doc = extractArticle(raw);
  checkOffsets(doc);
  assert.equal(doc.text, raw);
  assert.equal(doc.meta.title, 'Council approves new cycle lanes');
  assert.deepEqual(doc.meta.authors, ['Sarah Collins']);
  assert.equal(texts(doc, 'body').length, 2);
  assert.deepEqual(doc.boilerplate.map((b) => b.reason), ['byline', 'share-appeal', 'newsletter-appeal']);
  assert.equal(doc.meta.lang, 'en');
});

test('plain text: a closing quote addressed to "vous" stays in the body', () => {
  const raw = [
    'Grève des enseignants : la mobilisation se poursuit',
    "Les syndicats ont appelé à une nouvelle journée de grève jeudi, la troisième depuis la rentrée.",
    "Le ministre a proposé une revalorisation de 3 %, jugée insuffisante par les représentants du personnel.",
    "« Vous ne pouvez pas demander toujours plus aux enseignants sans leur donner les moyens », a lancé une syndicaliste.",
    '',
  ].join('\n\n');
  const doc = extractArticle(raw);
  assert.equal(texts(doc, 'body').length, 3);
  assert.deepEqual(doc.boilerplate, []);
});

test('format detection', () => {
  assert.equal(looksLikeHtml('<!doctype html><html><body><p>x</p></body></html>'), true);
  assert.equal(looksLikeHtml('  <div class="a"><p>Bonjour</p></div>'), true);
  assert.equal(looksLikeHtml('Un titre\n\nUn texte qui parle de la balise <b> en HTML.'), false);
  const doc = extractArticle('Titre\n\nUn texte qui parle de la balise <p> en HTML, sans en être.');
  assert.equal(doc.meta.source, 'text');
});

test('language identification: French, English, other', () => {
  const fr = identifyLanguage("Le gouvernement a annoncé mardi une série de mesures pour soutenir les agriculteurs touchés par la sécheresse de l'été.");
  assert.equal(fr.lang, 'fr');
  assert.ok(fr.confidence > 0.6);
  const en = identifyLanguage('The government announced on Tuesday a series of measures to support farmers hit by the summer drought.');
  assert.equal(en.lang, 'en');
  assert.ok(en.confidence > 0.6);
  for (const other of [
    'Die Regierung hat am Dienstag eine Reihe von Maßnahmen angekündigt, um die von der Dürre betroffenen Landwirte zu unterstützen.',
    'El gobierno anunció el martes una serie de medidas para apoyar a los agricultores afectados por la sequía del verano.',
    'Il governo ha annunciato martedì una serie di misure per sostenere gli agricoltori colpiti dalla siccità estiva.',
  ]) {
    assert.equal(identifyLanguage(other).lang, 'other', other);
  }
  assert.equal(identifyLanguage('').lang, 'other');
});

test('JSON output has a stable key order', () => {
  const doc = readArticle(sample);
  const json = documentToJson(doc);
  const parsed = JSON.parse(json);
  assert.deepEqual(Object.keys(parsed), ['version', 'text', 'meta', 'paragraphs', 'boilerplate', 'stages']);
  assert.deepEqual(Object.keys(parsed.meta), ['title', 'dek', 'authors', 'date', 'siteName', 'url', 'lang', 'langConfidence', 'source']);
  assert.deepEqual(Object.keys(parsed.paragraphs[0]), ['kind', 'start', 'end']);
  assert.deepEqual(Object.keys(parsed.boilerplate[0]), ['text', 'reason', 'start', 'end']);
  assert.equal(documentToJson(readArticle(sample)), json);
});

test('authors: persons only, fewer rather than wrong', () => {
  assert.deepEqual(cleanAuthors(['By Jane Doe and John Smith'], null), ['Jane Doe', 'John Smith']);
  assert.deepEqual(cleanAuthors(['Senior Reporter'], null), []);
  assert.deepEqual(cleanAuthors(['Le Courrier du Val'], 'Le Courrier du Val'), []);
  assert.deepEqual(cleanAuthors(['AFP'], null), []);
  assert.deepEqual(cleanAuthors(['Par Jean de La Fontaine | Journaliste'], null), ['Jean de La Fontaine']);
  assert.deepEqual(cleanAuthors(['https://example.com/author/jane'], null), []);
});

test('dates are normalised to ISO 8601', () => {
  assert.equal(normaliseDate('2024-03-15T08:30:00+0100'), '2024-03-15T08:30:00+01:00');
  assert.equal(normaliseDate('15 mars 2024'), '2024-03-15');
  assert.equal(normaliseDate('March 15, 2024'), '2024-03-15');
  assert.equal(normaliseDate('15/03/2024'), '2024-03-15');
});

test('bad HTML gives a best-effort result, never an exception', () => {
  const broken = '<html><body><div><p>Un paragraphe mal fermé avec <b>du gras <i>et de l\'italique</p></b></div></span></table><td>cellule<tr><p>Encore du texte qui continue ici, assez long pour compter comme un vrai paragraphe.</html></html><!-- commentaire non fermé';
  const doc = extractArticle(broken, { format: 'html' });
  assert.ok(doc.text.includes('Encore du texte qui continue ici'));
  const deep = '<div>'.repeat(100_000) + '<p>Le texte tout au fond de cent mille niveaux d\'imbrication est quand même retrouvé.</p>' + '</div>'.repeat(100_000);
  const warnings: string[] = [];
  const doc2 = extractArticle(deep, { format: 'html', onWarning: (w) => warnings.push(w) });
  assert.ok(doc2.text.includes('cent mille niveaux'));
});
