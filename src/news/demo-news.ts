import type { DemoAccount } from '../accounts/index.ts';
import type { Context } from '../context/context.ts';
import { findPersonId } from '../people/index.ts';
import { findCooperativeByLegalId } from '../registry/registry.repository.ts';
import { inspectUpload, newDocumentKey } from '../storage/index.ts';
import { makePng } from '../storage/upload-corpus.ts';
import { checkArticleInput, insertArticle } from './articles.ts';
import * as repo from './news.repository.ts';
import { parseInstantInput } from './tehran-time.ts';

/**
 * The demo's news (deterministic): first, the news item the system was announced in — ISNA's
 * interview of 1399/05/14 (docs: /work/shared/seed), with its tags, its 1881 views, its one 5-star
 * rating and its one like as on the original page (a baseline of `views`, and one imported vote
 * of each kind, so the counters stay honest: real views and votes add to them); then three
 * announcements of 1405 (one for the demo cooperative's province), an announcement of the demo
 * cooperative's board to its members, and on the seed article one approved and one pending
 * comment. Written through the same validation as the routes. Does nothing when news exists.
 */

const SEED_TITLE = 'افزایش ۱۲ برابری بودجه توانمندسازی تعاونی‌ها';

const SEED_LEAD =
  'معاون وزیر كار از افزایش ۱۲ برابری بودجه توانمندسازی تعاونی ها اطلاع داد و توسعه دولت الكترونیك را گام مثبتی در جهت شفاف سازی و عرضه خدمات بهتر به تعاونگران دانست.';
const SEED_PARAGRAPHS = [
  'محمد کبیری در گفتگو با ایسنا، اظهار نمود: طی یکسال گذشته رویکردهای جدید و متفاوتی را در جهت توسعه شفافیت با جدیت بیشتر در بخش تعاون دنبال کردیم که افزایش اعتماد عمومی و جذب سرمایه های خرد مردمی را به دنبال داشته است. همینطور افزایش نوآوری و بهره وری و توانمندسازی بنگاههای تعاونی را به منظور بالا بردن توان رقابت پذیری در بازار پر رقابت داخلی در دستور کار قرار دادیم.',
  'وی از افزایش بودجه شکل گیری و توانمندسازی تعاونی ها اطلاع داد و اظهار داشت: با وجود محدودیتهایی که در بحث منابع دولتی داشتیم، توانستیم بودجه شکل گیری و توانمندسازی تعاونی ها را ۱۲ برابر افزایش بدهیم و با توسعه آموزش، تعاونی ها را با شرایط جدید بازار همسو نماییم.',
  'معاون امور تعاون وزارت تعاون، کار و رفاه اجتماعی با تاکید بر لزوم توسعه دولت الکترونیک اظهارکرد: توسعه دولت الکترونیک یک گام مثبت در جهت شفاف سازی و عرضه خدمات بهتر و سریع تر به تعاونگران است.',
  'به قول کبیری، در جهت تحقق دولت الکترونیک، سامانه جامع و هوشمند بخش تعاون که پنجره واحد خدمات به تعاونگران است، راه اندازی شده و امکان نظارت مستمر و هوشمند اعضا بر فعالیت های مدیران عامل و هیات مدیره های تعاونی از این طریق به وجود آمده است.',
  'وی درعین حال با اشاره به اثرات انتشار کرونا بر بنگاهها و کسب و کارهای تعاونی، اظهار داشت: به علت تقاضای جدیدی که در بخش سلامت کشور به وجود آمد، با همراهی و کمک بخش غیردولتی برای توسعه و تغییر خطوط تولید تعاونی ها اقدام کردیم و خط اعتباری ویژه ای را برای تولید ماسک و مواد ضدعفونی در اختیار تعاونی ها قرار دادیم.',
  'کبیری اظهار داشت: تعاونی ها توانستند در کمتر از سه ماه ظرفیت خویش را به بیشتر از دو برابر بالا برند و نیاز شبکه بهداشت کشور در تولید محصولات بهداشتی را تأمین کنند.',
];

/** 2020-08-04T18:33:30Z: 1399/05/14 23:03:30 in Tehran (summer time, +04:30). */
export const SEED_PUBLISHED_AT = '2020-08-04T18:33:30.000Z';
export const SEED_VIEWS = 1881;
const IMPORTED_VOTER = 'imported:isna.ir';

const html = (paragraphs: readonly string[]) => paragraphs.map((p) => `<p>${p}</p>`).join('');

/** A Tehran wall-clock time of the Jalali calendar as an ISO instant. */
function tehran(jalali: string): string {
  const iso = parseInstantInput(jalali);
  if (!iso) throw new Error(`not a Jalali time: ${jalali}`);
  return iso;
}

/** A plain 640×360 banner (two bands of the service's green), PNG. */
function demoCover(): Uint8Array {
  return makePng({
    width: 640,
    height: 360,
    colorType: 2,
    bitDepth: 8,
    pixel: (_x, y) => (y < 240 ? [0, 112, 60] : [232, 243, 236]),
  });
}

export async function seedDemoNews(ctx: Context, accounts: readonly DemoAccount[]): Promise<number> {
  const existing = await ctx.db.selectFrom('news_articles').select('id').limit(1).execute();
  if (existing.length > 0) return 0;
  const personOf = async (roleEn: string) => {
    const account = accounts.find((a) => a.role.en.startsWith(roleEn));
    return account ? ((await findPersonId(ctx.db, account.nationalCode)) ?? null) : null;
  };
  const national = await personOf('Ministry officer — national');
  const provincial = await personOf('Ministry officer — province');
  const director = await personOf('Managing director');
  const legalId = accounts.find((a) => a.cooperative)?.cooperative?.key;
  const coop =
    legalId && /^\d{11}$/.test(legalId) ? await findCooperativeByLegalId(ctx.db, legalId) : undefined;

  const items: Array<{
    input: Record<string, unknown>;
    cooperativeId?: number;
    author: number | null;
    publishedAt: string;
    views: number;
  }> = [
    {
      input: {
        title: SEED_TITLE,
        lead: SEED_LEAD,
        body: html(SEED_PARAGRAPHS),
        source: 'ایسنا',
        tags: ['آموزش', 'تولید', 'جت', 'خدمات'],
        audience: 'nation',
      },
      author: national,
      publishedAt: SEED_PUBLISHED_AT,
      views: SEED_VIEWS,
    },
    {
      input: {
        title: 'آغاز دورهٔ آموزشی مدیران تعاونی‌ها در سال ۱۴۰۵',
        lead: 'دورهٔ آموزشی «مدیریت تعاونی و حکمرانی شفاف» ویژهٔ مدیران عامل و اعضای هیئت‌مدیرهٔ تعاونی‌ها از نیمهٔ آبان به‌صورت حضوری و برخط برگزار می‌شود.',
        body:
          html([
            'به گزارش روابط عمومی معاونت امور تعاون، این دوره در شش نشست دو ساعته برگزار می‌شود و موضوعات آن عبارت‌اند از:',
          ]) +
          '<ul><li>وظایف هیئت‌مدیره و مدیرعامل در قانون بخش تعاونی</li><li>ثبت مصوبات و پرداخت‌ها در دفتر شفافیت</li><li>برگزاری مجمع عمومی و ارسال صورت‌های مالی</li></ul>' +
          html([
            'نام‌نویسی از طریق پنجرهٔ واحد خدمات و بدون هزینه است و به شرکت‌کنندگان گواهی پایان دوره داده می‌شود.',
          ]),
        source: 'معاونت امور تعاون',
        tags: ['آموزش'],
        audience: 'nation',
      },
      author: national,
      publishedAt: tehran('1405/07/20 10:00'),
      views: 412,
    },
    {
      input: {
        title: 'تمدید خط اعتباری ویژهٔ تولید ماسک و مواد ضدعفونی',
        lead: 'خط اعتباری ویژهٔ تعاونی‌های تولیدکنندهٔ ماسک و مواد ضدعفونی‌کننده تا پایان سال ۱۴۰۵ تمدید شد.',
        body: html([
          'تعاونی‌هایی که در سال‌های گذشته خطوط تولید خود را برای تأمین نیاز شبکهٔ بهداشت کشور توسعه داده‌اند، می‌توانند درخواست تسهیلات سرمایه در گردش را از طریق پنجرهٔ واحد خدمات ثبت کنند.',
          'شرط استفاده از این خط اعتباری، به‌روز بودن صورت‌های مالی و نداشتن تکلیف عقب‌افتاده در کارنامهٔ سلامت تعاونی است.',
        ]),
        source: 'دفتر توسعهٔ سرمایه‌گذاری بخش تعاون',
        tags: ['تولید', 'خدمات'],
        audience: 'nation',
      },
      author: national,
      publishedAt: tehran('1405/08/12 09:30'),
      views: 268,
    },
    {
      input: {
        title: 'یادآوری مهلت برگزاری مجامع عمومی عادی سالیانه',
        lead: 'تعاونی‌هایی که مجمع عمومی عادی سال مالی ۱۴۰۴ را برگزار نکرده‌اند، صورتجلسه و صورت‌های مالی را هرچه زودتر در سامانه ثبت کنند.',
        body: html([
          'بر پایهٔ قانون بخش تعاونی، مجمع عمومی عادی باید دست‌کم سالی یک بار و پس از پایان سال مالی برای رسیدگی به صورت‌های مالی برگزار شود.',
          'ادارهٔ کل تعاون، کار و رفاه اجتماعی استان از تعاونی‌ها می‌خواهد صورتجلسهٔ مجمع و گزارش بازرس را از طریق پنجرهٔ واحد خدمات ارسال کنند تا کارنامهٔ سلامت آن‌ها به‌روز شود.',
        ]),
        source: 'ادارهٔ کل تعاون، کار و رفاه اجتماعی استان',
        tags: ['خدمات'],
        ...(coop ? { audience: 'province', province: String(coop.province_id) } : { audience: 'nation' }),
      },
      author: coop ? provincial : national,
      publishedAt: tehran('1405/08/25 11:00'),
      views: 97,
    },
  ];
  if (coop) {
    items.push({
      input: {
        title: 'دعوت به مجمع عمومی عادی سالیانه',
        lead: 'مجمع عمومی عادی سالیانهٔ تعاونی روز پنجشنبه ۲۰ آذر ۱۴۰۵ ساعت ۱۰ در محل تعاونی برگزار می‌شود.',
        body: html([
          'دستور جلسه: گزارش هیئت‌مدیره و بازرس، تصویب صورت‌های مالی سال ۱۴۰۴، تقسیم سود و انتخاب بازرس برای سال مالی جدید.',
          'اعضایی که نمی‌توانند حاضر شوند، می‌توانند با وکالت‌نامهٔ کتبی به عضو دیگری وکالت دهند.',
        ]),
        tags: ['مجمع', 'خدمات'],
        audience: 'nation',
      },
      cooperativeId: coop.id,
      author: director,
      publishedAt: tehran('1405/09/02 18:00'),
      views: 31,
    });
  }

  const cover = demoCover();
  const inspected = await inspectUpload(cover, 'cover.png', { maxBytes: 1024 * 1024, allowed: ['png'] });
  const coverKey = newDocumentKey();
  if (inspected.ok) await ctx.documents.put(coverKey, cover);

  const ids = await ctx.db.transaction().execute(async (tx) => {
    const made: number[] = [];
    for (const item of items) {
      const v = checkArticleInput(ctx, item.input);
      made.push(
        await insertArticle(tx, {
          ...v,
          audience: item.cooperativeId === undefined ? v.audience : 'cooperative',
          provinceId: item.cooperativeId === undefined ? v.provinceId : null,
          cooperativeId: item.cooperativeId ?? null,
          authorPersonId: item.author,
          status: 'published',
          publishedAt: item.publishedAt,
          views: item.views,
          at: item.publishedAt,
        }),
      );
    }
    const [seed] = made;
    if (seed === undefined) return made;
    if (inspected.ok) {
      await repo.updateArticle(tx, seed, {
        cover_key: coverKey,
        cover_media_type: inspected.mediaType,
        cover_sha256: inspected.sha256,
        cover_size: inspected.size,
      });
    }
    // The original page's one 5-star rating and one like, as imported votes.
    for (const [kind, value] of [
      ['rating', 5],
      ['reaction', 1],
    ] as const) {
      await repo.insertVote(tx, {
        article_id: seed,
        kind,
        voter_key: IMPORTED_VOTER,
        value,
        created_at: SEED_PUBLISHED_AT,
      });
    }
    await repo.insertComment(tx, {
      article_id: seed,
      person_id: null,
      display_name: 'محمدرضا از مشهد',
      body: 'خبر خوبی است؛ امیدوارم دوره‌های آموزشی به تعاونی‌های شهرهای کوچک هم برسد.',
      status: 'approved',
      reason: null,
      moderated_by: national,
      moderated_at: '2020-08-05T07:00:00.000Z',
      created_at: '2020-08-05T05:12:00.000Z',
    });
    await repo.insertComment(tx, {
      article_id: seed,
      person_id: null,
      display_name: 'نرگس',
      body: 'سامانهٔ جامع از چه زمانی برای همهٔ تعاونی‌های استان فعال می‌شود؟',
      status: 'pending',
      reason: null,
      moderated_by: null,
      moderated_at: null,
      created_at: '2026-11-27T16:40:00.000Z',
    });

    return made;
  });
  if (!inspected.ok || ids.length === 0) await ctx.documents.delete(coverKey);

  return ids.length;
}
