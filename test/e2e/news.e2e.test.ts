import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DemoAccount } from '../../src/accounts/index.ts';
import {
  arrived,
  collectErrors,
  expectPersianDigitsOnly,
  heading,
  launchBrowser,
  newContext,
  open,
  photograph,
  screenshotOf,
  settle,
  textOf,
  type ViewportName,
} from './browser.ts';
import { demoAccount, signInThroughPages } from './demo-sign-in.ts';

const baseUrl = inject('baseUrl');
const skip = inject('e2eSkip');
const demoAccounts = inject('demoAccounts');
const databaseFile = inject('databaseFile');

const LONG = { timeout: 300_000 };

/** The news item the system was announced in (src/news/demo-news.ts), as the pages show it. */
const SEED_TITLE = 'افزایش ۱۲ برابری بودجه توانمندسازی تعاونی‌ها';

/** Persian digits (and their grouping) back to a number. */
const numberOf = (text: string) =>
  Number(
    text
      .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
      .replace(/[٬,\s]/g, '')
      .replace('٫', '.'),
  );

/** The answer to «۵ بعلاوه ۳ = ؟» or «۹ منهای ۴ = ؟». */
function solve(question: string): number {
  const m = /^([۰-۹]+) (بعلاوه|منهای) ([۰-۹]+) = ؟$/.exec(question.trim());
  if (!m) throw new Error(`not an arithmetic question: ${question}`);
  const [a, b] = [numberOf(m[1] ?? ''), numberOf(m[3] ?? '')];
  return m[2] === 'بعلاوه' ? a + b : a - b;
}

/**
 * News in Chromium at phone width: the home page's latest news, the list with its tag, province
 * and search filters and its feed; the seed article as on the ministry's original page (Jalali
 * date and time, «۵٫۰ / ۵», views, tags, like/dislike, related articles, comments and the
 * arithmetic question, all in Persian digits); a visitor rates (the second rating is refused),
 * likes, and comments anonymously — a wrong answer first — and the comment waits; a national
 * ministry officer approves it in /news/moderation and it shows on the article, its markup as
 * text (no dialog ever opens). The officer also writes, schedules and publishes an article, and
 * a managing director announces to the cooperative's members.
 */
describe.skipIf(skip !== '')('news in Chromium', () => {
  let browser: Browser;
  let db: Database.Database;
  const contexts: BrowserContext[] = [];
  const signIn = (page: Page, account: DemoAccount) => signInThroughPages(page, { baseUrl, db }, account);

  async function freshPage(viewport: ViewportName = 'phone'): Promise<{ page: Page; errors: string[] }> {
    const context = await newContext(browser, baseUrl, viewport);
    contexts.push(context);
    const page = await context.newPage();
    return { page, errors: collectErrors(page) };
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    db?.close();
  });

  const seedId = () =>
    (
      db.prepare("select id from news_articles where source = 'ایسنا' order by id limit 1").get() as {
        id: number;
      }
    ).id;

  it(
    'the home page shows the latest news; the list filters by tag, province and search and links the feed',
    LONG,
    async () => {
      const { page, errors } = await freshPage('phone');

      // «تازه‌ترین اخبار» on the home page: the three newest, the seed article among them.
      await open(page, '/');
      const latest = page.getByTestId('latest-news');
      await latest.waitFor();
      expect(await page.getByTestId('latest-news-item').count()).toBe(3);
      expect(await textOf(latest)).toContain('تازه‌ترین اخبار');
      expect(await textOf(latest)).toContain(SEED_TITLE);
      expect(await textOf(latest)).toContain('۱۳۹۹/۰۵/۱۴ ۲۳:۰۳');
      await screenshotOf(latest, 'news-home-latest-phone');
      await photograph(page, 'news-home', 'phone');

      // «اخبار» in the header.
      await page.getByTestId('news-link').click();
      await arrived(page, '/news');
      expect(await heading(page)).toBe('اخبار و اطلاعیه‌ها');
      expect(await page.getByTestId('news-item').count()).toBe(3);
      expect(await textOf(page.getByTestId('news-count'))).toBe('۳ خبر');
      const seedItem = page.getByTestId('news-item').filter({ hasText: SEED_TITLE });
      expect(await textOf(seedItem)).toContain('۱٬۸۸۱ بازدید');
      expect(await textOf(seedItem)).toContain('برچسب‌ها: آموزش، تولید، جت، خدمات');

      // The feed: a visible «خبرخوان» link and <link rel="alternate"> for browsers and readers.
      expect(await page.getByTestId('feed-link').getAttribute('href')).toBe('/news/feed.xml');
      expect(await textOf(page.getByTestId('feed-link'))).toContain('خبرخوان');
      expect(
        await page
          .locator('head link[rel="alternate"][type="application/atom+xml"]')
          .first()
          .getAttribute('href'),
      ).toBe('/news/feed.xml');
      const feed = await fetch(`${baseUrl}/news/feed.xml`);
      expect(feed.status).toBe(200);
      expect(feed.headers.get('content-type')).toContain('application/atom+xml');
      expect(await feed.text()).toContain('افزایش 12 برابری');
      await expectPersianDigitsOnly(page, 'the news list');
      await photograph(page, 'news-list', 'phone');

      // A tag: only its articles.
      await page.getByTestId('tag-filter').getByRole('link', { name: 'جت (۱)' }).click();
      await arrived(page, '/news');
      await expect.poll(() => heading(page)).toBe('اخبار با برچسب «جت»');
      await expect.poll(() => page.getByTestId('news-item').count()).toBe(1);
      expect(await textOf(page.getByTestId('news-item'))).toContain(SEED_TITLE);
      expect(
        await page.getByTestId('tag-filter').locator('[aria-current="true"]').getAttribute('data-value'),
      ).toBe('جت');
      await photograph(page, 'news-list-tag', 'phone');

      // A province adds its own news to the nation's.
      const provincial = db
        .prepare("select id, title from news_articles where audience = 'province' limit 1")
        .get() as { id: number; title: string } | undefined;
      expect(provincial).toBeTruthy();
      const article = (await (await fetch(`${baseUrl}/api/v1/news/${provincial?.id}`)).json()) as {
        province: { name: { fa: string } };
      };
      await open(page, '/news');
      expect(await page.getByTestId('news-item').count()).toBe(3);
      await page.locator('#field-province').selectOption({ label: article.province.name.fa });
      await page.getByRole('button', { name: 'جست‌وجو', exact: true }).click();
      await expect.poll(() => page.getByTestId('news-item').count()).toBe(4);
      expect(await mainTextOf(page)).toContain(`استان ${article.province.name.fa}`);

      // Search, whatever the spelling: an Arabic ي and no half-space still find the seed article.
      await open(page, '/news');
      await page.locator('#field-q').fill('توانمندسازي تعاونيها');
      await page.getByRole('button', { name: 'جست‌وجو', exact: true }).click();
      await expect.poll(() => page.getByTestId('news-item').count()).toBe(1);
      expect(await textOf(page.getByTestId('news-item'))).toContain(SEED_TITLE);
      expect(await heading(page)).toContain('نتیجهٔ جست‌وجو در اخبار');
      await photograph(page, 'news-list-search', 'phone');

      // English, through the switch: the same article, Latin digits, English words.
      await open(page, `/news/${seedId()}`);
      await page.getByTestId('language-switch').click();
      await expect.poll(() => textOf(page.locator('#like-title'))).toBe('Do you like this article?');
      expect(await textOf(page.getByTestId('article-time'))).toBe('1399/05/14 23:03');
      expect(await textOf(page.getByTestId('rating-value'))).toBe('5.0 / 5');
      await photograph(page, 'news-article-en', 'phone');
      await page.getByTestId('language-switch').click();
      await expect.poll(() => textOf(page.locator('#like-title'))).toBe('این مطلب را می‌پسندید؟');
      expect(errors).toEqual([]);
    },
  );

  it(
    'the seed article looks like the original; a visitor rates, likes and comments; an officer approves the comment',
    LONG,
    async () => {
      const { page, errors } = await freshPage('phone');
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });

      // From the list to the article.
      await open(page, '/news');
      await page.getByRole('link', { name: SEED_TITLE }).click();
      await arrived(page, `/news/${seedId()}`);
      expect(await heading(page)).toBe(SEED_TITLE);
      expect(await textOf(page.getByTestId('article-lead'))).toContain('معاون وزیر کار از افزایش ۱۲ برابری');
      expect(await textOf(page.getByTestId('article-body'))).toContain('محمد کبیری در گفتگو با ایسنا');
      expect(await textOf(page.getByTestId('article-source'))).toBe('ایسنا');
      expect(await textOf(page.getByTestId('article-time'))).toBe('۱۳۹۹/۰۵/۱۴ ۲۳:۰۳');
      expect(await textOf(page.getByTestId('rating-value'))).toBe('۵٫۰ / ۵');
      expect(await textOf(page.getByTestId('article-rating'))).toContain('(از ۱ رأی)');
      // The view was counted when the page opened (once a day per visitor): at least the 1881 of 1399.
      await expect
        .poll(async () => numberOf(await textOf(page.getByTestId('article-views'))))
        .toBeGreaterThan(1881);
      const facts = await textOf(page.getByTestId('article-facts'));
      expect(facts).toContain('تگ‌های خبر:');
      expect(await textOf(page.getByTestId('article-tags'))).toBe('آموزش، تولید، جت، خدمات');
      expect(await textOf(page.locator('#like-title'))).toBe('این مطلب را می‌پسندید؟');
      expect(await textOf(page.getByTestId('reaction-like-count'))).toBe('(۱)');
      expect(await textOf(page.getByTestId('reaction-dislike-count'))).toBe('(۰)');
      expect(await textOf(page.locator('#related-title'))).toBe('تازه‌ترین مطالب مرتبط');
      expect(await page.getByTestId('related-item').count()).toBeGreaterThan(0);
      expect(await textOf(page.locator('#comments-title'))).toContain('نظرات بینندگان در مورد این مطلب');
      const comments = await textOf(page.getByTestId('comment-list'));
      expect(comments).toContain('محمدرضا از مشهد');
      expect(comments).toContain('۱۳۹۹/۰۵/۱۵ ۰۹:۴۲');
      // The pending comment of the demo is not shown to readers.
      expect(comments).not.toContain('نرگس');
      expect(await textOf(page.locator('#comment-form-title'))).toBe('لطفاً شما هم نظر دهید');
      const question = await textOf(page.locator('label[for="comment-answer"]'));
      expect(question).toMatch(/^[۰-۹]+ (بعلاوه|منهای) [۰-۹]+ = ؟$/);
      // The honeypot is out of sight, out of the tab order and of the accessibility tree.
      expect(await page.locator('#comment-website').getAttribute('tabindex')).toBe('-1');
      expect(await page.locator('[aria-hidden="true"]:has(> #comment-website)').count()).toBe(1);
      await expectPersianDigitsOnly(page, 'the article');
      await photograph(page, 'news-article', 'phone');

      // A rating of 4: the average moves to ۴٫۵ of two votes.
      await page.getByRole('radio', { name: '۴', exact: true }).check();
      await page.getByTestId('rating-submit').click();
      await page.getByTestId('rating-done').waitFor();
      expect(await textOf(page.getByTestId('rating-done'))).toContain('امتیاز شما (۴) ثبت شد');
      expect(await textOf(page.getByTestId('rating-value'))).toBe('۴٫۵ / ۵');
      // A like: two likes now.
      await page.getByTestId('reaction-like').click();
      await expect.poll(() => textOf(page.getByTestId('reaction-like-count'))).toBe('(۲)');
      expect(await page.getByTestId('reaction-like').getAttribute('aria-pressed')).toBe('true');
      expect(await textOf(page.getByTestId('reaction-status'))).toContain('نظر شما ثبت شد');
      await screenshotOf(page.getByTestId('engagement'), 'news-article-voted-phone');

      // The same visitor again (the page opened anew): a second rating and like are refused.
      await open(page, `/news/${seedId()}`);
      await page.getByRole('radio', { name: '۵', exact: true }).check();
      await page.getByTestId('rating-submit').click();
      await page.getByTestId('rating-error').waitFor();
      expect(await textOf(page.getByTestId('rating-error'))).toContain(
        'شما پیش‌تر به این مطلب امتیاز داده‌اید',
      );
      await page.getByTestId('reaction-dislike').click();
      await page.getByTestId('reaction-error').waitFor();
      expect(await textOf(page.getByTestId('reaction-error'))).toContain('پیش‌تر پسندیدن یا نپسندیدن');
      expect(await textOf(page.getByTestId('reaction-dislike-count'))).toBe('(۰)');
      await screenshotOf(page.getByTestId('engagement'), 'news-article-refused-engagement-phone');
      await photograph(page, 'news-article-refused', 'phone');

      // An anonymous comment with markup in it: the wrong answer first.
      const body = 'دوره‌ها برخط هم برگزار شود. <script>alert("xss")</script><img src=x onerror=alert("xss")>';
      await page.locator('#comment-name').fill('شیرین از شیراز');
      await page.locator('#comment-body').fill(body);
      const first = await textOf(page.locator('label[for="comment-answer"]'));
      await page.locator('#comment-answer').fill(String(solve(first) + 1));
      const newQuestion = page.waitForResponse((r) => r.url().endsWith('/api/v1/news/challenge'));
      await page.getByTestId('comment-submit').click();
      await page.getByTestId('error-summary').waitFor();
      expect(await textOf(page.getByTestId('error-summary'))).toContain('پاسخ پرسش امنیتی درست نیست');
      await newQuestion;
      await page.locator('#comment-answer').waitFor();
      expect(await textOf(page.locator('#comment-answer-error'))).toContain('پاسخ پرسش امنیتی درست نیست');
      await photograph(page, 'news-comment-error', 'phone');

      // The new question answered: received, and waiting for a moderator.
      const second = await textOf(page.locator('label[for="comment-answer"]'));
      expect(second).toMatch(/^[۰-۹]+ (بعلاوه|منهای) [۰-۹]+ = ؟$/);
      expect(await page.locator('#comment-body').inputValue()).toBe(body);
      await page.locator('#comment-answer').fill(String(solve(second)));
      await page.getByTestId('comment-submit').click();
      await page.getByTestId('comment-posted').waitFor();
      expect(await textOf(page.getByTestId('comment-posted'))).toContain('پس از بررسی منتشر می‌شود');
      expect(await textOf(page.getByTestId('comment-list'))).not.toContain('دوره‌ها برخط هم برگزار شود');
      await photograph(page, 'news-comment-received', 'phone');

      // A national ministry officer approves it in /news/moderation.
      const officer = await freshPage('phone');
      await signIn(officer.page, demoAccount(demoAccounts, 'Ministry officer — national'));
      await officer.page.getByTestId('news-manage-link').click();
      await arrived(officer.page, '/news/manage');
      await officer.page.getByRole('link', { name: 'بررسی نظرات' }).click();
      await arrived(officer.page, '/news/moderation');
      expect(await heading(officer.page)).toBe('بررسی نظرات');
      const queued = officer.page.getByTestId('queued-comment').filter({ hasText: 'شیرین از شیراز' });
      expect(await textOf(queued.getByTestId('queued-comment-body'))).toBe(body);
      expect(await officer.page.getByTestId('queued-comment').filter({ hasText: 'نرگس' }).count()).toBe(1);
      await expectPersianDigitsOnly(officer.page, 'the moderation queue');
      await photograph(officer.page, 'news-moderation', 'phone');
      // Hiding or rejecting needs a reason: the server says so.
      await queued.getByTestId('reject').click();
      await officer.page.getByTestId('error-summary').waitFor();
      expect(await textOf(officer.page.getByTestId('error-summary'))).toContain('دلیل را بنویسید');
      await queued.getByTestId('approve').click();
      await officer.page.getByTestId('success-banner').waitFor();
      expect(await textOf(officer.page.getByTestId('success-banner'))).toContain('نظر تأیید و منتشر شد');
      await expect
        .poll(() => officer.page.getByTestId('queued-comment').filter({ hasText: 'شیرین از شیراز' }).count())
        .toBe(0);
      await photograph(officer.page, 'news-moderation-done', 'phone');

      // On the article, as text: the markup is shown, nothing runs, no dialog opened.
      await open(page, `/news/${seedId()}`);
      const published = page.getByTestId('comment').filter({ hasText: 'شیرین از شیراز' });
      await published.waitFor();
      expect(await textOf(published.getByTestId('comment-body'))).toBe(body);
      expect(await page.getByTestId('comment-list').locator('script, img').count()).toBe(0);
      expect(await textOf(page.locator('#comments-title'))).toContain('(۲)');
      await screenshotOf(page.getByTestId('comments'), 'news-comments-phone');
      await photograph(page, 'news-article-commented', 'phone');
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      expect(officer.errors).toEqual([]);
    },
  );

  it('an officer writes, schedules and publishes an article; it leads the list', LONG, async () => {
    const { page, errors } = await freshPage('phone');
    // (Not the administrator: signed-in.e2e.test.ts gives that account a new password.)
    await signIn(page, demoAccount(demoAccounts, 'Ministry officer — national'));
    await page.getByTestId('news-manage-link').click();
    await arrived(page, '/news/manage');
    expect(await page.getByTestId('managed-item').count()).toBeGreaterThanOrEqual(4);
    await photograph(page, 'news-manage', 'phone');

    // A blank form: every missing field named.
    await page.getByTestId('new-article').click();
    await arrived(page, '/news/manage/new');
    await page.getByTestId('article-save').click();
    await page.getByTestId('error-summary').waitFor();
    const missing = await textOf(page.getByTestId('error-summary'));
    expect(missing).toContain('عنوان را وارد کنید');
    expect(missing).toContain('متن را وارد کنید');
    await photograph(page, 'news-editor-error', 'phone');

    await page.locator('#field-title').fill('برگزاری نمایشگاه ملی تعاون در آذر 1405');
    await page.locator('#field-lead').fill('نمایشگاه ملی تعاون با حضور ۲۰۰ تعاونی برگزار می‌شود.');
    await page
      .locator('#field-body')
      .fill(
        '<p>نمایشگاه <strong>سه روز</strong> برپاست.</p><script>alert("x")</script><p onclick="x()">بازدید رایگان است.</p>',
      );
    await page.locator('#field-source').fill('روابط عمومی');
    await page.locator('#field-tags').fill('نمایشگاه، خدمات');
    await page.getByTestId('article-save').click();
    await arrived(page, /^\/news\/manage\/\d+$/);
    expect(await textOf(page.getByTestId('success-banner'))).toContain('پیش‌نویس ذخیره شد');
    expect(
      await page.getByTestId('article-status').locator('[data-status]').getAttribute('data-status'),
    ).toBe('draft');
    // The server cleaned the body: the script and the handler are gone.
    expect(await page.locator('#field-body').inputValue()).not.toContain('script');
    expect(await page.locator('#field-body').inputValue()).not.toContain('onclick');

    // A time in the past is refused; a Jalali time ahead is scheduled.
    await page.locator('#field-publishAt').fill('۱۴۰۵/۰۱/۰۱ ۱۰:۰۰');
    await page.getByTestId('schedule').click();
    await page.getByTestId('error-summary').waitFor();
    expect(await textOf(page.getByTestId('error-summary'))).toContain('زمان انتشار باید در آینده باشد');
    await page.locator('#field-publishAt').fill('۱۴۰۵/۰۹/۲۰ ۰۹:۳۰');
    await page.getByTestId('schedule').click();
    await page.getByTestId('success-banner').waitFor();
    expect(await textOf(page.getByTestId('success-banner'))).toMatch(/۱۴۰۵\/۰۹\/۲۰\s۰۹:۳۰/);
    await expect
      .poll(() => page.getByTestId('article-status').locator('[data-status]').getAttribute('data-status'))
      .toBe('scheduled');
    await photograph(page, 'news-editor-scheduled', 'phone');

    // Published now: first in the list.
    await page.getByTestId('publish-now').click();
    await expect
      .poll(() => page.getByTestId('article-status').locator('[data-status]').getAttribute('data-status'))
      .toBe('published');
    await open(page, '/news');
    expect(await textOf(page.getByTestId('news-item').first())).toContain(
      'برگزاری نمایشگاه ملی تعاون در آذر ۱۴۰۵',
    );
    await page.getByTestId('news-item').first().getByRole('link').click();
    await arrived(page, /^\/news\/\d+$/);
    const cleaned = await textOf(page.getByTestId('article-body'));
    expect(cleaned).toContain('نمایشگاه سه روز برپاست.');
    expect(cleaned).toContain('بازدید رایگان است.');
    expect(cleaned).not.toContain('alert');
    expect(await page.getByTestId('article-body').locator('script, [onclick]').count()).toBe(0);
    await page.getByTestId('staff-links').waitFor();
    expect(errors).toEqual([]);
  });

  it("a managing director announces to the cooperative's members", LONG, async () => {
    const { page, errors } = await freshPage('phone');
    const director = demoAccount(demoAccounts, 'Managing director');
    const legalId = director.cooperative?.key ?? '';
    await signIn(page, director);
    await open(page, '/news');
    await page
      .getByTestId('my-announcements')
      .locator(`a[href="/cooperatives/${legalId}/announcements"]`)
      .click();
    await arrived(page, `/cooperatives/${legalId}/announcements`);
    expect(await heading(page)).toBe('اطلاعیه‌های هیئت‌مدیره');
    expect(await textOf(page.getByTestId('announcements'))).toContain('دعوت به مجمع عمومی عادی سالیانه');
    await page.locator('#field-title').fill('تعطیلی دفتر تعاونی در روز ۱۶ آذر');
    await page.locator('#field-lead').fill('دفتر تعاونی روز ۱۶ آذر برای بازسازی تعطیل است.');
    await page.locator('#field-body').fill('<p>پرداخت‌ها از روز بعد انجام می‌شود.</p>');
    await page.getByTestId('announcement-submit').click();
    await page.getByTestId('success-banner').waitFor();
    await expect
      .poll(async () => textOf(page.getByTestId('announcements')))
      .toContain('تعطیلی دفتر تعاونی در روز ۱۶ آذر');
    await settle(page);
    await photograph(page, 'news-announcements', 'phone');
    // Members only: never in the public list.
    const list = (await (
      await fetch(`${baseUrl}/api/v1/news?q=${encodeURIComponent('تعطیلی دفتر')}`)
    ).json()) as {
      total: number;
    };
    expect(list.total).toBe(0);
    expect(errors).toEqual([]);
  });
});

function mainTextOf(page: Page): Promise<string> {
  return textOf(page.locator('main'));
}
