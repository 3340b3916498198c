/**
 * The project list's name read is kept between calls (issue 14) and must never be stale:
 * real files, edited the ways a user or a tool edits them.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { readProjectName } from '../../../src/main/project/name';

const project = (name: string): string => `project: ${name}\ngates: []\n`;

describe('readProjectName', () => {
  it('sees a same-size edit made right after a read (file times are too coarse to tell them apart)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'greenlight-name-'));
    writeFileSync(join(dir, 'greenlight.yaml'), project('alpha'));
    expect(readProjectName(dir)).toEqual({ name: 'alpha', error: null });
    writeFileSync(join(dir, 'greenlight.yaml'), project('bravo'));
    expect(readProjectName(dir)).toEqual({ name: 'bravo', error: null });
  });

  it('sees every later change to a file it kept: edit, old-dated replacement, broken YAML, removal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'greenlight-name-'));
    const file = join(dir, 'greenlight.yaml');
    writeFileSync(file, project('alpha'));
    await new Promise((r) => setTimeout(r, 2100)); // old enough to be kept
    expect(readProjectName(dir)).toEqual({ name: 'alpha', error: null });
    expect(readProjectName(dir)).toEqual({ name: 'alpha', error: null });

    writeFileSync(file, project('bravo')); // same size, same inode
    expect(readProjectName(dir).name).toBe('bravo');

    // A tool that writes a new file with an old date and renames it over (rsync, cp -p + mv).
    const other = join(dir, 'incoming.yaml');
    writeFileSync(other, project('delta'));
    const old = new Date(Date.now() - 3600_000);
    utimesSync(other, old, old);
    renameSync(other, file);
    expect(readProjectName(dir).name).toBe('delta');

    writeFileSync(file, 'project: [unclosed\n');
    const broken = readProjectName(dir);
    expect(broken.name).toBe(basename(dir));
    expect(broken.error).toMatch(/greenlight\.yaml.*not valid YAML/);

    rmSync(file);
    expect(readProjectName(dir)).toEqual({ name: basename(dir), error: null });
  });

  it('hands out copies: a caller changing its answer does not change the next one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'greenlight-name-'));
    writeFileSync(join(dir, 'greenlight.yaml'), project('alpha'));
    const a = readProjectName(dir);
    a.name = 'changed';
    expect(readProjectName(dir).name).toBe('alpha');
  });
});
