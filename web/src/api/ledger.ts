import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { getJson } from './client.ts';
import { PRIVATE } from './session.ts';

/**
 * The transparency ledger's API (src/ledger/ledger.routes.ts, src/books/books.routes.ts). Every
 * hash is lowercase hex, every signature and public key base64. The browser trusts none of these
 * answers: web/src/ledger/verify.ts checks them against the published log keys.
 */

/** A signed checkpoint (tree head) of a cooperative's log, with the witnesses' cosignatures. */
export type LedgerCheckpoint = {
  origin: string;
  size: number;
  rootHash: string;
  keyId: string;
  createdAt: string;
  /** The signed note: body, blank line, the log's signature line and each witness's. */
  note: string;
  witnesses: Array<{ name: string; keyId: string; signedAt: string }>;
};

/** GET /cooperatives/:legalId/ledger */
export type LedgerHead = {
  origin: string;
  size: number;
  rootHash: string;
  checkpoint: LedgerCheckpoint | null;
};

/** GET /cooperatives/:legalId/ledger/summary */
export type LedgerSummary = {
  entries: Array<{ kind: string; count: number }>;
  payments: Array<{
    fiscalYear: number;
    direction: 'payment' | 'receipt';
    category: string;
    count: number;
    totalRials: number;
  }>;
};

/** GET /ledger/keys: every key the log has signed with, and the registered witnesses' keys. */
export type LedgerKeys = {
  log: Array<{
    name: string;
    keyId: string;
    publicKey: string;
    activeFrom: string;
    retiredAt: string | null;
  }>;
  witnesses: Array<{ name: string; keyId: string; publicKey: string }>;
};

/** One entry as the members' feed returns it, with its inclusion proof in the page's checkpoint. */
export type LedgerItem = {
  index: number;
  kind: string;
  subject: string | null;
  recordedAt: string;
  /** The exact canonical JSON the leaf hash covers. */
  body: string;
  leafHash: string;
  proof: string[];
};

/** GET /cooperatives/:legalId/ledger/entries */
export type LedgerPage = { checkpoint: LedgerCheckpoint; items: LedgerItem[]; nextBefore: number | null };

/** A batch receipt: the log's signature over the leaf hashes of entries [firstIndex, …). */
export type Receipt = {
  origin: string;
  firstIndex: number;
  leafHashes: string[];
  keyId: string;
  signature: string;
};

/** What every write of the managers' books answers (201). */
export type BooksWritten = {
  ok: true;
  id: number;
  entry: { index: number; leafHash: string };
  receipt: Receipt;
};

/** GET …/ledger/entries/:index/identifiers (inspectors and regional officers; audited). */
export type Identifiers = { items: Array<{ path: string; value: string; salt: string }> };

/** GET …/books/board: the directors who vote on a board resolution. */
export type BoardMember = { officerId: number; name: string; role: string; position: string | null };

/** GET …/books/contracts */
export type ContractSummary = {
  id: number;
  title: string;
  partyName: string;
  amountRials: number;
  startsOn: string;
  endsOn: string | null;
};

/** GET …/books/resolutions */
export type ResolutionSummary = {
  id: number;
  number: string;
  meetingOn: string;
  motion: string;
  outcome: 'approved' | 'rejected' | string;
  body: 'board' | 'assembly' | string;
};

/** GET …/books/payments?status=pending */
export type PendingPayment = {
  id: number;
  direction: 'payment' | 'receipt';
  partyName: string;
  amountRials: number;
  paidOn: string;
  category: string;
  requiredApprovals: number;
  approvals: Array<{ name: string; approvedAt: string }>;
  approved: boolean;
  recordedByMe: boolean;
};

const base = (legalId: string) => `/cooperatives/${encodeURIComponent(legalId)}`;

/** The public head of a cooperative's log (404 or a null checkpoint: no log yet). */
export function ledgerHeadQuery(legalId: string) {
  return queryOptions({
    queryKey: ['ledger', legalId, 'head'],
    queryFn: ({ signal }) => getJson<LedgerHead>(`${base(legalId)}/ledger`, signal),
    retry: false,
    staleTime: 0,
  });
}

export function ledgerSummaryQuery(legalId: string) {
  return queryOptions({
    queryKey: ['ledger', legalId, 'summary'],
    queryFn: ({ signal }) => getJson<LedgerSummary>(`${base(legalId)}/ledger/summary`, signal),
    retry: false,
  });
}

export const ledgerKeysQuery = queryOptions({
  queryKey: ['ledger', 'keys'],
  queryFn: ({ signal }) => getJson<LedgerKeys>('/ledger/keys', signal),
  retry: false,
  staleTime: 5 * 60_000,
});

/** The checkpoint note as published for download. */
export function checkpointTextUrl(legalId: string): string {
  return `/api/v1${base(legalId)}/ledger/checkpoint.txt`;
}

/**
 * The members' feed, newest first; `params` is the page's filter (kind, q, minAmount, maxAmount).
 * With `at`, the feed starts at that entry (a link to one entry: it and the ones before it).
 */
export function ledgerEntriesQuery(legalId: string, params: string, at: number | null = null) {
  return infiniteQueryOptions({
    queryKey: [PRIVATE, 'ledger-entries', legalId, params, at],
    queryFn: ({ signal, pageParam }) => {
      const query = new URLSearchParams(params);
      if (pageParam !== null) query.set('before', String(pageParam));
      const text = query.toString();
      return getJson<LedgerPage>(`${base(legalId)}/ledger/entries${text ? `?${text}` : ''}`, signal);
    },
    initialPageParam: (at === null ? null : at + 1) as number | null,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    retry: false,
    staleTime: 0,
  });
}

export function consistencyPath(legalId: string, from: number, to: number): string {
  return `${base(legalId)}/ledger/consistency?from=${from}&to=${to}`;
}

export function identifiersPath(legalId: string, index: number): string {
  return `${base(legalId)}/ledger/entries/${index}/identifiers`;
}

export function cosignPath(legalId: string, size: number): string {
  return `${base(legalId)}/ledger/checkpoints/${size}/cosignatures`;
}

export function boardQuery(legalId: string) {
  return queryOptions({
    queryKey: [PRIVATE, 'books', legalId, 'board'],
    queryFn: ({ signal }) => getJson<{ items: BoardMember[] }>(`${base(legalId)}/books/board`, signal),
    retry: false,
    staleTime: 0,
  });
}

export function contractsQuery(legalId: string) {
  return queryOptions({
    queryKey: [PRIVATE, 'books', legalId, 'contracts'],
    queryFn: ({ signal }) =>
      getJson<{ items: ContractSummary[] }>(`${base(legalId)}/books/contracts`, signal),
    retry: false,
    staleTime: 0,
  });
}

export function resolutionsQuery(legalId: string) {
  return queryOptions({
    queryKey: [PRIVATE, 'books', legalId, 'resolutions'],
    queryFn: ({ signal }) =>
      getJson<{ items: ResolutionSummary[] }>(`${base(legalId)}/books/resolutions`, signal),
    retry: false,
    staleTime: 0,
  });
}

export function pendingPaymentsQuery(legalId: string) {
  return queryOptions({
    queryKey: [PRIVATE, 'books', legalId, 'pending-payments'],
    queryFn: ({ signal }) =>
      getJson<{ items: PendingPayment[] }>(`${base(legalId)}/books/payments?status=pending`, signal),
    retry: false,
    staleTime: 0,
  });
}

export function booksPath(legalId: string, endpoint: string): string {
  return `${base(legalId)}/books/${endpoint}`;
}
