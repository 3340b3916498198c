/**
 * Disk space around a run (moved out of manager.ts): a small reserve file held while the eval
 * runs, so that a disk the eval fills still has room to record the run's end, and the checks
 * that tell a full disk from another failure.
 */
import { rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const RESERVE_BYTES = 128 * 1024;

export function reserveSpace(runDir: string): string | null {
  const file = join(runDir, '.space-reserve');
  try {
    writeFileSync(file, Buffer.alloc(RESERVE_BYTES));
    return file;
  } catch {
    rmSync(file, { force: true });
    return null;
  }
}

export function releaseSpace(file: string | null): void {
  if (file) rmSync(file, { force: true });
}

/** Less than 64 KiB left where the log lives (the reserve is still held, so a full disk reads as full). */
export function diskFull(file: string): boolean {
  try {
    const s = statfsSync(dirname(file));
    return s.bavail * s.bsize < 64 * 1024;
  } catch {
    return false;
  }
}

export function sizeOnDisk(file: string): number | null {
  try {
    return statSync(file).size;
  } catch {
    return null;
  }
}
