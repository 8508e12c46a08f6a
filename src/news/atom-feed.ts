import { Feed } from 'feed';
import type { Context } from '../context/context.ts';
import { searchKey } from '../text/index.ts';
import { coverUrl } from './articles.ts';
import * as repo from './news.repository.ts';

const FEED_SIZE = 30;

/**
 * Use case: the Atom feed of public news (national and every province's articles; never a
 * cooperative's announcements), newest first, optionally of one tag. Entries carry the lead as
 * summary, the sanitised body (after the cover) as content with absolute image URLs, and the tags
 * (letters only, so safe in attributes) and the province as categories.
 */
export async function newsAtomFeed(ctx: Context, o: { baseUrl: string; tag?: string | undefined }) {
  const now = ctx.clock.now().toISOString();
  const tagKey = o.tag === undefined || o.tag.trim() === '' ? undefined : searchKey(o.tag);
  const all = await repo.listPublic(
    ctx.db,
    { now, provinceId: 'all', tagKey, words: [] },
    { limit: FEED_SIZE, offset: 0 },
  );
  const tags = await repo.tagsOf(
    ctx.db,
    all.map((r) => r.id),
  );
  const self = `${o.baseUrl}/news/feed.xml${tagKey === undefined ? '' : `?tag=${encodeURIComponent(o.tag ?? '')}`}`;
  const newest = all[0]?.published_at;
  const feed = new Feed({
    id: self,
    title:
      tagKey === undefined
        ? 'اخبار و اطلاعیه‌های بخش تعاون — Taavon news'
        : `اخبار بخش تعاون: ${o.tag ?? ''} — Taavon news`,
    description: 'اخبار و اطلاعیه‌های وزارت تعاون، کار و رفاه اجتماعی برای بخش تعاون',
    link: `${o.baseUrl}/news`,
    language: 'fa',
    updated: new Date(newest ?? '2020-01-01T00:00:00Z'),
    generator: 'Taavon',
    feedLinks: { atom: self },
    copyright: 'وزارت تعاون، کار و رفاه اجتماعی',
  });
  for (const a of all) {
    const at = new Date(a.published_at ?? a.updated_at);
    const province = a.province_id === null ? undefined : ctx.reference.provinceById(a.province_id);
    feed.addItem({
      title: a.title,
      id: `${o.baseUrl}/news/${a.id}`,
      link: `${o.baseUrl}/news/${a.id}`,
      date: at,
      published: at,
      description: a.lead,
      content:
        (a.cover_key === null ? '' : `<p><img src="${o.baseUrl}${coverUrl(a.id)}" alt="" /></p>`) +
        a.body_html.replaceAll('src="/api/', `src="${o.baseUrl}/api/`),
      category: [
        ...(tags.get(a.id) ?? []).map((t) => ({ name: t.tag, term: t.tag })),
        ...(province ? [{ name: province.nameFa, term: `province:${province.code}` }] : []),
      ],
      ...(a.source ? { copyright: a.source } : {}),
    });
  }

  return feed.atom1();
}
