/**
 * Problems are values at the edges (ARCHITECTURE: "Errors are values"). A problem names the
 * file, the dotted path inside it and what was expected; `formatProblem` gives the one line
 * the CLI prints and the UI shows.
 */
export interface Problem {
  /** The artefact or policy file, when known. */
  file?: string;
  /** The 1-based line in the file, when known (`greenlight.yaml:23: …`). */
  line?: number;
  /** Dotted path inside the file (`gates.2.thresholds.base`), '' for the whole file. */
  path: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  const at = p.file !== undefined && p.line !== undefined ? `${p.file}:${p.line}` : p.line !== undefined ? `line ${p.line}` : p.file;
  const where = [at, p.path].filter((s) => s !== undefined && s !== '').join(': ');
  return where ? `${where}: ${p.message}` : p.message;
}

/** Zod issues → problems with dotted paths. Structural type so core needs no zod internals. */
export function problemsFromZod(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
  file?: string,
): Problem[] {
  return issues.map((i) => ({
    file,
    path: i.path.map((k) => String(k)).join('.'),
    message: i.message,
  }));
}

/** A usage or input error: the CLI exits 2 with its message, the UI shows it inline. */
export class UsageError extends Error {
  readonly problems: Problem[];
  constructor(message: string, problems: Problem[] = []) {
    super(message);
    this.name = 'UsageError';
    this.problems = problems;
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };
