import { addDays, formatJalali, toPersianDigits } from '../calendar/index.ts';
import type { Context } from '../context/context.ts';
import { serviceOf } from './catalogue/index.ts';
import { notifyOffice } from './notify.ts';
import * as repo from './services.repository.ts';
import { formatTrackingCode } from './tracking-code.ts';

/** How many days before its due date a request's office is reminded (configuration). */
export type DeadlineSettings = { reminderDays: number };
export const DEFAULT_DEADLINES: DeadlineSettings = { reminderDays: 3 };

/**
 * The deadline job (run by `taavon start` every few minutes and by `taavon services remind`):
 * reminds the office of requests due within `reminderDays`, once; escalates each overdue request,
 * once, to the province office, which may then act on it. Each step is an event in the request's
 * history. Returns how many of each it did.
 */
export async function remindAndEscalate(ctx: Context, settings: DeadlineSettings = DEFAULT_DEADLINES) {
  const today = ctx.clock.today();
  const due = await repo.listDueBy(ctx.db, addDays(today, settings.reminderDays));
  let reminded = 0;
  let escalated = 0;
  for (const candidate of due) {
    await ctx.db.transaction().execute(async (tx) => {
      const req = await repo.findRequestByCode(tx, candidate.tracking_code, { forUpdate: true });
      if (
        !req ||
        req.due_on === null ||
        !['submitted', 'under_review', 'awaiting_approval'].includes(req.status)
      )
        return;
      const service = serviceOf(req.service_id);
      const now = ctx.clock.now().toISOString();
      const shown = toPersianDigits(formatTrackingCode(req.tracking_code));
      if (req.due_on < today && req.escalated_at === null) {
        await repo.updateRequest(tx, req.id, { escalated_at: now, updated_at: now });
        await repo.insertEvent(tx, {
          request_id: req.id,
          action: 'escalated',
          from_status: req.status,
          to_status: req.status,
          person_id: null,
          text: `مهلت ${formatJalali(req.due_on)} گذشت`,
          at: now,
        });
        await notifyOffice(
          tx,
          ctx,
          req,
          {
            fa: `مهلت درخواست «${service.title.fa}» (کد ${shown}) گذشته است و به ادارهٔ کل استان ارجاع شد`,
            en: `Request "${service.title.en}" (${formatTrackingCode(req.tracking_code)}) is overdue and was escalated to the province office`,
          },
          { escalated: true },
        );
        escalated++;
      } else if (req.due_on >= today && req.reminded_at === null) {
        await repo.updateRequest(tx, req.id, { reminded_at: now, updated_at: now });
        await repo.insertEvent(tx, {
          request_id: req.id,
          action: 'reminded',
          from_status: req.status,
          to_status: req.status,
          person_id: null,
          text: null,
          at: now,
        });
        await notifyOffice(
          tx,
          ctx,
          req,
          {
            fa: `یادآوری: مهلت درخواست «${service.title.fa}» (کد ${shown}) ${formatJalali(req.due_on)} است`,
            en: `Reminder: request "${service.title.en}" (${formatTrackingCode(req.tracking_code)}) is due on ${req.due_on}`,
          },
          req.assigned_to !== null ? { only: [req.assigned_to] } : {},
        );
        reminded++;
      }
    });
  }

  return { reminded, escalated };
}

/** Runs the deadline job every `intervalMs` (one pass at a time) until stopped; `taavon start` uses it. */
export function startDeadlines(
  ctx: Context,
  settings: DeadlineSettings & { intervalMs: number },
  onError: (e: unknown) => void,
) {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = remindAndEscalate(ctx, settings)
      .catch(onError)
      .finally(() => {
        running = null;
      });
  }, settings.intervalMs);
  timer.unref();

  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
