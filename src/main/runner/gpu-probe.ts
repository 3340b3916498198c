/**
 * Finding the GPUs: amd-smi, then rocm-smi, then nvidia-smi, whichever answers first on
 * PATH. The hardware class is the model name(s), never the hostname. Parsing lives in core.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { cpus } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import {
  NVIDIA_QUERY,
  hardwareClass,
  parseAmdSmiMetric,
  parseAmdSmiStatic,
  parseNvidiaSmiCsv,
  parseRocmSmi,
  type GpuSample,
  type GpuVendorTool,
} from '../../core/runner/gpu';

const TOOL_TIMEOUT_MS = 5000;

function run(cmd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string | null> {
  // Starting a program that is not there still costs a spawn (a few ms each, three tools per
  // run: issue 14's fixed cost of a run); a look along PATH answers the same without one.
  if (!onPath(cmd, (env ?? process.env).PATH)) return Promise.resolve(null);
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: TOOL_TIMEOUT_MS, env: env ?? process.env, maxBuffer: 4 << 20, windowsHide: true }, (err, stdout) => {
      resolve(err ? null : stdout);
    });
  });
}

/**
 * Could `cmd` be found along `path` as a spawn looks for it? Only a plain PATH of absolute
 * folders is answered by looking (anything else — an empty or relative entry — says yes and
 * leaves the answer to the spawn).
 */
export function onPath(cmd: string, path: string | undefined): boolean {
  if (!path || process.platform === 'win32') return true;
  for (const dir of path.split(delimiter)) {
    if (!isAbsolute(dir)) return true;
    try {
      accessSync(join(dir, cmd), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

export interface GpuProbe {
  tool: GpuVendorTool | null;
  gpus: GpuSample[];
  hardware: string;
}

/** Sample utilisation and memory with one tool. Names come from the static probe. */
export async function sampleGpus(tool: GpuVendorTool, env?: NodeJS.ProcessEnv): Promise<GpuSample[] | null> {
  switch (tool) {
    case 'amd-smi': {
      const out = await run('amd-smi', ['metric', '--usage', '--mem-usage', '--json'], env);
      return out === null ? null : parseAmdSmiMetric(out);
    }
    case 'rocm-smi': {
      const out = await run('rocm-smi', ['--showproductname', '--showuse', '--showmeminfo', 'vram', '--json'], env);
      return out === null ? null : parseRocmSmi(out);
    }
    case 'nvidia-smi': {
      const out = await run('nvidia-smi', [`--query-gpu=${NVIDIA_QUERY}`, '--format=csv,noheader,nounits'], env);
      return out === null ? null : parseNvidiaSmiCsv(out);
    }
  }
}

export async function probeGpus(env?: NodeJS.ProcessEnv): Promise<GpuProbe> {
  const amdStatic = await run('amd-smi', ['static', '--asic', '--json'], env);
  if (amdStatic !== null) {
    const names = parseAmdSmiStatic(amdStatic);
    if (names.length) {
      const metrics = (await sampleGpus('amd-smi', env)) ?? [];
      const gpus = names.map((n) => ({ ...(metrics.find((m) => m.index === n.index) ?? blank(n.index)), name: n.name }));
      return { tool: 'amd-smi', gpus, hardware: hardwareClass(gpus.map((g) => g.name)) ?? 'AMD GPU' };
    }
  }
  for (const tool of ['rocm-smi', 'nvidia-smi'] as const) {
    const gpus = await sampleGpus(tool, env);
    if (gpus && gpus.length) return { tool, gpus, hardware: hardwareClass(gpus.map((g) => g.name)) ?? (tool === 'rocm-smi' ? 'AMD GPU' : 'NVIDIA GPU') };
  }
  return { tool: null, gpus: [], hardware: cpuClass() };
}

function blank(index: number): GpuSample {
  return { index, name: null, utilization: null, memoryUsedMiB: null, memoryTotalMiB: null };
}

/** Without a GPU, the CPU model is the hardware class (still never the hostname). */
export function cpuClass(): string {
  const model = cpus()[0]?.model?.replace(/\s+/g, ' ').trim();
  return model ? `CPU only: ${model}` : 'CPU only';
}
