import type { Document } from '../document.js';
import type { Stage } from '../pipeline.js';
import { modelPath } from '../models.js';
import { VigieError } from '../errors.js';
import { existsSync } from 'node:fs';
import { loadGazetteer } from './gazetteer.js';
import { NerModel, NER_MODEL_VERSION } from './model.js';
import { annotateEntities } from './annotate.js';
import { tokenizerStage } from '../tokenize/index.js';
import { stageFactories } from '../pipeline.js';

const models = new Map<'fr' | 'en', NerModel>();

/** The NER model of a language from models/<lang>/ner.bin, loaded once. */
export function loadNerModel(lang: 'fr' | 'en'): NerModel {
  let m = models.get(lang);
  if (!m) {
    const path = modelPath(lang, 'ner.bin');
    if (!existsSync(path)) throw new VigieError(`no NER model for "${lang}" (${path}); run: vigie train ner --lang ${lang}`);
    m = NerModel.load(path, loadGazetteer(lang));
    models.set(lang, m);
  }
  return m;
}

/**
 * Makes the entities stage of a language use a model loaded from elsewhere (a candidate written by
 * `vigie train ner --out DIR`, compared by `bench/ner.ts --models DIR` with the committed one).
 */
export function useNerModel(lang: 'fr' | 'en', model: NerModel): void {
  models.set(lang, model);
}

/**
 * The entities stage: NER over the tokenizer's tokens, grouping into entities, role nouns and
 * pronouns linked to people, demonyms attached to countries. Uses UPOS, lemmas, feats and
 * deprels when earlier stages wrote them, and works without them.
 */
export function entitiesStage(lang: 'fr' | 'en'): Stage {
  const model = loadNerModel(lang);
  return {
    name: 'entities',
    requires: ['sentences'],
    assigns: ['words.ner', 'entities'],
    model: `ner-${lang}-v${NER_MODEL_VERSION}`,
    run(doc: Document): void {
      // No tokenizer stage ran before this one (none registered yet): tokenize here with the
      // project's tokenizer, then run the annotation stages that come before this one.
      if (!doc.sentences) annotateBefore(doc, lang, () => undefined);
      annotateEntities(doc, { model, gazetteer: model.gazetteer, lang });
    },
  };
}

/**
 * Runs the pipeline's stages up to and including the entities stage, skipping (with a warning)
 * any earlier stage that cannot load or run, and tokenizing first when the pipeline has no
 * tokenizer stage. The entities stage itself must run.
 */
export function runStagesUpToEntities(doc: Document, lang: 'fr' | 'en', warn: (message: string) => void): void {
  doc.sentences = undefined;
  doc.entities = undefined;
  doc.stages = doc.stages.filter((s) => s.name === 'extract');
  annotateBefore(doc, lang, warn);
  const stage = entitiesStage(lang);
  stage.run(doc);
  doc.stages.push({ name: stage.name, model: stage.model });
}

/** Tokenizes (when no tokenizer stage is registered) and runs the stages before 'entities' that can run. */
function annotateBefore(doc: Document, lang: 'fr' | 'en', warn: (message: string) => void): void {
  if (!stageFactories.some((s) => s.name === 'tokenize')) {
    const t = tokenizerStage(lang);
    t.run(doc);
    doc.stages.push({ name: t.name, model: t.model });
  }
  for (const { name, create } of stageFactories) {
    if (name === 'entities') break;
    try {
      const stage = create(lang);
      stage.run(doc);
      doc.stages.push({ name: stage.name, model: stage.model });
    } catch (err) {
      if (!(err instanceof VigieError)) throw err;
      warn(`stage ${name} skipped: ${err.message.split('\n')[0]}`);
    }
  }
}
