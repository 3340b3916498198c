/**
 * Decision quality of the regression gate, measured through the real gate (SPEC §2.4, issue 10).
 * The contract: at a true drop equal to the tolerance, `significance` fails and `noninferiority`
 * passes at most alpha of the time — in every design, at every baseline rate and every n.
 *
 * Designs: independent samples; paired per-item outcomes with gains (the candidate also gains
 * tol/2 of the items) and pure loss (it gains none). Baseline pass rate 0.05, 0.7, 0.95;
 * tolerance 0.02 and 0.05; alpha 0.05; n = 25, 100, 400, 1000; true drop 0, tol, 2×tol.
 * Seeded draws (4,000 per cell at the tolerance, 1,500 elsewhere) give rates with their 95%
 * Clopper–Pearson interval; paired pure loss, whose outcome is the number of lost items alone,
 * is computed exactly by enumeration. The bench fails when a rate's interval lies above alpha.
 *
 * Part 1 measures the candidate intervals for paired pass/fail items by exact enumeration and
 * picks the one the gate uses by that measurement (no violations, then the narrowest).
 */
import { expect, it } from 'vitest';
import { regressionGate, type RegressionSettings } from '../src/core/gates/regression';
import { mulberry32 } from '../src/core/stats';
import type { Metric } from '../src/core/metric';
import { above, binomialDraw, DESIGNS, exactRate, independent, PairedItems, pmfRange, probabilities, seededRate, showRate, type Design, type Rate } from './lib/designs';
import { CANDIDATES, pairedCoverage, type Candidate } from './lib/interval-coverage';

const ALPHA = 0.05;
const BASES = [0.05, 0.7, 0.95];
const TOLS = [0.02, 0.05];
const SIZES = [25, 100, 400, 1000];
const DRAWS_AT_TOL = 4000;
const DRAWS_ELSEWHERE = 1500;
const MODES = ['significance', 'noninferiority', 'tolerance', 'strict'] as const;
type Mode = (typeof MODES)[number];

const settings = (mode: Mode, tolerance: number): RegressionSettings => ({
  name: 'bench',
  required: false,
  mode,
  tolerance,
  relative: false,
  alpha: ALPHA,
  metric: 'acc',
  comparability: { keys: [], allow: false },
  bootstrap: { resamples: 2000, seed: 1 },
});

const pct = (x: number, d = 1) => `${(100 * x).toFixed(d)}%`;
const log = (s = '') => console.log(s);

/** Outcome counts of the four modes over a cell: passes (status pass), and everything else counts as a fail. */
type Tally = Record<Mode, { pass: number; total: number }>;
const emptyTally = (): Tally => Object.fromEntries(MODES.map((m) => [m, { pass: 0, total: 0 }])) as Tally;

function judge(t: Tally, b: Metric, c: Metric, tol: number, weight = 1): void {
  for (const mode of MODES) {
    const g = regressionGate('bench', settings(mode, tol), 'base', { metrics: [c] }, { metrics: [b] });
    if (g.status === 'pass') t[mode].pass += weight;
    t[mode].total += weight;
  }
}

function cellRates(design: Design, p0: number, tol: number, n: number, drop: number): Record<Mode, { pass: Rate; fail: Rate }> | null {
  const pr = probabilities(design, p0, drop, tol);
  if (!pr) return null;
  const t = emptyTally();
  if (design === 'paired pure loss') {
    // Each item is a lost baseline pass with probability p0 × lose = drop, and the gate's every
    // input (the drop b/n and Tango's interval) depends on the lost count alone: enumerate it.
    const items = new PairedItems(n);
    const L = pmfRange(n, drop);
    const passes = Math.round(p0 * n);
    L.pmf.forEach((p, i) => {
      const lost = L.k0 + i;
      const [b, c] = items.fill(Math.max(0, passes - lost), lost, 0);
      judge(t, b, c, tol, p);
    });
    const norm = (m: Mode) => t[m].pass / t[m].total;
    return Object.fromEntries(MODES.map((m) => [m, { pass: exactRate(norm(m)), fail: exactRate(1 - norm(m)) }])) as Record<Mode, { pass: Rate; fail: Rate }>;
  }
  const draws = Math.abs(drop - tol) < 1e-12 ? DRAWS_AT_TOL : DRAWS_ELSEWHERE;
  const rand = mulberry32(Math.round(n * 7919 + p0 * 1e5 + tol * 1e7 + drop * 1e9) + DESIGNS.indexOf(design));
  const items = design === 'paired with gains' ? new PairedItems(n) : null;
  for (let d = 0; d < draws; d++) {
    if (items) {
      const [b, c] = items.draw(rand, p0, pr.lose, pr.gain);
      judge(t, b, c, tol);
    } else {
      const [b, c] = independent(binomialDraw(rand, n, p0), binomialDraw(rand, n, pr.pc), n);
      judge(t, b, c, tol);
    }
  }
  return Object.fromEntries(MODES.map((m) => [m, { pass: seededRate(t[m].pass, draws), fail: seededRate(draws - t[m].pass, draws) }])) as Record<Mode, { pass: Rate; fail: Rate }>;
}

it('decision quality of the regression gate', () => {
  const t0 = performance.now();
  const violations: string[] = [];

  // Part 1 — which paired interval: exact one-sided errors at a true drop = tolerance.
  log(`\n## 1. Paired pass/fail intervals compared (exact enumeration; true drop = tolerance; alpha ${ALPHA})`);
  log('Rates are the two errors a gate makes at the tolerance: noninferiority passing (hi ≤ tol) and significance failing (lo > tol); each must be ≤ 5%.');
  log(`| design | p0 | tol | n | ${CANDIDATES.map((c) => `${c}: NI pass / SIG fail`).join(' | ')} |`);
  log(`|---|---:|---:|---:|${CANDIDATES.map(() => '---:').join('|')}|`);
  const score = Object.fromEntries(CANDIDATES.map((c) => [c, { violations: 0, worst: 0, width: 0, cells: 0 }])) as Record<Candidate, { violations: number; worst: number; width: number; cells: number }>;
  for (const design of ['paired with gains', 'paired pure loss'] as const) {
    for (const p0 of BASES) {
      for (const tol of TOLS) {
        const pr = probabilities(design, p0, tol, tol);
        if (!pr) continue;
        for (const n of SIZES) {
          const cov = pairedCoverage(n, p0, pr.lose, pr.gain, tol, ALPHA);
          const cells = CANDIDATES.map((c) => {
            const r = cov[c];
            const s = score[c];
            const worst = Math.max(r.niFalsePass, r.sigFalseFail);
            if (worst > ALPHA + 1e-12) s.violations++;
            s.worst = Math.max(s.worst, worst);
            s.width += r.meanWidth;
            s.cells++;
            return `${pct(r.niFalsePass)} / ${pct(r.sigFalseFail)}${worst > ALPHA + 1e-12 ? ' ✗' : ''}`;
          });
          log(`| ${design} | ${p0} | ${tol} | ${n} | ${cells.join(' | ')} |`);
        }
      }
    }
  }
  // The designs where paired intervals usually break: no gains at all (every discordant item a
  // loss) or almost none, small n, baselines in the middle, tolerances up to 0.1. Printed where
  // some interval goes above 5%.
  const t1 = performance.now();
  log('\nHard cases (pure loss, or 1% gained; p0 0.5/0.7/0.9; tol 0.02/0.05/0.1; n 25/50/100/200), rows where an interval breaks:');
  log(`| gained | p0 | tol | n | ${CANDIDATES.map((c) => `${c}: NI pass / SIG fail`).join(' | ')} |`);
  log(`|---:|---:|---:|---:|${CANDIDATES.map(() => '---:').join('|')}|`);
  for (const g of [0, 0.01]) {
    for (const p0 of [0.5, 0.7, 0.9]) {
      for (const tol of [0.02, 0.05, 0.1]) {
        if (tol + g > p0 || g > 1 - p0) continue;
        for (const n of [25, 50, 100, 200]) {
          const cov = pairedCoverage(n, p0, (tol + g) / p0, g / (1 - p0), tol, ALPHA);
          let broke = false;
          const cells = CANDIDATES.map((c) => {
            const r = cov[c];
            const s = score[c];
            const worst = Math.max(r.niFalsePass, r.sigFalseFail);
            if (worst > ALPHA + 1e-12) {
              s.violations++;
              broke = true;
            }
            s.worst = Math.max(s.worst, worst);
            s.width += r.meanWidth;
            s.cells++;
            return `${pct(r.niFalsePass)} / ${pct(r.sigFalseFail)}${worst > ALPHA + 1e-12 ? ' ✗' : ''}`;
          });
          if (broke) log(`| ${g} | ${p0} | ${tol} | ${n} | ${cells.join(' | ')} |`);
        }
      }
    }
  }
  log(`(hard cases: ${((performance.now() - t1) / 1000).toFixed(1)} s)`);
  log('\n| interval | cells above 5% | worst error | mean width |');
  log('|---|---:|---:|---:|');
  for (const c of CANDIDATES) log(`| ${c} | ${score[c].violations} of ${score[c].cells} | ${pct(score[c].worst)} | ${(score[c].width / score[c].cells).toFixed(4)} |`);
  const eligible = CANDIDATES.filter((c) => score[c].violations === 0).sort((a, b) => score[a].width - score[b].width);
  const chosen = eligible[0];
  log(`Chosen by measurement: ${chosen ?? 'none holds'} (no cell above alpha, then the narrowest). The gate uses Tango's score interval.`);
  if (chosen !== 'Tango score') violations.push(`the measured best paired interval is ${chosen ?? 'none'}, but the gate uses Tango's`);

  log(`(part 1: ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  // Part 2 — the gate's decisions at a true drop = tolerance, every mode, every cell.
  log(`\n## 2. The contract at a true drop = tolerance, through the real gate (alpha ${ALPHA})`);
  log(`significance fail rate and noninferiority pass rate must be ≤ 5%; seeded rates carry their 95% Clopper–Pearson interval (${DRAWS_AT_TOL} draws), paired pure loss is exact.`);
  log('| design | p0 | tol | n | significance fails | noninferiority passes | tolerance fails | strict fails |');
  log('|---|---:|---:|---:|---:|---:|---:|---:|');
  const power: string[] = [];
  const atZero: string[] = [];
  for (const design of DESIGNS) {
    for (const p0 of BASES) {
      for (const tol of TOLS) {
        for (const n of SIZES) {
          const r = cellRates(design, p0, tol, n, tol);
          if (!r) {
            log(`| ${design} | ${p0} | ${tol} | ${n} | n/a (a drop of ${tol} with ${design === 'independent' ? '' : `${tol / 2} gained `}is impossible at p0 ${p0}) | | | |`);
            continue;
          }
          const sig = r.significance.fail;
          const ni = r.noninferiority.pass;
          if (above(sig, ALPHA)) violations.push(`${design} p0=${p0} tol=${tol} n=${n}: significance fails ${showRate(sig)}`);
          if (above(ni, ALPHA)) violations.push(`${design} p0=${p0} tol=${tol} n=${n}: noninferiority passes ${showRate(ni)}`);
          log(`| ${design} | ${p0} | ${tol} | ${n} | ${showRate(sig)} | ${showRate(ni)} | ${showRate(r.tolerance.fail)} | ${showRate(r.strict.fail)} |`);
          const twice = cellRates(design, p0, tol, n, 2 * tol);
          power.push(
            twice
              ? `| ${design} | ${p0} | ${tol} | ${n} | ${MODES.map((m) => showRate(twice[m].fail)).join(' | ')} |`
              : `| ${design} | ${p0} | ${tol} | ${n} | n/a | | | |`,
          );
          const zero = cellRates(design, p0, tol, n, 0);
          if (zero) atZero.push(`| ${design} | ${p0} | ${tol} | ${n} | ${MODES.map((m) => showRate(zero[m].pass)).join(' | ')} |`);
        }
      }
    }
  }

  log(`\n## 3. Power: fail rate at a true drop of twice the tolerance (${DRAWS_ELSEWHERE} draws; pure loss exact)`);
  log(`| design | p0 | tol | n | ${MODES.join(' | ')} |`);
  log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of power) log(r);

  log(`\n## 4. Pass rate with no true drop (what each mode lets through when nothing changed)`);
  log(`| design | p0 | tol | n | ${MODES.join(' | ')} |`);
  log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of atZero) log(r);

  // Part 5 — implausible_gain on noise (issue point 4): tolerance mode, no true change.
  log('\n## 5. implausible_gain (default 0.05) on pure noise: share of candidates called ANOMALOUS, p0 = 0.7, no true change');
  log('| n | with n and successes (gain interval) | bare scores (point rule, seed 002) |');
  log('|---:|---:|---:|');
  for (const n of [25, 100]) {
    const rand = mulberry32(4242 + n);
    let evidence = 0;
    let bare = 0;
    for (let d = 0; d < DRAWS_AT_TOL; d++) {
      const [b, c] = independent(binomialDraw(rand, n, 0.7), binomialDraw(rand, n, 0.7), n);
      if (regressionGate('g', settings('tolerance', 0.05), 'base', { metrics: [c] }, { metrics: [b] }).status === 'anomalous') evidence++;
      const strip = (m: Metric): Metric => ({ name: m.name, value: m.value, scale: 1, higherIsBetter: true });
      if (regressionGate('g', settings('tolerance', 0.05), 'base', { metrics: [strip(c)] }, { metrics: [strip(b)] }).status === 'anomalous') bare++;
    }
    const ev = seededRate(evidence, DRAWS_AT_TOL);
    if (above(ev, ALPHA)) violations.push(`implausible_gain flags ${showRate(ev)} of pure noise at n=${n}`);
    log(`| ${n} | ${showRate(ev)} | ${showRate(seededRate(bare, DRAWS_AT_TOL))} |`);
  }

  // Part 6 — does "smallest detectable drop" mean what it says? Fail rate at the drop the note gives.
  log('\n## 6. The noted smallest detectable drop: fail rate of the gate at that true drop (independent, p0 0.7, tol 0.05; target 80%)');
  log('| mode | n | noted drop | fail rate at it |');
  log('|---|---:|---:|---:|');
  for (const mode of ['significance', 'noninferiority'] as const) {
    for (const n of [25, 100, 400]) {
      const [b0, c0] = independent(Math.round(0.7 * n), Math.round(0.7 * n), n);
      const g = regressionGate('g', settings(mode, 0.05), 'base', { metrics: [c0] }, { metrics: [b0] });
      const mdd = (g.evidence.per_task as Record<string, { min_detectable_drop?: number }>).acc?.min_detectable_drop;
      if (mdd === undefined) {
        log(`| ${mode} | ${n} | not underpowered | |`);
        continue;
      }
      const rand = mulberry32(777 + n);
      let fails = 0;
      for (let d = 0; d < DRAWS_ELSEWHERE; d++) {
        const [b, c] = independent(binomialDraw(rand, n, 0.7), binomialDraw(rand, n, Math.max(0, 0.7 - mdd)), n);
        if (regressionGate('g', settings(mode, 0.05), 'base', { metrics: [c] }, { metrics: [b] }).status !== 'pass') fails++;
      }
      log(`| ${mode} | ${n} | ${mdd.toFixed(4)} | ${showRate(seededRate(fails, DRAWS_ELSEWHERE))} |`);
    }
  }

  log(`\n(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  log(violations.length ? `VIOLATIONS:\n${violations.join('\n')}` : 'Every cell holds: at a true drop = tolerance, significance fails and noninferiority passes at most alpha of the time (no interval lies above 5%).');
  expect(violations).toEqual([]);
});
