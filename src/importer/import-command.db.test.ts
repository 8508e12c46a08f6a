import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/helpers/test-context.ts';
import { runImportCommand } from '../cli/commands/import.ts';
import type { OpenContext } from '../context/open-context.ts';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../test/fixtures/import/${name}`, import.meta.url));

/** A stream that keeps what was written to it. */
function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });

  return { stream, text: () => text };
}

let ctx: OpenContext;
let dir: string;
beforeAll(async () => {
  ctx = await createTestContext();
  dir = mkdtempSync(join(tmpdir(), 'taavon-import-'));
});
afterAll(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('taavon import', () => {
  it('prints each rejected cell in Persian and English, commits nothing and exits 1', async () => {
    const out = capture();
    const err = capture();
    const code = await runImportCommand(
      ctx,
      { kind: 'cooperatives', file: fixture('cooperatives-bad.csv') },
      { stdout: out.stream, stderr: err.stream },
    );

    expect(code).toBe(1);
    expect(out.text()).toContain('line 3, legal_id: شناسهٔ ملی معتبر نیست (Enter a valid legal national ID)');
    expect(out.text()).toContain('line 14: ');
    expect(out.text()).toContain('Nothing was imported: 11 rows rejected');
    expect(out.text()).toContain('هیچ ردیفی وارد نشد');
    expect(err.text()).toMatch(/^read 13 rows in [\d.]+ s/);
  });

  it('writes rejections to a report CSV with --report and commits the good rows with --partial', async () => {
    const reportFile = join(dir, 'rejected.csv');
    const out = capture();
    const code = await runImportCommand(
      ctx,
      { kind: 'cooperatives', file: fixture('cooperatives-bad.csv'), partial: true, report: reportFile },
      { stdout: out.stream, stderr: capture().stream },
    );

    expect(code).toBe(1);
    expect(out.text()).toContain('2 rows imported, 11 rejected.');
    expect(out.text()).not.toContain('line 3');
    const rows: string[][] = parse(readFileSync(reportFile), { bom: true });
    expect(rows[0]).toEqual(['line', 'column', 'code', 'message_fa', 'message_en']);
    expect(rows.slice(1).map((r) => `${r[0]} ${r[1]}:${r[2]}`)).toContain('8 name:bidi');
    expect(rows).toHaveLength(12);
  });

  it('exits 0 when every row was imported', async () => {
    const out = capture();
    const code = await runImportCommand(
      ctx,
      { kind: 'cooperatives', file: fixture('cooperatives-good.csv') },
      { stdout: out.stream, stderr: capture().stream },
    );

    expect(code).toBe(0);
    expect(out.text()).toBe('۴ ردیف وارد شد.\n4 rows imported.\n');
  });

  it('lists the documented columns when the header is wrong', async () => {
    const out = capture();
    const code = await runImportCommand(
      ctx,
      { kind: 'cooperatives', file: fixture('cooperatives-unknown-column.csv') },
      { stdout: out.stream, stderr: capture().stream },
    );

    expect(code).toBe(1);
    expect(out.text()).toContain('line 1, nickname: ');
    expect(out.text()).toContain('capital_rials*');
  });
});
