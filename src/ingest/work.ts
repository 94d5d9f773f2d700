import type { Document, Lang } from '../document.js';
import { VigieError } from '../errors.js';
import { extractArticle, type InputFormat } from '../extract/index.js';
import { analyzeDocument } from '../pipeline.js';

/**
 * One unit of work for a worker thread: raw input in, annotated Document out. The same code
 * serves `vigie ingest` and the server's POST /analyze and POST /articles.
 */
export interface AnalyzeRequest {
  /** Raw bytes (already gunzipped); or `content`, already decoded text. */
  bytes?: Uint8Array;
  content?: string;
  format?: InputFormat;
  /** URL of the article, metadata only: it is never fetched. */
  url?: string | null;
  /** Name used in messages (a path, "path#L3", "request"). */
  source?: string;
  lang?: Lang | 'auto';
  /** Run the annotation stages (default true); false stores the extraction only. */
  annotate?: boolean;
  /** Metadata given alongside the article (JSONL fields, API fields); wins over what is extracted. */
  meta?: { title?: string | null; date?: string | null; siteName?: string | null; authors?: string[] };
}

export type AnalyzeResponse = { ok: true; doc: Document; warnings: string[] } | { ok: false; error: string };

/** Runs extraction and every registered annotation stage. Never throws: errors come back as data. */
export async function analyzeRequest(req: AnalyzeRequest): Promise<AnalyzeResponse> {
  const warnings: string[] = [];
  try {
    const input = req.bytes ?? req.content;
    if (input === undefined) return { ok: false, error: `${req.source ?? 'input'}: no content` };
    const doc = extractArticle(input, {
      url: req.url ?? null,
      format: req.format ?? 'auto',
      source: req.source,
      onWarning: (w) => warnings.push(w),
    });
    if (!/[\p{L}\p{N}]/u.test(doc.text)) {
      return { ok: false, error: `${req.source ?? 'input'}: no article text found` };
    }
    if (req.url) doc.meta.url = req.url;
    const m = req.meta;
    if (m) {
      if (m.title) doc.meta.title = m.title;
      if (m.date) doc.meta.date = m.date;
      if (m.siteName) doc.meta.siteName = m.siteName;
      if (m.authors && m.authors.length) doc.meta.authors = m.authors;
    }
    if (req.lang === 'fr' || req.lang === 'en') {
      doc.meta.lang = req.lang;
      doc.meta.langConfidence = 1;
    }
    if (req.annotate !== false) await analyzeDocument(doc, { lang: req.lang ?? 'auto' });
    return { ok: true, doc, warnings };
  } catch (err) {
    if (err instanceof VigieError) return { ok: false, error: err.message.split('\n')[0] };
    const e = err as Error;
    return { ok: false, error: `internal error: ${e && e.message ? e.message.split('\n')[0] : String(err)}` };
  }
}
