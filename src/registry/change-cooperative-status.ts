import type { Context } from '../context/context.ts';
import type { Write } from '../context/write.ts';
import { AppError, type FieldError } from '../errors/app-error.ts';
import { fieldError } from '../errors/field-messages.ts';
import { appendRegistryEvent } from '../feed/registry-events.ts';
import { appendEntry } from '../ledger/append.ts';
import { check } from '../validation/parse.ts';
import { type CooperativeStatus, canTransition, isRegisteredStatus } from './cooperative-status.ts';
import { findCooperativeByKey } from './get-cooperative-profile.ts';
import { refreshSearchTokens } from './refresh-search-tokens.ts';
import * as repo from './registry.repository.ts';
import { changeStatusSchema } from './registry.schemas.ts';

type StatusChange = {
  key: string;
  status: CooperativeStatus;
  on?: string | undefined;
  legalId?: string | undefined;
  registrationNo?: string | undefined;
  registeredOn?: string | undefined;
};

/**
 * Use case: move a cooperative along its lifecycle. Registration (approved → active) records
 * the legal national ID, registration number and date; every change is a public feed event.
 */
export const changeCooperativeStatus: Write<StatusChange, void> = {
  validate(ctx: Context, input: unknown) {
    const { key, ...rest } = (input ?? {}) as { key?: unknown };
    const parsed = check(changeStatusSchema, rest);
    if (!parsed.ok) return parsed;
    const today = ctx.clock.today();
    const fields: FieldError[] = [];
    for (const [path, d] of [
      ['on', parsed.value.on],
      ['registeredOn', parsed.value.registeredOn],
    ] as const) {
      if (d !== undefined && d > today) fields.push(fieldError(path, 'date_future'));
    }
    if (fields.length > 0) return { ok: false, fields };

    return { ok: true, value: { key: String(key ?? ''), ...parsed.value } };
  },
  async apply(tx, ctx, v) {
    const coop = await findCooperativeByKey(tx, v.key);
    if (!coop)
      throw new AppError('NOT_FOUND', { message: { fa: 'تعاونی پیدا نشد', en: 'Cooperative not found' } });
    if (!canTransition(coop.status as CooperativeStatus, v.status)) throw new AppError('INVALID_TRANSITION');
    const registering = isRegisteredStatus(v.status) && !coop.legal_id;
    if (registering) {
      const missing = (['legalId', 'registrationNo', 'registeredOn'] as const).filter(
        (k) => v[k] === undefined,
      );
      if (missing.length > 0) {
        throw new AppError('INVALID_INPUT', {
          fields: missing.map((k) => fieldError(k, 'registration_required')),
        });
      }
      if (v.legalId && (await repo.findCooperativeByLegalId(tx, v.legalId))) {
        throw new AppError('CONFLICT', { fields: [fieldError('legalId', 'duplicate')] });
      }
    }
    const now = ctx.clock.now().toISOString();
    const on = v.on ?? ctx.clock.today();
    await repo.updateCooperativeStatus(tx, coop.id, {
      status: v.status,
      status_changed_on: on,
      updated_at: now,
      ...(registering
        ? {
            legal_id: v.legalId ?? null,
            registration_no: v.registrationNo ?? null,
            registered_on: v.registeredOn ?? null,
          }
        : {}),
    });
    if (registering) await refreshSearchTokens(tx, coop.id);
    await appendRegistryEvent(tx, {
      cooperativeId: coop.id,
      kind: 'cooperative.status_changed',
      occurredAt: now,
      payload: { from: coop.status, to: v.status, on },
    });
    await appendEntry(tx, ctx, coop.id, {
      kind: 'cooperative.status_changed',
      subject: `cooperative:${coop.id}`,
      data: {
        from: coop.status,
        to: v.status,
        on,
        ...(registering ? { legalId: v.legalId ?? null, registrationNo: v.registrationNo ?? null } : {}),
      },
    });
  },
};
