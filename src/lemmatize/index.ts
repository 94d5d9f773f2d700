/** Lemmatization: training dictionary, lexicon, and a learned edit-script classifier. */
export { Lemmatizer, loadLemmatizer, readLemmatizer } from './lemmatizer.js';
export { trainLemmatizer, lemmaAccuracy, type LemmatizerTrainOptions } from './train.js';
export { lemmatizerStage } from './stage.js';
export { scriptFor, applyScript } from './edit-script.js';
