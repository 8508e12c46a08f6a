import { queryOptions } from '@tanstack/react-query';
import { getJson } from './client.ts';
import type { LedgerPage } from './ledger.ts';
import { PRIVATE } from './session.ts';

/**
 * Smart monitoring's API (src/monitoring/monitoring.routes.ts): the rule catalogue, a
 * cooperative's public governance flags, its alerts with evidence and risk score (members,
 * officers, the inspector, the region's ministry officers), alert transitions, follows, and the
 * ministry's risk by province, field and rule.
 */

export type Bilingual = { fa: string; en: string };
export type Severity = 'low' | 'medium' | 'high';
export type AlertStatus = 'open' | 'answered' | 'resolved' | 'dismissed';

/** GET /monitoring/rules: one rule of the catalogue; `explanation` is the template (`{name}` placeholders). */
export type MonitoringRule = {
  id: string;
  category: string;
  severity: Severity | string;
  public: boolean;
  title: Bilingual;
  explanation: Bilingual;
  basis: Bilingual;
  thresholds: Record<string, unknown>;
};

/** What a finding points at: ledger entries, amounts, dates, people (names), imported rows. */
export type AlertEvidence = {
  entries: number[];
  amountsRials?: number[];
  dates?: string[];
  people?: string[];
  externalIds?: string[];
};

export type AlertEvent = {
  action: 'opened' | 'answered' | 'resolved' | 'dismissed' | 'reopened' | string;
  text: string | null;
  by: string | null;
  at: string;
};

/** One red flag of a cooperative, with its words already filled by the server. */
export type MonitoringAlert = {
  id: number;
  ruleId: string;
  category: 'governance' | 'money' | 'network' | string;
  severity: Severity | string;
  status: AlertStatus | string;
  public: boolean;
  title: Bilingual;
  explanation: Bilingual;
  basis: Bilingual;
  params: Record<string, string | number>;
  evidence: AlertEvidence;
  stillFound: boolean;
  openedAt: string;
  lastSeenAt: string;
  closedAt: string | null;
  events: AlertEvent[];
};

/** A cooperative's risk score: the weights of its open and answered alerts, by rule. */
export type Risk = {
  score: number;
  parts: Array<{
    ruleId: string;
    title: Bilingual;
    severity: Severity | string;
    count: number;
    weight: number;
  }>;
};

type RiskGroup = { score: number; alerts: number; high: number; cooperatives: number };

/** GET /supervision/risk: over open alerts, within the officer's region. */
export type RiskByRegion = {
  byProvince: Array<RiskGroup & { provinceId: number; name: string }>;
  byField: Array<RiskGroup & { fieldCode: string }>;
  byRule: Array<RiskGroup & { ruleId: string; title: Bilingual }>;
};

/** 201 of an alert transition: the ledger entry it appended. */
export type AlertTransitioned = { ok: true; entry: { index: number; leafHash: string } };

export type AlertAction = 'answer' | 'resolve' | 'dismiss';

const base = (legalId: string) => `/cooperatives/${encodeURIComponent(legalId)}`;

/** The public catalogue: titles, explanation templates and legal basis of every rule. */
export const rulesQuery = queryOptions({
  queryKey: ['monitoring', 'rules'],
  queryFn: ({ signal }) => getJson<{ items: MonitoringRule[] }>('/monitoring/rules', signal),
  retry: false,
  staleTime: 10 * 60_000,
});

/** A cooperative's open public governance flags (anyone). */
export function flagsQuery(legalId: string) {
  return queryOptions({
    queryKey: ['monitoring', 'flags', legalId],
    queryFn: ({ signal }) => getJson<{ items: MonitoringAlert[] }>(`${base(legalId)}/flags`, signal),
    retry: false,
  });
}

/** Every alert of a cooperative with its evidence, and its risk score (members and officers). */
export function alertsQuery(legalId: string) {
  return queryOptions({
    queryKey: [PRIVATE, 'alerts', legalId],
    queryFn: ({ signal }) =>
      getJson<{ items: MonitoringAlert[]; risk: Risk }>(`${base(legalId)}/alerts`, signal),
    retry: false,
    staleTime: 0,
  });
}

/** The alert kinds of the ledger: every step of an alert's life is an entry. */
export const ALERT_ENTRY_KINDS = [
  'alert.opened',
  'alert.answered',
  'alert.resolved',
  'alert.dismissed',
  'alert.reopened',
] as const;

/** Where each alert's steps sit in the ledger: alert id → its entries, oldest first. */
export type AlertEntries = Map<number, Array<{ index: number; action: string }>>;

/** How many pages of alert entries the alerts page reads to link each step to its entry. */
const ALERT_ENTRY_PAGES = 3;

/**
 * The ledger entries of a cooperative's alerts (newest 300), read to link each step of an
 * alert's history to its entry. Only for links: the ledger page verifies what it shows.
 */
export function alertEntriesQuery(legalId: string) {
  return queryOptions({
    queryKey: [PRIVATE, 'alert-entries', legalId],
    queryFn: async ({ signal }): Promise<AlertEntries> => {
      const found: AlertEntries = new Map();
      let before: number | null = null;
      for (let page = 0; page < ALERT_ENTRY_PAGES; page++) {
        const query = new URLSearchParams({ kind: ALERT_ENTRY_KINDS.join(','), limit: '100' });
        if (before !== null) query.set('before', String(before));
        const answer: LedgerPage = await getJson<LedgerPage>(
          `${base(legalId)}/ledger/entries?${query}`,
          signal,
        );
        for (const item of answer.items) {
          const data = bodyData(item.body);
          const alertId = typeof data?.alertId === 'number' ? data.alertId : null;
          if (alertId === null) continue;
          const action = typeof data?.action === 'string' ? data.action : item.kind.replace('alert.', '');
          found.set(alertId, [{ index: item.index, action }, ...(found.get(alertId) ?? [])]);
        }
        if (answer.nextBefore === null) break;
        before = answer.nextBefore;
      }
      return found;
    },
    retry: false,
    staleTime: 0,
  });
}

function bodyData(body: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(body);
    const data = (parsed as { data?: unknown } | null)?.data;
    return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Risk by province, field and rule in the officer's region (ministry officers). */
export const riskQuery = queryOptions({
  queryKey: [PRIVATE, 'supervision-risk'],
  queryFn: ({ signal }) => getJson<RiskByRegion>('/supervision/risk', signal),
  retry: false,
  staleTime: 0,
});

export function transitionPath(legalId: string, alertId: number, action: AlertAction): string {
  return `${base(legalId)}/alerts/${alertId}/${action}`;
}

export function followPath(legalId: string): string {
  return `/me/follows/${encodeURIComponent(legalId)}`;
}

/** The ledger feed opened at one entry (it shows that entry and the ones before it). */
export function ledgerEntryLink(legalId: string, index: number): string {
  return `/cooperatives/${legalId}/ledger?entry=${index}#entry-${index}`;
}

/** The members' page of a cooperative's alerts, optionally at one alert. */
export function alertsLink(legalId: string, alertId?: number): string {
  return `/cooperatives/${legalId}/alerts${alertId === undefined ? '' : `#alert-${alertId}`}`;
}
