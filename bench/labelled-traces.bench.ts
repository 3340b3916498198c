/**
 * Labelled traces at scale (SPEC §3, issue 4): 1,000,000 steps in 10,000 files, aggregated by
 * Greenlight single-threaded and on every core, against reading + JSON.parse-ing the same
 * bytes with nothing else (the floor) and seed 000's Python loop (json.load each file, count
 * labels), all measured in this run. Targets (issue 14): single-thread ≥ 1.0× the floor; all
 * cores ≥ 5× Python. Greenlight counts labels with a byte scanner (no objects built), in
 * WebAssembly, with the JS scanner beside it for comparison. The floor is also measured on every
 * core, as the ceiling for "all cores", and so is reading + hashing the files with no counting
 * at all (what Greenlight cannot go below: it records every file's sha256).
 */
import { spawnSync } from 'node:child_process';
import { hash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { it } from 'vitest';
import { readTraceFolder } from '../src/main/artefacts/traces';
import { summaryRow } from './lib/summary';

const FILES = 10_000;
const STEPS_PER_FILE = 100;
const DIR = join(__dirname, 'data', `labelled-traces-${FILES}x${STEPS_PER_FILE}`);
const REPS = 5;
const REASONS = ['gate_verify_pass', 'gate_verify_pass', 'gate_verify_pass', 'escalation', 'loop_detected', 'grounded_click', 'off_site', 'done_summary'];

function generate(): void {
  if (existsSync(join(DIR, '.complete'))) return;
  mkdirSync(DIR, { recursive: true });
  let seed = 42;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let f = 0; f < FILES; f++) {
    const steps = [];
    for (let s = 0; s < STEPS_PER_FILE; s++) {
      const reason = REASONS[Math.floor(rnd() * REASONS.length)] as string;
      steps.push({
        step_index: s,
        action: { type: rnd() < 0.5 ? 'click' : 'type', x: Math.floor(rnd() * 1920), y: Math.floor(rnd() * 1080), text: rnd() < 0.3 ? 'search query' : null },
        model: 'holo3-sft',
        latency_ms: Math.round(rnd() * 2000),
        label: reason === 'escalation' ? 'escalate' : 'ok',
        label_reason: reason,
        confidence: Math.round(rnd() * 1000) / 1000,
      });
    }
    const trace = { run_id: `run-${f}`, status: 'done', label_summary: { labeller: 'mantis', version: '1.4' }, steps };
    const sub = join(DIR, String(Math.floor(f / 1000)).padStart(2, '0'));
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `trace-${String(f).padStart(5, '0')}.json`), JSON.stringify(trace));
  }
  writeFileSync(join(DIR, '.complete'), '');
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (e.name.endsWith('.json')) out.push(p);
  }
  return out.sort();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** Wall seconds and CPU seconds (all threads of this process) of one run. */
async function time(fn: () => unknown, cpuOut: number[]): Promise<number> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const c = process.cpuUsage(c0);
  cpuOut.push((c.user + c.system) / 1e6);
  return (performance.now() - t0) / 1000;
}

const PYTHON = `
import json, os, sys, time
from collections import Counter
root = sys.argv[1]
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith('.json'))
t0 = time.perf_counter(); c0 = time.process_time()
counts = Counter(); steps = 0
for p in files:
    with open(p) as fh:
        trace = json.load(fh)
    for s in trace.get('steps', []):
        steps += 1
        counts[s.get('label_reason')] += 1
print(json.dumps({"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0, "steps": steps, "escalation": counts.get('escalation', 0)}))
`;

/**
 * The floor on every core (an added figure: the ceiling for "all cores"): the same read +
 * JSON.parse, with files claimed in batches of 32 from a shared counter by the main thread and
 * cores − 1 workers started inside the timing, the way Greenlight spreads its work.
 */
const FLOOR_WORKER = `
const { parentPort, workerData: w } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
let steps = 0;
for (let i = Atomics.add(w.claim, 0, 1) * 32; i < w.files.length; i = Atomics.add(w.claim, 0, 1) * 32)
  for (const f of w.files.slice(i, i + 32)) steps += JSON.parse(readFileSync(f, 'utf8')).steps.length;
parentPort.postMessage(steps);
`;
async function floorAllCores(files: string[], threads: number, source = FLOOR_WORKER, here = (f: string): number => (JSON.parse(readFileSync(f, 'utf8')) as { steps: unknown[] }).steps.length): Promise<number> {
  const claim = new Int32Array(new SharedArrayBuffer(4));
  const workers = Array.from({ length: threads - 1 }, () => new Promise<number>((resolve, reject) => {
    const w = new Worker(source, { eval: true, workerData: { files, claim } });
    w.once('message', resolve);
    w.once('error', reject);
  }));
  let steps = 0;
  for (let i = Atomics.add(claim, 0, 1) * 32; i < files.length; i = Atomics.add(claim, 0, 1) * 32) {
    for (const f of files.slice(i, i + 32)) steps += here(f);
  }
  for (const n of await Promise.all(workers)) steps += n;
  return steps;
}

/**
 * Reading alone: open, read into one reused buffer, close — and with `sha256`, the digest of
 * every file that Greenlight records. No counting: the floor under any scanner. Returns bytes.
 */
interface ReadFs {
  openSync(p: string, flags: string): number;
  readSync(fd: number, b: Buffer, o: number, l: number, pos: null): number;
  closeSync(fd: number): void;
}
// Self-contained (stringified into the workers): its modules come in as arguments.
function readOne(f: string, buf: Buffer, sha: boolean, fs: ReadFs, digest: (alg: string, b: Buffer, enc: 'hex') => string): number {
  const fd = fs.openSync(f, 'r');
  let len = 0;
  for (let n = fs.readSync(fd, buf, 0, buf.length, null); n > 0; n = fs.readSync(fd, buf, len, buf.length - len, null)) len += n;
  fs.closeSync(fd);
  if (sha) digest('sha256', buf.subarray(0, len), 'hex');
  return len;
}
const fsRead: ReadFs = { openSync, readSync, closeSync };
const READ_WORKER = `
const { parentPort, workerData: w } = require('node:worker_threads');
const fs = require('node:fs');
const { hash } = require('node:crypto');
const readOne = ${readOne.toString()};
const buf = Buffer.allocUnsafe(1 << 20);
let bytes = 0;
for (let i = Atomics.add(w.claim, 0, 1) * 32; i < w.files.length; i = Atomics.add(w.claim, 0, 1) * 32)
  for (const f of w.files.slice(i, i + 32)) bytes += readOne(f, buf, true, fs, hash);
parentPort.postMessage(bytes);
`;

it('labelled traces: throughput against the JSON.parse floor and the Python loop', async () => {
  generate();
  const files = listFiles(DIR);
  const bytes = files.reduce((a, f) => a + statSync(f).size, 0);
  const mb = bytes / 1e6;

  let floorSteps = 0;
  const floor = async (): Promise<void> => {
    floorSteps = 0;
    for (const f of files) floorSteps += (JSON.parse(readFileSync(f, 'utf8')) as { steps: unknown[] }).steps.length;
  };
  let floorAllSteps = 0;
  const floorAll = async (): Promise<void> => {
    floorAllSteps = await floorAllCores(files, availableParallelism());
  };
  let ours1Steps = 0;
  let oursAllSteps = 0;
  const ours1 = async (): Promise<void> => {
    ours1Steps = (await readTraceFolder(DIR, DIR, { threads: 1 })).tally.steps;
  };
  let oursAllThreads = 0;
  const oursAll = async (): Promise<void> => {
    const r = await readTraceFolder(DIR, DIR);
    oursAllSteps = r.tally.steps;
    oursAllThreads = r.threads;
    oursWasmThreads = r.scannedWith.wasm;
  };
  let ours1JsSteps = 0;
  const ours1Js = async (): Promise<void> => {
    ours1JsSteps = (await readTraceFolder(DIR, DIR, { threads: 1, scanner: 'js' })).tally.steps;
  };
  let oursWasmThreads = 0;
  const readBuf = Buffer.allocUnsafe(1 << 20);
  let readBytes = 0;
  const read1 = async (): Promise<void> => {
    readBytes = 0;
    for (const f of files) readBytes += readOne(f, readBuf, false, fsRead, hash);
  };
  const readSha1 = async (): Promise<void> => {
    readBytes = 0;
    for (const f of files) readBytes += readOne(f, readBuf, true, fsRead, hash);
  };
  const readShaAll = async (): Promise<void> => {
    readBytes = await floorAllCores(files, availableParallelism(), READ_WORKER, (f) => readOne(f, readBuf, true, fsRead, hash));
  };
  await floor(); // warm the page cache
  await oursAll(); // warm the workers' code path

  const keys = ['read1', 'readSha1', 'readShaAll', 'floor', 'floorAll', 'ours1Js', 'ours1', 'oursAll', 'python'] as const;
  const t = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<(typeof keys)[number], number[]>;
  const cpu = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<(typeof keys)[number], number[]>;
  const load0 = loadavg()[0] ?? 0;
  for (let i = 0; i < REPS; i++) {
    t.read1.push(await time(read1, cpu.read1));
    t.readSha1.push(await time(readSha1, cpu.readSha1));
    t.readShaAll.push(await time(readShaAll, cpu.readShaAll));
    t.ours1Js.push(await time(ours1Js, cpu.ours1Js));
    t.floor.push(await time(floor, cpu.floor));
    t.floorAll.push(await time(floorAll, cpu.floorAll));
    t.ours1.push(await time(ours1, cpu.ours1));
    t.oursAll.push(await time(oursAll, cpu.oursAll));
  }
  let pySteps = 0;
  for (let i = 0; i < 3; i++) {
    const r = spawnSync('python3', ['-c', PYTHON, DIR], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
    const out = JSON.parse(r.stdout) as { seconds: number; cpu: number; steps: number };
    t.python.push(out.seconds);
    cpu.python.push(out.cpu);
    pySteps = out.steps;
  }
  if (new Set([floorSteps, floorAllSteps, ours1Steps, oursAllSteps, ours1JsSteps, pySteps, FILES * STEPS_PER_FILE]).size !== 1) {
    throw new Error(`step counts disagree: floor ${floorSteps}/${floorAllSteps}, ours ${ours1Steps}/${oursAllSteps} (JS scanner ${ours1JsSteps}), python ${pySteps}`);
  }
  if (readBytes !== bytes) throw new Error(`read ${readBytes} bytes, the files hold ${bytes}`);
  const rate = (s: number[]): number => mb / median(s);
  const cores = availableParallelism();
  const rows = (
    [
      ['read alone (open, read, close; 1 thread)', 'read1'],
      ['read + sha256 alone (1 thread)', 'readSha1'],
      [`read + sha256 alone, all cores (main + ${cores - 1} workers)`, 'readShaAll'],
      ['JSON.parse floor (read + parse, 1 thread)', 'floor'],
      [`JSON.parse floor, all cores (main + ${cores - 1} workers)`, 'floorAll'],
      ['Greenlight, JS scanner, 1 thread (as before WebAssembly)', 'ours1Js'],
      ['Greenlight, 1 thread (read + sha256 + wasm byte scan, parse as fallback)', 'ours1'],
      [`Greenlight, all cores (main + ${oursAllThreads - 1} workers, ${oursWasmThreads} with wasm)`, 'oursAll'],
      ['python3 json.load loop (seed 000)', 'python'],
    ] as const
  ).map(([measure, k]) => ({
    measure,
    'wall s (median)': median(t[k]).toFixed(3),
    'MB/s wall': rate(t[k]).toFixed(1),
    'CPU s (median)': median(cpu[k]).toFixed(3),
    'MB per CPU-s': (mb / median(cpu[k])).toFixed(1),
  }));
  const load1 = loadavg()[0] ?? 0;
  console.log(`\nlabelled traces: ${FILES} files, ${(FILES * STEPS_PER_FILE).toLocaleString('en')} steps, ${mb.toFixed(1)} MB, ${cores} cores, ${REPS} reps (python 3); load average ${load0.toFixed(2)} → ${load1.toFixed(2)}`);
  console.table(rows);
  const perCoreWall = rate(t.ours1) / rate(t.floor);
  const perCoreCpu = median(cpu.floor) / median(cpu.ours1);
  const perCoreAll = median(cpu.floor) / median(cpu.oursAll);
  const vsPython = rate(t.oursAll) / rate(t.python);
  console.log(`single thread / JSON.parse floor   = ${perCoreWall.toFixed(2)} wall, ${perCoreCpu.toFixed(2)} per CPU-second (issue 14 goal ≥ 1.0: ${perCoreWall >= 1 ? 'met' : 'NOT met'})`);
  console.log(`all cores, per CPU-second / floor  = ${perCoreAll.toFixed(2)}`);
  console.log(`all cores / python loop (wall)     = ${vsPython.toFixed(2)}× (issue 14 goal ≥ 5×: ${vsPython >= 5 ? 'met' : 'NOT met'})`);
  // What reaching the floor on every core would give: when this is below 5, the goal is out of reach here.
  console.log(`all-cores floor / python loop (wall) = ${(rate(t.floorAll) / rate(t.python)).toFixed(2)}× (the ceiling for the line above)`);
  // Wall times under a shared machine's load say more about the neighbours than about us; CPU
  // seconds hold. With every core to itself, all cores can at best be cores × one thread's rate
  // per CPU-second, against Python's one thread: the reachable ratio on an idle machine.
  const perCpu = (k: keyof typeof cpu): number => mb / median(cpu[k]);
  const idleFloor = (cores * perCpu('floor')) / perCpu('python');
  const idleOurs = (cores * perCpu('ours1')) / perCpu('python');
  console.log(`idle-machine ceiling, ${cores} cores × per-CPU-s rate / python: JSON.parse floor ${idleFloor.toFixed(2)}×, Greenlight ${idleOurs.toFixed(2)}×`);
  console.log(`all cores / single thread (wall)   = ${(rate(t.oursAll) / rate(t.ours1)).toFixed(2)}×`);
  // The reading floor: what reading and hashing alone reach, without counting anything.
  const idleRead = (cores * perCpu('readSha1')) / perCpu('python');
  console.log(`read + sha256 alone / python loop  = ${(rate(t.readShaAll) / rate(t.python)).toFixed(2)}× wall on all cores; ${idleRead.toFixed(2)}× by CPU-s on ${cores} idle cores (the ceiling for any scanner)`);
  console.log(`wasm / JS scanner, 1 thread        = ${(rate(t.ours1) / rate(t.ours1Js)).toFixed(2)}× wall, ${(median(cpu.ours1Js) / median(cpu.ours1)).toFixed(2)}× per CPU-second`);
  console.log(`per file, 1 thread (CPU µs): read ${((median(cpu.read1) / FILES) * 1e6).toFixed(1)}, + sha256 ${(((median(cpu.readSha1) - median(cpu.read1)) / FILES) * 1e6).toFixed(1)}, + wasm scan and the rest ${(((median(cpu.ours1) - median(cpu.readSha1)) / FILES) * 1e6).toFixed(1)} (Greenlight ${((median(cpu.ours1) / FILES) * 1e6).toFixed(1)})`);
  summaryRow({
    what: 'labelled traces, single thread (speed)',
    measured: `${rate(t.ours1).toFixed(1)} MB/s`,
    baseline: `read + JSON.parse, 1 thread, at ${rate(t.floor).toFixed(1)} MB/s`,
    ratio: `${perCoreWall.toFixed(2)}×`,
    goal: '≥ 1.0×',
    met: perCoreWall >= 1,
  });
  summaryRow({
    what: `labelled traces, all ${cores} cores (speed)`,
    measured: `${rate(t.oursAll).toFixed(1)} MB/s`,
    baseline: `python3 json.load loop at ${rate(t.python).toFixed(1)} MB/s (JSON.parse on all cores: ${(rate(t.floorAll) / rate(t.python)).toFixed(2)}× wall; read + sha256 alone on all cores ${(rate(t.readShaAll) / rate(t.python)).toFixed(2)}×; ceiling on ${cores} idle cores by CPU-s: floor ${idleFloor.toFixed(2)}×, ours ${idleOurs.toFixed(2)}×, read + sha256 ${idleRead.toFixed(2)}×)`,
    ratio: `${vsPython.toFixed(2)}×`,
    goal: '≥ 5×',
    met: vsPython >= 5,
  });
  console.log(`all cores / all-cores floor (wall) = ${(rate(t.oursAll) / rate(t.floorAll)).toFixed(2)} (floor itself scales ${(rate(t.floorAll) / rate(t.floor)).toFixed(2)}× on ${cores} cores)`);
});
