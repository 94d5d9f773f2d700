/**
 * The model file format shared by every trained unit: a small header and raw typed arrays, so a
 * model loads with one read and no parsing of millions of weights.
 *
 *   bytes 0-7   magic "VIGIEMDL"
 *   bytes 8-11  format version (uint32 LE) — this file's layout, not the model's
 *   bytes 12-15 header length H (uint32 LE)
 *   H bytes     UTF-8 JSON header: { kind, version, meta, arrays: [{ name, type, length, offset }] }
 *   then each array's bytes at its offset (from the start of the file, 8-byte aligned), little endian.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { VigieError } from '../errors.js';

const MAGIC = 'VIGIEMDL';
const FORMAT_VERSION = 1;

export type TypedArray = Float32Array | Float64Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;
type ArrayTypeName = 'f32' | 'f64' | 'i32' | 'u32' | 'i16' | 'u16' | 'i8' | 'u8';

const CONSTRUCTORS = {
  f32: Float32Array,
  f64: Float64Array,
  i32: Int32Array,
  u32: Uint32Array,
  i16: Int16Array,
  u16: Uint16Array,
  i8: Int8Array,
  u8: Uint8Array,
} as const;

function typeName(a: TypedArray): ArrayTypeName {
  if (a instanceof Float32Array) return 'f32';
  if (a instanceof Float64Array) return 'f64';
  if (a instanceof Int32Array) return 'i32';
  if (a instanceof Uint32Array) return 'u32';
  if (a instanceof Int16Array) return 'i16';
  if (a instanceof Uint16Array) return 'u16';
  if (a instanceof Int8Array) return 'i8';
  return 'u8';
}

export interface ModelData<M = Record<string, unknown>> {
  /** What the model is, e.g. "tokenizer", "tagger", "parser"; checked on load. */
  kind: string;
  /** The model's own version: bump when features or layout change. */
  version: number;
  /** Small JSON-able data: label lists, hyper-parameters, training figures. */
  meta: M;
  arrays: Record<string, TypedArray>;
}

interface HeaderArray {
  name: string;
  type: ArrayTypeName;
  length: number;
  offset: number;
}

export function encodeModel<M>(model: ModelData<M>): Buffer {
  const names = Object.keys(model.arrays);
  // Offsets depend on the header length, which depends on the offsets: fix the header size first
  // with placeholder offsets padded to a generous width.
  const entries: HeaderArray[] = names.map((name) => ({
    name,
    type: typeName(model.arrays[name]),
    length: model.arrays[name].length,
    offset: 0,
  }));
  const headerFor = (e: HeaderArray[]): Buffer =>
    Buffer.from(JSON.stringify({ kind: model.kind, version: model.version, meta: model.meta, arrays: e }), 'utf8');
  let header = headerFor(entries.map((e) => ({ ...e, offset: 1e15 })));
  const headerLen = header.length;
  let offset = align8(16 + headerLen);
  for (const e of entries) {
    e.offset = offset;
    offset = align8(offset + model.arrays[e.name].byteLength);
  }
  header = headerFor(entries);
  const padded = Buffer.alloc(headerLen, 0x20);
  header.copy(padded);
  const out = Buffer.alloc(offset);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(FORMAT_VERSION, 8);
  out.writeUInt32LE(headerLen, 12);
  padded.copy(out, 16);
  for (const e of entries) {
    const a = model.arrays[e.name];
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, e.offset);
  }
  return out;
}

export function decodeModel<M = Record<string, unknown>>(bytes: Buffer, expectedKind: string, source = '<model>'): ModelData<M> {
  if (bytes.length < 16 || bytes.toString('latin1', 0, 8) !== MAGIC) {
    throw new VigieError(`${source}: not a vigie model file`);
  }
  const fmt = bytes.readUInt32LE(8);
  if (fmt !== FORMAT_VERSION) throw new VigieError(`${source}: model file format ${fmt} is not supported (expected ${FORMAT_VERSION})`);
  const headerLen = bytes.readUInt32LE(12);
  if (16 + headerLen > bytes.length) throw new VigieError(`${source}: truncated model file`);
  let header: { kind: string; version: number; meta: M; arrays: HeaderArray[] };
  try {
    header = JSON.parse(bytes.toString('utf8', 16, 16 + headerLen));
  } catch {
    throw new VigieError(`${source}: corrupt model header`);
  }
  if (header.kind !== expectedKind) throw new VigieError(`${source}: is a ${header.kind} model, expected ${expectedKind}`);
  // Typed-array views need aligned offsets. A file read whole sits at offset 0 of its own buffer
  // (no copy: large models load as views on the bytes read); a small one read from Node's shared
  // pool may not, and is copied into an 8-byte aligned buffer.
  let buffer = bytes.buffer as ArrayBuffer;
  let base = bytes.byteOffset;
  if (base % 8 !== 0) {
    const aligned = new ArrayBuffer(bytes.length);
    new Uint8Array(aligned).set(bytes);
    buffer = aligned;
    base = 0;
  }
  const arrays: Record<string, TypedArray> = {};
  for (const e of header.arrays) {
    const C = CONSTRUCTORS[e.type];
    if (!C || e.offset + e.length * C.BYTES_PER_ELEMENT > bytes.length) throw new VigieError(`${source}: truncated model file`);
    arrays[e.name] = new C(buffer, base + e.offset, e.length);
  }
  return { kind: header.kind, version: header.version, meta: header.meta, arrays };
}

export function saveModel<M>(path: string, model: ModelData<M>): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, encodeModel(model));
}

export function loadModel<M = Record<string, unknown>>(path: string, expectedKind: string): ModelData<M> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new VigieError(`cannot read model ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return decodeModel<M>(bytes, expectedKind, path);
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
