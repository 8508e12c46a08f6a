import type { CooperativeSummary, Me, MyCooperative } from '../api/types.ts';
import { rolesIn } from '../pages/permissions.ts';

/**
 * What the ledger pages can tell, before asking the server, about what this person may do in a
 * cooperative's books. Only a guess for what to show: the server decides on every request, and
 * its 403 shows «اجازهٔ این کار را ندارید».
 */
export type LedgerAccess = {
  member: boolean;
  boardMember: boolean;
  managingDirector: boolean;
  inspector: boolean;
  admin: boolean;
  /** A ministry officer whose region contains the cooperative: `maybe` for a province officer
   * (the profile names provinces by code, staff roles by id). */
  officer: 'yes' | 'maybe' | 'no';
};

export function ledgerAccess(me: Me, mine: MyCooperative[], coop: CooperativeSummary): LedgerAccess {
  const item = mine.find((m) => m.cooperative.id === coop.id);
  const roles = item ? rolesIn(item) : new Set<string>();
  let officer: LedgerAccess['officer'] = 'no';
  for (const staff of me.staffRoles) {
    if (staff.role !== 'officer') continue;
    if (staff.scope === 'nation') officer = 'yes';
    else if (staff.scope === 'county' && coop.county.code === String(staff.countyId)) officer = 'yes';
    else if (staff.scope === 'province' && officer === 'no') officer = 'maybe';
  }

  return {
    member: roles.has('member'),
    boardMember: roles.has('board_member'),
    managingDirector: roles.has('managing_director'),
    inspector: roles.has('inspector'),
    admin: me.staffRoles.some((s) => s.role === 'admin'),
    officer,
  };
}

/** Members, officers and the inspector of the cooperative, officers of its region and administrators read the feed. */
export const mayReadFeed = (a: LedgerAccess) =>
  a.member || a.boardMember || a.managingDirector || a.inspector || a.officer !== 'no' || a.admin;

/** The managers (managing director, board members) keep the books. */
export const mayKeepBooks = (a: LedgerAccess) => a.boardMember || a.managingDirector;

/** Inspectors and regional officers open identifiers and co-sign checkpoints. */
export const mayWitness = (a: LedgerAccess) => a.inspector || a.officer !== 'no';

export { ENTRY_KINDS } from '../../../src/ledger/kinds.ts';

/** The forms of the books: what each one records, and who it is for. */
export const BOOK_FORMS = [
  'resolution',
  'contract',
  'payment',
  'approvals',
  'statement',
  'shares',
  'correction',
  'inspector-report',
] as const;
export type BookForm = (typeof BOOK_FORMS)[number];

export function mayUseForm(a: LedgerAccess, form: BookForm): boolean {
  return form === 'inspector-report' ? a.inspector : mayKeepBooks(a);
}

export const isBookForm = (form: string): form is BookForm =>
  (BOOK_FORMS as readonly string[]).includes(form);
