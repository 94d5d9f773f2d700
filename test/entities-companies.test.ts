/**
 * The company-name classes of the gazetteer (from @cspell/dict-companies, build-gazetteer.ts) and
 * the NER features built on them: capital rule, phrases across tokens, the ambiguous class kept
 * apart, the capitalised run marked around a company word.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { GAZ_COMPANY, GAZ_COMPANY_AMBIGUOUS, Gazetteer } from '../src/entities/gazetteer.js';
import { prepare } from '../src/entities/features.js';
import { modelPath } from '../src/models.js';

const GAZ = Gazetteer.parse(
  '# vigie gazetteer v2 lang=en\ncompany\tBoeing\t\ncompany\tHewlett-Packard\t\ncompany-ambiguous\tOrange\t\ncity\tOrange\tFR\ncommon\torange\t\n',
);

test('gazetteer: company names need a capital, match across tokens, ambiguous ones kept apart', () => {
  const forms = ['Boeing', 'and', 'Hewlett', '-', 'Packard', 'sell', 'orange', 'boeing', 'Orange'];
  const show = GAZ.matches(forms).map((m) => `${m.start}-${m.end}:${m.cls}`);
  assert.ok(show.includes(`0-1:${GAZ_COMPANY}`), 'Boeing');
  assert.ok(show.includes(`2-5:${GAZ_COMPANY}`), 'Hewlett-Packard split by the tokenizer');
  assert.ok(!show.some((s) => s.startsWith('7-8:')), 'lowercase "boeing" is not the company');
  assert.ok(!show.includes(`6-7:${GAZ_COMPANY_AMBIGUOUS}`), 'lowercase "orange" is not the company');
  assert.ok(show.includes(`8-9:${GAZ_COMPANY_AMBIGUOUS}`), 'Orange: ambiguous company');
  assert.ok(show.includes('8-9:2'), 'Orange: still a city');
  assert.equal(GAZ.get('Boeing')?.bits, GAZ_COMPANY);
});

test('features: a company word marks the capitalised run it is in', () => {
  const p = prepare({ forms: ['Shares', 'of', 'Boeing', 'Capital', 'fell', 'while', 'Orange', 'rose'] }, GAZ, false);
  // "Shares of Boeing Capital" is one run (connector "of"), "Orange" another.
  assert.deepEqual(Array.from(p.runCompany), [1, 1, 1, 1, 0, 0, 2, 0]);
  const none = prepare({ forms: ['Boeing', 'rose'] }, null, false);
  assert.deepEqual(Array.from(none.runCompany), [0, 0]);
});

test('committed gazetteers hold the company classes', () => {
  for (const lang of ['fr', 'en'] as const) {
    const text = readFileSync(modelPath(lang, 'gazetteer.tsv'), 'utf8');
    assert.match(text.split('\n')[0], /^# vigie gazetteer v2 .*@cspell\/dict-companies/);
    const g = Gazetteer.parse(text);
    assert.ok(((g.get('Nasdaq')?.bits ?? 0) & GAZ_COMPANY) !== 0, `${lang}: Nasdaq`);
    assert.ok(((g.get('Shell')?.bits ?? 0) & GAZ_COMPANY_AMBIGUOUS) !== 0, `${lang}: Shell is also a common word`);
    assert.equal((g.get('Gold')?.bits ?? 0) & GAZ_COMPANY, 0, `${lang}: Gold is not a distinctive company name`);
  }
});
