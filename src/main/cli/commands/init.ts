/** `greenlight init [DIR]`: scaffold a commented greenlight.yaml from what the folder holds, and check it. */
import type { Command } from 'commander';
import { formatProblem } from '../../../core/errors';
import { action, EXIT_PASS, EXIT_USAGE } from '../exit';
import { initProject } from '../../project/init';

export function register(program: Command): void {
  program
    .command('init')
    .description('write a commented greenlight.yaml from what the folder holds (version source, artefacts, release tags), and validate it')
    .argument('[dir]', 'the project folder (default: here)')
    .action(
      action(async (dir: string | undefined) => {
        const r = await initProject(dir ?? '.');
        const f = r.findings;
        const found = [
          f.version ? `version from ${'from' in f.version ? f.version.from : f.version.file}` : 'no version source (version: {value: 0.1.0})',
          `${f.artefacts.length} artefact(s)${f.artefacts.length ? `: ${f.artefacts.map((a) => `${a.path} (${a.kind})`).join(', ')}` : ''}`,
          f.tags ? `tag pattern ${f.tags.pattern} (${f.tags.matching} of ${f.tags.total} tags)` : 'no release tags',
        ];
        process.stderr.write(`greenlight: wrote ${r.file}: ${found.join('; ')}\n`);
        for (const p of r.problems) process.stderr.write(`greenlight: ${formatProblem(p)}\n`);
        process.stdout.write(`${r.file}\n`);
        return r.problems.length ? EXIT_USAGE : EXIT_PASS;
      }),
    );
}
