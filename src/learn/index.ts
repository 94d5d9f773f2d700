export * from './features.js';
export * from './perceptron.js';
export * from './model-file.js';
