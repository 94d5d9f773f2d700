import type { Document } from '../document.js';
import type { Stage } from '../pipeline.js';
import { annotateParagraphsWith, CHECK_MODEL, checkDocument } from './index.js';

/**
 * The 'check' pipeline stage: fills doc.flags. `treeStages` gives the stages from text to trees
 * (tokenize, tag, lemmatize, parse), used to annotate boilerplate blocks; they are created on
 * first use only, since most documents' boilerplate is checked once.
 */
export function checkStage(lang: 'fr' | 'en', treeStages: () => Stage[]): Stage {
  let stages: Stage[] | null = null;
  return {
    name: 'check',
    requires: ['sentences', 'words.upos', 'words.feats', 'words.lemma', 'words.head'],
    assigns: ['flags'],
    model: `${CHECK_MODEL}-${lang}`,
    run(doc: Document): void {
      const annotate = annotateParagraphsWith((stages ??= treeStages()));
      const langDoc = doc.meta.lang === lang ? doc : { ...doc, meta: { ...doc.meta, lang } };
      doc.flags = checkDocument(langDoc, { annotate });
    },
  };
}
