/**
 * The batch script Greenlight hands to `sbatch` (issue 17), written into the run folder for
 * the user to read. The command is an argv array and every word is single-quoted, so nothing
 * from greenlight.yaml is ever interpreted by the shell: no expansion, no globbing, no
 * command substitution, newlines kept as data. A matrix stage is one job array; the array task
 * picks its argv from a `case`. The script records the command's exit code beside its log.
 */

/** POSIX single quotes: `'` inside becomes `'\''`. NUL cannot be passed in an argv at all. */
export function shellQuote(word: string): string {
  if (word.includes('\0')) throw new Error('an argument contains a NUL byte, which no program can receive');
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface BatchJob {
  argv: readonly string[];
  env: Readonly<Record<string, string>>;
}

export interface BatchScriptInput {
  runId: string;
  stage: string;
  cwd: string;
  jobs: readonly BatchJob[];
  /** Where each task writes its exit code: `{task}` is replaced by the array index. */
  exitFile: string;
  /** The sbatch command line, shown in a comment (JSON, so it stays on one line). */
  sbatch: readonly string[];
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function batchScript(input: BatchScriptInput): string {
  const lines = [
    '#!/bin/bash',
    `# Written by Greenlight for run ${JSON.stringify(input.runId)}, stage ${JSON.stringify(input.stage)}.`,
    '# Every argument is single-quoted: the shell interprets nothing that came from greenlight.yaml.',
    `# Submitted with: ${JSON.stringify(input.sbatch)}`,
    'set -u',
    `cd -- ${shellQuote(input.cwd)} || exit 97`,
    'task="${SLURM_ARRAY_TASK_ID:-0}"',
    'case "$task" in',
  ];
  input.jobs.forEach((job, i) => {
    lines.push(`  ${i})`);
    for (const [k, v] of Object.entries(job.env)) {
      if (!ENV_NAME.test(k)) throw new Error(`"${k}" is not a valid environment variable name`);
      lines.push(`    export ${k}=${shellQuote(v)}`);
    }
    lines.push(`    set -- ${job.argv.map(shellQuote).join(' ')}`, '    ;;');
  });
  const [before, after] = input.exitFile.split('{task}');
  lines.push(
    '  *) echo "greenlight: no job for array task $task" >&2; exit 98 ;;',
    'esac',
    'echo "[greenlight] job $task started on $(hostname) (Slurm job ${SLURM_JOB_ID:-?})"',
    '"$@"',
    'code=$?',
    `printf '%s\\n' "$code" > ${shellQuote(before ?? '')}"$task"${shellQuote(after ?? '')}`,
    'exit "$code"',
    '',
  );
  return lines.join('\n');
}
