/** The command table: one `register` per file. Add new commands here. */
import type { Command } from 'commander';
import { register as serve } from './serve';
import { register as scorecard } from './scorecard';

export const commands: Array<(program: Command) => void> = [serve, scorecard];
