import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCooperative, LEGAL_IDS } from '../../test/factories/registry.ts';
import type { ChildOptions } from '../../test/helpers/ledger-append-child.ts';
import { testEngine } from '../../test/helpers/test-context.ts';
import { type OpenContext, openContext } from '../context/open-context.ts';
import { connect } from '../db/connect.ts';
import { nodeSha256 } from './append.ts';
import { fromHex, rootFromLeaves, toHex } from './merkle.ts';
import { verifyLog } from './verify.ts';

/**
 * A writer killed with SIGKILL in the middle of concurrent appends loses nothing it acknowledged
 * and leaves a log that verifies: indices contiguous from 0, every acknowledged entry present
 * with the leaf hash its receipt signed, the head's root the root of the stored leaves.
 */

const dir = mkdtempSync(join(tmpdir(), 'taavon-crash-'));
const keyDir = join(dir, 'keys');
const name = 'taavon.mcls.gov.ir';
const url = process.env.DATABASE_URL ?? '';
const schema = `t_${randomBytes(6).toString('hex')}`;
const ACKS = 200;

async function open(): Promise<OpenContext> {
  const ledger = { keyDir, name };
  if (testEngine === 'sqlite') {
    const sqliteFile = join(dir, 'crash.db');
    return openContext({ databaseUrl: null, sqliteFile, today: null, statuteFile: null, ledger });
  }
  const handle = connect({ kind: 'postgres', url, searchPath: schema, max: 4 });
  return openContext({ databaseUrl: url, sqliteFile: '', today: null, statuteFile: null, ledger }, handle);
}

async function admin(query: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  if (testEngine === 'postgres') await admin(`drop schema if exists ${schema} cascade`);
  rmSync(dir, { recursive: true, force: true });
});

describe('a writer killed mid-append', () => {
  it(`loses no acknowledged entry and leaves a log that verifies (${testEngine})`, async () => {
    if (testEngine === 'postgres') await admin(`create schema ${schema}`);
    let ctx = await open();
    const cooperativeId = await buildCooperative(ctx, { legalId: LEGAL_IDS[0] });
    await ctx.close();

    const options: ChildOptions = {
      sqliteFile: testEngine === 'sqlite' ? join(dir, 'crash.db') : null,
      databaseUrl: testEngine === 'postgres' ? url : null,
      schema: testEngine === 'postgres' ? schema : null,
      keyDir,
      name,
      cooperativeId,
      legalId: LEGAL_IDS[0],
    };
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, '../../test/helpers/ledger-append-child.ts'),
        JSON.stringify(options),
      ],
      { cwd: join(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = once(child, 'exit');
    const acks: Array<{ first: number; hashes: string[] }> = [];
    for await (const line of createInterface({ input: child.stdout })) {
      const [word, first, count, hashes] = line.split(' ');
      if (word !== 'ack') continue;
      acks.push({ first: Number(first), hashes: (hashes ?? '').split(',') });
      expect(acks.at(-1)?.hashes).toHaveLength(Number(count));
      if (acks.length === ACKS) child.kill('SIGKILL');
    }
    const [, signal] = await exited;
    expect(acks.length, stderr).toBeGreaterThanOrEqual(ACKS);
    expect(signal).toBe('SIGKILL');

    ctx = await open();
    try {
      const entries = await ctx.db
        .selectFrom('ledger_entries')
        .select(['idx', 'leaf_hash'])
        .where('cooperative_id', '=', cooperativeId)
        .orderBy('idx')
        .execute();
      expect(entries.map((e) => e.idx)).toEqual(entries.map((_, i) => i));
      const receipts = await ctx.db
        .selectFrom('ledger_receipts')
        .select(['first_idx', 'leaf_hashes'])
        .where('cooperative_id', '=', cooperativeId)
        .execute();
      const signed = new Map<number, string>();
      for (const r of receipts) {
        for (const [j, h] of r.leaf_hashes.split(',').entries()) signed.set(r.first_idx + j, h);
      }
      let acknowledged = 0;
      for (const { first, hashes } of acks) {
        hashes.forEach((h, j) => {
          expect(entries[first + j]?.leaf_hash).toBe(h);
          expect(signed.get(first + j)).toBe(h);
          acknowledged++;
        });
      }
      expect(acknowledged).toBeGreaterThanOrEqual(ACKS);
      const head = await ctx.db
        .selectFrom('ledger_logs')
        .select(['size', 'root_hash'])
        .where('cooperative_id', '=', cooperativeId)
        .executeTakeFirstOrThrow();
      expect(head.size).toBe(entries.length);
      expect(head.root_hash).toBe(
        toHex(
          rootFromLeaves(
            entries.map((e) => fromHex(e.leaf_hash)),
            nodeSha256,
          ),
        ),
      );
      const result = await verifyLog(ctx, cooperativeId);
      expect(result.problems).toEqual([]);
      expect(result.size).toBe(entries.length);
    } finally {
      await ctx.close();
    }
  }, 120_000);
});
