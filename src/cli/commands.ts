import type { Command } from 'commander';
import { registerTrain } from './train.js';

/** Every CLI command registers itself on the program; add one import and one entry per command. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [registerTrain];
