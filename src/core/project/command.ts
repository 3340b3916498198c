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
