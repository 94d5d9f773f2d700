/**
 * The readable view of `vigie analyze --format text`: the article view of the reader, then what
 * the annotation stages found (entities with their mentions, quotes, claims, language flags), so
 * a journalist sees the whole analysis without reading JSON.
 */
import type { Document } from '../document.js';
import { documentTextView } from '../extract/view.js';
import { formatClaims, formatQuotes } from '../quotes/index.js';

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export function analysisTextView(doc: Document): string {
  const out: string[] = [documentTextView(doc).trimEnd()];
  const lang = doc.meta.lang === 'en' ? 'en' : 'fr';
  if (doc.entities && doc.entities.length > 0) {
    out.push('', 'Entities:');
    // Most-mentioned first: what the article is about.
    const entities = [...doc.entities].sort((a, b) => b.mentions.length - a.mentions.length || a.id - b.id);
    for (const e of entities) {
      const names = new Set<string>();
      for (const m of e.mentions) if (m.text !== e.name) names.add(oneLine(m.text));
      const also = names.size > 0 ? ` (also: ${[...names].join(', ')})` : '';
      out.push(`  ${e.type.padEnd(4)} ${e.name} ×${e.mentions.length}${also}`);
    }
  }
  if (doc.quotes && doc.quotes.length > 0) {
    out.push('', 'Quotes:');
    out.push(indent(formatQuotes(doc, lang)));
  }
  if (doc.claims && doc.claims.length > 0) {
    out.push('', 'Claims:');
    out.push(indent(formatClaims(doc, lang)));
  }
  if (doc.flags && doc.flags.length > 0) {
    out.push('', 'Language flags:');
    for (const f of doc.flags) {
      const fix = f.suggestions.length > 0 ? ` → ${f.suggestions.slice(0, 3).join(' | ')}` : '';
      out.push(`  [${f.rule} ${f.start}-${f.end}] "${oneLine(f.text)}"${fix}: ${f.message}`);
    }
  }
  return out.join('\n') + '\n';
}

function indent(block: string): string {
  return block
    .trimEnd()
    .split('\n')
    .map((l) => (l.length > 0 ? `  ${l}` : l))
    .join('\n');
}
