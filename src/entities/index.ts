/**
 * Named entities: NER model (PER, ORG, LOC, MISC), grouping of mentions per real-world entity,
 * role nouns and pronouns linked to people, demonyms attached to countries.
 *
 *   entitiesStage(lang)             — the pipeline stage (src/pipeline.ts)
 *   annotateEntities(doc, opts)     — the same on a tokenized Document
 *   loadNerModel(lang)              — models/<lang>/ner.bin with its gazetteer
 *   trainNerUnit(opts)              — `vigie train ner`
 */
export { entitiesStage, loadNerModel } from './stage.js';
export { annotateEntities } from './annotate.js';
export { NerModel } from './model.js';
export { Gazetteer, loadGazetteer } from './gazetteer.js';
export { trainNerUnit } from './train.js';
export { entityMentionsJsonl, entitiesText } from './output.js';
