import { type RequestMeta, recordAudit } from '../audit/index.ts';
import type { Context } from '../context/context.ts';
import type { Executor } from '../db/database.ts';
import { AppError, type FieldError } from '../errors/app-error.ts';
import { fieldError } from '../errors/field-messages.ts';
import { upsertPerson } from '../people/index.ts';
import * as repo from './accounts.repository.ts';
import type { AccountsContext } from './accounts-context.ts';
import { hashPassword } from './password-hash.ts';
import { checkPasswordPolicy } from './password-policy.ts';

/** Staff roles: the ministry's officers (of the nation, a province or a county) and administrators. */
export type StaffRole = 'admin' | 'officer';
export type StaffScope = 'nation' | 'province' | 'county';
export type StaffRoleGrant = {
  role: StaffRole;
  scope: StaffScope;
  provinceId: number | null;
  countyId: number | null;
};

/** The staff roles a person holds (empty for almost everyone). */
export async function listStaffRoles(db: Executor, personId: number): Promise<StaffRoleGrant[]> {
  const rows = await repo.listStaffRoleRows(db, personId);

  return rows.map((r) => ({
    role: r.role === 'admin' ? 'admin' : 'officer',
    scope: r.scope === 'province' ? 'province' : r.scope === 'county' ? 'county' : 'nation',
    provinceId: r.province_id,
    countyId: r.county_id,
  }));
}

/** Someone to make staff: found by national code, or created with the names and mobile given. */
export type StaffPersonInput = {
  nationalCode: string;
  firstName?: string | undefined;
  lastName?: string | undefined;
  mobile?: string | undefined;
  /** Sets the password at once (`--password-stdin`); otherwise the person activates by SMS. */
  password?: string | undefined;
};

export type StaffResult = {
  personId: number;
  /** Whether the role was new (false: the person held it already). */
  granted: boolean;
  /** Whether an account was created now (a password was given). */
  accountCreated: boolean;
  /** The mobile activation codes go to; null if the person has none. */
  mobile: string | null;
};

const CLI: RequestMeta = { ip: null, userAgent: 'taavon-cli' };

async function grant(
  actx: AccountsContext,
  person: StaffPersonInput,
  role: StaffRoleGrant,
  meta: RequestMeta,
): Promise<StaffResult> {
  const fields: FieldError[] = [];
  const problem = person.password === undefined ? null : checkPasswordPolicy(person.password);
  if (problem) fields.push(problem);
  const existing = await repo.findPersonByNationalCode(actx.db, person.nationalCode);
  if (!existing) {
    if (!person.firstName) fields.push(fieldError('firstName', 'required'));
    if (!person.lastName) fields.push(fieldError('lastName', 'required'));
  }
  const mobile = existing?.mobile ?? person.mobile ?? null;
  if (person.password !== undefined && mobile === null) fields.push(fieldError('mobile', 'required'));
  if (fields.length > 0) throw new AppError('INVALID_INPUT', { fields });
  const hash =
    person.password === undefined ? null : await hashPassword(person.password, actx.accountSettings.scrypt);

  return actx.db.transaction().execute(async (tx) => {
    const now = actx.clock.now();
    const personId =
      existing?.id ??
      (await upsertPerson(
        tx,
        {
          nationalCode: person.nationalCode,
          firstName: person.firstName ?? '',
          lastName: person.lastName ?? '',
          mobile: person.mobile,
          iban: undefined,
          address: undefined,
          postalCode: undefined,
        },
        now.toISOString(),
      ));
    if (existing && existing.mobile === null && person.mobile) {
      await tx.updateTable('persons').set({ mobile: person.mobile }).where('id', '=', personId).execute();
    }
    const granted = await repo.insertStaffRole(tx, { personId, ...role, now: now.toISOString() });
    let accountCreated = false;
    if (hash !== null && mobile !== null && !(await repo.findAccountByPerson(tx, personId))) {
      await repo.insertAccount(tx, { personId, passwordHash: hash, mobile, now: now.toISOString() });
      accountCreated = true;
    }
    await recordAudit(tx, now, {
      actorPersonId: null,
      action: 'staff.grant',
      target: `person:${personId}`,
      outcome: 'success',
      meta,
      details: { ...role, granted, accountCreated },
    });

    return { personId, granted, accountCreated, mobile };
  });
}

/** Makes a person an administrator (the first one comes from `taavon admin create`). */
export function createAdministrator(
  actx: AccountsContext,
  person: StaffPersonInput,
  meta: RequestMeta = CLI,
): Promise<StaffResult> {
  return grant(actx, person, { role: 'admin', scope: 'nation', provinceId: null, countyId: null }, meta);
}

/**
 * Makes a person a ministry officer of the nation, a province, or a county of a province.
 * `province` and `county` are names or codes as people type them.
 */
export async function createOfficer(
  actx: AccountsContext,
  person: StaffPersonInput,
  where: { scope: StaffScope; province?: string | undefined; county?: string | undefined },
  meta: RequestMeta = CLI,
): Promise<StaffResult> {
  if (where.scope === 'nation') {
    return grant(actx, person, { role: 'officer', scope: 'nation', provinceId: null, countyId: null }, meta);
  }
  const province = where.province ? actx.reference.findProvince(where.province) : undefined;
  if (!province)
    throw new AppError('INVALID_INPUT', { fields: [fieldError('province', 'unknown_province')] });
  if (where.scope === 'province') {
    return grant(
      actx,
      person,
      { role: 'officer', scope: 'province', provinceId: province.id, countyId: null },
      meta,
    );
  }
  const county = where.county ? actx.reference.findCounty(province.id, where.county) : undefined;
  if (!county) throw new AppError('INVALID_INPUT', { fields: [fieldError('county', 'unknown_county')] });

  return grant(
    actx,
    person,
    { role: 'officer', scope: 'county', provinceId: province.id, countyId: county.id },
    meta,
  );
}

/**
 * Disables (or re-enables) the account of a national code. Disabling ends every session at once
 * (ASVS v5.0.0-7.4.2).
 */
export async function setAccountEnabled(
  ctx: Context,
  nationalCode: string,
  enabled: boolean,
  meta: RequestMeta = CLI,
  actorPersonId: number | null = null,
): Promise<{ sessionsEnded: number }> {
  return ctx.db.transaction().execute(async (tx) => {
    const person = await repo.findPersonByNationalCode(tx, nationalCode);
    const account = person ? await repo.findAccountByPerson(tx, person.id) : undefined;
    if (!person || !account) {
      throw new AppError('NOT_FOUND', {
        message: { fa: 'حسابی با این کد ملی وجود ندارد', en: 'No account with this national code' },
      });
    }
    const now = ctx.clock.now();
    await repo.setAccountStatus(tx, account.id, enabled ? 'active' : 'disabled', now.toISOString());
    const ended = enabled ? 0 : await repo.revokeAccountSessions(tx, account.id, now.toISOString());
    await recordAudit(tx, now, {
      actorPersonId,
      action: enabled ? 'account.enable' : 'account.disable',
      target: `person:${person.id}`,
      outcome: 'success',
      meta,
      details: { sessionsEnded: ended },
    });

    return { sessionsEnded: ended };
  });
}

/** Disables an account and ends its sessions. */
export function disableAccount(
  ctx: Context,
  nationalCode: string,
  meta: RequestMeta = CLI,
  actorPersonId: number | null = null,
): Promise<{ sessionsEnded: number }> {
  return setAccountEnabled(ctx, nationalCode, false, meta, actorPersonId);
}
