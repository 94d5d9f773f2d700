import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Lang } from '../document.js';
import type { InputFormat } from '../extract/index.js';
import { MAX_INPUT_BYTES, readInputBytes } from '../io/read.js';
import { sha256 } from '../store/records.js';
import type { AnalyzeRequest } from './work.js';

/**
 * The inputs of `vigie ingest`: files, folders (recursive), .gz files, and JSONL files with one
 * article per line ({"url"?, "html"? | "text"?, "title"?, "date"?, "site"?, "lang"?, "authors"?}).
 * Each becomes an item with a stable source name and a hash of its raw content, so a re-run
 * can skip what is already stored before doing any work.
 */
export type IngestItem =
  | { ok: true; source: string; sourceHash: string; req: AnalyzeRequest; bytes: number }
  | { ok: false; source: string; sourceHash: string | null; error: string };

/** File names a folder walk picks up (a file named on the command line is always read). */
const ARTICLE_EXT = /\.(html?|xhtml|shtml|txt|text|md|jsonl|ndjson)(\.gz)?$/i;
const JSONL_EXT = /\.(jsonl|ndjson)(\.gz)?$/i;

export function isJsonl(path: string): boolean {
  return JSONL_EXT.test(path);
}

function formatOf(path: string): InputFormat {
  if (/\.(html?|xhtml|shtml)(\.gz)?$/i.test(path)) return 'html';
  if (/\.(txt|text|md)(\.gz)?$/i.test(path)) return 'text';
  return 'auto';
}

/** Expands the command-line paths into files, in a stable order; unreadable paths are items with errors. */
export function* expandPaths(paths: string[]): Generator<{ path: string } | { path: string; error: string }> {
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      yield { path: p, error: code === 'ENOENT' ? `${p}: no such file or folder` : `${p}: cannot read (${code})` };
      continue;
    }
    if (st.isDirectory()) yield* walk(p);
    else yield { path: p };
  }
}

function* walk(dir: string): Generator<{ path: string } | { path: string; error: string }> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    yield { path: dir, error: `${dir}: cannot list folder (${(err as NodeJS.ErrnoException).code})` };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) yield* walk(full);
    else if (e.isFile() && ARTICLE_EXT.test(e.name)) yield { path: full };
  }
}

interface JsonlRecord {
  url?: unknown;
  html?: unknown;
  text?: unknown;
  title?: unknown;
  date?: unknown;
  site?: unknown;
  siteName?: unknown;
  lang?: unknown;
  authors?: unknown;
}

const optStr = (v: unknown): string | null => (typeof v === 'string' && v.length ? v : null);

/** Turns one parsed JSONL record into an analysis request, or an error message. */
export function recordToRequest(rec: unknown, source: string, defaults: { lang?: Lang | 'auto' }): AnalyzeRequest | string {
  if (!rec || typeof rec !== 'object' || Array.isArray(rec)) return 'line is not a JSON object';
  const r = rec as JsonlRecord;
  const html = optStr(r.html);
  const text = optStr(r.text);
  if (html === null && text === null) return 'record has neither "html" nor "text"';
  const lang = r.lang === 'fr' || r.lang === 'en' ? r.lang : defaults.lang;
  const authors = Array.isArray(r.authors) ? r.authors.filter((a): a is string => typeof a === 'string') : undefined;
  return {
    content: html ?? text!,
    format: html !== null ? 'html' : 'text',
    url: optStr(r.url),
    source,
    lang,
    meta: {
      title: optStr(r.title),
      date: optStr(r.date),
      siteName: optStr(r.site) ?? optStr(r.siteName),
      authors,
    },
  };
}

/** Stable JSON (sorted keys) so the same record always hashes the same. */
export function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(stableStringify).join(',') + ']';
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return '{' + Object.keys(o).sort().map((k) => JSON.stringify(k) + ':' + stableStringify(o[k])).join(',') + '}';
  }
  return JSON.stringify(v) ?? 'null';
}

function lines(path: string): AsyncIterable<string> {
  const raw = createReadStream(path);
  const stream = /\.gz$/i.test(path) ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (err) => stream.destroy(err));
  return createInterface({ input: stream, crlfDelay: Infinity });
}

export interface ItemOptions {
  format?: InputFormat;
  lang?: Lang | 'auto';
  annotate?: boolean;
}

/** Every item of the given paths, one at a time (JSONL files are streamed line by line). */
export async function* enumerateItems(paths: string[], opts: ItemOptions = {}): AsyncGenerator<IngestItem> {
  for (const entry of expandPaths(paths)) {
    const source = resolve(entry.path);
    if ('error' in entry) {
      yield { ok: false, source, sourceHash: null, error: entry.error };
      continue;
    }
    if (isJsonl(entry.path)) {
      let n = 0;
      try {
        for await (const line of lines(entry.path)) {
          n++;
          if (!line.trim()) continue;
          const src = `${source}#L${n}`;
          if (line.length > MAX_INPUT_BYTES) {
            yield { ok: false, source: src, sourceHash: null, error: `${src}: line longer than ${MAX_INPUT_BYTES} characters` };
            continue;
          }
          let rec: unknown;
          try {
            rec = JSON.parse(line);
          } catch (err) {
            yield { ok: false, source: src, sourceHash: sha256(line), error: `${src}: invalid JSON (${(err as Error).message})` };
            continue;
          }
          const sourceHash = sha256(stableStringify(rec));
          const req = recordToRequest(rec, src, { lang: opts.lang });
          if (typeof req === 'string') yield { ok: false, source: src, sourceHash, error: `${src}: ${req}` };
          else yield { ok: true, source: src, sourceHash, req: { ...req, annotate: opts.annotate }, bytes: line.length };
        }
      } catch (err) {
        yield { ok: false, source: `${source}#L${n + 1}`, sourceHash: null, error: `${entry.path}: cannot read (${(err as Error).message})` };
      }
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = readInputBytes(entry.path);
    } catch (err) {
      yield { ok: false, source, sourceHash: null, error: (err as Error).message };
      continue;
    }
    yield {
      ok: true,
      source,
      sourceHash: sha256(bytes),
      req: {
        bytes,
        format: opts.format && opts.format !== 'auto' ? opts.format : formatOf(entry.path),
        source: entry.path,
        lang: opts.lang,
        annotate: opts.annotate,
      },
      bytes: bytes.length,
    };
  }
}

/** Counts the items of the paths without reading articles (for the progress bar's ETA). */
export async function countItems(paths: string[]): Promise<number> {
  let n = 0;
  for (const entry of expandPaths(paths)) {
    if ('error' in entry || !isJsonl(entry.path)) {
      n++;
      continue;
    }
    try {
      for await (const line of lines(entry.path)) if (line.trim()) n++;
    } catch {
      n++;
    }
  }
  return n;
}
