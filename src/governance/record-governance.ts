import { addJalaliMonths } from '../calendar/index.ts';
import type { Context } from '../context/context.ts';
import type { Write } from '../context/write.ts';
import type { Executor } from '../db/database.ts';
import { AppError, type FieldError } from '../errors/app-error.ts';
import { fieldError } from '../errors/field-messages.ts';
import { appendRegistryEvent } from '../feed/registry-events.ts';
import { logSubject } from '../ledger/append.ts';
import { upsertLegalEntity, upsertPerson } from '../people/index.ts';
import { findCooperativeByKey } from '../registry/get-cooperative-profile.ts';
import { refreshSearchTokens } from '../registry/refresh-search-tokens.ts';
import * as registry from '../registry/registry.repository.ts';
import { validateWith } from '../validation/validate-with.ts';
import * as repo from './governance.repository.ts';
import {
  type AssemblyInput,
  assemblySchema,
  type DeclarationInput,
  declarationSchema,
  type FilingInput,
  filingSchema,
  type MembershipInput,
  membershipSchema,
  type OfficerInput,
  officerSchema,
} from './governance.schemas.ts';

/** Exactly one of a person or a legal entity. */
function holderRule(v: { person?: unknown; entity?: unknown }): FieldError[] {
  return (v.person === undefined) === (v.entity === undefined)
    ? [fieldError('person', 'member_or_entity')]
    : [];
}

function notAfterToday(ctx: Context, entries: Array<[string, string | undefined]>): FieldError[] {
  const today = ctx.clock.today();

  return entries
    .filter(([, d]) => d !== undefined && d > today)
    .map(([path]) => fieldError(path, 'date_future'));
}

/**
 * The cooperative named by a legal ID, or INVALID_INPUT on `cooperativeLegalId`. The single
 * window's decisions name a cooperative by its id (a cooperative just approved has no legal ID
 * yet), which `apply` accepts because it never comes from outside: the schemas take legal IDs only.
 */
async function cooperativeOf(tx: Executor, legalId: string) {
  const coop = await findCooperativeByKey(tx, legalId);
  if (!coop)
    throw new AppError('INVALID_INPUT', {
      fields: [fieldError('cooperativeLegalId', 'unknown_cooperative')],
    });

  return coop;
}

async function holderIds(
  tx: Executor,
  v: { person?: OfficerInput['person']; entity?: OfficerInput['entity'] },
  now: string,
) {
  return {
    person_id: v.person ? await upsertPerson(tx, v.person, now) : null,
    legal_entity_id: v.entity ? await upsertLegalEntity(tx, v.entity, now) : null,
  };
}

/** Use case: record a member of a cooperative (and the person or entity behind them). */
export const recordMembership: Write<MembershipInput, void> = {
  validate: validateWith(membershipSchema, (v, ctx) => [
    ...holderRule(v),
    ...notAfterToday(ctx, [
      ['joinedOn', v.joinedOn],
      ['leftOn', v.leftOn],
    ]),
    ...(v.leftOn !== undefined && v.leftOn < v.joinedOn ? [fieldError('leftOn', 'date_order')] : []),
  ]),
  async apply(tx, ctx, v) {
    const coop = await cooperativeOf(tx, v.cooperativeLegalId);
    if (await repo.memberNoTaken(tx, coop.id, v.memberNo)) {
      throw new AppError('CONFLICT', { fields: [fieldError('memberNo', 'duplicate')] });
    }
    const now = ctx.clock.now().toISOString();
    const id = await repo.insertMembership(tx, {
      cooperative_id: coop.id,
      member_no: v.memberNo,
      ...(await holderIds(tx, v, now)),
      joined_on: v.joinedOn,
      left_on: v.leftOn ?? null,
      shares: v.shares,
      created_at: now,
    });
    await logSubject(tx, ctx, `membership:${id}`);
    const memberCount = await registry.recountMembers(tx, coop.id);
    await appendRegistryEvent(tx, {
      cooperativeId: coop.id,
      kind: 'cooperative.members_changed',
      occurredAt: now,
      payload: { memberCount },
    });
  },
};

/** Default end of a term that was not given: board and director terms in years, inspectors one year. */
function defaultTermEnd(ctx: Context, v: OfficerInput): string {
  const years = v.role.startsWith('inspector')
    ? ctx.statute.inspectorTermFiscalYears
    : ctx.statute.boardTermYears;

  return addJalaliMonths(v.termStart, 12 * years);
}

/** Use case: record an officer's appointment with its term. */
export const appointOfficer: Write<OfficerInput, number> = {
  validate: validateWith(officerSchema, (v, ctx) => [
    ...holderRule(v),
    ...(v.position !== undefined && v.role !== 'board_principal'
      ? [fieldError('position', 'unknown_value')]
      : []),
    ...(v.termEnd !== undefined && v.termEnd <= v.termStart ? [fieldError('termEnd', 'date_order')] : []),
    ...(v.role === 'managing_director' && v.entity !== undefined
      ? [fieldError('entity', 'unknown_value')]
      : []),
    ...notAfterToday(ctx, [
      ['acceptedOn', v.acceptedOn],
      ['endedOn', v.endedOn],
    ]),
  ]),
  async apply(tx, ctx, v) {
    const coop = await cooperativeOf(tx, v.cooperativeLegalId);
    const now = ctx.clock.now().toISOString();
    const id = await repo.insertOfficer(tx, {
      cooperative_id: coop.id,
      ...(await holderIds(tx, v, now)),
      role: v.role,
      position: v.position ?? (v.role === 'board_principal' ? 'member' : null),
      term_start: v.termStart,
      term_end: v.termEnd ?? defaultTermEnd(ctx, v),
      accepted_on: v.acceptedOn ?? null,
      ended_on: v.endedOn ?? null,
      consecutive_terms: v.consecutiveTerms ?? 1,
      created_at: now,
    });
    await logSubject(tx, ctx, `officer:${id}`);
    await refreshSearchTokens(tx, coop.id);
    const name = v.person ? `${v.person.firstName} ${v.person.lastName}` : (v.entity?.name ?? '');
    await appendRegistryEvent(tx, {
      cooperativeId: coop.id,
      kind: 'officer.appointed',
      occurredAt: now,
      payload: { name, role: v.role, position: v.position ?? null, termStart: v.termStart },
    });

    return id;
  },
};

/** Use case: record an officer's declaration of a relative or a company (private detail). */
export const declareInterest: Write<DeclarationInput, void> = {
  validate: validateWith(declarationSchema, (v, ctx) => [
    ...(v.kind === 'relative' && v.personNationalCode === undefined && v.personName === undefined
      ? [fieldError('personName', 'required')]
      : []),
    ...(v.kind === 'company' && v.companyLegalId === undefined && v.companyName === undefined
      ? [fieldError('companyName', 'required')]
      : []),
    ...notAfterToday(ctx, [['declaredOn', v.declaredOn]]),
  ]),
  async apply(tx, ctx, v) {
    const coop = await cooperativeOf(tx, v.cooperativeLegalId);
    const [officer] = await repo.findOfficerIdsByNationalCode(tx, coop.id, v.officerNationalCode);
    if (!officer) {
      throw new AppError('INVALID_INPUT', { fields: [fieldError('officerNationalCode', 'unknown_officer')] });
    }
    const id = await repo.insertDeclaration(tx, {
      cooperative_id: coop.id,
      officer_id: officer.id,
      kind: v.kind,
      relation: v.relation,
      person_national_code: v.personNationalCode ?? null,
      person_name: v.personName ?? null,
      company_legal_id: v.companyLegalId ?? null,
      company_name: v.companyName ?? null,
      declared_on: v.declaredOn,
      created_at: ctx.clock.now().toISOString(),
    });
    await logSubject(tx, ctx, `declaration:${id}`);
  },
};

/** Use case: record a general assembly (its invitation, the day it was held, elections). */
export const recordAssembly: Write<AssemblyInput, number> = {
  validate: validateWith(assemblySchema, (v, ctx) => [
    ...notAfterToday(ctx, [
      ['invitationPublishedOn', v.invitationPublishedOn],
      ['heldOn', v.heldOn],
    ]),
    ...(v.heldOn !== undefined && v.invitationPublishedOn !== undefined && v.heldOn < v.invitationPublishedOn
      ? [fieldError('heldOn', 'date_order')]
      : []),
    ...(v.heldOn === undefined && v.invitationPublishedOn === undefined
      ? [fieldError('heldOn', 'required')]
      : []),
  ]),
  async apply(tx, ctx, v) {
    const coop = await cooperativeOf(tx, v.cooperativeLegalId);
    const now = ctx.clock.now().toISOString();
    const id = await repo.insertAssembly(tx, {
      cooperative_id: coop.id,
      kind: v.kind,
      fiscal_year: v.fiscalYear ?? null,
      call_number: v.callNumber ?? 1,
      invitation_published_on: v.invitationPublishedOn ?? null,
      held_on: v.heldOn ?? null,
      elections_held: v.electionsHeld ? 1 : 0,
      created_at: now,
    });
    await logSubject(tx, ctx, `assembly:${id}`);
    await appendRegistryEvent(tx, {
      cooperativeId: coop.id,
      kind: 'assembly.recorded',
      occurredAt: now,
      payload: {
        kind: v.kind,
        fiscalYear: v.fiscalYear ?? null,
        invitationPublishedOn: v.invitationPublishedOn ?? null,
        heldOn: v.heldOn ?? null,
        electionsHeld: v.electionsHeld ?? false,
      },
    });

    return id;
  },
};

/** Use case: record a filing (annual statements, inspector's report, minutes, other). */
export const recordFiling: Write<FilingInput, number> = {
  validate: validateWith(filingSchema, (v, ctx) => notAfterToday(ctx, [['filedOn', v.filedOn]])),
  async apply(tx, ctx, v) {
    const coop = await cooperativeOf(tx, v.cooperativeLegalId);
    const now = ctx.clock.now().toISOString();
    const id = await repo.insertFiling(tx, {
      cooperative_id: coop.id,
      kind: v.kind,
      fiscal_year: v.fiscalYear ?? null,
      filed_on: v.filedOn,
      assembly_id: null,
      description: v.description ?? null,
      created_at: now,
    });
    await logSubject(tx, ctx, `filing:${id}`);
    await appendRegistryEvent(tx, {
      cooperativeId: coop.id,
      kind: 'filing.recorded',
      occurredAt: now,
      payload: { kind: v.kind, fiscalYear: v.fiscalYear ?? null, filedOn: v.filedOn },
    });

    return id;
  },
};
