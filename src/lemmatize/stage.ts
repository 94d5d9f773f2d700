import type { Document } from '../document.js';
import type { Stage } from '../pipeline.js';
import { loadLemmatizer } from './lemmatizer.js';

/** The lemmatization stage: fills the lemma of every word from its form, UPOS and feats. */
export function lemmatizerStage(lang: 'fr' | 'en'): Stage {
  const lemmatizer = loadLemmatizer(lang);
  return {
    name: 'lemmatize',
    requires: ['words.upos', 'words.feats'],
    assigns: ['words.lemma'],
    model: `lemmatizer-${lang}-v${lemmatizer.modelVersion}`,
    run(doc: Document): void {
      for (const s of doc.sentences ?? []) lemmatizer.lemmatizeWords(s.words);
    },
  };
}
