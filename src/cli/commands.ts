import type { Command } from 'commander';

/** Every CLI command registers itself on the program (its arguments, options and action). */
export type RegisterCommand = (program: Command) => void;

/**
 * The commands, by name, each with a loader for the module that registers it. Modules are loaded
 * on demand: `vigie search` need not compile the annotation pipeline, nor `vigie analyze` the HTTP
 * server. Add one entry per command, in the order `vigie --help` lists them.
 */
export const commands: { name: string; load: () => Promise<RegisterCommand> }[] = [
  { name: 'extract', load: async () => (await import('./extract.js')).registerExtract },
  { name: 'analyze', load: async () => (await import('./analyze.js')).registerAnalyze },
  { name: 'annotate', load: async () => (await import('./annotate.js')).registerAnnotate },
  { name: 'entities', load: async () => (await import('./entities.js')).registerEntities },
  { name: 'quotes', load: async () => (await import('./quotes.js')).registerQuotes },
  { name: 'claims', load: async () => (await import('./claims.js')).registerClaims },
  { name: 'check', load: async () => (await import('./check.js')).registerCheck },
  { name: 'train', load: async () => (await import('./train.js')).registerTrain },
  { name: 'eval', load: async () => (await import('./eval.js')).registerEval },
  { name: 'ingest', load: async () => (await import('./ingest.js')).registerIngest },
  { name: 'search', load: async () => (await import('./search.js')).registerSearch },
  { name: 'serve', load: async () => (await import('./serve.js')).registerServe },
  { name: 'worker', load: async () => (await import('./worker.js')).registerWorker },
];

/**
 * The commands to register for this command line: only the one named when the first argument
 * names a command (the common case), every command otherwise (help, unknown commands, options).
 */
export async function commandsFor(argv: readonly string[]): Promise<RegisterCommand[]> {
  const first = argv[2];
  const named = commands.find((c) => c.name === first);
  const wanted = named ? [named] : commands;
  return Promise.all(wanted.map((c) => c.load()));
}
