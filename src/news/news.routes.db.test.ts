import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBoard,
  buildCooperative,
  LEGAL_IDS,
  NATIONAL_CODES,
  recordMembership,
  runWrite,
} from '../../test/factories/registry.ts';
import { createTestAccount, FAST_ACCOUNTS } from '../../test/helpers/auth.ts';
import { type MovableClock, movableClock } from '../../test/helpers/movable-clock.ts';
import { createTestContext } from '../../test/helpers/test-context.ts';
import { actorForPerson } from '../access/index.ts';
import { accountsContext, createAdministrator, createOfficer } from '../accounts/index.ts';
import type { Context } from '../context/context.ts';
import type { OpenContext } from '../context/open-context.ts';
import { createIdentifierSource } from '../demo/demo-identifiers.ts';
import { buildApp } from '../http/app.ts';
import { findPersonId } from '../people/index.ts';
import { makePdf, makePng } from '../storage/upload-corpus.ts';

/**
 * News end to end through HTTP, on both engines: officers write, schedule, publish and archive
 * (wrong steps 409, bad input 400 naming every field, bodies sanitised); the public list by
 * audience, tag and Persian-tolerant search; related articles; views once per visitor per day
 * with a daily salt; one rating and one like per voter; comments with the arithmetic challenge,
 * the honeypot and moderation with in-app notice; a cooperative's announcements for its members
 * only; the cover image; and the Atom feed.
 */
const A = LEGAL_IDS[0];
const ids = createIdentifierSource(707);
let base: OpenContext;
let ctx: Context;
let clock: MovableClock;
let app: FastifyInstance;
const people = new Map<string, number>();

async function as(
  who: string,
  method: string,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  return app.inject({
    method: method as 'GET',
    url: url.startsWith('/news/feed.xml') ? url : `/api/v1${url}`,
    headers: { 'x-test-actor': who, 'user-agent': 'test-browser/1', ...headers },
    ...(payload === undefined ? {} : Buffer.isBuffer(payload) ? { payload } : { payload: payload as object }),
  });
}

const article = (overrides: Record<string, unknown> = {}) => ({
  title: 'خبر آزمایشی',
  lead: 'خلاصهٔ خبر آزمایشی',
  body: '<p>متن خبر</p>',
  tags: ['آموزش'],
  audience: 'nation',
  ...overrides,
});

/** Writes and publishes an article as `who`; returns its id. */
async function published(who: string, overrides: Record<string, unknown> = {}): Promise<number> {
  const created = await as(who, 'POST', '/news', article(overrides));
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as number;
  const done = await as(who, 'POST', `/news/${id}/status`, { to: 'published' });
  expect(done.statusCode, done.body).toBe(200);
  clock.advanceSeconds(1); // distinct publication instants, so "newest first" is well defined

  return id;
}

const fieldsOf = (r: { json(): { fields: Array<{ path: string; code: string }> } }) =>
  r.json().fields.map((f) => `${f.path}:${f.code}`);

/** A small well-formedness check of XML: every tag closed in order, attributes quoted, entities known. */
function xmlProblem(xml: string): string | null {
  const s = xml.replace(/^<\?xml[^>]*\?>/, '');
  const token =
    /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|[^<]+/g;
  const stack: string[] = [];
  let pos = 0;
  for (let m = token.exec(s); m !== null; m = token.exec(s)) {
    if (m.index !== pos) return `unexpected markup at ${pos}: ${s.slice(pos, pos + 40)}`;
    pos = token.lastIndex;
    if (m[1]) {
      if (stack.pop() !== m[1]) return `mismatched </${m[1]}>`;
    } else if (m[2]) {
      if (!m[4]) stack.push(m[2]);
    } else if (!m[0].startsWith('<') && /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(m[0])) {
      return `bad entity near ${m[0].slice(0, 40)}`;
    }
  }
  if (pos !== s.length) return `unparsed tail at ${pos}`;

  return stack.length === 0 ? null : `unclosed <${stack.join('>, <')}>`;
}

beforeAll(async () => {
  base = await createTestContext();
  clock = movableClock('2026-11-28T08:30:00.000Z'); // 12:00 in Tehran, 7 Azar 1405
  ctx = { ...base, clock };
  await buildCooperative(ctx); // A: Shiraz, Fars
  await buildBoard(ctx, A, { termStart: '1404/01/15' });
  await runWrite(recordMembership, ctx, {
    cooperativeLegalId: A,
    memberNo: '7',
    person: { nationalCode: NATIONAL_CODES[5], firstName: 'نرگس', lastName: 'کاظمی', mobile: '09127654321' },
    joinedOn: '1400/02/01',
    shares: 10,
  });
  for (const [who, i] of [
    ['board', 0],
    ['director', 3],
    ['member', 5],
  ] as const) {
    people.set(who, (await findPersonId(ctx.db, NATIONAL_CODES[i])) ?? 0);
  }
  people.set(
    'stranger',
    await createTestAccount(ctx, {
      nationalCode: ids.nationalCode(),
      firstName: 'رهگذر',
      lastName: 'ناشناس',
      mobile: '09131112233',
    }),
  );
  const actx = accountsContext(ctx, FAST_ACCOUNTS);
  for (const [who, where] of [
    ['nation', { scope: 'nation' }],
    ['fars', { scope: 'province', province: 'فارس' }],
    ['kerman', { scope: 'province', province: 'کرمان' }],
    ['county', { scope: 'county', province: 'فارس', county: 'شیراز' }],
  ] as const) {
    const code = ids.nationalCode();
    await createOfficer(actx, { nationalCode: code, firstName: 'کارشناس', lastName: who }, where);
    people.set(who, (await findPersonId(ctx.db, code)) ?? 0);
  }
  const adminCode = ids.nationalCode();
  await createAdministrator(actx, { nationalCode: adminCode, firstName: 'مدیر', lastName: 'سامانه' });
  people.set('admin', (await findPersonId(ctx.db, adminCode)) ?? 0);
  app = await buildApp(ctx, {
    logLevel: process.env.TEST_LOG ?? 'silent',
    accounts: FAST_ACCOUNTS,
    resolveActor: async (request) => {
      const id = people.get(String(request.headers['x-test-actor']));
      return id ? actorForPerson(ctx.db, id) : null;
    },
    onDenied: async () => {},
  });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await base?.close();
});

describe('writing and publishing', () => {
  it('lets only those whose region holds the audience write, and refuses anonymous callers', async () => {
    expect((await as('nobody', 'POST', '/news', article())).statusCode).toBe(401);
    expect((await as('member', 'POST', '/news', article())).statusCode).toBe(403);
    expect((await as('director', 'POST', '/news', article())).statusCode).toBe(403);
    expect(
      (await as('county', 'POST', '/news', article({ audience: 'province', province: 'فارس' }))).statusCode,
    ).toBe(403);
    expect((await as('fars', 'POST', '/news', article())).statusCode).toBe(403);
    expect(
      (await as('kerman', 'POST', '/news', article({ audience: 'province', province: 'فارس' }))).statusCode,
    ).toBe(403);
    expect(
      (await as('fars', 'POST', '/news', article({ audience: 'province', province: 'فارس' }))).statusCode,
    ).toBe(201);
    expect(
      (await as('nation', 'POST', '/news', article({ audience: 'province', province: 'کرمان' }))).statusCode,
    ).toBe(201);
    expect((await as('admin', 'POST', '/news', article())).statusCode).toBe(201);
  });

  it('names every bad field at once and writes nothing', async () => {
    const before = await ctx.db.selectFrom('news_articles').select('id').execute();
    const bad = await as('nation', 'POST', '/news', {
      title: 'خبر \u202Eوارونه',
      lead: '',
      body: '<script>alert(1)</script>',
      tags: [],
      audience: 'province',
      province: 'آتلانتیس',
      color: 'red',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(fieldsOf(bad)).toEqual(
      expect.arrayContaining([
        'title:bidi',
        'lead:required',
        'body:body_empty',
        'tags:tags_count',
        'province:unknown_province',
        'color:unknown_key',
      ]),
    );
    const message = bad.json().fields.find((f: { path: string }) => f.path === 'province').message;
    expect(message).toEqual({ fa: 'استان شناخته‌شده نیست', en: 'Unknown province' });
    expect(
      fieldsOf(await as('nation', 'POST', '/news', article({ title: '', audience: 'province' }))),
    ).toEqual(['title:required', 'province:required']);
    const tags = await as(
      'nation',
      'POST',
      '/news',
      article({ tags: ['خوب', 'بد!', 'یک', 'دو', 'سه', 'چهار', 'پنج', 'شش', 'هفت'] }),
    );
    expect(fieldsOf(tags)).toEqual(expect.arrayContaining(['tags.1:tag_word', 'tags:tags_count']));
    expect(await ctx.db.selectFrom('news_articles').select('id').execute()).toHaveLength(before.length);
  });

  it('sanitises the body on the server: no script, no event handler, the paragraph kept', async () => {
    const created = await as(
      'nation',
      'POST',
      '/news',
      article({ body: '<img src=x onerror=alert(1)><script>alert(1)</script><p onclick="x">hi</p>' }),
    );
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const row = await ctx.db
      .selectFrom('news_articles')
      .select(['body_html', 'body_text'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.body_html).toBe('<p>hi</p>');
    expect(row.body_text).toBe('hi');
    const page = await as('nation', 'GET', `/news/${id}`);
    expect(page.json()).toMatchObject({ status: 'draft', bodyHtml: '<p>hi</p>', editable: true });
    expect(page.body).not.toMatch(/script|onerror|onclick/);
  });

  it('keeps drafts and scheduled articles from readers until their time, then shows them as published', async () => {
    const id = (await as('nation', 'POST', '/news', article({ title: 'خبر زمان‌بندی‌شده' }))).json().id;
    expect((await as('nobody', 'GET', `/news/${id}`)).statusCode).toBe(404);
    expect((await as('kerman', 'GET', `/news/${id}`)).statusCode).toBe(404);
    expect((await as('kerman', 'PATCH', `/news/${id}`, { title: 'نه' })).statusCode).toBe(404);

    const past = await as('nation', 'POST', `/news/${id}/status`, {
      to: 'scheduled',
      publishAt: '2026-11-28T08:00:00Z',
    });
    expect(past.statusCode).toBe(400);
    expect(fieldsOf(past)).toEqual(['publishAt:publish_at_past']);
    expect(past.json().fields[0].message.fa).toBe('زمان انتشار باید در آینده باشد');
    expect(
      fieldsOf(await as('nation', 'POST', `/news/${id}/status`, { to: 'scheduled', publishAt: 'فردا' })),
    ).toEqual(['publishAt:publish_at_format']);
    expect(fieldsOf(await as('nation', 'POST', `/news/${id}/status`, { to: 'scheduled' }))).toEqual([
      'publishAt:publish_at_required',
    ]);
    expect(fieldsOf(await as('nation', 'POST', `/news/${id}/status`, { to: 'gone' }))).toEqual([
      'to:unknown_value',
    ]);

    // 13:00 Tehran on 7 Azar 1405 = 09:30Z.
    const scheduled = await as('nation', 'POST', `/news/${id}/status`, {
      to: 'scheduled',
      publishAt: '1405/09/07 13:00',
    });
    expect(scheduled.json()).toEqual({
      status: 'scheduled',
      publishedAt: '2026-11-28T09:30:00.000Z',
      publishedAtJalali: '1405/09/07 13:00',
    });
    expect((await as('nobody', 'GET', `/news/${id}`)).statusCode).toBe(404);
    expect((await as('nobody', 'GET', '/news?q=زمان‌بندی‌شده')).json().total).toBe(0);
    expect(
      (await as('nation', 'GET', '/news/manage?status=scheduled'))
        .json()
        .items.map((a: { id: number }) => a.id),
    ).toContain(id);

    clock.set('2026-11-28T09:30:00.000Z');
    const page = await as('nobody', 'GET', `/news/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({
      status: 'published',
      publishedAtJalali: '1405/09/07 13:00',
      editable: false,
    });
    expect((await as('nobody', 'GET', '/news?q=زمان‌بندی‌شده')).json().total).toBe(1);
    // Once its time has come it is published: it can be archived, no longer taken back.
    const back = await as('nation', 'POST', `/news/${id}/status`, { to: 'draft' });
    expect(back.statusCode).toBe(409);
    expect(back.json().message.en).toBe('An article cannot go from published to draft');
    expect((await as('kerman', 'PATCH', `/news/${id}`, { title: 'نه' })).statusCode).toBe(403);
    expect((await as('nation', 'POST', `/news/${id}/status`, { to: 'archived' })).json().status).toBe(
      'archived',
    );
    expect((await as('nation', 'POST', `/news/${id}/status`, { to: 'published' })).statusCode).toBe(409);
    expect((await as('nation', 'PATCH', `/news/${id}`, { title: 'تازه' })).statusCode).toBe(409);
    // The archive stays readable at its address, but takes no comments or votes.
    expect((await as('nobody', 'GET', `/news/${id}`)).json().status).toBe('archived');
    const comment = await as('member', 'POST', `/news/${id}/comments`, { body: 'دیر رسیدم' });
    expect(comment.statusCode).toBe(409);
    expect(comment.json().message.fa).toContain('بایگانی');
    expect((await as('member', 'POST', `/news/${id}/rating`, { value: 5 })).statusCode).toBe(409);
    expect((await as('nobody', 'GET', '/news?q=زمان‌بندی‌شده')).json().total).toBe(0);
  });

  it('edits text, tags and audience within the editor’s authority', async () => {
    const id = await published('fars', { audience: 'province', province: 'فارس', title: 'خبر استانی' });
    expect((await as('fars', 'PATCH', `/news/${id}`, { audience: 'nation' })).statusCode).toBe(403);
    expect((await as('fars', 'PATCH', `/news/${id}`, { province: 'کرمان' })).statusCode).toBe(403);
    expect(fieldsOf(await as('nation', 'PATCH', `/news/${id}`, { province: 'جایی' }))).toEqual([
      'province:unknown_province',
    ]);
    const bad = await as('fars', 'PATCH', `/news/${id}`, { title: 'الف\u2066ب', tags: ['؟'] });
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['title:bidi', 'tags.0:tag_word']));
    expect(
      (await as('fars', 'PATCH', `/news/${id}`, { title: 'خبر استانی فارس', tags: ['مجمع'] })).statusCode,
    ).toBe(200);
    expect((await as('nobody', 'GET', `/news/${id}`)).json()).toMatchObject({
      title: 'خبر استانی فارس',
      tags: ['مجمع'],
      province: { name: { fa: 'فارس', en: 'Fars' } },
    });
  });
});

describe('reading', () => {
  let national = 0;
  let fars = 0;
  let kerman = 0;

  beforeAll(async () => {
    national = await published('nation', {
      title: 'توسعهٔ دولت الکترونیک در بخش تعاونی‌ها',
      lead: 'سامانهٔ جامع راه‌اندازی شد',
      body: '<p>نظارت مستمر و هوشمند اعضا بر کیفیت خدمات</p>',
      tags: ['خدمات', 'فناوری', 'آموزش'],
    });
    fars = await published('fars', {
      audience: 'province',
      province: 'فارس',
      title: 'نمایشگاه تعاونی‌های فارس',
      tags: ['خدمات', 'فناوری'],
    });
    kerman = await published('kerman', {
      audience: 'province',
      province: 'کرمان',
      title: 'نمایشگاه تعاونی‌های کرمان',
      tags: ['خدمات', 'فناوری'],
    });
  });

  it('lists national news, and with a province that province’s too', async () => {
    const all = (await as('nobody', 'GET', '/news?pageSize=50')).json();
    const idsOf = (r: { items: Array<{ id: number }> }) => r.items.map((a) => a.id);
    expect(idsOf(all)).toContain(national);
    expect(idsOf(all)).not.toContain(fars);
    expect(idsOf(all)).not.toContain(kerman);
    const inFars = (
      await as('nobody', 'GET', `/news?pageSize=50&province=${encodeURIComponent('فارس')}`)
    ).json();
    expect(idsOf(inFars)).toEqual(expect.arrayContaining([national, fars]));
    expect(idsOf(inFars)).not.toContain(kerman);
    expect(inFars.items.find((a: { id: number }) => a.id === fars)).toMatchObject({
      audience: 'province',
      province: { name: { en: 'Fars' } },
    });
    const unknown = await as('nobody', 'GET', '/news?province=Atlantis&page=0');
    expect(unknown.statusCode).toBe(400);
    expect(fieldsOf(unknown)).toEqual(
      expect.arrayContaining(['province:unknown_province', 'page:too_small']),
    );
    const byTag = (
      await as('nobody', 'GET', `/news?province=Fars&tag=${encodeURIComponent('فناوری')}`)
    ).json();
    expect(idsOf(byTag).sort()).toEqual([national, fars].sort());
    const page1 = (await as('nobody', 'GET', `/news?pageSize=1&page=1&province=Fars`)).json();
    const page2 = (await as('nobody', 'GET', `/news?pageSize=1&page=2&province=Fars`)).json();
    expect(page2).toMatchObject({ page: 2, pageSize: 1, total: inFars.total });
    expect([...idsOf(page1), ...idsOf(page2)]).toEqual(idsOf(inFars).slice(0, 2));
  });

  it('finds an article whatever the spelling of ی, ک and the half-space', async () => {
    for (const q of ['تعاونی‌ها', 'تعاونيها', 'تعاونی ها', 'كيفيت خدمات', 'الكترونيك', 'دولت   الکترونیک']) {
      const found = (await as('nobody', 'GET', `/news?q=${encodeURIComponent(q)}`)).json();
      expect(
        found.items.map((a: { id: number }) => a.id),
        q,
      ).toContain(national);
    }
    expect((await as('nobody', 'GET', `/news?q=${encodeURIComponent('کیفیت نمایشگاه')}`)).json().total).toBe(
      0,
    );
  });

  it('relates articles by shared tags, most shared first, then newest, at most five', async () => {
    for (let i = 0; i < 5; i++) await published('nation', { title: `خبر فناوری ${i}`, tags: ['فناوری'] });
    const both = await published('nation', { title: 'خبر خدمات و فناوری', tags: ['فناوری', 'خدمات'] });
    const page = (await as('nobody', 'GET', `/news/${national}`)).json();
    expect(page.related).toHaveLength(5);
    expect(page.related[0]).toMatchObject({ id: both, sharedTags: 2 });
    expect(page.related.slice(1).map((r: { sharedTags: number }) => r.sharedTags)).toEqual([1, 1, 1, 1]);
    expect(page.related[1].title).toBe('خبر فناوری 4'); // newest first among equals
    expect(page.related.map((r: { id: number }) => r.id)).not.toContain(kerman);
    const tags = (await as('nobody', 'GET', '/news/tags')).json().items;
    expect(tags[0]).toMatchObject({ tag: 'فناوری' });
  });

  it('counts a visitor once a day without cookies, and again the next day', async () => {
    const view = (ua: string) =>
      as('nobody', 'POST', `/news/${national}/views`, undefined, { 'user-agent': ua });
    const first = await view('browser-A');
    expect(first.statusCode).toBe(200);
    expect(first.headers['set-cookie']).toBeUndefined();
    expect(first.json()).toEqual({ views: 1 });
    expect((await view('browser-A')).json()).toEqual({ views: 1 });
    expect((await view('browser-B')).json()).toEqual({ views: 2 });
    expect(
      (
        await as('member', 'POST', `/news/${national}/views`, undefined, { 'user-agent': 'browser-A' })
      ).json(),
    ).toEqual({
      views: 2,
    }); // the same device: ip + user agent
    const today = await ctx.db.selectFrom('news_daily_salts').selectAll().execute();
    expect(today.map((s) => s.day)).toEqual(['2026-11-28']);

    clock.set('2026-11-28T20:31:00.000Z'); // 00:01 on 8 Azar in Tehran: a new day
    expect((await view('browser-A')).json()).toEqual({ views: 3 });
    expect((await view('browser-A')).json()).toEqual({ views: 3 });
    const salts = await ctx.db.selectFrom('news_daily_salts').selectAll().execute();
    expect(salts.map((s) => s.day)).toEqual(['2026-11-29']); // yesterday's salt is gone
    expect(salts[0]?.salt).not.toBe(today[0]?.salt);
    const keys = await ctx.db.selectFrom('news_view_keys').select('day').distinct().execute();
    expect(keys.map((k) => k.day)).toEqual(['2026-11-29']);
    expect((await as('nobody', 'GET', `/news/${national}`)).json().views).toBe(3);
    // Drafts are not counted.
    const draft = (await as('nation', 'POST', '/news', article())).json().id;
    expect((await as('nation', 'POST', `/news/${draft}/views`)).json()).toEqual({ views: 0 });
    expect((await as('nobody', 'POST', `/news/${draft}/views`)).statusCode).toBe(404);
  });

  it('takes one rating and one like per voter, and says so the second time', async () => {
    const first = await as('nobody', 'POST', `/news/${national}/rating`, { value: 4 });
    expect(first.statusCode).toBe(201);
    expect(first.json().rating).toEqual({ average: 4, averageText: '4.0', count: 1 });
    const again = await as('nobody', 'POST', `/news/${national}/rating`, { value: 5 });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toEqual({
      fa: 'شما پیش‌تر به این مطلب امتیاز داده‌اید؛ هر نفر یک بار امتیاز می‌دهد',
      en: 'You have already rated this article; everyone rates once',
    });
    expect((await as('member', 'POST', `/news/${national}/rating`, { value: 5 })).json().rating).toEqual({
      average: 4.5,
      averageText: '4.5',
      count: 2,
    });
    expect((await as('member', 'POST', `/news/${national}/rating`, { value: 1 })).statusCode).toBe(409);
    expect(
      (await as('director', 'POST', `/news/${national}/rating`, { value: 4 })).json().rating.averageText,
    ).toBe('4.3');
    expect(fieldsOf(await as('board', 'POST', `/news/${national}/rating`, { value: 6 }))).toEqual([
      'value:too_big',
    ]);
    expect(fieldsOf(await as('board', 'POST', `/news/${national}/reaction`, { value: 'love' }))).toEqual([
      'value:unknown_value',
    ]);
    expect(
      (await as('member', 'POST', `/news/${national}/reaction`, { value: 'like' })).json().reactions,
    ).toEqual({
      likes: 1,
      dislikes: 0,
    });
    const twice = await as('member', 'POST', `/news/${national}/reaction`, { value: 'dislike' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message.en).toBe('You have already said whether you like this article');
    expect(
      (await as('nobody', 'POST', `/news/${national}/reaction`, { value: 'dislike' })).json().reactions,
    ).toEqual({
      likes: 1,
      dislikes: 1,
    });
    expect((await as('member', 'GET', `/news/${national}`)).json().mine).toEqual({
      rating: 5,
      reaction: 'like',
    });
    // An anonymous visitor is known by the day's keyed hash only: the next day they may vote again (ADR 11).
    clock.advanceMinutes(24 * 60);
    expect((await as('nobody', 'POST', `/news/${national}/rating`, { value: 5 })).statusCode).toBe(201);
    expect((await as('member', 'POST', `/news/${national}/rating`, { value: 5 })).statusCode).toBe(409);
  });
});

describe('comments', () => {
  let id = 0;

  /** A fresh challenge and its right answer (read from the English question). */
  async function challenge() {
    const r = await as('nobody', 'GET', '/news/challenge');
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    const { challengeId, question } = r.json();
    const m = /^(\d) (plus|minus) (\d) = \?$/.exec(question.en);
    if (!m) throw new Error(question.en);
    const answer = m[2] === 'plus' ? Number(m[1]) + Number(m[3]) : Number(m[1]) - Number(m[3]);

    return { challengeId: challengeId as string, question, answer };
  }

  beforeAll(async () => {
    id = await published('nation', { title: 'خبری برای نظر دادن' });
  });

  it('asks anonymous commenters an arithmetic question in Persian digits', async () => {
    // Random questions: many of them, every one with one-digit numbers and an answer above zero.
    for (let i = 0; i < 200; i++) {
      const c = await challenge();
      expect(c.question.fa).toMatch(/^[۱-۹] (بعلاوه|منهای) [۱-۹] = ؟$/);
      expect(c.answer).toBeGreaterThanOrEqual(1);
    }
  });

  it('holds an anonymous comment for moderation, and refuses a replayed or wrong answer', async () => {
    const c = await challenge();
    const toPersian = (n: number) => String(n).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)] ?? d);
    const sent = await as('nobody', 'POST', `/news/${id}/comments`, {
      body: 'سلام.\nخبر خوبی بود.',
      displayName: 'علي',
      challengeId: c.challengeId,
      answer: toPersian(c.answer),
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({
      status: 'pending',
      message: { en: expect.stringContaining('moderator') },
    });
    const replay = await as('nobody', 'POST', `/news/${id}/comments`, {
      body: 'دوباره',
      displayName: 'علی',
      challengeId: c.challengeId,
      answer: String(c.answer),
    });
    expect(replay.statusCode).toBe(400);
    expect(fieldsOf(replay)).toEqual(['answer:challenge_used']);
    expect(replay.json().fields[0].message.fa).toContain('پرسش تازه');

    const w = await challenge();
    const wrong = await as('nobody', 'POST', `/news/${id}/comments`, {
      body: 'نظر',
      displayName: 'علی',
      challengeId: w.challengeId,
      answer: String(w.answer + 1),
    });
    expect(fieldsOf(wrong)).toEqual(['answer:challenge_wrong']);
    // The wrong answer used the question up: the right one now fails too.
    const late = await as('nobody', 'POST', `/news/${id}/comments`, {
      body: 'نظر',
      displayName: 'علی',
      challengeId: w.challengeId,
      answer: String(w.answer),
    });
    expect(fieldsOf(late)).toEqual(['answer:challenge_used']);

    // Expired questions are refused as used.
    const e = await challenge();
    clock.advanceMinutes(16);
    const expired = await as('nobody', 'POST', `/news/${id}/comments`, {
      body: 'نظر',
      displayName: 'علی',
      challengeId: e.challengeId,
      answer: String(e.answer),
    });
    expect(fieldsOf(expired)).toEqual(['answer:challenge_used']);

    const page = (await as('nobody', 'GET', `/news/${id}`)).json();
    expect(page.commentList).toEqual([]);
    expect(page.comments).toBe(0);
  });

  it('reports every bad field of a comment, and turns away a filled honeypot without naming it', async () => {
    const c = await challenge();
    const bad = await as('nobody', 'POST', `/news/${id}/comments`, {
      body: `ببینید https://a.example و www.b.example و http://c.example \u202E`,
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(
      expect.arrayContaining(['body:bidi', 'displayName:required', 'answer:challenge_required']),
    );
    const links = await as('nobody', 'POST', `/news/${id}/comments`, {
      body: 'ببینید https://a.example و www.b.example و http://c.example',
      displayName: 'آگهی',
      challengeId: c.challengeId,
      answer: String(c.answer),
    });
    expect(fieldsOf(links)).toEqual(['body:too_many_links']);
    const long = await as('member', 'POST', `/news/${id}/comments`, { body: 'ا'.repeat(2001) });
    expect(fieldsOf(long)).toEqual(['body:too_long']);
    const h = await challenge();
    const trap = await as('nobody', 'POST', `/news/${id}/comments`, {
      body: 'خرید ارزان',
      displayName: 'ربات',
      website: 'https://spam.example',
      challengeId: h.challengeId,
      answer: String(h.answer),
    });
    expect(trap.statusCode).toBe(400);
    expect(trap.json()).toMatchObject({
      fields: [],
      message: { en: 'Your message was taken for spam and was not saved' },
    });
    const comments = await ctx.db
      .selectFrom('news_comments')
      .select('body')
      .where('article_id', '=', id)
      .execute();
    expect(comments.map((x) => x.body)).toEqual(['سلام.\nخبر خوبی بود.']);
  });

  it('publishes a signed-in comment at once under the register’s name, and moderators decide the rest', async () => {
    const mine = await as('member', 'POST', `/news/${id}/comments`, {
      body: 'نظر يك عضو',
      displayName: 'جعلی',
    });
    expect(mine.statusCode).toBe(201);
    expect(mine.json().status).toBe('approved');
    const commentId = mine.json().id;

    expect((await as('member', 'GET', '/news/moderation/comments')).statusCode).toBe(403);
    expect((await as('nobody', 'GET', '/news/moderation/comments')).statusCode).toBe(401);
    const queue = (await as('county', 'GET', '/news/moderation/comments')).json().items;
    const pending = queue.find((q: { article: { id: number } }) => q.article.id === id);
    expect(pending).toMatchObject({
      author: { name: 'علی', verified: false },
      body: 'سلام.\nخبر خوبی بود.',
      status: 'pending',
    });
    expect(
      (await as('member', 'POST', `/news/comments/${pending.id}/moderation`, { decision: 'approve' }))
        .statusCode,
    ).toBe(403);
    const noReason = await as('nation', 'POST', `/news/comments/${pending.id}/moderation`, {
      decision: 'reject',
    });
    expect(fieldsOf(noReason)).toEqual(['reason:reason_required']);
    expect(
      (await as('nation', 'POST', `/news/comments/${pending.id}/moderation`, { decision: 'approve' })).json(),
    ).toEqual({ id: pending.id, status: 'approved' });
    expect(
      (
        await as('nation', 'POST', `/news/comments/${pending.id}/moderation`, {
          decision: 'reject',
          reason: 'x',
        })
      ).statusCode,
    ).toBe(409);

    const page = (await as('nobody', 'GET', `/news/${id}`)).json();
    expect(page.commentList.map((x: { author: unknown; body: string }) => [x.author, x.body])).toEqual([
      [{ name: 'علی', verified: false }, 'سلام.\nخبر خوبی بود.'],
      [{ name: 'نرگس کاظمی', verified: true }, 'نظر یک عضو'],
    ]);
    expect(page.comments).toBe(2);

    const hidden = await as('admin', 'POST', `/news/comments/${commentId}/moderation`, {
      decision: 'hide',
      reason: 'اطلاعات شخصی',
    });
    expect(hidden.json()).toEqual({ id: commentId, status: 'hidden' });
    expect(
      (await as('admin', 'POST', `/news/comments/${commentId}/moderation`, { decision: 'hide', reason: 'x' }))
        .statusCode,
    ).toBe(409);
    expect((await as('nobody', 'GET', `/news/${id}`)).json().commentList).toHaveLength(1);
    const notice = await ctx.db
      .selectFrom('outbox')
      .select(['channel', 'kind', 'body_fa', 'body_en'])
      .where('person_id', '=', people.get('member') ?? 0)
      .where('kind', '=', 'news.comment')
      .execute();
    expect(notice).toEqual([
      {
        channel: 'inapp',
        kind: 'news.comment',
        body_fa: expect.stringContaining('اطلاعات شخصی'),
        body_en: expect.stringContaining('was hidden'),
      },
    ]);
    expect(
      (await as('nation', 'POST', '/news/comments/999999/moderation', { decision: 'approve' })).statusCode,
    ).toBe(404);
    expect(
      (await as('member', 'POST', '/news/comments/999999/moderation', { decision: 'approve' })).statusCode,
    ).toBe(403);
  });
});

describe("a cooperative's announcements", () => {
  it('are written by its board, read by its members and never public', async () => {
    const body = {
      title: 'دعوت به مجمع',
      lead: 'مجمع عادی سالیانه',
      body: '<p>دستور جلسه</p>',
      tags: ['مجمع'],
    };
    expect((await as('member', 'POST', `/cooperatives/${A}/announcements`, body)).statusCode).toBe(403);
    expect((await as('nation', 'POST', `/cooperatives/${A}/announcements`, body)).statusCode).toBe(403);
    expect(
      fieldsOf(
        await as('director', 'POST', `/cooperatives/${A}/announcements`, { ...body, audience: 'nation' }),
      ),
    ).toEqual(['audience:unknown_key']);
    const created = await as('director', 'POST', `/cooperatives/${A}/announcements`, body);
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await as('member', 'GET', `/news/${id}`)).statusCode).toBe(404); // a draft
    expect((await as('board', 'POST', `/news/${id}/status`, { to: 'published' })).statusCode).toBe(200);
    clock.advanceSeconds(5);
    const page = await as('member', 'GET', `/news/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({
      audience: 'cooperative',
      cooperative: { legalId: A },
      editable: false,
    });
    expect(page.headers['cache-control']).toBe('no-store');
    expect((await as('county', 'GET', `/news/${id}`)).statusCode).toBe(200); // the region's officer
    expect((await as('stranger', 'GET', `/news/${id}`)).statusCode).toBe(404);
    expect((await as('nobody', 'GET', `/news/${id}`)).statusCode).toBe(404);
    expect((await as('kerman', 'GET', `/news/${id}`)).statusCode).toBe(404);
    expect((await as('nobody', 'POST', `/news/${id}/comments`, { body: 'x' })).statusCode).toBe(404);
    expect((await as('member', 'POST', `/news/${id}/comments`, { body: 'حتماً می‌آیم' })).statusCode).toBe(201);
    const listed = await as('member', 'GET', `/cooperatives/${A}/announcements`);
    expect(listed.json().items.map((a: { id: number }) => a.id)).toEqual([id]);
    expect((await as('stranger', 'GET', `/cooperatives/${A}/announcements`)).statusCode).toBe(403);
    const everything = (
      await as('nobody', 'GET', `/news?pageSize=50&q=${encodeURIComponent('مجمع عادی')}`)
    ).json();
    expect(everything.total).toBe(0);
    expect((await as('nobody', 'GET', '/news/feed.xml')).body).not.toContain('دعوت به مجمع');
  });
});

describe('the cover image', () => {
  it('accepts PNG or JPEG by content and serves it as an image that cannot be sniffed', async () => {
    const id = await published('nation', { title: 'خبر با تصویر' });
    const png = Buffer.from(
      makePng({ width: 2, height: 2, colorType: 2, bitDepth: 8, pixel: () => [0, 112, 60] }),
    );
    expect(
      (await as('member', 'PUT', `/news/${id}/cover`, png, { 'content-type': 'image/png' })).statusCode,
    ).toBe(403);
    const pdf = await as('nation', 'PUT', `/news/${id}/cover`, Buffer.from(makePdf({ version: '1.4' })), {
      'content-type': 'image/png',
      'x-file-name': 'cover.png',
    });
    expect(pdf.statusCode).toBe(400);
    expect(fieldsOf(pdf)).toEqual(['file:image_only']);
    const html = await as(
      'nation',
      'PUT',
      `/news/${id}/cover`,
      Buffer.from('<html><script>alert(1)</script>'),
      {
        'content-type': 'image/png',
      },
    );
    expect(html.statusCode).toBe(400);
    const stored = await as('nation', 'PUT', `/news/${id}/cover`, png, { 'content-type': 'image/png' });
    expect(stored.statusCode).toBe(201);
    expect(stored.json()).toMatchObject({ url: `/api/v1/news/${id}/cover`, mediaType: 'image/png' });
    const cover = await as('nobody', 'GET', `/news/${id}/cover`);
    expect(cover.statusCode).toBe(200);
    expect(cover.headers['content-type']).toBe('image/png');
    expect(cover.headers['x-content-type-options']).toBe('nosniff');
    expect(cover.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(cover.headers['content-disposition']).toMatch(/^inline; filename="cover-\d+\.png"/);
    expect(Buffer.compare(cover.rawPayload, png)).toBe(0);
    expect((await as('nobody', 'GET', `/news/${id}`)).json().coverUrl).toBe(`/api/v1/news/${id}/cover`);
    // Our own cover may appear in a body; any other image is dropped.
    const patched = await as('nation', 'PATCH', `/news/${id}`, {
      body: `<p>تصویر</p><img src="/api/v1/news/${id}/cover" alt="نمایشگاه"><img src="https://tracker.example/p.gif">`,
    });
    expect(patched.statusCode).toBe(200);
    const bodyHtml = (await as('nobody', 'GET', `/news/${id}`)).json().bodyHtml;
    expect(bodyHtml).toBe(`<p>تصویر</p><img src="/api/v1/news/${id}/cover" alt="نمایشگاه" />`);
    const draft = (await as('nation', 'POST', '/news', article())).json().id;
    expect((await as('nobody', 'GET', `/news/${draft}/cover`)).statusCode).toBe(404);
  });
});

describe('the Atom feed', () => {
  it('is well-formed Atom of public articles at the root, per tag', async () => {
    const id = await published('nation', {
      title: 'خبر خوراک & <آزمون>',
      body: '<p>a &amp; b < c</p>',
      tags: ['خوراک'],
      source: 'ایسنا',
    });
    const feed = await app.inject({ method: 'GET', url: '/news/feed.xml', headers: { accept: 'text/html' } });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const xml = feed.body;
    expect(xmlProblem(xml)).toBeNull();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    const entries = xml.match(/<entry>/g) ?? [];
    expect(entries.length).toBeGreaterThan(5);
    expect(xml).toContain(`/news/${id}</id>`);
    expect(xml).toContain('<title type="html"><![CDATA[خبر خوراک & <آزمون>]]></title>');
    expect(xml).toContain('<rights>ایسنا</rights>');
    expect(xml).toMatch(/<img src="http:\/\/localhost\/api\/v1\/news\/\d+\/cover"/);
    expect(xml).toContain('نمایشگاه تعاونی‌های کرمان'); // provincial articles too
    expect(xml).not.toContain('خبر زمان‌بندی‌شده'); // archived
    const perTag = await app.inject({
      method: 'GET',
      url: `/news/feed.xml?tag=${encodeURIComponent('خوراک')}`,
    });
    expect(xmlProblem(perTag.body)).toBeNull();
    expect(perTag.body.match(/<entry>/g)).toHaveLength(1);
    expect(perTag.body).toContain('<category label="خوراک" term="خوراک"');
    const none = await app.inject({ method: 'GET', url: `/news/feed.xml?tag=${encodeURIComponent('هیچ')}` });
    expect(none.statusCode).toBe(200);
    expect(xmlProblem(none.body)).toBeNull();
    expect(none.body).not.toContain('<entry>');
  });
});

describe('request limits', () => {
  it('limit anonymous votes and comments per client', async () => {
    const limited = await buildApp(ctx, {
      logLevel: 'silent',
      accounts: FAST_ACCOUNTS,
      rateLimits: { globalPerMinute: 10_000, signInPerMinute: 5 },
    });
    try {
      const id = (
        await ctx.db
          .selectFrom('news_articles')
          .select('id')
          .where('status', '=', 'published')
          .where('audience', '=', 'nation')
          .orderBy('id')
          .executeTakeFirstOrThrow()
      ).id;
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) {
        const r = await limited.inject({
          method: 'POST',
          url: `/api/v1/news/${id}/reaction`,
          payload: { value: 'like' },
          headers: { origin: 'http://localhost', 'user-agent': 'flood' },
        });
        statuses.push(r.statusCode);
      }
      expect(
        statuses.slice(0, 20).every((s) => s === 201 || s === 409),
        statuses.join(),
      ).toBe(true);
      expect(statuses[20]).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
