#!/usr/bin/env node
// Email-triage benchmark for the example project: no GPU, no network. It "classifies" a
// fixed set of emails with a simulated model whose quality you choose, prints progress as
// `12/220`, and writes two artefacts in real formats into --output-dir:
//   eval-report.json  (Greenlight's eval-report kind: per-email pass/fail, cost, duration)
//   scorecard.json    (the `gaia eval benchmark` output shape: scenarios with total_emails
//                      and quality.category_accuracy, confusion rows)
//
// Knobs (argument or environment variable):
//   --seed N      / TRIAGE_SEED       same seed, same results (default 7); `random`: a fresh seed
//                                     each run, as a sampling model would (printed, to redo a run)
//   With `repeats: k` in greenlight.yaml, epoch e uses seed + e − 1 ($GREENLIGHT_EPOCH), so the
//   k epochs differ the way k samples of a model do.
//   --quality Q   / TRIAGE_QUALITY    0..1, chance the model is right (default 0.9 → passes the gates;
//                                     0.4 → fails them)
//   --items N     / TRIAGE_ITEMS      emails to classify (default: all 220 of the ground truth)
//   --delay-ms D  / TRIAGE_DELAY_MS   per-email delay, so a run takes a while (default 12 ≈ 3 s)
//   TRIAGE_EXIT_CODE=N                exit with N after writing (to see a failing command)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const arg = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const num = (v, fallback) => (v === undefined || v === '' || !Number.isFinite(Number(v)) ? fallback : Number(v));

const outDir = arg('output-dir') ?? process.env.GREENLIGHT_RUN_DIR ?? join(here, '..', 'out');
const seedArg = arg('seed') ?? process.env.TRIAGE_SEED;
const epoch = Math.max(1, Math.floor(num(process.env.GREENLIGHT_EPOCH, 1)));
const seed = (seedArg === 'random' ? Math.floor(Math.random() * 2 ** 31) : num(seedArg, 7)) + epoch - 1;
const quality = Math.min(1, Math.max(0, num(arg('quality') ?? process.env.TRIAGE_QUALITY, 0.9)));
const delayMs = Math.max(0, num(arg('delay-ms') ?? process.env.TRIAGE_DELAY_MS, 12));
const truth = JSON.parse(readFileSync(join(here, '..', 'tests', 'fixtures', 'email', 'ground_truth.json'), 'utf8'));
const ids = Object.keys(truth).filter((k) => k !== '_meta');
const items = Math.min(ids.length, Math.max(1, num(arg('items') ?? process.env.TRIAGE_ITEMS, ids.length)));
const categories = truth._meta.categories;

// mulberry32: a tiny deterministic PRNG, so a seed reproduces a run exactly.
let state = seed >>> 0 || 1;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Each email's text, made from its id and label alone (no draw from the PRNG, so a seed's
// results are the same as before the texts existed): what the model read, for the console.
const SUBJECTS = {
  billing: ['Invoice #{n} is overdue', 'Question about my last statement', 'Refund for order {n}', 'Card declined on renewal'],
  support: ['Cannot log in since the update', 'Export to CSV fails with error {n}', 'How do I reset my API key?', 'App crashes on start'],
  sales: ['Pricing for a team of {n}', 'Can we book a demo next week?', 'Enterprise plan quote', 'Volume discount for {n} seats'],
  spam: ['You have WON a prize #{n}', 'Cheap watches, 90% off', 'Claim your reward now', 'Urgent: verify your wallet'],
  urgent: ['Production is down for all users', 'Security incident on account {n}', 'Payroll run failed today', 'Data loss after migration'],
  newsletter: ['This week in product: issue {n}', 'Our monthly roundup', 'Five tips for better workflows', 'Release notes {n}'],
};
const BODIES = {
  billing: 'Hello, I was charged twice this month for invoice {n}. Could you check and refund the duplicate?',
  support: 'Hi team, since this morning I get an error when I try to sign in. I have cleared my cache already. Ref {n}.',
  sales: 'We are evaluating tools for {n} people and would like to know your pricing and whether you offer annual billing.',
  spam: 'Congratulations!!! Click the link below to claim ${n}000 before midnight. No purchase necessary.',
  urgent: 'Everything returns 500 since this morning (ticket {n}). Customers are calling. Please escalate immediately.',
  newsletter: 'Welcome to issue {n} of our newsletter: new features, a customer story and upcoming events.',
};
const emailText = (id, label) => {
  const n = Number(id.replace(/\D/g, '')) || 0;
  const subjects = SUBJECTS[label] ?? ['Message {n}'];
  const fill = (t) => t.replaceAll('{n}', String(n));
  return `Subject: ${fill(subjects[n % subjects.length])}\n\n${fill(BODIES[label] ?? 'Message {n}.')}`;
};

const startedAt = new Date();
console.log(`email-triage benchmark: ${items} emails, seed ${seed}, quality ${quality}`);
const results = [];
for (let i = 0; i < items; i++) {
  const id = ids[i];
  const expected = truth[id];
  const right = random() < quality;
  const others = categories.filter((c) => c !== expected);
  const predicted = right ? expected : others[Math.floor(random() * others.length)];
  const duration = 0.2 + random() * 0.6;
  const cost = Math.round((0.0015 + random() * 0.001) * 1e6) / 1e6;
  results.push({ id, expected, predicted, duration, cost });
  if (delayMs) await sleep(delayMs);
  console.log(`${i + 1}/${items} ${id} ${expected} -> ${predicted}${predicted === expected ? '' : ' (wrong)'}`);
}

mkdirSync(outDir, { recursive: true });
const passCount = results.filter((r) => r.predicted === r.expected).length;
const endedAt = new Date();
writeFileSync(
  join(outDir, 'eval-report.json'),
  JSON.stringify(
    {
      name: 'email-triage',
      started_at: startedAt.toISOString(),
      ended_at: endedAt.toISOString(),
      task_count: results.length,
      pass_count: passCount,
      fail_count: results.length - passCount,
      error_count: 0,
      pass_rate: passCount / results.length,
      results: results.map((r) => ({
        task_id: r.id,
        passed: r.predicted === r.expected,
        category: r.expected,
        input: emailText(r.id, r.expected),
        expected: r.expected,
        predicted: r.predicted,
        outcome: { cost: r.cost, duration_s: Math.round(r.duration * 1000) / 1000, status: 'completed', error: null },
      })),
    },
    null,
    2,
  ),
);

// gaia-benchmark shape: one scenario per batch of 20 emails, with a confusion table.
const scenarios = [];
for (let s = 0; s * 20 < results.length; s++) {
  const batch = results.slice(s * 20, s * 20 + 20);
  const cells = new Map();
  for (const r of batch) cells.set(`${r.expected}\u0000${r.predicted}`, (cells.get(`${r.expected}\u0000${r.predicted}`) ?? 0) + 1);
  const correct = batch.filter((r) => r.predicted === r.expected).length;
  scenarios.push({
    scenario_id: `batch_${String(s + 1).padStart(2, '0')}`,
    category: 'email-triage',
    status: correct / batch.length >= 0.7 ? 'PASS' : 'FAIL',
    total_emails: batch.length,
    quality: {
      category_accuracy: Math.round((correct / batch.length) * 10000) / 10000,
      categorization: {
        rows: [...cells.entries()].map(([k, count]) => {
          const [expected, predicted] = k.split('\u0000');
          return { expected, predicted, count };
        }),
      },
    },
  });
}
writeFileSync(
  join(outDir, 'scorecard.json'),
  JSON.stringify({ run_id: `email-triage-seed${seed}`, timestamp: endedAt.toISOString(), config: { model: `simulated-q${quality}`, seed }, scenarios }, null, 2),
);
console.log(`accuracy ${(passCount / results.length).toFixed(4)} (${passCount}/${results.length}); artefacts in ${outDir}`);
process.exitCode = num(process.env.TRIAGE_EXIT_CODE, 0);
