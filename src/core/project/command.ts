/**
 * Eval commands are argv arrays, never shell lines (SPEC §3: "commands spawned as argv
 * arrays, never through a shell"). A string command is split the way a POSIX shell splits
 * words (quotes and backslashes), and refused when it uses anything only a shell could do:
 * pipes, redirection, `;`/`&&`, substitution, globbing or variables.
 */

export type SplitResult = { ok: true; argv: string[] } | { ok: false; message: string };

const SHELL_ONLY = /[|&;<>()`$*?[\]{}~!#]/;

export function splitCommand(line: string): SplitResult {
  const argv: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && i + 1 < line.length && '"\\'.includes(line[i + 1] as string)) word += line[++i];
      else if (c === '$' || c === '`') return refuse(c);
      else word += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
      continue;
    }
    if (c === '\\') {
      if (i + 1 >= line.length) return { ok: false, message: 'ends with a lone backslash' };
      word += line[++i];
      inWord = true;
      continue;
    }
    if (/\s/.test(c)) {
      if (inWord) argv.push(word);
      word = '';
      inWord = false;
      continue;
    }
    // `{run_dir}`-style placeholders are ours, not the shell's: keep them.
    if (c === '{') {
      const m = /^\{[a-z_]+\}/.exec(line.slice(i));
      if (m) {
        word += m[0];
        i += m[0].length - 1;
        inWord = true;
        continue;
      }
    }
    if (SHELL_ONLY.test(c)) return refuse(c);
    word += c;
    inWord = true;
  }
  if (quote) return { ok: false, message: `unterminated ${quote === '"' ? 'double' : 'single'} quote` };
  if (inWord) argv.push(word);
  if (argv.length === 0) return { ok: false, message: 'expected a command' };
  return { ok: true, argv };
}

function refuse(c: string): SplitResult {
  return {
    ok: false,
    message: `uses "${c}", which needs a shell; Greenlight never runs commands through a shell — write the command as a list of arguments (or call a script)`,
  };
}

/** The placeholders an eval command, cwd, env value or artefact path may use. */
export const PLACEHOLDERS = ['run_dir', 'version', 'commit', 'project_dir', 'run_id'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Partial<Record<Placeholder, string>>;

/** Replace `{name}` with its value; unknown names are left for `unknownPlaceholders` to report. */
export function expandPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(/\{([a-z_]+)\}/g, (whole, name: string) => {
    const v = (values as Record<string, string | undefined>)[name];
    return v === undefined ? whole : v;
  });
}

export function unknownPlaceholders(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\{([a-z_]+)\}/g)) {
    const name = m[1] as string;
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) out.push(name);
  }
  return out;
}

/** `90s`, `15m`, `3h`, `1h30m`, `250ms` or a number of seconds → milliseconds. */
export function parseDuration(v: string | number): number | null {
  if (typeof v === 'number') return Number.isFinite(v) && v > 0 ? Math.round(v * 1000) : null;
  const s = v.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return parseDuration(Number(s));
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const n = Number(m[1]);
    const unit = m[2] as 'ms' | 's' | 'm' | 'h' | 'd';
    total += n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit];
    matched = re.lastIndex;
  }
  if (matched !== s.length || total <= 0) return null;
  return Math.round(total);
}

/**
 * The local folders a published card must never name (seed 001: "no local absolute path in
 * the published artifact"): the run's folder and the data folder it lives in, the project's
 * checkout, the user's home.
 */
export interface LocalPlaces {
  run_dir?: string;
  project_dir?: string;
  data_dir?: string;
  home?: string;
}

function under(text: string, dir: string, at: number): boolean {
  const next = text[at + dir.length];
  return text.startsWith(dir, at) && (next === undefined || next === '/' || next === '\\' || !/[\w.-]/.test(next));
}

/**
 * `text` with every local folder replaced by its placeholder — `{run_dir}`, `{project_dir}`,
 * `{data_dir}` — and the home folder by `~`; the most specific folder wins. A path inside the
 * project (the whole text) becomes relative to it, as a reader in a checkout needs it.
 */
export function portableText(text: string, places: LocalPlaces): string {
  const dirs = (
    [
      ['run_dir', places.run_dir],
      ['project_dir', places.project_dir],
      ['data_dir', places.data_dir],
      ['home', places.home],
    ] as const
  )
    .filter((e): e is readonly [(typeof e)[0], string] => typeof e[1] === 'string' && e[1].replace(/[\\/]+$/, '').length > 1)
    .map(([k, d]) => [k, d.replace(/[\\/]+$/, '')] as const)
    .sort((a, b) => b[1].length - a[1].length);
  const project = dirs.find(([k]) => k === 'project_dir')?.[1];
  if (project && under(text, project, 0) && !dirs.some(([k, d]) => k !== 'project_dir' && d.length > project.length && under(text, d, 0))) {
    const rest = text.slice(project.length).replace(/^[\\/]+/, '');
    return rest === '' ? '.' : rest;
  }
  let out = '';
  for (let i = 0; i < text.length; ) {
    const hit = dirs.find(([, d]) => under(text, d, i));
    if (hit) {
      out += hit[0] === 'home' ? '~' : `{${hit[0]}}`;
      i += hit[1].length;
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
}

/**
 * Why a path from `greenlight.yaml` (an eval's `cwd`, an artefact's `path` or `ground_truth`)
 * could leave the project, or null when it stays inside (SPEC §3: paths confined to the
 * project). It may start with `{run_dir}` or `{project_dir}`; otherwise it is relative, and
 * it never climbs with `..`. Lexical only: the runner checks symbolic links on disk.
 */
export function pathEscape(text: string): string | null {
  const anchored = /^\{(run_dir|project_dir)\}(?=$|[\\/])/.exec(text);
  const rest = anchored ? text.slice(anchored[0].length) : text;
  if (!anchored && (/^[\\/~]/.test(rest) || /^[a-zA-Z]:/.test(rest))) {
    return 'expected a path inside the project (relative to it, or under {run_dir} or {project_dir}), not an absolute path';
  }
  if (rest.split(/[\\/]/).includes('..')) return 'expected a path inside the project or the run folder, without ".."';
  return null;
}
