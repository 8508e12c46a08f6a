import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/helpers/test-context.ts';
import type { OpenContext } from '../context/open-context.ts';
import { migrateDownAll, migrateToLatest } from './migrate.ts';

let ctx: OpenContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

describe('migrations', () => {
  it('load the 31 provinces with their counties and the fields', async () => {
    expect(ctx.reference.provinces).toHaveLength(31);
    expect(ctx.reference.counties.length).toBeGreaterThan(400);
    expect(ctx.reference.findProvince('خراسان رضوی')?.code).toBe('IR-09');
    expect(ctx.reference.findProvince('Razavi Khorasan')?.code).toBe('IR-09');
    expect(ctx.reference.findCounty(ctx.reference.findProvince('فارس')?.id ?? 0, 'شيراز')?.nameEn).toBe(
      'Shiraz',
    );
  });

  it('go down and up again on this engine', async () => {
    await migrateDownAll(ctx.db);
    const none = await sql<{
      n: number;
    }>`select count(*) as n from ${sql.raw(ctx.dialect === 'sqlite' ? 'sqlite_master' : 'information_schema.tables')} where ${sql.raw(
      ctx.dialect === 'sqlite'
        ? "type = 'table' and name = 'cooperatives'"
        : "table_name = 'cooperatives' and table_schema = current_schema()",
    )}`.execute(ctx.db);
    expect(Number(none.rows[0]?.n)).toBe(0);
    await migrateToLatest(ctx.db);
    const count = await ctx.db
      .selectFrom('cooperatives')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(count?.n)).toBe(0);
  });
});
