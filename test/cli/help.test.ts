/**
 * Help without loading commands (issue 14): `greenlight --help` draws the command list from
 * the static table in cli/commands/index.ts, and `greenlight <cmd> --help` loads that command
 * alone. The list must read exactly as it would with every module registered, and the table
 * must follow the modules (a changed description or argument fails here).
 */
import { describe, expect, it } from 'vitest';
import { Help, type Command } from 'commander';
import { commands } from '../../src/main/cli/commands';
import { rootCommand } from '../../src/main/cli/index';
import { hasChunk, loadedFiles, runCli } from '../helpers/cli';

async function everyModuleRegistered(): Promise<Command> {
  const full = rootCommand().configureOutput({ getOutHelpWidth: () => 80 });
  for (const entry of Object.values(commands)) (await entry.load()).register(full);
  return full;
}

describe('greenlight --help', () => {
  it('lists every command with the term and summary its module registers, in order', async () => {
    const full = await everyModuleRegistered();
    const help = new Help();
    const registered = full.commands.map((c) => [help.subcommandTerm(c), c.description()]);
    const table = Object.values(commands).flatMap((e) => e.help.map(([term, summary]) => [term, summary]));
    expect(table).toEqual(registered);
  });

  it('prints the same text as a program with every command module loaded', async () => {
    const full = await everyModuleRegistered();
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(full.helpInformation());
    expect(r.stdout).toContain('diff [options] <baseline> <candidate>');
  });

  it('loads no command module: no more code than --version', () => {
    expect(loadedFiles(['--help']).sort()).toEqual(loadedFiles(['--version']).sort());
  });

  it('`gate --help` loads the gate command and no other command', () => {
    const files = loadedFiles(['gate', '--help']);
    expect(hasChunk(files, 'gate')).toBe(true);
    for (const other of Object.keys(commands).filter((n) => n !== 'gate')) expect(hasChunk(files, other), other).toBe(false);
  });

  it('`help diff` and `diff --help` print the diff command of the releases module', () => {
    const a = runCli(['help', 'diff']);
    const b = runCli(['diff', '--help']);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('Usage: greenlight diff [options] <baseline> <candidate>');
    expect(a.stdout).toContain('--json');
    expect(b.stdout).toBe(a.stdout);
  });

  it('an unknown command still suggests the near one and exits 2', () => {
    const r = runCli(['gatee']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: unknown command 'gatee'");
    expect(r.stderr).toContain('(Did you mean gate?)');
  });
});
