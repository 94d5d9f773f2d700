export * from './features.js';
export * from './perceptron.js';
export * from './model-file.js';
export * from './compact-perceptron.js';
export * from './packed-perceptron.js';
