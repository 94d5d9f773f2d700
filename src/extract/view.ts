/** A readable text view of a Document: metadata, paragraphs with their kinds, boilerplate with reasons. */
import type { Document } from '../document.js';

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export function documentTextView(doc: Document): string {
  const m = doc.meta;
  const out: string[] = [];
  out.push(`Title: ${m.title ?? '-'}`);
  if (m.dek) out.push(`Dek: ${m.dek}`);
  out.push(`Authors: ${m.authors.length > 0 ? m.authors.join(', ') : '-'}`);
  out.push(`Date: ${m.date ?? '-'}`);
  if (m.siteName) out.push(`Site: ${m.siteName}`);
  if (m.url) out.push(`URL: ${m.url}`);
  out.push(`Language: ${m.lang} (${m.langConfidence.toFixed(2)})`);
  out.push(`Source: ${m.source}`);
  if (doc.sentences) out.push(`Sentences: ${doc.sentences.length}`);
  out.push(`Stages: ${doc.stages.map((s) => (s.model ? `${s.name} (${s.model})` : s.name)).join(', ')}`);
  out.push('');
  out.push('Paragraphs:');
  for (const p of doc.paragraphs) {
    out.push(`  [${p.kind} ${p.start}-${p.end}] ${oneLine(doc.text.slice(p.start, p.end))}`);
  }
  if (doc.boilerplate.length > 0) {
    out.push('');
    out.push('Boilerplate:');
    for (const b of doc.boilerplate) {
      const at = b.start !== undefined && b.end !== undefined ? ` ${b.start}-${b.end}` : '';
      out.push(`  [${b.reason}${at}] ${oneLine(b.text)}`);
    }
  }
  return out.join('\n') + '\n';
}
