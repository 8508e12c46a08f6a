/* Pure: the server and the browser (web/src/ledger) share this file. */

/** The kinds of entry, one per kind of thing managers do (and the genesis of each log). */
export const ENTRY_KINDS = [
  'genesis',
  'cooperative.status_changed',
  'member.admitted',
  'officer.appointed',
  'officer.ended',
  'declaration.recorded',
  'assembly.recorded',
  'filing.recorded',
  'resolution.recorded',
  'contract.recorded',
  'payment.recorded',
  'payment.approved',
  'statement.recorded',
  'inspector_report.recorded',
  'shares.moved',
  'correction.recorded',
  'alert.opened',
  'alert.answered',
  'alert.resolved',
  'alert.dismissed',
  'alert.reopened',
  'request.decided',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
