import type { Document } from '../document.js';
import type { Stage } from '../pipeline.js';
import { loadTagger, type TagOptions } from './tagger.js';

/**
 * The tagging stage: fills upos, xpos and feats of every word. French follows the Sequoia
 * convention unless told otherwise (see models/README.md on Sequoia vs GSD features).
 */
export function taggerStage(lang: 'fr' | 'en', opts: TagOptions = {}): Stage {
  const tagger = loadTagger(lang);
  return {
    name: 'tag',
    requires: ['sentences'],
    assigns: ['words.upos', 'words.xpos', 'words.feats'],
    model: `tagger-${lang}-v${tagger.modelVersion}`,
    run(doc: Document): void {
      for (const s of doc.sentences ?? []) tagger.tagWords(s.words, opts);
    },
  };
}
