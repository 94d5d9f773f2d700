import type { Command } from 'commander';
import { registerTrain } from './train.js';
import { registerEval } from './eval.js';
import { registerIngest } from './ingest.js';
import { registerSearch } from './search.js';
import { registerServe } from './serve.js';
import { registerWorker } from './worker.js';
import { registerExtract } from './extract.js';
import { registerAnalyze } from './analyze.js';
import { registerAnnotate } from './annotate.js';
import { registerEntities } from './entities.js';
import { registerQuotes } from './quotes.js';
import { registerClaims } from './claims.js';
import { registerCheck } from './check.js';

/** Every CLI command registers itself on the program; add one import and one entry per command. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [registerExtract, registerAnalyze, registerAnnotate, registerEntities, registerQuotes, registerClaims, registerCheck, registerTrain, registerEval, registerIngest, registerSearch, registerServe, registerWorker];
