import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { VigieError } from '../errors.js';

/** Largest input read from disk or stdin; bigger inputs are refused rather than exhausting memory. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;
/** Largest size a gzip input may expand to. */
export const MAX_GUNZIP_BYTES = 256 * 1024 * 1024;

/** Reads a file (or "-" for stdin) as bytes, gunzipping it when it starts with the gzip magic. */
export function readInputBytes(path: string): Buffer {
  let bytes: Buffer;
  if (path === '-') {
    try {
      bytes = readFileSync(0);
    } catch (err) {
      throw new VigieError(`cannot read standard input: ${(err as Error).message}`);
    }
  } else {
    let size: number;
    try {
      const st = statSync(path);
      if (st.isDirectory()) throw new VigieError(`${path}: is a directory, not a file`);
      if (!st.isFile()) throw new VigieError(`${path}: not a regular file`);
      size = st.size;
    } catch (err) {
      if (err instanceof VigieError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new VigieError(`${path}: no such file`);
      if (code === 'EACCES') throw new VigieError(`${path}: permission denied`);
      throw new VigieError(`${path}: cannot read (${code ?? (err as Error).message})`);
    }
    if (size > MAX_INPUT_BYTES) {
      throw new VigieError(`${path}: file is ${size} bytes, more than the ${MAX_INPUT_BYTES}-byte limit`);
    }
    try {
      bytes = readFileSync(path);
    } catch (err) {
      throw new VigieError(`${path}: cannot read (${(err as Error).message})`);
    }
  }
  if (bytes.length > MAX_INPUT_BYTES) {
    throw new VigieError(`${path}: input is more than the ${MAX_INPUT_BYTES}-byte limit`);
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_GUNZIP_BYTES });
    } catch (err) {
      throw new VigieError(`${path}: broken or oversized gzip data (${(err as Error).message})`);
    }
  }
  return bytes;
}

/** True when the bytes look like binary data rather than text (NUL bytes or many control bytes). */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.1;
}

/**
 * Decodes UTF-8 text, replacing invalid sequences with U+FFFD, and reports whether any were found
 * so callers can warn instead of silently changing the text. A leading BOM is kept out of the text.
 */
export function decodeUtf8(bytes: Uint8Array): { text: string; invalid: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), invalid: false };
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), invalid: true };
  }
}
