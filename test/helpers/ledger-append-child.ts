/**
 * The writer that `src/ledger/crash.db.test.ts` kills: opens the database the test names
 * (a SQLite file, or a PostgreSQL schema) with the test's key directory, then runs concurrent
 * appenders until it is killed — two appending one entry per transaction, two appending ten,
 * one recording filings through the use case — and prints `ack <firstIndex> <count> <leaf
 * hashes>` only after each transaction has committed.
 *
 * Usage: node --import tsx test/helpers/ledger-append-child.ts '<json options>'
 */
import { openContext } from '../../src/context/open-context.ts';
import { runWrite } from '../../src/context/write.ts';
import { connect } from '../../src/db/connect.ts';
import { recordFiling } from '../../src/governance/record-governance.ts';
import { appendEntries } from '../../src/ledger/append.ts';

export type ChildOptions = {
  sqliteFile: string | null;
  databaseUrl: string | null;
  schema: string | null;
  keyDir: string;
  name: string;
  cooperativeId: number;
  legalId: string;
};

const options = JSON.parse(process.argv[2] ?? '{}') as ChildOptions;
const handle = options.sqliteFile
  ? connect({ kind: 'sqlite', file: options.sqliteFile })
  : connect({
      kind: 'postgres',
      url: options.databaseUrl ?? '',
      searchPath: options.schema ?? 'public',
      max: 6,
    });
const ctx = await openContext(
  {
    databaseUrl: options.databaseUrl,
    sqliteFile: options.sqliteFile ?? '',
    today: null,
    statuteFile: null,
    ledger: { keyDir: options.keyDir, name: options.name },
  },
  handle,
);

let n = 0;
const ack = (first: number, hashes: string[]) =>
  process.stdout.write(`ack ${first} ${hashes.length} ${hashes.join(',')}\n`);

async function appender(batch: number): Promise<never> {
  for (;;) {
    const drafts = Array.from({ length: batch }, () => ({
      kind: 'filing.recorded' as const,
      subject: null,
      data: { n: n++, batch },
    }));
    const { receipt } = await ctx.db
      .transaction()
      .execute((tx) => appendEntries(tx, ctx, options.cooperativeId, drafts));
    ack(receipt.firstIndex, receipt.leafHashes);
  }
}

async function recorder(): Promise<never> {
  for (;;) {
    const id = await runWrite(recordFiling, ctx, {
      cooperativeLegalId: options.legalId,
      kind: 'other',
      filedOn: '1404/01/01',
      description: `پرونده ${n++}`,
    });
    const entry = await ctx.db
      .selectFrom('ledger_entries')
      .select(['idx', 'leaf_hash'])
      .where('cooperative_id', '=', options.cooperativeId)
      .where('subject', '=', `filing:${id}`)
      .executeTakeFirstOrThrow();
    ack(entry.idx, [entry.leaf_hash]);
  }
}

process.stderr.write('ready\n');
await Promise.all([appender(1), appender(10), appender(1), appender(10), recorder()]);
