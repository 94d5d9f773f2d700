/**
 * Errors that reach a user. The CLI prints `message` on one line and exits non-zero; anything
 * that is not a VigieError is a bug and is reported as "internal error" with the same one line.
 */
export class VigieError extends Error {
  constructor(
    message: string,
    /** Process exit code the CLI uses for this error. */
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'VigieError';
  }
}

/** An input file that cannot be read as what it claims to be, with the line where it went wrong. */
export class InputError extends VigieError {
  constructor(
    readonly source: string,
    readonly line: number | null,
    what: string,
  ) {
    super(line === null ? `${source}: ${what}` : `${source}:${line}: ${what}`, 2);
    this.name = 'InputError';
  }
}
