/**
 * English checker rules: subject–verb agreement and a/an, on sentences written for these tests.
 * The pipeline tests run the committed models from raw text; the tree tests give the rules a
 * hand-annotated sentence so that they test the rules alone.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyMeta, type Document, type Flag } from '../src/document.js';
import { parseConllu } from '../src/formats/conllu.js';
import { conlluToDocument } from '../src/formats/document-conllu.js';
import { analyzeDocument } from '../src/pipeline.js';
import { checkEnglish, initialSound, matchCase, RULE_A_AN, RULE_SUBJECT_VERB, thirdPersonS } from '../src/check/english.js';

/** One paragraph per line, annotated by the pipeline up to the parser, then checked. */
async function check(text: string): Promise<{ doc: Document; flags: Flag[] }> {
  const meta = emptyMeta('text');
  meta.lang = 'en';
  meta.langConfidence = 1;
  const paragraphs: Document['paragraphs'] = [];
  let pos = 0;
  for (const line of text.split('\n')) {
    if (line.length) paragraphs.push({ start: pos, end: pos + line.length, kind: 'body' });
    pos += line.length + 1;
  }
  const doc: Document = { version: 1, text, meta, paragraphs, boilerplate: [], stages: [] };
  await analyzeDocument(doc, { lang: 'en', upTo: 'parse' });
  const flags = checkEnglish(doc);
  for (const f of flags) assert.equal(doc.text.slice(f.start, f.end), f.text);
  return { doc, flags };
}

async function assertFlag(sentence: string, word: string, suggestion: string, rule: string): Promise<void> {
  const { flags } = await check(sentence);
  const at = new RegExp(`(?<![\\p{L}])${word}(?![\\p{L}])`, 'u').exec(sentence)!.index;
  const f = flags.find((x) => x.start === at && x.rule === rule);
  assert.ok(f, `no ${rule} flag on "${word}" in "${sentence}": ${JSON.stringify(flags)}`);
  assert.equal(f.text, word);
  assert.equal(f.suggestions[0], suggestion);
  assert.ok(f.message.length > 0);
}

describe('English subject–verb agreement (pipeline)', () => {
  const errors: [string, string, string][] = [
    ['The results shows that the plan works.', 'shows', 'show'],
    ['He go to the office every morning.', 'go', 'goes'],
    ['They was at the station when the train left.', 'was', 'were'],
    ['He were at home all evening.', 'were', 'was'],
    ['The new rules applies to every driver.', 'applies', 'apply'],
    ['My brother have a house near the river.', 'have', 'has'],
    ['The managers is in a meeting.', 'is', 'are'],
    ["She don't like the new office.", "don't", "doesn't"],
    ['There is many reasons to be careful.', 'is', 'are'],
    ['The engineer and the designer disagrees about the schedule.', 'disagrees', 'disagree'],
    ['If she have no car, she takes the bus.', 'have', 'has'],
    ['This message are for the intended recipient only.', 'are', 'is'],
    ['The women was tired after the march.', 'was', 'were'],
  ];
  for (const [sentence, word, fix] of errors) {
    test(`flags "${word}" in "${sentence}"`, () => assertFlag(sentence, word, fix, RULE_SUBJECT_VERB));
  }

  test('clean sentences get no agreement flag', async () => {
    const clean = [
      'The results show that the plan works.',
      'He goes to the office every morning.',
      'If he were rich, he would buy a boat.',
      'I wish it were true.',
      'The committee recommends that he resign.',
      'It is essential that she be told.',
      'The news is good.',
      'The team are playing well this season.',
      'Ten years is a long time.',
      'A lot of people are waiting outside.',
      'The people who live here are friendly.',
      'One of the reasons is the cost.',
      'There are two cats and a dog in the garden.',
      'Neither the manager nor the workers were told.',
      'The United States is a large country.',
      'Each of the students has a book.',
      'Everyone knows the answer.',
      'They said that he has left.',
      'What matters is the result.',
      'He put the book on the table yesterday.',
      'The data is stored on the server.',
      'Buyer beware.',
      'The first and second edition are both out of print.',
    ].join('\n');
    const { flags } = await check(clean);
    assert.deepEqual(
      flags.filter((f) => f.rule === RULE_SUBJECT_VERB).map((f) => f.text),
      [],
    );
  });
});

describe('English a/an (pipeline)', () => {
  const errors: [string, string, string][] = [
    ['She waited for a hour.', 'a', 'an'],
    ['He studied at an university in Ohio.', 'an', 'a'],
    ['It was a interesting idea.', 'a', 'an'],
    ['He met a FBI agent.', 'a', 'an'],
    ['She has a MBA from a good school.', 'a', 'an'],
    ['It was an one-off payment.', 'an', 'a'],
    ['A apple fell from the tree.', 'A', 'An'],
    ['They offered an European passport.', 'an', 'a'],
  ];
  for (const [sentence, word, fix] of errors) {
    test(`flags "${word}" in "${sentence}"`, () => assertFlag(sentence, word, fix, RULE_A_AN));
  }

  test('clean sentences get no a/an flag', async () => {
    const clean = [
      'She waited for an hour.',
      'He studied at a university in Ohio.',
      'An FBI agent met a NATO official.',
      'She has an MBA and a one-year contract.',
      'It was an honest mistake and a unique chance.',
      'He wore a T-shirt and carried an X-ray.',
      'It took an 18-hour flight and a 10-hour drive.',
      'We need a user guide and an umbrella.',
      'It is a historic day, some say an historic day.',
      'A European leader bought an iPhone.',
    ].join('\n');
    const { flags } = await check(clean);
    assert.deepEqual(
      flags.filter((f) => f.rule === RULE_A_AN).map((f) => f.text),
      [],
    );
  });
});

describe('English rules on hand-annotated trees', () => {
  // "The reports says it." with gold annotation: the rule alone, whatever the models do.
  const conllu = [
    '# text = The reports says it.',
    '1\tThe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t2\tdet\t_\t_',
    '2\treports\treport\tNOUN\tNNS\tNumber=Plur\t3\tnsubj\t_\t_',
    '3\tsays\tsay\tVERB\tVBZ\tMood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin\t0\troot\t_\t_',
    '4\tit\tit\tPRON\tPRP\tCase=Acc|Gender=Neut|Number=Sing|Person=3|PronType=Prs\t3\tobj\t_\tSpaceAfter=No',
    '5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_',
    '',
    '# text = A man who know the city is here.',
    '1\tA\ta\tDET\tDT\tDefinite=Ind|PronType=Art\t2\tdet\t_\t_',
    '2\tman\tman\tNOUN\tNN\tNumber=Sing\t8\tnsubj\t_\t_',
    '3\twho\twho\tPRON\tWP\tPronType=Rel\t4\tnsubj\t_\t_',
    '4\tknow\tknow\tVERB\tVBP\tMood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin\t2\tacl:relcl\t_\t_',
    '5\tthe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t6\tdet\t_\t_',
    '6\tcity\tcity\tNOUN\tNN\tNumber=Sing\t4\tobj\t_\t_',
    '7\tis\tbe\tAUX\tVBZ\tMood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin\t8\tcop\t_\t_',
    '8\there\there\tADV\tRB\tPronType=Dem\t0\troot\t_\tSpaceAfter=No',
    '9\t.\t.\tPUNCT\t.\t_\t8\tpunct\t_\t_',
    '',
  ].join('\n');

  test('plural noun + -s verb, relative pronoun taking its antecedent', () => {
    const doc = conlluToDocument(parseConllu(conllu), 'en', true);
    const flags = checkEnglish(doc);
    assert.deepEqual(
      flags.map((f) => [f.rule, f.text, f.suggestions[0]]),
      [
        [RULE_SUBJECT_VERB, 'says', 'say'],
        [RULE_SUBJECT_VERB, 'know', 'knows'],
      ],
    );
  });
});

describe('English helpers', () => {
  test('initial sounds from spelling', () => {
    const cases: [string, string][] = [
      ['hour', 'vowel'],
      ['honest', 'vowel'],
      ['house', 'consonant'],
      ['university', 'consonant'],
      ['umbrella', 'vowel'],
      ['unusual', 'vowel'],
      ['user', 'consonant'],
      ['one-off', 'consonant'],
      ['onerous', 'vowel'],
      ['euro', 'consonant'],
      ['FBI', 'vowel'],
      ['MBA', 'vowel'],
      ['UN', 'consonant'],
      ['NASA', 'consonant'],
      ['U.S.', 'consonant'],
      ['X-ray', 'vowel'],
      ['8', 'vowel'],
      ['11-year-old', 'vowel'],
      ['18th', 'vowel'],
      ['100', 'consonant'],
      ['1800s', 'either'],
      ['herb', 'either'],
    ];
    for (const [word, sound] of cases) assert.equal(initialSound(word), sound, word);
  });

  test('third person -s and case', () => {
    assert.deepEqual(['go', 'watch', 'try', 'play', 'say'].map(thirdPersonS), ['goes', 'watches', 'tries', 'plays', 'says']);
    assert.equal(matchCase('Shows', 'show'), 'Show');
    assert.equal(matchCase('IS', 'are'), 'ARE');
    assert.equal(matchCase('an', 'a'), 'a');
  });
});
