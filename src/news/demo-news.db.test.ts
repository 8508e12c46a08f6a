import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST_ACCOUNTS } from '../../test/helpers/auth.ts';
import { createTestContext } from '../../test/helpers/test-context.ts';
import { actorForPerson } from '../access/index.ts';
import { accountsContext, type DemoAccount, seedDemoAccounts } from '../accounts/index.ts';
import type { OpenContext } from '../context/open-context.ts';
import { generateDemo } from '../demo/generate-demo.ts';
import { buildApp } from '../http/app.ts';
import { findPersonId } from '../people/index.ts';
import { SEED_PUBLISHED_AT, seedDemoNews } from './demo-news.ts';

/** The demo's news: the seed article as on its original page, the announcements of 1405, comments. */
let ctx: OpenContext;
let app: FastifyInstance;
let accounts: DemoAccount[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  await generateDemo(ctx, { cooperatives: 30 });
  accounts = (await seedDemoAccounts(accountsContext(ctx, FAST_ACCOUNTS))) ?? [];
  app = await buildApp(ctx, {
    logLevel: 'silent',
    resolveActor: async (request) => {
      const account = accounts.find((a) => a.role.en === request.headers['x-test-actor']);
      const id = account ? await findPersonId(ctx.db, account.nationalCode) : undefined;
      return id ? actorForPerson(ctx.db, id) : null;
    },
  });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const get = (url: string, who = '') =>
  app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { 'x-test-actor': who } });

describe('demo news', () => {
  it('seeds the article the system was announced in, as its page showed it, once', async () => {
    expect(await seedDemoNews(ctx, accounts)).toBe(5);
    expect(await seedDemoNews(ctx, accounts)).toBe(0);
    const list = (await get('/news')).json();
    expect(list.items.map((a: { title: string }) => a.title)).toEqual([
      'تمدید خط اعتباری ویژهٔ تولید ماسک و مواد ضدعفونی',
      'آغاز دورهٔ آموزشی مدیران تعاونی‌ها در سال 1405',
      'افزایش 12 برابری بودجه توانمندسازی تعاونی‌ها',
    ]);
    const seedId = list.items[2].id;
    const page = (await get(`/news/${seedId}`)).json();
    expect(page).toMatchObject({
      source: 'ایسنا',
      publishedAt: SEED_PUBLISHED_AT,
      publishedAtJalali: '1399/05/14 23:03',
      tags: ['آموزش', 'تولید', 'جت', 'خدمات'],
      views: 1881,
      rating: { average: 5, averageText: '5.0', count: 1 },
      reactions: { likes: 1, dislikes: 0 },
      comments: 1,
      audience: 'nation',
    });
    expect(page.lead).toMatch(/^معاون وزیر کار از افزایش 12 برابری/);
    expect(page.lead).not.toMatch(/[يك]/);
    expect(page.bodyHtml).toMatch(/^<p>محمد کبیری در گفتگو با ایسنا/);
    expect(page.bodyHtml).toContain('۱۲ برابر افزایش بدهیم');
    expect(page.bodyHtml.match(/<p>/g)).toHaveLength(6);
    expect(page.coverUrl).toBe(`/api/v1/news/${seedId}/cover`);
    expect(page.related.map((r: { sharedTags: number }) => r.sharedTags)).toEqual([2, 1]);
    expect(page.commentList).toHaveLength(1);
    const cover = await get(`/news/${seedId}/cover`);
    expect(cover.headers['content-type']).toBe('image/png');
    const pending = (await get('/news/moderation/comments', 'Ministry officer — national')).json().items;
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ author: { name: 'نرگس', verified: false }, article: { id: seedId } });
  });

  it("puts the assembly reminder in the demo cooperative's province and the board's announcement before its members", async () => {
    const legalId = accounts.find((a) => a.cooperative)?.cooperative?.key ?? '';
    const coop = await ctx.db
      .selectFrom('cooperatives')
      .select(['id', 'province_id'])
      .where('legal_id', '=', legalId)
      .executeTakeFirstOrThrow();
    const inProvince = (await get(`/news?province=${coop.province_id}`)).json();
    expect(inProvince.items[0]).toMatchObject({
      title: 'یادآوری مهلت برگزاری مجامع عمومی عادی سالیانه',
      audience: 'province',
      publishedAtJalali: '1405/08/25 11:00',
    });
    const announcements = (await get(`/cooperatives/${legalId}/announcements`, 'Member')).json();
    expect(announcements.items.map((a: { title: string }) => a.title)).toEqual([
      'دعوت به مجمع عمومی عادی سالیانه',
    ]);
    expect((await get(`/news/${announcements.items[0].id}`)).statusCode).toBe(404);
  });
});
