/**
 * Precision and recall of the money rules on labelled synthetic books (issue #5, item 5): builds
 * the cooperatives in memory (bench/monitoring/synthetic-books.ts), runs every money rule at its
 * default thresholds, prints the Markdown section and writes it into bench/RESULTS.md under
 * "## Monitoring: precision and recall per rule" (replacing that section, leaving the others).
 *
 *   node --import tsx bench/monitoring/quality.ts [--cooperatives 2000] [--seed 20261128] [--no-write]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureQuality, renderQuality, replaceSection } from './measure.ts';

const { values } = parseArgs({
  options: {
    cooperatives: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '20261128' },
    'no-write': { type: 'boolean', default: false },
  },
});
const int = (s: string, min: number, max: number) => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`expected an integer in [${min}, ${max}], got ${s}`);
  return n;
};
const cooperatives = int(values.cooperatives, 10, 1_000_000);
const seed = int(values.seed, 0, 2 ** 31);

const report = measureQuality({ cooperatives, seed });
const cpu = os.cpus()[0]?.model.split(' ').slice(0, 2).join(' ') ?? 'unknown CPU';
const machine = `${cpu}, ${os.cpus().length} cores, Node ${process.version}`;
const command = `node --import tsx bench/monitoring/quality.ts --cooperatives ${cooperatives} --seed ${seed}`;
const section = `${renderQuality(report, command, machine)}\n\nRecorded ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`;
process.stdout.write(`${section}\n`);
if (!values['no-write']) {
  const file = fileURLToPath(new URL('../RESULTS.md', import.meta.url));
  writeFileSync(file, replaceSection(readFileSync(file, 'utf8'), section));
}
