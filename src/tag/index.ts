/** Part-of-speech and morphology tagging (UPOS, XPOS, UD features). */
export { Tagger, loadTagger, readTagger, type TaggedSentence, type TagOptions } from './tagger.js';
export { Lexicon, LexiconBuilder, loadLexicon, saveLexicon, cachedLexicon, type Analysis } from './lexicon.js';
export { trainTagger, taggerAccuracy, type TaggerTrainOptions, type TaggerAccuracy } from './train.js';
export { taggerStage } from './stage.js';
