import type { Executor } from '../db/database.ts';
import * as repo from './registry.repository.ts';
import { cooperativeTokens } from './search-tokens.ts';

/** Rebuilds a cooperative's search tokens from its name, identifiers and current officers. */
export async function refreshSearchTokens(tx: Executor, cooperativeId: number): Promise<void> {
  const coop = await repo.findTokenSource(tx, cooperativeId);
  if (!coop) return;
  const officers = await repo.listCurrentOfficerNames(tx, cooperativeId);
  await repo.replaceSearchTokens(
    tx,
    { id: cooperativeId, sortKey: coop.sort_key },
    cooperativeTokens({
      name: coop.name,
      legalId: coop.legal_id,
      registrationNo: coop.registration_no,
      officerNames: officers.map((o) => o.entity_name ?? `${o.first_name ?? ''} ${o.last_name ?? ''}`),
    }),
  );
}
