/** The command table: one `register` per file. Add new commands here. */
import type { Command } from 'commander';
import { register as serve } from './serve';
import { register as scorecard } from './scorecard';
import { register as gate } from './gate';
import { register as compare } from './compare';
import { register as check } from './check';
import { register as run } from './run';
import { register as importRun } from './import';
import { register as runs } from './runs';
import { register as publish } from './publish';
import { register as releases } from './releases';
import { register as hub } from './hub';
import { register as report } from './report';

export const commands: Array<(program: Command) => void> = [serve, scorecard, gate, compare, check, run, importRun, runs, publish, releases, hub, report];
