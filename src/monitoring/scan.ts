import type { Context } from '../context/context.ts';
import { evaluateCooperative } from './evaluate.ts';
import * as repo from './monitoring.repository.ts';
import { loadThresholds } from './thresholds.ts';

export type ScanProgress = { done: number; total: number; findings: number };

/**
 * The national scan: every cooperative in id order, one at a time (memory stays bounded by one
 * cooperative's books), alerts synced as it goes. The position is saved after each chunk, so an
 * interrupted scan resumes where it stopped (`resume`), and a finished one is recorded.
 */
export async function runScan(
  ctx: Context,
  options: { resume?: boolean; chunk?: number; onProgress?: (p: ScanProgress) => void } = {},
) {
  const chunk = options.chunk ?? 200;
  const now = () => ctx.clock.now().toISOString();
  const unfinished = options.resume ? await repo.latestUnfinishedScan(ctx.db) : undefined;
  const scanId = unfinished?.id ?? (await repo.insertScan(ctx.db, now()));
  let after = unfinished?.after_cooperative_id ?? 0;
  let done = unfinished?.cooperatives ?? 0;
  let findings = unfinished?.findings ?? 0;
  let opened = 0;
  const total = await repo.countCooperatives(ctx.db);
  const thresholds = await loadThresholds(ctx.db);
  for (;;) {
    const ids = await repo.cooperativeIdsAfter(ctx.db, after, chunk);
    if (ids.length === 0) break;
    for (const id of ids) {
      const r = await evaluateCooperative(ctx, id, thresholds);
      findings += r.findings;
      opened += r.opened;
      done += 1;
    }
    after = ids[ids.length - 1] as number;
    await repo.updateScan(ctx.db, scanId, { after_cooperative_id: after, cooperatives: done, findings });
    options.onProgress?.({ done, total, findings });
  }
  await repo.updateScan(ctx.db, scanId, {
    after_cooperative_id: after,
    cooperatives: done,
    findings,
    finished_at: now(),
  });

  return { scanId, cooperatives: done, findings, opened };
}
