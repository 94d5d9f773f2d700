/** The shared learning pieces: model files, feature hashing, the averaged perceptron. */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  argmax,
  decodeModel,
  encodeModel,
  FeatureBuffer,
  hashCombine,
  hashInts,
  hashString,
  loadModel,
  Perceptron,
  PerceptronTrainer,
  saveModel,
  type ModelData,
} from '../src/learn/index.js';
import { VigieError } from '../src/errors.js';

function sampleModel(): ModelData<{ labels: string[]; epochs: number; note: string }> {
  return {
    kind: 'tagger',
    version: 3,
    meta: { labels: ['NOUN', 'VERB', 'ADP'], epochs: 5, note: 'données « test » ✓' },
    arrays: {
      f32: Float32Array.from([0.5, -1.25, 3e-8]),
      f64: Float64Array.from([Math.PI, -0, 1e300]),
      i32: Int32Array.from([-1, 0, 2147483647]),
      u32: Uint32Array.from([0, 4294967295]),
      i16: Int16Array.from([-32768, 7]),
      u16: Uint16Array.from([65535]),
      i8: Int8Array.from([-128, 1, 2]),
      u8: Uint8Array.from([1, 2, 3, 4, 5]),
      empty: new Float32Array(0),
    },
  };
}

function expectError(fn: () => unknown, message: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof VigieError, String(err));
    assert.match(err.message, message);
    return true;
  });
}

describe('model files', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-learn-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('encode/decode keeps kind, version, meta and every typed array with its type', () => {
    const model = sampleModel();
    const decoded = decodeModel<typeof model.meta>(encodeModel(model), 'tagger');
    assert.equal(decoded.kind, 'tagger');
    assert.equal(decoded.version, 3);
    assert.deepEqual(decoded.meta, model.meta);
    assert.deepEqual(Object.keys(decoded.arrays), Object.keys(model.arrays));
    for (const [name, a] of Object.entries(model.arrays)) {
      assert.equal(decoded.arrays[name].constructor, a.constructor, name);
      assert.deepEqual(decoded.arrays[name], a, name);
    }
    assert.ok(Object.is(decoded.arrays.f64[1], -0));
  });

  test('arrays start on 8-byte boundaries, whatever the buffer they are decoded from', () => {
    const bytes = encodeModel(sampleModel());
    // A Buffer at an odd offset inside a larger ArrayBuffer.
    const shifted = Buffer.alloc(bytes.length + 3);
    bytes.copy(shifted, 3);
    const decoded = decodeModel(shifted.subarray(3), 'tagger');
    for (const a of Object.values(decoded.arrays)) assert.equal(a.byteOffset % 8, 0);
    assert.deepEqual(decoded.arrays.f64, sampleModel().arrays.f64);
  });

  test('save and load through a file', () => {
    const path = join(dir, 'sub', 'tagger.bin');
    saveModel(path, sampleModel());
    const loaded = loadModel(path, 'tagger');
    assert.deepEqual(loaded.arrays.i32, sampleModel().arrays.i32);
  });

  test('a model of another kind is refused', () => {
    expectError(() => decodeModel(encodeModel(sampleModel()), 'parser', 'm.bin'), /^m\.bin: is a tagger model, expected parser$/);
  });

  test('a truncated file is refused', () => {
    const bytes = encodeModel(sampleModel());
    expectError(() => decodeModel(bytes.subarray(0, bytes.length - 9), 'tagger', 'm.bin'), /^m\.bin: truncated model file$/);
    expectError(() => decodeModel(bytes.subarray(0, 40), 'tagger', 'm.bin'), /^m\.bin: truncated model file$/);
    expectError(() => decodeModel(bytes.subarray(0, 10), 'tagger', 'm.bin'), /^m\.bin: not a vigie model file$/);
  });

  test('other files and other format versions are refused', () => {
    expectError(() => decodeModel(Buffer.from('PK\u0003\u0004 this is a zip file, not a model'), 'tagger', 'x.zip'), /^x\.zip: not a vigie model file$/);
    const bytes = Buffer.from(encodeModel(sampleModel()));
    bytes.writeUInt32LE(99, 8);
    expectError(() => decodeModel(bytes, 'tagger', 'm.bin'), /model file format 99 is not supported/);
    const corrupt = Buffer.from(encodeModel(sampleModel()));
    corrupt.write('{{{{', 16, 'latin1');
    expectError(() => decodeModel(corrupt, 'tagger', 'm.bin'), /corrupt model header/);
  });

  test('a missing file is refused with its path', () => {
    expectError(() => loadModel(join(dir, 'none.bin'), 'tagger'), /cannot read model .*none\.bin: ENOENT/);
  });
});

describe('feature hashing', () => {
  test('hashes are stable 32-bit unsigned values that depend on the template', () => {
    assert.equal(hashString(1, 'maire'), hashString(1, 'maire'));
    assert.notEqual(hashString(1, 'maire'), hashString(2, 'maire'));
    assert.notEqual(hashString(1, 'maire'), hashString(1, 'mairE'));
    assert.notEqual(hashInts(3, 1, 2), hashInts(3, 2, 1));
    assert.notEqual(hashInts(3, 1), hashInts(4, 1));
    assert.notEqual(hashCombine(5, hashString(1, 'a'), 1), hashCombine(5, hashString(1, 'a'), 2));
    for (const h of [hashString(0, ''), hashInts(0, -1, -1, -1), hashCombine(9, 0xffffffff)]) {
      assert.ok(Number.isInteger(h) && h >= 0 && h <= 0xffffffff, String(h));
    }
  });

  test('the feature buffer grows and clears', () => {
    const b = new FeatureBuffer(2);
    for (let i = 0; i < 100; i++) b.push(i * 7);
    assert.equal(b.length, 100);
    assert.equal(b.values[99], 693);
    b.clear();
    assert.equal(b.length, 0);
  });
});

describe('averaged perceptron', () => {
  // A separable problem: each example has one feature telling its class among a few noise features.
  const CLASSES = 4;
  function examples(seed: number, n: number): { features: Uint32Array; label: number }[] {
    let s = seed;
    const next = (): number => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s / 4294967296;
    };
    const out: { features: Uint32Array; label: number }[] = [];
    for (let i = 0; i < n; i++) {
      const label = Math.floor(next() * CLASSES);
      const features = new Uint32Array(5);
      features[0] = hashInts(1, label, Math.floor(next() * 3)); // one of three cues for the label
      for (let k = 1; k < 5; k++) features[k] = hashInts(2, Math.floor(next() * 50)); // noise
      out.push({ features, label });
    }
    return out;
  }

  function train(data: { features: Uint32Array; label: number }[]): PerceptronTrainer {
    const trainer = new PerceptronTrainer(CLASSES, 4); // tiny initial size: the trainer must grow
    const scores = new Float64Array(CLASSES);
    for (let epoch = 0; epoch < 5; epoch++) {
      for (const { features, label } of data) {
        scores.fill(0);
        trainer.score(features, features.length, scores);
        trainer.update(features, features.length, label, argmax(scores));
        trainer.tick();
      }
    }
    return trainer;
  }

  const data = examples(42, 400);

  test('learns a separable problem and predicts it after finishing', () => {
    const model = train(data).finish();
    const scores = new Float32Array(CLASSES);
    let right = 0;
    for (const { features, label } of examples(7, 200)) {
      scores.fill(0);
      model.score(features, features.length, scores);
      if (argmax(scores) === label) right++;
    }
    assert.equal(right, 200);
  });

  test('gives the same scores after toArrays / model file / fromArrays', () => {
    const model = train(data).finish();
    const bytes = encodeModel({ kind: 'test', version: 1, meta: { classes: CLASSES }, arrays: model.toArrays('p') });
    const loaded = Perceptron.fromArrays(CLASSES, decodeModel(bytes, 'test').arrays, 'p');
    assert.equal(loaded.rows, model.rows);
    const a = new Float32Array(CLASSES);
    const b = new Float32Array(CLASSES);
    for (const { features } of examples(9, 200)) {
      a.fill(0);
      b.fill(0);
      model.score(features, features.length, a);
      loaded.score(features, features.length, b);
      assert.deepEqual(b, a);
    }
    assert.equal(loaded.find(hashInts(99, 12345)), -1);
  });

  test('pruning drops small rows and keeps the predictions on this problem', () => {
    const trainer = train(data);
    const full = trainer.finish();
    const pruned = trainer.finish(0.5);
    assert.ok(pruned.rows < full.rows, `${pruned.rows} < ${full.rows}`);
    const scores = new Float32Array(CLASSES);
    for (const { features, label } of examples(11, 100)) {
      scores.fill(0);
      pruned.score(features, features.length, scores);
      assert.equal(argmax(scores), label);
    }
  });

  test('fromArrays refuses a model without the named perceptron', () => {
    assert.throws(() => Perceptron.fromArrays(CLASSES, {}, 'missing'), /no perceptron "missing"/);
  });
});
