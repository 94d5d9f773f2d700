/**
 * Output of the entities layer: the machine contract (one JSON line per mention) and a readable
 * listing grouped by entity.
 */
import type { Document, Entity, Mention } from '../document.js';

export interface MentionLine {
  start: number;
  end: number;
  text: string;
  type: Mention['type'];
  entity: string;
}

/** One line per mention, in text order: {"start","end","text","type","entity"}. */
export function entityMentionsJsonl(doc: Document): string {
  const lines: MentionLine[] = [];
  for (const e of doc.entities ?? []) {
    for (const m of e.mentions) lines.push({ start: m.start, end: m.end, text: m.text, type: m.type, entity: e.name });
  }
  lines.sort((a, b) => a.start - b.start || a.end - b.end);
  return lines.map((l) => JSON.stringify(l) + '\n').join('');
}

/** Entities grouped, most mentioned first within the text order of their first mention. */
export function entitiesText(doc: Document): string {
  const out: string[] = [];
  const entities: Entity[] = [...(doc.entities ?? [])];
  for (const e of entities) {
    const names = e.mentions.filter((m) => m.type !== 'PRON' && m.type !== 'ROLE').length;
    out.push(`${e.type.padEnd(4)} ${e.name}  (${e.mentions.length} mention${e.mentions.length === 1 ? '' : 's'}${names !== e.mentions.length ? `, ${names} by name` : ''})`);
    for (const m of e.mentions) {
      const where = `${m.start}-${m.end}`.padEnd(11);
      const kind = m.type === 'PRON' || m.type === 'ROLE' ? ` [${m.type}]` : m.type !== e.type ? ` [${m.type}]` : '';
      const why = m.link ? `  — ${m.link}${m.confidence !== undefined ? ` (${m.confidence.toFixed(2)})` : ''}` : '';
      out.push(`     ${where} ${JSON.stringify(m.text)}${kind}${why}`);
    }
    for (const a of e.attributes ?? []) out.push(`     ${`${a.start}-${a.end}`.padEnd(11)} ${JSON.stringify(doc.text.slice(a.start, a.end))} [attribute]`);
  }
  return out.length ? out.join('\n') + '\n' : '';
}
