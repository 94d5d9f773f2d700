/** Claims (accuse / deny / assert) and the link from a denial to the claim it denies, on texts written for these tests. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stageClaims } from './quote-helpers.js';

describe('claims', () => {
  test('a French accusation and the denial that answers it', () => {
    const claims = stageClaims(
      [
        'Le ministre de l’Intérieur accuse le syndicat d’avoir organisé les blocages du port.',
        'Le syndicat a démenti toute implication dans les blocages du port.',
      ].join('\n\n'),
      'fr',
    );
    const accuse = claims.findIndex((c) => c.stance === 'accuse');
    assert.ok(accuse >= 0, JSON.stringify(claims));
    assert.equal(claims[accuse].content.text, 'avoir organisé les blocages du port');
    assert.equal(claims[accuse].target, 'syndicat');
    assert.match(claims[accuse].claimant!, /ministre de l’Intérieur/);
    const deny = claims.find((c) => c.stance === 'deny');
    assert.ok(deny, JSON.stringify(claims));
    assert.equal(deny.content.text, 'toute implication dans les blocages du port');
    assert.equal(deny.claimant, 'syndicat');
    assert.equal(deny.denies, accuse);
  });

  test('a denial of "claims that …" reported in the same sentence', () => {
    const claims = stageClaims('The White House said the Russian claims that the United States was behind the riots were “completely false”.', 'en');
    const accuse = claims.findIndex((c) => c.content.text === 'the United States was behind the riots');
    assert.ok(accuse >= 0, JSON.stringify(claims));
    assert.equal(claims[accuse].stance, 'accuse');
    assert.equal(claims[accuse].claimant, 'Russia');
    const deny = claims.find((c) => c.stance === 'deny');
    assert.ok(deny, JSON.stringify(claims));
    assert.equal(deny.claimant, 'White House');
    assert.equal(deny.denies, accuse);
  });

  test('an English denial and the accusation it answers', () => {
    const claims = stageClaims(
      ['Critics accused the governor of ordering the audit to punish the mayor.', 'The governor denied that his office had ordered the audit.'].join('\n\n'),
      'en',
    );
    const accuse = claims.findIndex((c) => c.stance === 'accuse');
    const deny = claims.find((c) => c.stance === 'deny');
    assert.ok(accuse >= 0 && deny, JSON.stringify(claims));
    assert.equal(claims[accuse].content.text, 'ordering the audit to punish the mayor');
    assert.equal(claims[accuse].target, 'governor');
    assert.equal(deny.content.text, 'his office had ordered the audit');
    assert.equal(deny.denies, accuse);
  });

  test('"c’est faux" in a quote denies the claim quoted before it', () => {
    const claims = stageClaims('« Certains affirment que nous avons caché les chiffres. C’est faux », a déclaré la directrice, Anne Roux.', 'fr');
    const deny = claims.find((c) => c.stance === 'deny');
    assert.ok(deny, JSON.stringify(claims));
    assert.equal(deny.content.text, 'C’est faux');
    assert.equal(deny.claimant, 'Anne Roux');
    assert.notEqual(deny.denies, null);
    assert.match(claims[deny.denies!].content.text, /caché les chiffres/);
  });
});
