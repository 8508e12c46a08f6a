import type { Db } from '../db/database.ts';
import type { Channels } from './channels.ts';
import {
  claimRow,
  listDueIds,
  markAttemptFailed,
  markDelivered,
  type OutboxRow,
  releaseStaleClaims,
} from './outbox.repository.ts';

/** How the dispatcher retries. Defaults: 5 attempts, 30 s doubling to at most 1 h. */
export type RetryPolicy = {
  /** Attempts before a message is marked `failed`. */
  maxAttempts: number;
  /** Wait before the second attempt; each later wait doubles. */
  retryBaseMs: number;
  /** Longest wait between two attempts. */
  retryMaxMs: number;
  /** A claim older than this is taken to belong to a dead process and is released. */
  staleClaimMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  retryBaseMs: 30_000,
  retryMaxMs: 3_600_000,
  staleClaimMs: 600_000,
};

export type DispatchOptions = Partial<RetryPolicy> & {
  /** Most messages handled in one call (default 50). */
  limit?: number;
  /** The moment to dispatch at (tests); default the machine's clock. */
  now?: Date;
};

/** What one dispatch call did. */
export type DispatchSummary = { sent: number; recorded: number; retried: number; failed: number };

/** The wait after the `attempts`-th failed attempt: base · 2^(attempts−1), capped. */
export function backoffMs(attempts: number, policy: Pick<RetryPolicy, 'retryBaseMs' | 'retryMaxMs'>): number {
  return Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Delivers the pending messages that are due, at most `limit`: each row is claimed atomically
 * (so several processes may dispatch at once and none sends a message twice), handed to its
 * channel, then marked `sent`/`recorded`, or scheduled again with exponential backoff, or
 * `failed` after `maxAttempts`. Errors are stored as the channel's message, never the body.
 */
export async function dispatchOutbox(
  ctx: { db: Db },
  channels: Channels,
  options: DispatchOptions = {},
): Promise<DispatchSummary> {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...definedOnly(options) };
  const at = options.now ?? new Date();
  const now = at.toISOString();
  const summary: DispatchSummary = { sent: 0, recorded: 0, retried: 0, failed: 0 };

  await releaseStaleClaims(
    ctx.db,
    new Date(at.getTime() - policy.staleClaimMs).toISOString(),
    policy.maxAttempts,
  );
  for (const id of await listDueIds(ctx.db, now, options.limit ?? 50)) {
    const row = await claimRow(ctx.db, id, now);
    if (!row) continue;
    try {
      const { providerId, records } = await deliver(row, channels);
      await markDelivered(ctx.db, id, records ? 'recorded' : 'sent', providerId, new Date().toISOString());
      summary[records ? 'recorded' : 'sent'] += 1;
    } catch (error) {
      const attempts = row.attempts + 1;
      const giveUp = attempts >= policy.maxAttempts;
      await markAttemptFailed(ctx.db, id, {
        giveUp,
        nextAttemptAt: new Date(at.getTime() + backoffMs(attempts, policy)).toISOString(),
        error: describeError(error),
      });
      summary[giveUp ? 'failed' : 'retried'] += 1;
    }
  }

  return summary;
}

async function deliver(
  row: OutboxRow,
  channels: Channels,
): Promise<{ providerId: string | null; records: boolean }> {
  switch (row.channel) {
    case 'sms': {
      const { providerId } = await channels.sms.send(row.to_address, smsText(row));
      return { providerId, records: channels.sms.records };
    }
    case 'email': {
      const { providerId } = await channels.email.send({
        to: row.to_address,
        subject: row.subject_fa ?? row.subject_en ?? row.body_fa.slice(0, 60),
        text: emailText(row),
        html: emailHtml(row),
      });
      return { providerId, records: channels.email.records };
    }
    default:
      throw new Error(`no channel delivers '${row.channel}' messages`);
  }
}

/** SMS carries the Persian text only: a Persian SMS segment holds 70 characters. */
function smsText(row: OutboxRow): string {
  return row.body_fa;
}

/** Plain-text e-mail: Persian first, then English (the service is bilingual). */
function emailText(row: OutboxRow): string {
  const english = row.subject_en ? `${row.subject_en}\n\n${row.body_en}` : row.body_en;

  return `${row.body_fa}\n\n———\n\n${english}\n`;
}

function emailHtml(row: OutboxRow): string {
  const paragraphs = (text: string) =>
    text
      .split(/\n{2,}/)
      .map((p) => `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`)
      .join('');

  return [
    '<!doctype html><html><head><meta charset="utf-8"></head><body>',
    `<div dir="rtl" lang="fa" style="font-family:Vazirmatn,Tahoma,sans-serif">${paragraphs(row.body_fa)}</div>`,
    '<hr>',
    `<div dir="ltr" lang="en">${paragraphs(row.body_en)}</div>`,
    '</body></html>',
  ].join('');
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);

  return message.slice(0, 500);
}

function definedOnly(options: Partial<RetryPolicy>): Partial<RetryPolicy> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}

/** A running dispatcher loop. */
export type OutboxDispatcher = {
  /** Dispatches now instead of waiting for the next tick (e.g. right after a sign-in request). */
  kick(): void;
  /** Stops the loop and waits for a dispatch in progress to finish. */
  stop(): Promise<void>;
};

/**
 * Runs `dispatchOutbox` every `intervalMs` until stopped (`taavon start` runs one per process;
 * several processes may run one each). Passes are never concurrent within one loop; a failing
 * pass is reported to `onError` and the loop goes on. The timer does not keep the process alive.
 */
export function startOutboxDispatcher(
  ctx: { db: Db },
  channels: Channels,
  intervalMs: number,
  options: Omit<DispatchOptions, 'now'> & { onError?: (error: unknown) => void } = {},
): OutboxDispatcher {
  const { onError = defaultOnError, ...dispatchOptions } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  const schedule = (delay: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, delay);
    timer.unref();
  };
  const tick = () => {
    timer = null;
    if (running) return;
    running = (async () => {
      try {
        // Keep going while whole batches come back: a backlog drains without waiting.
        for (;;) {
          const s = await dispatchOutbox(ctx, channels, dispatchOptions);
          const handled = s.sent + s.recorded + s.retried + s.failed;
          if (stopped || handled < (dispatchOptions.limit ?? 50)) break;
        }
      } catch (error) {
        onError(error);
      } finally {
        running = null;
        schedule(intervalMs);
      }
    })();
  };
  schedule(0);

  return {
    kick: () => {
      if (!running) schedule(0);
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}

function defaultOnError(error: unknown): void {
  process.stderr.write(`outbox dispatcher: ${describeError(error)}\n`);
}
