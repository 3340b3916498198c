import { describe, expect, it } from 'vitest';
import { hardwareClass, parseAmdSmiMetric, parseAmdSmiStatic, parseNvidiaSmiCsv, parseRocmSmi } from '../../../src/core/runner/gpu';

describe('GPU tool output', () => {
  it('amd-smi: list and gpu_data shapes, values as numbers, {value, unit} or strings', () => {
    expect(parseAmdSmiStatic(JSON.stringify([{ gpu: 0, asic: { market_name: 'AMD Instinct MI300X' } }, { gpu: 1, asic: { market_name: 'N/A' }, board: { product_name: 'MI300X-O' } }]))).toEqual([
      { index: 0, name: 'AMD Instinct MI300X' },
      { index: 1, name: 'MI300X-O' },
    ]);
    const newer = parseAmdSmiMetric(JSON.stringify({ gpu_data: [{ gpu: 0, usage: { gfx_activity: { value: 5, unit: '%' } }, mem_usage: { used_vram: { value: 2, unit: 'GB' }, total_vram: { value: 192, unit: 'GB' } } }] }));
    expect(newer).toEqual([{ index: 0, name: null, utilization: 5, memoryUsedMiB: 2048, memoryTotalMiB: 196608 }]);
    const older = parseAmdSmiMetric('WARNING: something\n' + JSON.stringify([{ gpu: 0, usage: { gfx_activity: 12 }, mem_usage: { used_vram: '283 MB', total_vram: '196592 MB' } }]));
    expect(older).toEqual([{ index: 0, name: null, utilization: 12, memoryUsedMiB: 283, memoryTotalMiB: 196592 }]);
  });

  it('rocm-smi JSON, either capitalisation of the card keys', () => {
    const out = parseRocmSmi(JSON.stringify({ card1: { 'GPU use (%)': '3', 'Card series': 'Instinct MI210', 'VRAM Total Memory (B)': '68702699520', 'VRAM Total Used Memory (B)': '10485760' }, system: { 'Driver version': '6.7' } }));
    expect(out).toEqual([{ index: 1, name: 'Instinct MI210', utilization: 3, memoryUsedMiB: 10, memoryTotalMiB: 65520 }]);
  });

  it('nvidia-smi CSV with and without header and units; [N/A] is null', () => {
    const withHeader = 'index, name, utilization.gpu [%], memory.used [MiB], memory.total [MiB]\n0, NVIDIA A100-SXM4-80GB, 97 %, 70000 MiB, 81920 MiB\n1, NVIDIA A100-SXM4-80GB, [N/A], [N/A], 81920 MiB\n';
    expect(parseNvidiaSmiCsv(withHeader)).toEqual([
      { index: 0, name: 'NVIDIA A100-SXM4-80GB', utilization: 97, memoryUsedMiB: 70000, memoryTotalMiB: 81920 },
      { index: 1, name: 'NVIDIA A100-SXM4-80GB', utilization: null, memoryUsedMiB: null, memoryTotalMiB: 81920 },
    ]);
    expect(parseNvidiaSmiCsv('0, NVIDIA GeForce RTX 4090, 41, 10240, 24564\n')[0]).toMatchObject({ utilization: 41, memoryUsedMiB: 10240 });
  });

  it('garbage gives no GPUs rather than an exception', () => {
    for (const text of ['', 'not json', '{"card0": 5}', 'command not found']) {
      expect(parseAmdSmiStatic(text)).toEqual([]);
      expect(parseAmdSmiMetric(text)).toEqual([]);
      expect(parseRocmSmi(text)).toEqual([]);
      expect(parseNvidiaSmiCsv(text)).toEqual([]);
    }
  });

  it('hardware class counts identical models', () => {
    expect(hardwareClass(['A', 'A', 'B', null])).toBe('2× A + B');
    expect(hardwareClass([null])).toBeNull();
  });
});
