/**
 * Parsers for the GPU tools' output (pure; the probing itself lives in src/main/runner).
 * amd-smi (`static --asic --json`, `metric --usage --mem-usage --json`, both the list and
 * the `{gpu_data: […]}` shapes), rocm-smi (`--showproductname --showuse --showmeminfo vram
 * --json`) and nvidia-smi (`--query-gpu=… --format=csv[,noheader][,nounits]`).
 */
import { isRecord } from '../util';

export interface GpuSample {
  index: number;
  name: string | null;
  utilization: number | null;
  memoryUsedMiB: number | null;
  memoryTotalMiB: number | null;
}

export type GpuVendorTool = 'amd-smi' | 'rocm-smi' | 'nvidia-smi';


function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Some versions print a warning line before the JSON.
    const start = text.search(/[[{]/);
    if (start <= 0) return undefined;
    try {
      return JSON.parse(text.slice(start));
    } catch {
      return undefined;
    }
  }
}

/** A number from `12`, `"12"`, `"12 %"`, `"1234 MB"`, `{value: 12, unit: "MB"}`; memory in MiB when `memory`. */
function num(v: unknown, memory = false): number | null {
  let value: unknown = v;
  let unit = '';
  if (isRecord(v)) {
    value = v.value;
    unit = typeof v.unit === 'string' ? v.unit : '';
  }
  if (typeof value === 'string') {
    const m = /^\s*(-?\d+(?:\.\d+)?)\s*([A-Za-z%]*)\s*$/.exec(value);
    if (!m) return null;
    value = Number(m[1]);
    unit = unit || (m[2] ?? '');
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  if (!memory) return value;
  switch (unit.toUpperCase()) {
    case 'B':
      return value / 1048576;
    case 'KB':
    case 'KIB':
      return value / 1024;
    case 'GB':
    case 'GIB':
      return value * 1024;
    default:
      return value; // MB / MiB (amd-smi reports MB meaning MiB), or no unit
  }
}

function gpuList(doc: unknown): Array<Record<string, unknown>> {
  const list = isRecord(doc) && Array.isArray(doc.gpu_data) ? doc.gpu_data : Array.isArray(doc) ? doc : [];
  return list.filter(isRecord);
}

/** `amd-smi static --asic --json` → index and market name per GPU. */
export function parseAmdSmiStatic(text: string): Array<{ index: number; name: string | null }> {
  return gpuList(jsonOf(text)).map((g, i) => {
    const asic = isRecord(g.asic) ? g.asic : {};
    const name = [asic.market_name, asic.product_name, (isRecord(g.board) ? g.board : {}).product_name].find(
      (v): v is string => typeof v === 'string' && v.trim() !== '' && v !== 'N/A',
    );
    return { index: typeof g.gpu === 'number' ? g.gpu : i, name: name?.trim() ?? null };
  });
}

/** `amd-smi metric --usage --mem-usage --json` → utilisation and VRAM per GPU. */
export function parseAmdSmiMetric(text: string): GpuSample[] {
  return gpuList(jsonOf(text)).map((g, i) => {
    const usage = isRecord(g.usage) ? g.usage : {};
    const mem = isRecord(g.mem_usage) ? g.mem_usage : {};
    return {
      index: typeof g.gpu === 'number' ? g.gpu : i,
      name: null,
      utilization: num(usage.gfx_activity),
      memoryUsedMiB: num(mem.used_vram, true),
      memoryTotalMiB: num(mem.total_vram, true),
    };
  });
}

/** `rocm-smi --showproductname --showuse --showmeminfo vram --json`. */
export function parseRocmSmi(text: string): GpuSample[] {
  const doc = jsonOf(text);
  if (!isRecord(doc)) return [];
  const out: GpuSample[] = [];
  for (const [key, value] of Object.entries(doc)) {
    const m = /^card(\d+)$/i.exec(key);
    if (!m || !isRecord(value)) continue;
    const field = (re: RegExp): unknown => Object.entries(value).find(([k]) => re.test(k))?.[1];
    const name = [field(/^marketing name$/i), field(/^card series$/i), field(/^card model$/i)].find(
      (v): v is string => typeof v === 'string' && v.trim() !== '' && v !== 'N/A',
    );
    out.push({
      index: Number(m[1]),
      name: name?.trim() ?? null,
      utilization: num(field(/^gpu use \(%\)$/i)),
      memoryUsedMiB: bytesToMiB(field(/^vram total used memory \(b\)$/i)),
      memoryTotalMiB: bytesToMiB(field(/^vram total memory \(b\)$/i)),
    });
  }
  return out.sort((a, b) => a.index - b.index);
}

function bytesToMiB(v: unknown): number | null {
  const n = num(v);
  return n === null ? null : n / 1048576;
}

/** The nvidia-smi query fields we ask for, in order. */
export const NVIDIA_QUERY = 'index,name,utilization.gpu,memory.used,memory.total';

/** `nvidia-smi --query-gpu=index,name,utilization.gpu,memory.used,memory.total --format=csv[,noheader][,nounits]`. */
export function parseNvidiaSmiCsv(text: string): GpuSample[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const out: GpuSample[] = [];
  for (const line of lines) {
    if (/^index\b/i.test(line)) continue; // header of --format=csv
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length < 5) continue;
    const index = Number(cells[0]);
    if (!Number.isInteger(index)) continue;
    const na = (c: string | undefined): number | null => (c === undefined || /N\/A|Not Supported/i.test(c) ? null : num(c, true));
    out.push({
      index,
      name: cells[1] || null,
      utilization: na(cells[2]?.replace('%', '').trim()),
      memoryUsedMiB: na(cells[3]),
      memoryTotalMiB: na(cells[4]),
    });
  }
  return out;
}

/** A hardware class from GPU model names: "AMD Radeon 8060S", "2× NVIDIA GeForce RTX 4090". */
export function hardwareClass(names: Array<string | null>): string | null {
  const counts = new Map<string, number>();
  for (const n of names) if (n) counts.set(n, (counts.get(n) ?? 0) + 1);
  if (counts.size === 0) return null;
  return [...counts.entries()].map(([n, c]) => (c > 1 ? `${c}× ${n}` : n)).join(' + ');
}
