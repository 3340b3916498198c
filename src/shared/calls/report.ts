/** The static HTML report of a run (`greenlight report`, the console's Download button). */
import { z } from 'zod';
import { call } from './call';

export const reportCalls = {
  /** One self-contained HTML file: opens from disk with no server and no network. */
  'report.html': call(z.object({ runId: z.string().min(1) }), z.object({ filename: z.string(), html: z.string() })),
} as const;
