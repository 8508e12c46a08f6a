import { z } from 'zod';
import type { Context } from '../context/context.ts';
import { blankToUndefined, zInt } from '../validation/fields.ts';
import { parseInput } from '../validation/parse.ts';
import { latestRegistryEventId, listRegistryEventsAfter } from './registry-events.ts';

const feedQuerySchema = z
  .object({
    timepoint: blankToUndefined(zInt(0, Number.MAX_SAFE_INTEGER)),
    limit: blankToUndefined(zInt(1, 1000)),
  })
  .strict();

/**
 * Use case: read the public change feed after a timepoint (exclusive). Clients store
 * `nextTimepoint` and pass it back to resume exactly where they stopped, as with Companies
 * House's streaming API.
 */
export async function readChangeFeed(ctx: Context, query: unknown) {
  const q = parseInput(feedQuerySchema, query);
  const after = q.timepoint ?? 0;
  const [rows, latest] = await Promise.all([
    listRegistryEventsAfter(ctx.db, after, q.limit ?? 100),
    latestRegistryEventId(ctx.db),
  ]);

  return {
    items: rows.map((r) => ({
      timepoint: Number(r.id),
      kind: r.kind,
      occurredAt: r.occurred_at,
      legalId: r.legal_id,
      data: JSON.parse(r.payload) as Record<string, unknown>,
    })),
    nextTimepoint: rows.length > 0 ? Number(rows.at(-1)?.id) : after,
    latestTimepoint: latest,
  };
}
