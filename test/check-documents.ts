/** French documents written for the checker tests, annotated by the pipeline's own stages and checked. */
import type { Document, Flag } from '../src/document.js';
import { emptyMeta } from '../src/document.js';
import { stageFactories } from '../src/pipeline.js';
import { annotateParagraphsWith, checkDocument } from '../src/check/index.js';

/**
 * A French document of one paragraph per string (and boilerplate blocks after them), annotated up
 * to the parser and checked, boilerplate included as the pipeline does.
 */
export function checkFrench(paragraphs: string[], boilerplate: string[] = []): { doc: Document; flags: Flag[] } {
  let text = '';
  const doc: Document = { version: 1, text: '', meta: { ...emptyMeta('text'), lang: 'fr' }, paragraphs: [], boilerplate: [], stages: [] };
  for (const p of paragraphs) {
    if (text) text += '\n\n';
    doc.paragraphs.push({ kind: 'body', start: text.length, end: text.length + p.length });
    text += p;
  }
  for (const b of boilerplate) {
    if (text) text += '\n\n';
    doc.boilerplate.push({ text: b, reason: 'share-appeal', start: text.length, end: text.length + b.length });
    text += b;
  }
  doc.text = text;
  const stages = stageFactories.filter((f) => ['tokenize', 'tag', 'lemmatize', 'parse'].includes(f.name)).map((f) => f.create('fr'));
  for (const s of stages) s.run(doc);
  return { doc, flags: checkDocument(doc, { annotate: annotateParagraphsWith(stages) }) };
}
