import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { drainQueue } from '../../monitoring/queue.ts';
import { runScan } from '../../monitoring/scan.ts';
import { withContext } from '../cli-context.ts';

/**
 * `taavon monitor …`: the national scan of every cooperative (resumable), and one pass over the
 * queue of cooperatives written to since (what `taavon start` does every few seconds).
 */
export function registerMonitorCommands(program: Command): void {
  const monitor = program
    .command('monitor')
    .description('smart monitoring: red flags over the register and the ledger');

  monitor
    .command('scan')
    .description('evaluate every rule on every cooperative and update the alerts')
    .option('--resume', 'continue the last unfinished scan instead of starting over')
    .action((options: { resume?: boolean }) =>
      withContext(async (ctx) => {
        const bar = new cliProgress.SingleBar(
          { format: 'scan {bar} {value}/{total} cooperatives · {findings} findings', hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        let started = false;
        const result = await runScan(ctx, {
          resume: options.resume === true,
          onProgress: ({ done, total, findings }) => {
            if (!started && process.stderr.isTTY) {
              bar.start(total, 0, { findings: 0 });
              started = true;
            }
            if (started) bar.update(done, { findings });
          },
        });
        if (started) bar.stop();
        process.stdout.write(
          `پایش سراسری تمام شد / scan finished: ${result.cooperatives} cooperatives, ${result.findings} findings, ${result.opened} alerts opened\n`,
        );
      }),
    );

  monitor
    .command('drain')
    .description('evaluate the cooperatives queued by recent writes')
    .action(() =>
      withContext(async (ctx) => {
        let total = 0;
        for (;;) {
          const r = await drainQueue(ctx);
          if (r.cooperatives === 0) break;
          total += r.cooperatives;
        }
        process.stdout.write(`evaluated ${total} queued cooperatives\n`);
      }),
    );
}
