/**
 * Precision and recall of the money rules over labelled synthetic books (synthetic-books.ts).
 *
 * - A finding is a true positive when it is of the rule planted in its cooperative and its
 *   evidence names at least one planted payment (evidence entries are payment ids there).
 * - A plant is detected when at least one finding of its rule names one of its payments.
 * - Precision = true-positive findings / all findings of the rule; recall = detected / planted.
 * - False-positive rate on clean books = share of cooperatives without a plant that raise any
 *   money finding (and, per rule, that raise a finding of that rule).
 */

import type { CooperativeBooks, Finding } from '../../src/monitoring/rule.ts';
import { invoiceAmounts, MONEY_RULES } from '../../src/monitoring/rules/money.ts';
import { type Plant, type SyntheticOptions, syntheticCooperatives } from './synthetic-books.ts';

export type RuleQuality = {
  ruleId: string;
  planted: number;
  detected: number;
  findings: number;
  truePositives: number;
  /** Findings in a planted cooperative that name a payment planted for another rule. */
  onOtherPlants: number;
  /** Findings in clean cooperatives. */
  onClean: number;
  /** Clean cooperatives with at least one finding of this rule. */
  cleanCooperativesFlagged: number;
  /** Plants of this rule not detected: cooperative and variant, for reading. */
  missed: Array<{ cooperative: number; variant: string }>;
};

export type QualityReport = {
  cooperatives: number;
  seed: number;
  clean: number;
  payments: number;
  /** Clean cooperatives with any money finding. */
  cleanFlagged: number;
  rules: RuleQuality[];
  /**
   * The statistical tests that need enough payments: on how many clean cooperatives they apply
   * (evaluated with a zero limit, which any applicable set exceeds) and how many they flag.
   */
  applicability: Array<{ ruleId: string; cleanApplicable: number; cleanFlagged: number }>;
  /** Milliseconds spent generating the books and evaluating the rules. */
  generateMs: number;
  evaluateMs: number;
};

export function measureQuality(options: SyntheticOptions): QualityReport {
  const rules = MONEY_RULES.map((rule) => ({
    rule,
    limits: rule.thresholds.parse({}) as Record<string, unknown>,
  }));
  const byRule = new Map<string, RuleQuality>(
    MONEY_RULES.map((r) => [
      r.id,
      {
        ruleId: r.id,
        planted: 0,
        detected: 0,
        findings: 0,
        truePositives: 0,
        onOtherPlants: 0,
        onClean: 0,
        cleanCooperativesFlagged: 0,
        missed: [],
      },
    ]),
  );
  // The tests that need enough payments, and when they apply (their defaults).
  const gated = [
    {
      ruleId: 'money.benford_first_digit',
      applies: (b: CooperativeBooks) => invoiceAmounts(b).length >= 300,
    },
    {
      ruleId: 'money.round_amounts',
      applies: (b: CooperativeBooks) =>
        invoiceAmounts(b).filter((p) => p.amountRials >= 10_000_000).length >= 30,
    },
  ].map((g) => ({ ...g, applicable: 0, flagged: 0 }));
  let clean = 0;
  let cleanFlagged = 0;
  let payments = 0;
  let generateMs = 0;
  let evaluateMs = 0;
  const iterator = syntheticCooperatives(options);
  for (;;) {
    const t0 = performance.now();
    const next = iterator.next();
    generateMs += performance.now() - t0;
    if (next.done) break;
    const { books, plant } = next.value;
    payments += books.payments.length;
    const t1 = performance.now();
    const findings: Finding[] = [];
    for (const { rule, limits } of rules) findings.push(...rule.evaluate(books, limits));
    evaluateMs += performance.now() - t1;
    tally(byRule, findings, plant);
    if (plant === null) {
      for (const g of gated) {
        if (!g.applies(books)) continue;
        g.applicable += 1;
        if (findings.some((f) => f.ruleId === g.ruleId)) g.flagged += 1;
      }
      clean += 1;
      if (findings.length > 0) cleanFlagged += 1;
      for (const id of new Set(findings.map((f) => f.ruleId))) {
        const q = byRule.get(id);
        if (q) q.cleanCooperativesFlagged += 1;
      }
    }
  }

  return {
    cooperatives: options.cooperatives,
    seed: options.seed,
    clean,
    payments,
    cleanFlagged,
    rules: [...byRule.values()],
    applicability: gated.map((g) => ({
      ruleId: g.ruleId,
      cleanApplicable: g.applicable,
      cleanFlagged: g.flagged,
    })),
    generateMs,
    evaluateMs,
  };
}

function tally(byRule: Map<string, RuleQuality>, findings: Finding[], plant: Plant | null) {
  const planted = new Set(plant?.paymentIds ?? []);
  const names = (f: Finding) => f.evidence.entries.some((e) => planted.has(e));
  if (plant) {
    const q = byRule.get(plant.ruleId);
    if (q) {
      q.planted += 1;
      if (findings.some((f) => f.ruleId === plant.ruleId && names(f))) q.detected += 1;
      else q.missed.push({ cooperative: plant.cooperative, variant: plant.variant });
    }
  }
  for (const f of findings) {
    const q = byRule.get(f.ruleId);
    if (!q) continue;
    q.findings += 1;
    if (plant === null) q.onClean += 1;
    else if (f.ruleId === plant.ruleId && names(f)) q.truePositives += 1;
    else if (names(f)) q.onOtherPlants += 1;
  }
}

const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`);
const ratio = (n: number, d: number) => (d === 0 ? '—' : (n / d).toFixed(3));

/** The Markdown section of bench/RESULTS.md. */
export function renderQuality(r: QualityReport, command: string, machine: string): string {
  const out: string[] = [];
  out.push(QUALITY_HEADING);
  out.push('');
  out.push(`\`${command}\` (${machine}).`);
  out.push('');
  out.push(
    `${r.cooperatives.toLocaleString('en')} synthetic cooperatives (seed ${r.seed}), ${r.payments.toLocaleString('en')} payments, built in memory by \`bench/monitoring/synthetic-books.ts\`: ${r.clean.toLocaleString('en')} clean, ${(r.cooperatives - r.clean).toLocaleString('en')} carrying one planted anomaly each (the rules in turn). Every money rule at its default thresholds; generation ${(r.generateMs / 1000).toFixed(1)} s, evaluation ${(r.evaluateMs / 1000).toFixed(1)} s (${Math.round((1000 * r.cooperatives) / Math.max(1, r.evaluateMs)).toLocaleString('en')} cooperatives/s, all rules).`,
  );
  out.push('');
  out.push(
    'A finding is a true positive when it is of the planted rule and names a planted payment; a plant is detected when such a finding exists. "On other plants" counts findings that name a payment planted for another rule (one anomaly showing through two tests, e.g. invented round amounts that also bend the first digits); they count against precision, and the last precision column leaves them out.',
  );
  out.push('');
  out.push(
    '| rule | planted | detected | recall | findings | true positives | precision | on other plants | clean cooperatives flagged | precision without other plants |',
  );
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const q of r.rules) {
    out.push(
      `| \`${q.ruleId}\` | ${q.planted} | ${q.detected} | ${ratio(q.detected, q.planted)} | ${q.findings} | ${q.truePositives} | ${ratio(q.truePositives, q.findings)} | ${q.onOtherPlants} | ${q.cleanCooperativesFlagged} (${pct(q.cleanCooperativesFlagged, r.clean)}) | ${ratio(q.truePositives, q.findings - q.onOtherPlants)} |`,
    );
  }
  out.push('');
  out.push(
    `False-positive rate on clean books: **${pct(r.cleanFlagged, r.clean)}** of clean cooperatives (${r.cleanFlagged} of ${r.clean}) raise any money finding.`,
  );
  for (const a of r.applicability) {
    out.push('');
    out.push(
      `\`${a.ruleId}\` needs enough payments: it applies to ${a.cleanApplicable} of the ${r.clean} clean cooperatives and flags ${a.cleanFlagged} of those (${pct(a.cleanFlagged, a.cleanApplicable)}).`,
    );
  }
  const missed = r.rules.flatMap((q) =>
    q.missed.map((m) => `${q.ruleId} in cooperative ${m.cooperative} (${m.variant})`),
  );
  if (missed.length > 0) {
    out.push('');
    out.push(
      `Missed plants: ${missed.slice(0, 20).join('; ')}${missed.length > 20 ? `; … (${missed.length} in all)` : ''}.`,
    );
  }

  return out.join('\n');
}

export const QUALITY_HEADING = '## Monitoring: precision and recall per rule';

/** RESULTS.md with the quality section replaced, or appended when absent; other sections untouched. */
export function replaceSection(md: string, section: string): string {
  const lines = md.replace(/\n+$/, '').split('\n');
  const start = lines.findIndex((l) => l.startsWith(QUALITY_HEADING));
  if (start < 0) return `${lines.join('\n')}\n\n${section}\n`;
  let end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  if (end < 0) end = lines.length;
  const before = lines.slice(0, start);
  const after = lines.slice(end);

  return `${[...before, ...section.split('\n'), ...(after.length > 0 ? ['', ...after] : [])].join('\n')}\n`;
}
