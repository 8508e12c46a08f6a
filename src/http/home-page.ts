/**
 * A small Persian landing page until the web app (issue #3) replaces it: what the service is and
 * where the public API, its documentation and the open data are.
 */
export const homePage = `<!doctype html>
<html lang="fa" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>تعاون — سامانهٔ جامع و هوشمند بخش تعاون</title>
<style>
body{font-family:Vazirmatn,Tahoma,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.9;color:#0b0c0c}
h1{font-size:1.6rem}a{color:#1d70b8}code{direction:ltr;unicode-bidi:embed;background:#f3f2f1;padding:0 .3rem}
form{display:flex;gap:.5rem;margin:1rem 0}input{flex:1;font:inherit;padding:.4rem;border:2px solid #0b0c0c}
button{font:inherit;padding:.4rem 1rem;background:#00703c;color:#fff;border:0}
</style>
</head>
<body>
<h1>سامانهٔ جامع و هوشمند بخش تعاون</h1>
<p>پنجرهٔ واحد خدمات به تعاونگران: ثبت عمومی تعاونی‌ها، ارکان و مهلت‌های قانونی آن‌ها، و دادهٔ باز.</p>
<form action="/api/v1/cooperatives" method="get" role="search">
<label for="q" class="visually-hidden">جست‌وجوی تعاونی</label>
<input id="q" name="q" placeholder="نام تعاونی، شناسهٔ ملی یا نام مدیر">
<button type="submit">جست‌وجو</button>
</form>
<ul>
<li><a href="/api/docs">مستندات API</a> (<code>/api/docs</code>)</li>
<li><a href="/api/v1/open-data/cooperatives.csv">دریافت فهرست تعاونی‌ها (CSV)</a> · <a href="/api/v1/open-data/cooperatives.json">JSON</a> · <a href="/api/v1/open-data/dictionary">فرهنگ داده</a></li>
<li><a href="/api/v1/stream/events">جریان تغییرات ثبتی</a></li>
</ul>
</body>
</html>
`;
