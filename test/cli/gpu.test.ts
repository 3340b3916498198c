/**
 * GPU detection and telemetry with stand-in `amd-smi`, `rocm-smi` and `nvidia-smi` scripts on
 * PATH that print the real tools' output formats. The run records the hardware class (model
 * names, never the hostname) and telemetry samples while it lasts.
 */
import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli, tempDir } from '../helpers/cli';
import { exampleCopy } from './example';

const AMD_STATIC = JSON.stringify([
  { gpu: 0, asic: { market_name: 'AMD Radeon 8060S', vendor_id: '0x1002', vendor_name: 'Advanced Micro Devices Inc. [AMD/ATI]', device_id: '0x1586', rev_id: '0xc1', asic_serial: 'N/A', oam_id: 'N/A', num_compute_units: 40, target_graphics_version: 'gfx1151' } },
], null, 4);
const AMD_METRIC = JSON.stringify({
  gpu_data: [
    {
      gpu: 0,
      usage: { gfx_activity: { value: 87, unit: '%' }, umc_activity: { value: 12, unit: '%' }, mm_activity: 'N/A', vcn_activity: ['N/A'] },
      mem_usage: { total_vram: { value: 98304, unit: 'MB' }, used_vram: { value: 40960, unit: 'MB' }, free_vram: { value: 57344, unit: 'MB' }, total_visible_vram: { value: 98304, unit: 'MB' } },
    },
  ],
}, null, 4);
const ROCM = JSON.stringify({
  card0: { 'GPU use (%)': '64', 'VRAM Total Memory (B)': '25753026560', 'VRAM Total Used Memory (B)': '8589934592', 'Card Series': 'Radeon RX 7900 XTX', 'Card Model': '0x744c', 'Card Vendor': 'Advanced Micro Devices, Inc. [AMD/ATI]', 'Card SKU': 'D7070100', 'Subsystem ID': '0x5304', 'Device Rev': '0xc8', 'Node ID': '1', GUID: '45623', 'GFX Version': 'gfx1100' },
  card1: { 'GPU use (%)': '0', 'VRAM Total Memory (B)': '25753026560', 'VRAM Total Used Memory (B)': '12288', 'Card Series': 'Radeon RX 7900 XTX', 'Card Model': '0x744c', 'Card Vendor': 'Advanced Micro Devices, Inc. [AMD/ATI]', 'Card SKU': 'D7070100', 'Subsystem ID': '0x5304', 'Device Rev': '0xc8', 'Node ID': '2', GUID: '45624', 'GFX Version': 'gfx1100' },
});

function script(dir: string, name: string, body: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
  chmodSync(join(dir, name), 0o755);
}

const tools: Record<string, (bin: string) => void> = {
  'amd-smi': (bin) =>
    script(bin, 'amd-smi', `case "$1" in\n  static) cat <<'EOF'\n${AMD_STATIC}\nEOF\n;;\n  metric) cat <<'EOF'\n${AMD_METRIC}\nEOF\n;;\n  *) echo "unknown command" >&2; exit 2;;\nesac`),
  'rocm-smi': (bin) => script(bin, 'rocm-smi', `cat <<'EOF'\n${ROCM}\nEOF`),
  'nvidia-smi': (bin) =>
    script(
      bin,
      'nvidia-smi',
      // Honour --format like the real tool: header and units unless noheader / nounits.
      `fmt=""; for a in "$@"; do case "$a" in --format=*) fmt="$a";; esac; done
case "$fmt" in *noheader*) ;; *) echo "index, name, utilization.gpu [%], memory.used [MiB], memory.total [MiB]";; esac
case "$fmt" in
  *nounits*) echo "0, NVIDIA GeForce RTX 4090, 41, 10240, 24564"; echo "1, NVIDIA GeForce RTX 4090, 0, 3, 24564";;
  *) echo "0, NVIDIA GeForce RTX 4090, 41 %, 10240 MiB, 24564 MiB"; echo "1, NVIDIA GeForce RTX 4090, 0 %, 3 MiB, 24564 MiB";;
esac`,
    ),
};

const expected: Record<string, { hardware: string; utilization: number; usedMiB: number }> = {
  'amd-smi': { hardware: 'AMD Radeon 8060S', utilization: 87, usedMiB: 40960 },
  'rocm-smi': { hardware: '2× Radeon RX 7900 XTX', utilization: 64, usedMiB: 8192 },
  'nvidia-smi': { hardware: '2× NVIDIA GeForce RTX 4090', utilization: 41, usedMiB: 10240 },
};

describe('GPU detection and telemetry', () => {
  for (const tool of Object.keys(tools)) {
    it(`${tool}: hardware class and telemetry samples`, () => {
      const bin = tempDir('greenlight-bin-');
      tools[tool]!(bin);
      const home = tempDir('greenlight-home-');
      const r = runCli(['run', '--project', exampleCopy(), '--json'], {
        env: { GREENLIGHT_HOME: home, PATH: `${bin}:${process.env.PATH}`, TRIAGE_DELAY_MS: '6', GREENLIGHT_TELEMETRY_MS: '150' },
      });
      expect(r.code).toBe(0);
      const run = JSON.parse(r.stdout) as { id: string; hardware: string };
      expect(run.hardware).toBe(expected[tool]!.hardware);
      expect(run.hardware).not.toContain(hostname());
      const db = new Database(join(home, 'greenlight.db'), { readonly: true });
      const samples = db.prepare('SELECT json FROM run_telemetry WHERE run_id = ?').all(run.id) as Array<{ json: string }>;
      db.close();
      expect(samples.length).toBeGreaterThanOrEqual(2);
      const first = JSON.parse(samples[0]!.json) as Array<{ index: number; utilization: number; memoryUsedMiB: number }>;
      expect(first[0]).toMatchObject({ index: 0, utilization: expected[tool]!.utilization });
      expect(first[0]!.memoryUsedMiB).toBeCloseTo(expected[tool]!.usedMiB, 3);
    });
  }

  it('without any GPU tool the hardware class is the CPU model, not the hostname', () => {
    // PATH holds node alone: no GPU tool can be found, whatever this machine has.
    const bin = tempDir('greenlight-bin-');
    symlinkSync(process.execPath, join(bin, 'node'));
    const r = runCli(['run', '--project', exampleCopy(), '--json'], { env: { PATH: bin, TRIAGE_DELAY_MS: '0' } });
    expect(r.code).toBe(0);
    const run = JSON.parse(r.stdout) as { hardware: string };
    expect(run.hardware).toMatch(/^CPU only/);
    expect(run.hardware).not.toContain(hostname());
  });
});
