import { Command, CommanderError } from 'commander';
import { VigieError } from '../errors.js';
import { commandsFor } from './commands.js';

/**
 * Entry point of the `vigie` command. Each command lives in its own file under src/cli/ and is
 * listed in commands.ts; this file only wires them to commander and turns errors into one line.
 */
export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name('vigie')
    .description('Read news articles (French, English): clean text, UD annotation, entities, quotes, claims, language flags.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const register of await commandsFor(argv)) register(program);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are "errors" for commander; their exit code is 0.
      return err.exitCode;
    }
    if (err instanceof VigieError) {
      process.stderr.write(`vigie: ${err.message.split('\n')[0]}\n`);
      return err.exitCode;
    }
    const e = err as Error;
    process.stderr.write(`vigie: internal error: ${e && e.message ? e.message.split('\n')[0] : String(err)}\n`);
    return 70;
  }
}
