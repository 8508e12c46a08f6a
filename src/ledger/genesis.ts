import type { Executor } from '../db/database.ts';
import { listOfficers } from '../governance/governance.repository.ts';
import { findCooperativeById } from '../registry/registry.repository.ts';
import { countSubjectRows } from './derive.repository.ts';
import type { EntryDraft } from './entry.ts';

/**
 * The first entry of a cooperative's log: the state it had when its ledger was switched on —
 * its registry card and its officers then in office (public; no identifiers), and per business
 * table the count and largest id of the rows it already had. Those rows predate the log; any
 * later row without an entry of its own is one the verifier reports. A log started by a write
 * (a cooperative from before the ledger) leaves out the rows that write just added (`pending`):
 * they get entries of their own right after the genesis.
 */
export async function buildGenesis(
  db: Executor,
  cooperativeId: number,
  pending: readonly string[] = [],
): Promise<EntryDraft> {
  const coop = await findCooperativeById(db, cooperativeId);
  if (!coop) throw new Error(`no cooperative ${cooperativeId}`);
  const officers = (await listOfficers(db, cooperativeId)).filter(
    (o) => o.ended_on === null && !pending.includes(`officer:${o.id}`),
  );

  return {
    kind: 'genesis',
    subject: `cooperative:${cooperativeId}`,
    data: {
      name: coop.name,
      legalId: coop.legal_id,
      registrationNo: coop.registration_no,
      registeredOn: coop.registered_on,
      status: coop.status,
      legalForm: coop.legal_form,
      fieldCode: coop.field_code,
      capitalRials: coop.capital_rials,
      paidCapitalRials: coop.paid_capital_rials,
      memberCount: coop.member_count,
      officers: officers.map((o) => ({
        name: o.entity_name ?? `${o.first_name ?? ''} ${o.last_name ?? ''}`.trim(),
        role: o.role,
        position: o.position,
        termStart: o.term_start,
        termEnd: o.term_end,
      })),
      baseline: await countSubjectRows(db, cooperativeId, pending),
    },
  };
}
