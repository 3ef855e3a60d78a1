// Runs the workloads and prints their tables; a full run also writes RESULTS.md and results.json.
//   node --expose-gc bench/run.mjs [--quick] [--only=2,4]
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt } from './lib/harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes('--quick');
const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

const workloads = [
  await import('./workloads/w1-floor.mjs'),
  await import('./workloads/w2-stream.mjs'),
  await import('./workloads/w3-stream-events.mjs'),
  await import('./workloads/w4-json.mjs'),
  await import('./workloads/w5-concurrent.mjs'),
  await import('./workloads/w6-per-step.mjs'),
  await import('./workloads/w7-json-adversarial.mjs'),
  await import('./workloads/w8-xml.mjs'),
];

const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ${process.platform}/${process.arch}`;
const lcVersion = (await import('@langchain/core/package.json', { with: { type: 'json' } })).default.version;
console.log(`rxchain benchmarks${quick ? ' (quick)' : ''}: ${machine}; @langchain/core ${lcVersion}\n`);

const report = { quick, machine, langchainCore: lcVersion, date: new Date().toISOString(), workloads: {} };
const sections = [];
const targets = [];
for (const [index, workload] of workloads.entries()) {
  if (only !== undefined && !only.includes(String(index + 1))) continue;
  const started = Date.now();
  const result = await workload.run({ quick });
  console.log(`## ${workload.title}\n\n${result.markdown}\n\n(${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  report.workloads[workload.title] = result.figures;
  sections.push(`## ${workload.title}\n\n${result.markdown}\n`);
  targets.push(...result.targets);
}

const targetRows = targets.map(
  (t) => `| ${t.target} | ${fmt(t.value)}${t.unit === 'x' ? 'x' : ` ${t.unit}`} | ${t.met ? 'met' : '**missed**'} |`,
);
const targetTable = ['| target | measured (median) | |', '| --- | --- | --- |', ...targetRows].join('\n');
console.log(`## Targets\n\n${targetTable}\n`);
report.targets = targets;

if (!quick && only === undefined) {
  writeFileSync(join(here, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(
    join(here, 'RESULTS.md'),
    `# Benchmark results\n\nA full \`npm run bench\` on ${machine}, @langchain/core ${lcVersion}, ${report.date.slice(0, 10)}.\n` +
      'Each figure is the median over alternating rounds (see README.md for what each workload does,\n' +
      'and for where and why rxchain misses a target).\n\n' +
      `## Targets\n\n${targetTable}\n\n${sections.join('\n')}`,
  );
  console.log('Wrote bench/RESULTS.md and bench/results.json.');
}
