import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBoard, buildCooperative, LEGAL_IDS } from '../../test/factories/registry.ts';
import { createTestContext } from '../../test/helpers/test-context.ts';
import type { OpenContext } from '../context/open-context.ts';
import { appendEntries } from './append.ts';
import { consistencyProof, inclusionProof, publishCheckpoint } from './checkpoints.ts';
import * as repo from './ledger.repository.ts';
import { fromHex, rootFromLeaves, verifyConsistency, verifyInclusion } from './merkle.ts';
import { parseNote, verifiedSigners } from './note.ts';
import { verifierOf } from './signing-keys.ts';

let ctx: OpenContext;
let coopId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  coopId = await buildCooperative(ctx);
  await buildBoard(ctx, LEGAL_IDS[0], { termStart: '1403/01/15' });
});
afterAll(() => ctx.close());

describe('appending to a cooperative log', () => {
  it('starts with a genesis entry at registration and logs each officer in the same transaction', async () => {
    const entries = await repo.listEntries(ctx.db, ctx.dialect, coopId, { limit: 100 });
    const kinds = entries.map((e) => e.kind).reverse();
    expect(kinds).toEqual(['genesis', ...Array(5).fill('officer.appointed')]);
    expect(entries.map((e) => e.idx).reverse()).toEqual([0, 1, 2, 3, 4, 5]);
    // natural persons' national codes appear only as commitments
    for (const e of entries) expect(e.body).not.toMatch(/0499370899|0790419904/);
    expect(entries[0]?.body).toContain('"commitment":"');
  });

  it('keeps the stored root equal to the root of the stored leaves, and proves every entry', async () => {
    await appendEntries(
      ctx.db,
      ctx,
      coopId,
      Array.from({ length: 30 }, (_, i) => ({
        kind: 'filing.recorded' as const,
        subject: null,
        data: { n: i },
      })),
    );
    const head = await repo.findLog(ctx.db, coopId);
    const leaves = (await repo.listEntries(ctx.db, ctx.dialect, coopId, { limit: 1000 }))
      .reverse()
      .map((e) => fromHex(e.leaf_hash));
    expect(head?.size).toBe(36);
    expect(head?.root_hash).toBe(Buffer.from(rootFromLeaves(leaves)).toString('hex'));
    const checkpoint = await publishCheckpoint(ctx, coopId);
    expect(checkpoint?.size).toBe(36);
    const signers = verifiedSigners(checkpoint?.note ?? '', ctx.ledger.signer.history.map(verifierOf));
    expect(signers?.signers).toHaveLength(1);
    for (let i = 0; i < 36; i++) {
      const proof = await inclusionProof(ctx.db, coopId, i, 36);
      expect(
        verifyInclusion(
          i,
          36,
          leaves[i] as Uint8Array,
          proof.map(fromHex),
          leaves.length ? fromHex(head?.root_hash ?? '') : new Uint8Array(),
        ),
      ).toBe(true);
    }
    const root10 = rootFromLeaves(leaves.slice(0, 10));
    const proof = await consistencyProof(ctx.db, coopId, 10, 36);
    expect(verifyConsistency(10, 36, root10, fromHex(head?.root_hash ?? ''), proof.map(fromHex))).toBe(true);
    expect(parseNote(checkpoint?.note ?? '')?.checkpoint.origin).toBe(`taavon.mcls.gov.ir/c/${coopId}`);
  });
});
