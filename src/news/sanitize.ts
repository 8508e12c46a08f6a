import sanitizeHtml from 'sanitize-html';

/**
 * Article bodies are rich text typed in the web app's editor, and shown to everyone as HTML, so
 * they are cleaned on the SERVER when written (never trusted from the client, never cleaned
 * only on display): what is not on the list below is removed without a word — tags are unwrapped
 * (their text kept), attributes dropped, and the content of script, style and embedding elements
 * thrown away. Stored HTML is therefore safe to serve as it is.
 */

/** The only image sources kept: the covers this service serves (`/api/v1/news/{id}/cover`). */
export const OWN_IMAGE_URL = /^\/api\/v1\/news\/\d{1,12}\/cover$/;

const LINK_REL = 'noopener noreferrer nofollow';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'h2', 'h3', 'blockquote', 'a', 'img'],
  allowedAttributes: { a: ['href', 'rel'], img: ['src', 'alt'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Elements whose content is code or an embedded document: dropped with everything inside.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template'],
  transformTags: {
    // Every link gets our rel, whatever was typed (no opener, no referrer, no endorsement).
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...(attribs.href === undefined ? {} : { href: attribs.href }), rel: LINK_REL },
    }),
  },
  // An image that is not one of our own covers is removed (no tracking pixels, no hot-linking).
  exclusiveFilter: (frame) => frame.tag === 'img' && !OWN_IMAGE_URL.test(frame.attribs.src ?? ''),
  // Persian letters in text: Arabic ي ى ك become ی ک (digits are kept as written).
  textFilter: (text) =>
    text
      .normalize('NFC')
      .replace(/[\u064A\u0649]/g, 'ی')
      .replace(/\u0643/g, 'ک'),
};

/** The body with only the allowed tags and attributes. */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** The text of sanitised HTML: blocks separated by new lines, entities decoded. For search and summaries. */
export function htmlToText(cleanHtml: string): string {
  const spaced = cleanHtml.replace(/<br\s*\/?>|<\/(p|li|h2|h3|blockquote)>/gi, '$&\n');
  const text = sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {} });

  return text
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_m, e: string) => ENTITIES[e] ?? '')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
