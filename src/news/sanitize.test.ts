import { describe, expect, it } from 'vitest';
import { htmlToText, sanitizeArticleHtml } from './sanitize.ts';

describe('article bodies', () => {
  it('lose scripts, event handlers and foreign images, and keep the paragraph', () => {
    const clean = sanitizeArticleHtml(
      '<img src=x onerror=alert(1)><script>alert(1)</script><p onclick="x">hi</p>',
    );
    expect(clean).toBe('<p>hi</p>');
  });

  it('keep the allowed tags, mark links and drop dangerous URLs', () => {
    const clean = sanitizeArticleHtml(
      '<h2 style="color:red">عنوان</h2><p>متن <strong>مهم</strong> و <em>تاکید</em></p>' +
        '<ul><li>یک</li></ul><ol><li>دو</li></ol><blockquote>نقل</blockquote><br>' +
        '<a href="javascript:alert(1)">x</a><a href="https://isna.ir/news" target="_blank" rel="opener">ایسنا</a>' +
        '<a href="mailto:info@mcls.gov.ir">نامه</a><a href="//evil.example/">p</a><a href="data:text/html,x">d</a>' +
        '<img src="/api/v1/news/12/cover" alt="تصویر"><img src="https://evil.example/pixel.gif">' +
        '<iframe src="https://evil.example">inside</iframe><style>p{}</style><svg onload=alert(1)><circle/></svg>' +
        '<h1>بزرگ</h1><table><tr><td>خانه</td></tr></table>',
    );
    expect(clean).not.toMatch(
      /script|onerror|onclick|onload|style|iframe|javascript:|data:|evil|target|svg/i,
    );
    expect(clean).toContain('<h2>عنوان</h2>');
    expect(clean).toContain('<strong>مهم</strong>');
    expect(clean).toContain('<a href="https://isna.ir/news" rel="noopener noreferrer nofollow">ایسنا</a>');
    expect(clean).toContain('<a href="mailto:info@mcls.gov.ir" rel="noopener noreferrer nofollow">نامه</a>');
    expect(clean).toContain('<img src="/api/v1/news/12/cover" alt="تصویر" />');
    expect(clean).not.toContain('inside');
    expect(clean).toContain('بزرگ');
    expect(clean).toContain('خانه');
  });

  it('fold Arabic letters in the text and give the text for search', () => {
    const clean = sanitizeArticleHtml('<p>معاون وزير كار</p><p>a &amp; b</p>');
    expect(clean).toBe('<p>معاون وزیر کار</p><p>a &amp; b</p>');
    expect(htmlToText(clean)).toBe('معاون وزیر کار\na & b');
  });
});
