import type { Command } from 'commander';
import { formatJalali } from '../../calendar/index.ts';
import { serviceOf } from '../../services/catalogue/index.ts';
import { remindAndEscalate } from '../../services/deadlines.ts';
import { serviceStatistics } from '../../services/read-requests.ts';
import { type RequestStatus, requestByCode, STATUS_LABELS } from '../../services/requests.ts';
import * as repo from '../../services/services.repository.ts';
import { formatTrackingCode } from '../../services/tracking-code.ts';
import { withContext } from '../cli-context.ts';

/**
 * `taavon services …`: the single window from the command line — one pass of the deadline job
 * (what `taavon start` runs every few minutes), a request's history by tracking code, and the
 * statistics per service.
 */
export function registerServicesCommands(program: Command): void {
  const services = program.command('services').description('the single window: service requests');

  services
    .command('remind')
    .description('remind offices of requests due soon and escalate overdue ones to the province')
    .option('--days <n>', 'remind this many days before the due date', '3')
    .action((options: { days: string }) =>
      withContext(async (ctx) => {
        const r = await remindAndEscalate(ctx, { reminderDays: Number(options.days) });
        process.stdout.write(
          `یادآوری ${r.reminded} · ارجاع به استان ${r.escalated} / reminded ${r.reminded}, escalated ${r.escalated}\n`,
        );
      }),
    );

  services
    .command('show <trackingCode>')
    .description("a request's status and full history")
    .action((code: string) =>
      withContext(async (ctx) => {
        const req = await requestByCode(ctx.db, code);
        const service = serviceOf(req.service_id);
        process.stdout.write(
          `${formatTrackingCode(req.tracking_code)} · ${service.title.fa} / ${service.title.en}\n` +
            `status: ${STATUS_LABELS[req.status as RequestStatus].en}${req.due_on ? ` · due ${req.due_on} (${formatJalali(req.due_on)})` : ''}\n`,
        );
        for (const e of await repo.listEvents(ctx.db, req.id)) {
          const by = e.person_id === null ? 'system' : `${e.first_name} ${e.last_name}`;
          process.stdout.write(
            `  ${e.at}  ${e.action.padEnd(10)} ${e.from_status ?? '-'} → ${e.to_status}  ${by}${e.text ? `  «${e.text}»` : ''}\n`,
          );
        }
      }),
    );

  services
    .command('stats')
    .description('requests per service: submitted, open, decided, median days, share in time')
    .action(() =>
      withContext(async (ctx) => {
        for (const s of await serviceStatistics(ctx)) {
          process.stdout.write(
            `${s.serviceId.padEnd(24)} submitted ${s.submitted} · open ${s.open} · decided ${s.decided} · median ${s.medianDaysToDecision ?? '-'} days · in time ${s.decidedInTimeShare === null ? '-' : `${Math.round(s.decidedInTimeShare * 100)}%`}\n`,
          );
        }
      }),
    );
}
