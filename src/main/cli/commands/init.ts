/** `greenlight init [DIR]`: scaffold a commented greenlight.yaml from what the folder holds, and check it. */
import type { Command } from 'commander';
import { formatProblem } from '../../../core/errors';
import { action, EXIT_PASS, EXIT_USAGE } from '../exit';
import { describeFindings, initProject } from '../../project/init';

export function register(program: Command): void {
  program
    .command('init')
    .description('write a commented greenlight.yaml from what the folder holds (version source, artefacts, release tags), and validate it')
    .argument('[dir]', 'the project folder (default: here)')
    .action(
      action(async (dir: string | undefined) => {
        const r = await initProject(dir ?? '.');
        process.stderr.write(`greenlight: wrote ${r.file}: ${describeFindings(r.findings).join('; ')}\n`);
        for (const p of r.problems) process.stderr.write(`greenlight: ${formatProblem(p)}\n`);
        process.stdout.write(`${r.file}\n`);
        return r.problems.length ? EXIT_USAGE : EXIT_PASS;
      }),
    );
}
