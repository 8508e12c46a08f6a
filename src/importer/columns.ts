import type { Context } from '../context/context.ts';
import type { Write } from '../context/write.ts';
import type { Executor } from '../db/database.ts';
import type { Bilingual, FieldError } from '../errors/app-error.ts';
import {
  appointOfficer,
  declareInterest,
  recordAssembly,
  recordFiling,
  recordMembership,
} from '../governance/record-governance.ts';
import {
  ASSEMBLY_KIND_LABELS,
  BOARD_POSITION_LABELS,
  FILING_KIND_LABELS,
  OFFICER_ROLE_LABELS,
} from '../governance/vocabulary.ts';
import { COOPERATIVE_STATUSES, LEGAL_FORM_LABELS, STATUS_LABELS } from '../registry/cooperative-status.ts';
import { registerCooperative } from '../registry/register-cooperative.ts';

/** What `taavon import` reads: one kind of record per file. */
export const IMPORT_KINDS = [
  'cooperatives',
  'members',
  'officers',
  'declarations',
  'assemblies',
  'filings',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * How a cell turns into the use case's input before validation:
 * - `text`: the trimmed cell as typed (the schema normalises digits and letters);
 * - `choice`: a code (`active`) or one of its Persian or English labels («فعال», `Active`);
 * - `boolean`: 1/0, true/false, yes/no, بله/خیر, آری/نه (any digit script).
 */
export type CellKind = 'text' | 'choice' | 'boolean';

/** One CSV column: its header name, the input path it fills, and whether the header must have it. */
export type ImportColumn = {
  name: string;
  path: string;
  required: boolean;
  cell: CellKind;
  /** For `choice` cells: each allowed code and its labels. */
  choices?: Readonly<Record<string, Bilingual>>;
};

/** A write use case with its value type hidden: validation yields the write to apply. */
export type RowWrite = {
  validate(
    ctx: Context,
    input: unknown,
  ): { ok: true; apply(tx: Executor): Promise<unknown> } | { ok: false; fields: FieldError[] };
};

function rowWrite<V, R>(write: Write<V, R>): RowWrite {
  return {
    validate(ctx, input) {
      const checked = write.validate(ctx, input);
      if (!checked.ok) return checked;

      return { ok: true, apply: (tx) => write.apply(tx, ctx, checked.value) };
    },
  };
}

/** A column spec per kind, with the write use case its rows go through. */
export type ImportSpec = {
  kind: ImportKind;
  columns: readonly ImportColumn[];
  write: RowWrite;
};

const text = (name: string, path: string, required = false): ImportColumn => ({
  name,
  path,
  required,
  cell: 'text',
});
const choice = (
  name: string,
  path: string,
  choices: Readonly<Record<string, Bilingual>>,
  required = false,
): ImportColumn => ({ name, path, required, cell: 'choice', choices });

const DECLARATION_KIND_LABELS: Record<string, Bilingual> = {
  relative: { fa: 'خویشاوند', en: 'Relative' },
  company: { fa: 'شرکت', en: 'Company' },
};

const RELATION_LABELS: Record<string, Bilingual> = {
  spouse: { fa: 'همسر', en: 'Spouse' },
  parent: { fa: 'والد', en: 'Parent' },
  child: { fa: 'فرزند', en: 'Child' },
  sibling: { fa: 'خواهر یا برادر', en: 'Sibling' },
  other_relative: { fa: 'سایر بستگان', en: 'Other relative' },
  owner: { fa: 'مالک', en: 'Owner' },
  director: { fa: 'مدیر', en: 'Director' },
  shareholder: { fa: 'سهامدار', en: 'Shareholder' },
};

const statusLabels: Record<string, Bilingual> = Object.fromEntries(
  COOPERATIVE_STATUSES.map((s) => [s, STATUS_LABELS[s]]),
);

/** The documented columns of each kind (docs/import.md), in their documented order. */
export const IMPORT_SPECS: Readonly<Record<ImportKind, ImportSpec>> = {
  cooperatives: {
    kind: 'cooperatives',
    write: rowWrite(registerCooperative),
    columns: [
      text('legal_id', 'legalId'),
      text('registration_no', 'registrationNo'),
      text('registered_on', 'registeredOn'),
      text('name', 'name', true),
      choice('legal_form', 'legalForm', LEGAL_FORM_LABELS, true),
      text('field', 'field', true),
      text('subfield', 'subfield'),
      text('province', 'province', true),
      text('county', 'county', true),
      text('address', 'address'),
      text('postal_code', 'postalCode'),
      text('fiscal_year_end_month', 'fiscalYearEndMonth'),
      choice('status', 'status', statusLabels),
      text('capital_rials', 'capitalRials', true),
      text('paid_capital_rials', 'paidCapitalRials'),
    ],
  },
  members: {
    kind: 'members',
    write: rowWrite(recordMembership),
    columns: [
      text('cooperative_legal_id', 'cooperativeLegalId', true),
      text('member_no', 'memberNo', true),
      text('national_code', 'person.nationalCode'),
      text('first_name', 'person.firstName'),
      text('last_name', 'person.lastName'),
      text('mobile', 'person.mobile'),
      text('iban', 'person.iban'),
      text('address', 'person.address'),
      text('postal_code', 'person.postalCode'),
      text('member_legal_id', 'entity.legalId'),
      text('member_name', 'entity.name'),
      text('joined_on', 'joinedOn', true),
      text('left_on', 'leftOn'),
      text('shares', 'shares', true),
    ],
  },
  officers: {
    kind: 'officers',
    write: rowWrite(appointOfficer),
    columns: [
      text('cooperative_legal_id', 'cooperativeLegalId', true),
      text('national_code', 'person.nationalCode'),
      text('first_name', 'person.firstName'),
      text('last_name', 'person.lastName'),
      text('mobile', 'person.mobile'),
      text('officer_legal_id', 'entity.legalId'),
      text('officer_name', 'entity.name'),
      choice('role', 'role', OFFICER_ROLE_LABELS, true),
      choice('position', 'position', BOARD_POSITION_LABELS),
      text('term_start', 'termStart', true),
      text('term_end', 'termEnd'),
      text('accepted_on', 'acceptedOn'),
      text('ended_on', 'endedOn'),
      text('consecutive_terms', 'consecutiveTerms'),
    ],
  },
  declarations: {
    kind: 'declarations',
    write: rowWrite(declareInterest),
    columns: [
      text('cooperative_legal_id', 'cooperativeLegalId', true),
      text('officer_national_code', 'officerNationalCode', true),
      choice('kind', 'kind', DECLARATION_KIND_LABELS, true),
      choice('relation', 'relation', RELATION_LABELS, true),
      text('person_national_code', 'personNationalCode'),
      text('person_name', 'personName'),
      text('company_legal_id', 'companyLegalId'),
      text('company_name', 'companyName'),
      text('declared_on', 'declaredOn', true),
    ],
  },
  assemblies: {
    kind: 'assemblies',
    write: rowWrite(recordAssembly),
    columns: [
      text('cooperative_legal_id', 'cooperativeLegalId', true),
      choice('kind', 'kind', ASSEMBLY_KIND_LABELS, true),
      text('fiscal_year', 'fiscalYear'),
      text('call_number', 'callNumber'),
      text('invitation_published_on', 'invitationPublishedOn'),
      text('held_on', 'heldOn'),
      { name: 'elections_held', path: 'electionsHeld', required: false, cell: 'boolean' },
    ],
  },
  filings: {
    kind: 'filings',
    write: rowWrite(recordFiling),
    columns: [
      text('cooperative_legal_id', 'cooperativeLegalId', true),
      choice('kind', 'kind', FILING_KIND_LABELS, true),
      text('fiscal_year', 'fiscalYear'),
      text('filed_on', 'filedOn', true),
      text('description', 'description'),
    ],
  },
};

/** Whether `kind` names an import kind. */
export function isImportKind(kind: string): kind is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(kind);
}
