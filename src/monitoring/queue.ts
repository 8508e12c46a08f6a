import type { Context } from '../context/context.ts';
import { evaluateCooperative } from './evaluate.ts';
import * as repo from './monitoring.repository.ts';
import { loadThresholds } from './thresholds.ts';

/**
 * Incremental evaluation. Every ledger append queues its cooperative (one upsert in the writer's
 * transaction, so the write stays fast); `drainQueue` evaluates the queued cooperatives outside
 * any write. `taavon start` drains every few seconds; tests and the CLI call it directly. A
 * cooperative queued again while it was being evaluated stays queued.
 */
export async function drainQueue(
  ctx: Context,
  limit = 100,
): Promise<{ cooperatives: number; opened: number }> {
  const queued = await repo.takeQueued(ctx.db, limit);
  if (queued.length === 0) return { cooperatives: 0, opened: 0 };
  const thresholds = await loadThresholds(ctx.db);
  let opened = 0;
  for (const q of queued) {
    opened += (await evaluateCooperative(ctx, q.cooperative_id, thresholds)).opened;
    await repo.dequeue(ctx.db, q.cooperative_id, q.queued_at);
  }

  return { cooperatives: queued.length, opened };
}

/** Drains the queue every `intervalMs` until stopped (one pass at a time). */
export function startMonitor(ctx: Context, intervalMs: number, onError: (e: unknown) => void) {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = drainQueue(ctx)
      .catch(onError)
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();

  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
