/**
 * `ptq-summary`: seed 002's quantization summary. `size_ratio` = output/source bytes; the
 * checkpoint-validity gate judges the rest of the document (sizes, recipe, precision buckets,
 * metadata diffs), so wrong content loads and becomes a gate decision, not a usage error.
 */
import { artefact, fail, isRecord, makeMetric, type Adapter } from './common';

export const adaptPtqSummary: Adapter = (input, ctx) => {
  if (!isRecord(input)) return fail(ctx.file, '', 'expected a PTQ summary object {source_bytes, output_bytes, recipe, layer_precision_counts, metadata_diffs}');
  const src = input.source_bytes;
  const out = input.output_bytes;
  const raw =
    // Negative sizes divide into a plausible ratio (−1/−2 = 0.5): out of range, never a ratio.
    typeof src === 'number' && typeof out === 'number' && Number.isFinite(src) && Number.isFinite(out) && src >= 0 && out >= 0
      ? src > 0
        ? out / src
        : `source_bytes ${src}`
      : { source_bytes: src ?? null, output_bytes: out ?? null };
  const metric = makeMetric('ptq-summary', ctx, { name: 'size_ratio', raw, pointer: 'output_bytes / source_bytes', higherIsBetter: false });
  return {
    ok: true,
    value: artefact('ptq-summary', ctx, {
      metrics: [metric],
      document: input,
      metadata: { recipe: input.recipe, layer_precision_counts: input.layer_precision_counts, metadata_diff_count: Array.isArray(input.metadata_diffs) ? input.metadata_diffs.length : undefined },
    }),
  };
};
