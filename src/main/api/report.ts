/** The static report call: the same HTML `greenlight report --out` writes. */
import { buildReport, ReportNotFound } from '../report/build';
import { ApiFailure, type Handler } from './service';

export const reportServices = {
  'report.html': (async (input, ctx) => {
    try {
      return await buildReport(ctx, input.runId);
    } catch (err) {
      if (err instanceof ReportNotFound) throw new ApiFailure('not_found', err.message);
      throw err;
    }
  }) satisfies Handler<'report.html'>,
};
