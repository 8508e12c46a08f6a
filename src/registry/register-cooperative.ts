import type { z } from 'zod';
import type { Context } from '../context/context.ts';
import type { Write } from '../context/write.ts';
import type { Executor, NewCooperative } from '../db/database.ts';
import { AppError, type FieldError } from '../errors/app-error.ts';
import { fieldError } from '../errors/field-messages.ts';
import { appendRegistryEvent } from '../feed/registry-events.ts';
import { appendEntries } from '../ledger/append.ts';
import type { ReferenceIndex } from '../reference/index.ts';
import { resolveStatutorySettings } from '../statute/index.ts';
import { persianSortKey, searchKey } from '../text/index.ts';
import { type Checked, check } from '../validation/parse.ts';
import { type CooperativeStatus, isRegisteredStatus } from './cooperative-status.ts';
import * as repo from './registry.repository.ts';
import { registerCooperativeSchema } from './registry.schemas.ts';
import { cooperativeTokens } from './search-tokens.ts';

/** A cooperative that passed every check and is ready to be written. */
export type CooperativeDraft = Omit<NewCooperative, 'id' | 'created_at' | 'updated_at' | 'member_count'>;

type Parsed = z.output<typeof registerCooperativeSchema>;

/**
 * Checks a registration against the schema, the reference tables and the registry's rules, and
 * returns either the draft or every bad field. Reads nothing but the reference index.
 */
export function validateCooperative(
  ctx: Pick<Context, 'reference' | 'clock' | 'statute'>,
  input: unknown,
): Checked<CooperativeDraft> {
  const parsed = check(registerCooperativeSchema, input);
  if (!parsed.ok) return parsed;

  return resolveCooperative(ctx, parsed.value);
}

function resolveCooperative(
  ctx: Pick<Context, 'reference' | 'clock' | 'statute'>,
  v: Parsed,
): Checked<CooperativeDraft> {
  const fields: FieldError[] = [];
  const ref: ReferenceIndex = ctx.reference;
  const province = ref.findProvince(v.province);
  if (!province) fields.push(fieldError('province', 'unknown_province'));
  const county = province ? ref.findCounty(province.id, v.county) : undefined;
  if (province && !county) fields.push(fieldError('county', 'unknown_county'));
  const field = ref.findField(v.field);
  if (!field) fields.push(fieldError('field', 'unknown_field'));
  const subfield = field && v.subfield !== undefined ? ref.findSubfield(field.code, v.subfield) : undefined;
  if (field && v.subfield !== undefined && !subfield) fields.push(fieldError('subfield', 'unknown_subfield'));

  const today = ctx.clock.today();
  const status: CooperativeStatus = v.status ?? 'formation_requested';
  if (isRegisteredStatus(status)) {
    if (!v.legalId) fields.push(fieldError('legalId', 'registration_required'));
    if (!v.registrationNo) fields.push(fieldError('registrationNo', 'registration_required'));
    if (!v.registeredOn) fields.push(fieldError('registeredOn', 'registration_required'));
  }
  if (v.registeredOn && v.registeredOn > today) fields.push(fieldError('registeredOn', 'date_future'));
  if (v.paidCapitalRials !== undefined && v.paidCapitalRials > v.capitalRials) {
    fields.push(fieldError('paidCapitalRials', 'too_big'));
  }
  if (v.bylaws) {
    try {
      resolveStatutorySettings(ctx.statute, v.bylaws);
    } catch {
      fields.push(fieldError('bylaws', 'invalid'));
    }
  }
  if (fields.length > 0 || !province || !county || !field) return { ok: false, fields };

  return {
    ok: true,
    value: {
      legal_id: v.legalId ?? null,
      registration_no: v.registrationNo ?? null,
      registered_on: v.registeredOn ?? null,
      name: v.name,
      name_key: searchKey(v.name),
      sort_key: persianSortKey(v.name),
      legal_form: v.legalForm,
      field_code: field.code,
      subfield_code: subfield?.code ?? null,
      province_id: province.id,
      county_id: county.id,
      address: v.address ?? null,
      postal_code: v.postalCode ?? null,
      fiscal_year_end_month: v.fiscalYearEndMonth ?? ctx.statute.fiscalYearEndMonth,
      status,
      status_changed_on: v.registeredOn ?? today,
      capital_rials: v.capitalRials,
      paid_capital_rials: v.paidCapitalRials ?? null,
      bylaws: v.bylaws ? JSON.stringify(v.bylaws) : null,
    },
  };
}

/**
 * Writes a validated cooperative with its search tokens and a change-feed event, inside the
 * caller's transaction. A legal ID already on the register is a CONFLICT naming `legalId`.
 */
export async function insertCooperative(
  tx: Executor,
  ctx: Context,
  draft: CooperativeDraft,
): Promise<number> {
  const now = ctx.clock.now();
  if (draft.legal_id && (await repo.findCooperativeByLegalId(tx, draft.legal_id))) {
    throw new AppError('CONFLICT', { fields: [fieldError('legalId', 'duplicate')] });
  }
  const at = now.toISOString();
  const id = await repo.insertCooperative(tx, { ...draft, member_count: 0, created_at: at, updated_at: at });
  const tokens = cooperativeTokens({
    name: draft.name,
    legalId: draft.legal_id ?? null,
    registrationNo: draft.registration_no ?? null,
    officerNames: [],
  });
  await repo.insertSearchTokens(
    tx,
    tokens.map((t) => ({ cooperative_id: id, sort_key: draft.sort_key, ...t })),
  );
  await appendRegistryEvent(tx, {
    cooperativeId: id,
    kind: 'cooperative.registered',
    occurredAt: at,
    payload: { name: draft.name, status: draft.status, legalId: draft.legal_id ?? null },
  });
  await appendEntries(tx, ctx, id, []); // the log's genesis: the cooperative as registered

  return id;
}

/** Use case: put one cooperative on the register; `apply` returns its id. */
export const registerCooperative: Write<CooperativeDraft, number> = {
  validate: validateCooperative,
  apply: (tx, ctx, draft) => insertCooperative(tx, ctx, draft),
};
