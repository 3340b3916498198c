/**
 * Release set-up for the console flows: a reference hub started by the test (a real
 * `greenlight hub serve` child process), and the example project made a git repository that
 * publishes to it (no git push: there is no remote in a test).
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnCli, stopChild } from './fixtures';

export const HUB_TOKEN = 'e2e-hub-token-7f3a9c';

export interface Hub {
  url: string;
  dir: string;
  process: ChildProcess;
}

export async function startHub(): Promise<Hub> {
  const dir = mkdtempSync(join(tmpdir(), 'greenlight-hub-'));
  const { url, process: child } = await spawnCli(['hub', 'serve', '--dir', dir, '--port', '0'], { GREENLIGHT_HUB_TOKENS: HUB_TOKEN }, /Greenlight hub: (http:\/\/\S+)/, 'the hub', 15_000);
  return { url: url.replace(/\/$/, ''), dir, process: child };
}

export async function stopHub(h: Hub): Promise<void> {
  await stopChild(h.process);
}

const git = (dir: string, ...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

/** The example copied into the console's data folder, as a git repository publishing to `hub`. */
export function prepareExampleRepo(home: string, hub: Hub): string {
  const dir = join(home, 'examples', 'email-triage');
  const policy = join(dir, 'greenlight.yaml');
  // Publish to the test's hub, and push nowhere: replace whatever publish section the example has.
  const ours = `publish:\n  git: {push: false}\n  hub: {url: "${hub.url}", token_env: GREENLIGHT_HUB_TOKEN, id: email-triage}\n`;
  const text = readFileSync(policy, 'utf8');
  writeFileSync(policy, /^publish:/m.test(text) ? text.replace(/^publish:\n(?:[ \t]+.*\n?)*/m, ours) : `${text}\n${ours}`);
  if (!existsSync(join(dir, '.git'))) git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'e2e@greenlight.test');
  git(dir, 'config', 'user.name', 'Greenlight e2e');
  commitAll(dir, 'example project, publishing to the test hub');
  return dir;
}

/** The user's one-time approval of (hub, $GREENLIGHT_HUB_TOKEN), as `greenlight hub trust` records it in the data folder. */
export function trustHub(home: string, hub: Hub): void {
  execFileSync(process.execPath, [join(import.meta.dirname, '..', 'out', 'main', 'cli.js'), 'hub', 'trust', hub.url, '--token-env', 'GREENLIGHT_HUB_TOKEN'], { env: { ...process.env, GREENLIGHT_HOME: home } });
}

function commitAll(dir: string, message: string): void {
  git(dir, 'add', '-A');
  if (git(dir, 'status', '--porcelain').trim()) git(dir, 'commit', '-q', '-m', message);
}

/** A new candidate: bump the version and change the eval's command (a worse model). */
export function nextCandidate(dir: string, version: string, quality: string): void {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  pkg.version = version;
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  const policy = join(dir, 'greenlight.yaml');
  writeFileSync(policy, readFileSync(policy, 'utf8').replace('--seed, "7"]', `--seed, "7", --quality, "${quality}"]`));
  commitAll(dir, `candidate ${version}`);
}
