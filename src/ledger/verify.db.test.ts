import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCooperative, LEGAL_IDS } from '../../test/factories/registry.ts';
import { buildLedgerCooperative, type LedgerFixture } from '../../test/helpers/ledger-fixture.ts';
import { recomputeTree, rewriteEntry, rewriteTail } from '../../test/helpers/ledger-tamper.ts';
import { createTestContext } from '../../test/helpers/test-context.ts';
import type { OpenContext } from '../context/open-context.ts';
import { runWrite } from '../context/write.ts';
import { recordFiling } from '../governance/record-governance.ts';
import { appendEntries } from './append.ts';
import { publishCheckpoint } from './checkpoints.ts';
import { exportLog } from './export.ts';
import { noteKeyId, parseNote, signatureLine } from './note.ts';
import { loadSigner, rotateSigner } from './signing-keys.ts';
import { type Problem, verifyExport, verifyLog } from './verify.ts';

let ctx: OpenContext;
let coop: LedgerFixture;
let size: number;

/** The entry recording a subject (`membership:3`). */
async function indexOf(subject: string): Promise<number> {
  const r = await sql<{ idx: number }>`
    select idx from ledger_entries where cooperative_id = ${coop.cooperativeId} and subject = ${subject}`.execute(
    ctx.db,
  );
  const idx = r.rows[0]?.idx;
  if (idx === undefined) throw new Error(`no entry for ${subject}`);
  return idx;
}

/** The id of the first row of a table in the cooperative (by id) that matches `extra`. */
async function firstId(table: 'memberships' | 'officers', extra = sql`1 = 1`): Promise<number> {
  const r = await sql<{ id: number }>`
    select id from ${sql.table(table)} where cooperative_id = ${coop.cooperativeId} and ${extra} order by id limit 1`.execute(
    ctx.db,
  );
  return r.rows[0]?.id as number;
}

/** Runs `attack`, verifies, always runs `undo`, and returns the problems (the log must verify after). */
async function attacked(
  attack: () => Promise<unknown>,
  undo: () => Promise<unknown>,
  savedCheckpoint?: string,
) {
  await attack();
  let problems: Problem[];
  try {
    problems = (await verifyLog(ctx, coop.cooperativeId, savedCheckpoint ? { savedCheckpoint } : {}))
      .problems;
  } finally {
    await undo();
  }
  expect((await verifyLog(ctx, coop.cooperativeId)).problems).toEqual([]);
  return problems;
}

const indices = (problems: readonly Problem[]) => [
  ...new Set(problems.flatMap((p) => (p.index === null ? [] : [p.index]))),
];

async function entryRow(idx: number) {
  const r = await sql<{ body: string; leaf_hash: string }>`
    select body, leaf_hash from ledger_entries where cooperative_id = ${coop.cooperativeId} and idx = ${idx}`.execute(
    ctx.db,
  );
  return r.rows[0] as { body: string; leaf_hash: string };
}

async function setEntry(idx: number, column: 'body' | 'leaf_hash' | 'idx', value: string | number) {
  await sql`update ledger_entries set ${sql.ref(column)} = ${value}
    where cooperative_id = ${coop.cooperativeId} and idx = ${idx}`.execute(ctx.db);
}

beforeAll(async () => {
  ctx = await createTestContext();
  coop = await buildLedgerCooperative(ctx, { legalId: LEGAL_IDS[0], entries: 40, seed: 11 });
  size = (await verifyLog(ctx, coop.cooperativeId)).size;
}, 60_000);
afterAll(() => ctx.close());

describe('verifying a log', () => {
  it('passes a clean log, and its export, with the root the head holds', async () => {
    const result = await verifyLog(ctx, coop.cooperativeId);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(size).toBe(41); // genesis + 40
    const head = await sql<{ root_hash: string }>`
      select root_hash from ledger_logs where cooperative_id = ${coop.cooperativeId}`.execute(ctx.db);
    expect(result.rootHash).toBe(head.rows[0]?.root_hash);
    const exported = JSON.parse(JSON.stringify(await exportLog(ctx, coop.cooperativeId)));
    expect(verifyExport(exported)).toEqual({ ok: true, size, rootHash: result.rootHash, problems: [] });
  });

  it('names an entry whose body lost or gained a byte', async () => {
    const i = 17;
    const { body } = await entryRow(i);
    const changed = body.replace('"recordedAt":"2', '"recordedAt":"3');
    const problems = await attacked(
      () => setEntry(i, 'body', changed),
      () => setEntry(i, 'body', body),
    );
    expect(indices(problems)).toEqual([i]);
    expect(problems[0]).toMatchObject({ index: i, code: 'entry_altered' });
    expect(problems[0]?.message.en).toMatch(
      /^entry 17 was altered: its body does not hash to the leaf hash its receipt signed/,
    );
    expect(problems[0]?.message.fa).toContain('ثبت ۱۷');
  });

  it('names an entry altered with its leaf hash, the nodes and the head recomputed (the receipt still holds)', async () => {
    const i = await indexOf(`membership:${await firstId('memberships')}`);
    const before = await entryRow(i);
    const problems = await attacked(
      async () => {
        await rewriteEntry(ctx, coop.cooperativeId, i, (b) => ({
          ...b,
          data: { ...(b.data as object), shares: 999_999 },
        }));
        await recomputeTree(ctx, coop.cooperativeId);
      },
      async () => {
        await setEntry(i, 'body', before.body);
        await setEntry(i, 'leaf_hash', before.leaf_hash);
        await recomputeTree(ctx, coop.cooperativeId);
      },
    );
    expect(indices(problems)).toEqual([i]);
    expect(problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(['entry_altered', 'head_mismatch', 'node_mismatch', 'row_mismatch']),
    );
    expect(problems.find((p) => p.code === 'entry_altered')?.message.en).toContain('its receipt signed');
  });

  it('names a deleted entry', async () => {
    const i = 9;
    const saved = await sql<Record<string, unknown>>`
      select * from ledger_entries where cooperative_id = ${coop.cooperativeId} and idx = ${i}`.execute(
      ctx.db,
    );
    const row = saved.rows[0] as Record<string, unknown>;
    const problems = await attacked(
      () =>
        sql`delete from ledger_entries where cooperative_id = ${coop.cooperativeId} and idx = ${i}`.execute(
          ctx.db,
        ),
      () =>
        ctx.db
          .insertInto('ledger_entries')
          .values(row as never)
          .execute(),
    );
    expect(indices(problems)).toEqual([i]);
    expect(problems[0]).toMatchObject({ index: i, code: 'entry_missing' });
    expect(problems[0]?.message.en).toBe('entry 9 is missing: deleted from the log');
  });

  it('names both entries of a swap', async () => {
    const swap = async () => {
      await setEntry(12, 'idx', -1);
      await setEntry(30, 'idx', 12);
      await setEntry(-1, 'idx', 30);
    };
    const problems = await attacked(swap, swap);
    expect(problems.map((p) => [p.index, p.code])).toEqual([
      [12, 'entry_out_of_order'],
      [30, 'entry_out_of_order'],
    ]);
    expect(problems[0]?.message.en).toBe('entry 12 is stored at position 30');
  });

  it('names a row inserted past the head, and one inserted with the head and nodes recomputed', async () => {
    const { body } = await entryRow(5);
    const forged = body.replace('"index":5', `"index":${size}`);
    const insert = () =>
      sql`insert into ledger_entries (cooperative_id, idx, kind, subject, recorded_at, body, leaf_hash)
        select cooperative_id, ${size}, kind, subject, recorded_at, ${forged}, leaf_hash from ledger_entries
        where cooperative_id = ${coop.cooperativeId} and idx = 5`.execute(ctx.db);
    const remove = () =>
      sql`delete from ledger_entries where cooperative_id = ${coop.cooperativeId} and idx = ${size}`.execute(
        ctx.db,
      );
    const alone = await attacked(insert, remove);
    expect(alone.map((p) => [p.index, p.code])).toEqual([[size, 'entry_inserted']]);
    const withHead = await attacked(
      async () => {
        await insert();
        await recomputeTree(ctx, coop.cooperativeId);
      },
      async () => {
        await remove();
        await recomputeTree(ctx, coop.cooperativeId);
      },
    );
    expect(indices(withHead)).toEqual([size]);
    expect(withHead.map((p) => p.code)).toContain('receipt_missing');
  });

  it('names the entries under a changed node', async () => {
    const node = await sql<{ hash: string }>`
      select hash from ledger_nodes where cooperative_id = ${coop.cooperativeId} and level = 3 and idx = 2`.execute(
      ctx.db,
    );
    const hash = node.rows[0]?.hash as string;
    const set = (h: string) =>
      sql`update ledger_nodes set hash = ${h} where cooperative_id = ${coop.cooperativeId} and level = 3 and idx = 2`.execute(
        ctx.db,
      );
    const problems = await attacked(
      () => set(`${hash.slice(0, 10)}${hash[10] === 'a' ? 'b' : 'a'}${hash.slice(11)}`),
      () => set(hash),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        index: 16,
        code: 'node_mismatch',
        message: expect.objectContaining({
          en: 'the stored node over entries 16–23 is not the hash of those entries',
        }),
      }),
    ]);
  });

  it('reports a changed head root', async () => {
    const head = await sql<{ root_hash: string }>`
      select root_hash from ledger_logs where cooperative_id = ${coop.cooperativeId}`.execute(ctx.db);
    const root = head.rows[0]?.root_hash as string;
    const set = (h: string) =>
      sql`update ledger_logs set root_hash = ${h} where cooperative_id = ${coop.cooperativeId}`.execute(
        ctx.db,
      );
    const problems = await attacked(
      () => set(`0${root.slice(1)}` === root ? `1${root.slice(1)}` : `0${root.slice(1)}`),
      () => set(root),
    );
    expect(problems).toEqual([expect.objectContaining({ index: null, code: 'head_mismatch' })]);
  });

  it('names the entry whose receipt signature was changed', async () => {
    const r = await sql<{ signature: string }>`
      select signature from ledger_receipts where cooperative_id = ${coop.cooperativeId} and first_idx = 20`.execute(
      ctx.db,
    );
    const signature = r.rows[0]?.signature as string;
    const set = (s: string) =>
      sql`update ledger_receipts set signature = ${s} where cooperative_id = ${coop.cooperativeId} and first_idx = 20`.execute(
        ctx.db,
      );
    const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    const problems = await attacked(
      () => set(flipped),
      () => set(signature),
    );
    expect(problems).toEqual([expect.objectContaining({ index: 20, code: 'receipt_invalid' })]);
    // a change in base64's spare bits decodes to the same signature: still caught
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const last = alphabet.indexOf(signature.slice(-3, -2));
    const spare = `${signature.slice(0, -3)}${alphabet[last ^ 1]}==`; // the low bits of the last digit are unused
    const sameBytes = await attacked(
      () => set(spare),
      () => set(signature),
    );
    expect(indices(sameBytes)).toEqual([20]);
  });
});

describe('re-deriving entries from the business rows', () => {
  it("names the entry of an edited membership's shares, officer's term end and person's national code", async () => {
    const membership = await firstId('memberships', sql`person_id is not null`);
    const m = await indexOf(`membership:${membership}`);
    const shares = await attacked(
      () => sql`update memberships set shares = shares + 1 where id = ${membership}`.execute(ctx.db),
      () => sql`update memberships set shares = shares - 1 where id = ${membership}`.execute(ctx.db),
    );
    expect(shares).toEqual([
      expect.objectContaining({ index: m, code: 'row_mismatch', subject: `membership:${membership}` }),
    ]);
    expect(shares[0]?.message.en).toBe(
      `entry ${m} records membership:${membership}, which was changed: its shares differ from the entry`,
    );

    const officer = await firstId('officers');
    const o = await indexOf(`officer:${officer}`);
    const term = await sql<{ term_end: string }>`select term_end from officers where id = ${officer}`.execute(
      ctx.db,
    );
    const termEnd = term.rows[0]?.term_end as string;
    const terms = await attacked(
      () => sql`update officers set term_end = ${'2030-01-01'} where id = ${officer}`.execute(ctx.db),
      () => sql`update officers set term_end = ${termEnd} where id = ${officer}`.execute(ctx.db),
    );
    expect(terms).toEqual([
      expect.objectContaining({ index: o, code: 'row_mismatch', subject: `officer:${officer}` }),
    ]);

    const person = await sql<{ person_id: number; national_code: string }>`
      select m.person_id, p.national_code from memberships m join persons p on p.id = m.person_id
      where m.id = ${membership}`.execute(ctx.db);
    const { person_id, national_code } = person.rows[0] as { person_id: number; national_code: string };
    const codes = await attacked(
      () => sql`update persons set national_code = ${'0000000019'} where id = ${person_id}`.execute(ctx.db),
      () => sql`update persons set national_code = ${national_code} where id = ${person_id}`.execute(ctx.db),
    );
    expect(codes).toEqual([expect.objectContaining({ index: m, code: 'row_mismatch' })]);
  });

  it('names the entry of a deleted business row', async () => {
    const id = await firstId('memberships');
    const i = await indexOf(`membership:${id}`);
    const saved = (
      await sql<Record<string, unknown>>`select * from memberships where id = ${id}`.execute(ctx.db)
    ).rows[0];
    const problems = await attacked(
      () => sql`delete from memberships where id = ${id}`.execute(ctx.db),
      () =>
        ctx.db
          .insertInto('memberships')
          .values(saved as never)
          .execute(),
    );
    expect(problems).toEqual([
      expect.objectContaining({ index: i, code: 'row_missing', subject: `membership:${id}` }),
    ]);
  });

  it('reports a business row written without an entry', async () => {
    const problems = await attacked(
      () =>
        sql`insert into filings (id, cooperative_id, kind, fiscal_year, filed_on, assembly_id, description, created_at)
          values (9999, ${coop.cooperativeId}, 'other', 1403, '2025-01-01', null, 'بی‌ثبت', '2026-11-28T00:00:00.000Z')`.execute(
          ctx.db,
        ),
      () => sql`delete from filings where id = 9999`.execute(ctx.db),
    );
    expect(problems).toEqual([
      expect.objectContaining({ index: null, code: 'row_unlogged', subject: 'filing:9999' }),
    ]);
  });

  it('names the entry whose private identifier was changed', async () => {
    const s = await sql<{ idx: number; path: string; value: string }>`
      select idx, path, value from ledger_secrets where cooperative_id = ${coop.cooperativeId} order by idx desc limit 1`.execute(
      ctx.db,
    );
    const { idx, path, value } = s.rows[0] as { idx: number; path: string; value: string };
    const set = (v: string) =>
      sql`update ledger_secrets set value = ${v}
        where cooperative_id = ${coop.cooperativeId} and idx = ${idx} and path = ${path}`.execute(ctx.db);
    const problems = await attacked(
      () => set(`${value.slice(0, -1)}${value.endsWith('1') ? '2' : '1'}`),
      () => set(value),
    );
    expect(problems).toEqual([expect.objectContaining({ index: idx, code: 'secret_mismatch' })]);
  });
});

describe('checkpoints', () => {
  it('catches a tail rewritten without the key through a kept checkpoint and the receipts', async () => {
    const kept = await publishCheckpoint(ctx, coop.cooperativeId);
    const note = kept?.note as string;
    const tables = ['ledger_entries', 'ledger_nodes', 'ledger_receipts', 'ledger_checkpoints'] as const;
    const saved = new Map<string, Record<string, unknown>[]>();
    const snapshot = async () => {
      for (const t of tables) {
        saved.set(
          t,
          (
            await sql<
              Record<string, unknown>
            >`select * from ${sql.table(t)} where cooperative_id = ${coop.cooperativeId}`.execute(ctx.db)
          ).rows,
        );
      }
    };
    const undo = async () => {
      for (const t of tables) {
        await sql`delete from ${sql.table(t)} where cooperative_id = ${coop.cooperativeId}`.execute(ctx.db);
        for (const row of saved.get(t) ?? [])
          await ctx.db
            .insertInto(t)
            .values(row as never)
            .execute();
      }
      await recomputeTree(ctx, coop.cooperativeId);
    };
    for (const forgery of ['delete', 'garbage', 'own-key'] as const) {
      await snapshot();
      const problems = await attacked(() => rewriteTail(ctx, coop.cooperativeId, 33, forgery), undo, note);
      expect(Math.min(...indices(problems))).toBe(33);
      expect(problems.find((p) => p.code === 'checkpoint_mismatch')).toMatchObject({
        index: 33,
        message: {
          en: `the log was rewritten after the checkpoint you kept (size ${size}): entries 33–${size - 1} are not those it covered`,
        },
      });
      expect(problems[0]?.code).toBe(forgery === 'delete' ? 'receipt_missing' : 'receipt_invalid');
    }
  });

  it('catches a truncated log through a stored checkpoint', async () => {
    await publishCheckpoint(ctx, coop.cooperativeId);
    const rows = await sql<Record<string, unknown>>`
      select * from ledger_entries where cooperative_id = ${coop.cooperativeId} and idx >= 38`.execute(
      ctx.db,
    );
    const receipts = await sql<Record<string, unknown>>`
      select * from ledger_receipts where cooperative_id = ${coop.cooperativeId} and first_idx >= 38`.execute(
      ctx.db,
    );
    const problems = await attacked(
      async () => {
        await sql`delete from ledger_entries where cooperative_id = ${coop.cooperativeId} and idx >= 38`.execute(
          ctx.db,
        );
        await sql`delete from ledger_receipts where cooperative_id = ${coop.cooperativeId} and first_idx >= 38`.execute(
          ctx.db,
        );
        await recomputeTree(ctx, coop.cooperativeId);
      },
      async () => {
        for (const r of rows.rows)
          await ctx.db
            .insertInto('ledger_entries')
            .values(r as never)
            .execute();
        for (const r of receipts.rows)
          await ctx.db
            .insertInto('ledger_receipts')
            .values(r as never)
            .execute();
        await recomputeTree(ctx, coop.cooperativeId);
      },
    );
    expect(problems[0]).toMatchObject({ index: 38, code: 'checkpoint_mismatch' });
    expect(problems[0]?.message.en).toBe(
      `the stored checkpoint of size ${size} does not fit the log: it covers ${size} entries but the log now has 38: entries 38–${size - 1} were removed`,
    );
    expect(indices(problems).every((i) => i >= 38)).toBe(true);
  });

  it("checks witnesses' cosignatures", async () => {
    const kept = await publishCheckpoint(ctx, coop.cooperativeId);
    const body = parseNote(kept?.note as string)?.body as string;
    const secretKey = ed25519.utils.randomSecretKey();
    const publicKey = ed25519.getPublicKey(secretKey);
    const keyId = noteKeyId('inspector.example', publicKey);
    const line = signatureLine(
      'inspector.example',
      keyId,
      ed25519.sign(new TextEncoder().encode(body), secretKey),
    );
    const person = (await sql<{ id: number }>`select id from persons order by id limit 1`.execute(ctx.db))
      .rows[0]?.id;
    const witness = await ctx.db
      .insertInto('witness_keys')
      .values({
        person_id: person as number,
        name: 'inspector.example',
        key_id: keyId,
        public_key: Buffer.from(publicKey).toString('base64'),
        created_at: '2026-11-28T00:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const cosign = (signature_line: string) =>
      ctx.db
        .insertInto('ledger_cosignatures')
        .values({
          cooperative_id: coop.cooperativeId,
          size: kept?.size as number,
          witness_key_id: witness.id,
          signature_line,
          signed_at: '2026-11-28T00:00:00.000Z',
        })
        .execute();
    const remove = () =>
      sql`delete from ledger_cosignatures where witness_key_id = ${witness.id}`.execute(ctx.db);
    expect(await attacked(() => cosign(line), remove)).toEqual([]);
    const bad = `${line.slice(0, -6)}${line.slice(-6, -5) === 'A' ? 'B' : 'A'}${line.slice(-5)}`;
    const problems = await attacked(() => cosign(bad), remove);
    expect(problems).toEqual([expect.objectContaining({ index: null, code: 'checkpoint_invalid' })]);
    expect(problems[0]?.message.en).toContain('witness inspector.example');
  });
});

describe('exports and keys', () => {
  it('verifies an export offline, names an altered entry in it, and holds no private identifier', async () => {
    const exported = await exportLog(ctx, coop.cooperativeId);
    const text = JSON.stringify(exported);
    const secrets = await sql<{ value: string }>`
      select value from ledger_secrets where cooperative_id = ${coop.cooperativeId}`.execute(ctx.db);
    expect(secrets.rows.length).toBeGreaterThan(10);
    for (const s of secrets.rows) expect(text).not.toContain(s.value);
    const copy = JSON.parse(text);
    copy.entries[25].body = copy.entries[25].body.replace('"v":1', '"v":2');
    const result = verifyExport(copy);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.index, p.code])).toEqual([[25, 'entry_altered']]);
    expect(() => verifyExport({ format: 'something else' })).toThrow(/not a ledger export/);
  });

  it('stays bounded when a row or the head claims an absurd position', async () => {
    const exported = JSON.parse(JSON.stringify(await exportLog(ctx, coop.cooperativeId)));
    const far = 10 ** 12;
    exported.entries.push({ ...exported.entries[3], index: far });
    exported.head.size = far + 1;
    const result = verifyExport(exported);
    expect(result.size).toBe(size);
    expect(result.problems.map((p) => [p.index, p.code])).toEqual([
      [size, 'head_mismatch'],
      [far, 'entry_inserted'],
    ]);
  });

  it('keeps receipts and checkpoints of a rotated key valid, and rejects another log key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taavon-keys-'));
    try {
      const name = ctx.ledger.name;
      const first = { ...ctx, ledger: { name, signer: loadSigner(dir, name) } };
      const id = await buildCooperative(first, { legalId: LEGAL_IDS[2], name: 'تعاونی کلید' });
      await runWrite(recordFiling, first, {
        cooperativeLegalId: LEGAL_IDS[2],
        kind: 'other',
        filedOn: '1404/01/10',
      });
      await publishCheckpoint(first, id);
      const second = { ...ctx, ledger: { name, signer: rotateSigner(dir, name) } };
      await second.db
        .transaction()
        .execute((tx) =>
          appendEntries(tx, second, id, [
            { kind: 'filing.recorded', subject: null, data: { note: 'after rotation' } },
          ]),
        );
      await publishCheckpoint(second, id);
      expect(second.ledger.signer.history).toHaveLength(2);
      expect((await verifyLog(second, id)).problems).toEqual([]);
      // the first key alone does not know the receipts and checkpoint of the second
      const alone = await verifyLog(
        {
          ...first,
          ledger: { name, signer: { ...first.ledger.signer, history: first.ledger.signer.history } },
        },
        id,
      );
      expect(alone.problems.map((p) => [p.index, p.code])).toEqual([
        [2, 'receipt_invalid'],
        [null, 'checkpoint_invalid'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
