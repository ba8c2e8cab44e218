/**
 * Escape-by-default HTML templates.
 *
 * `html` is a tagged template: every interpolated value is escaped unless it is already
 * `SafeHtml` (the result of another `html` call, or of `raw()` on sanitised markup).
 * Arrays are joined, `null`, `undefined` and `false` render nothing.
 *
 * @example
 *   const title = '<script>alert(1)</script>';
 *   html`<h1>${title}</h1>`.toString(); // '<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>'
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  // NUL never reaches output: the page cache uses it to mark per-visitor holes.
  return text.replace(/[&<>"'\u0000]/g, (ch) => ESCAPES[ch] ?? '\ufffd');
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (value === null || value === undefined || value === false || value === true) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    out += render(values[i]) + (strings[i + 1] ?? '');
  }
  return new SafeHtml(out);
}

/** Marks markup as safe. Only for output of a sanitiser or of code that escapes itself. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Joins fragments with a separator (the separator is escaped like any text). */
export function join(items: readonly HtmlValue[], separator: HtmlValue = ''): SafeHtml {
  return new SafeHtml(items.map(render).join(render(separator)));
}

/**
 * Only http(s), mailto and site-relative URLs survive; anything else (javascript:, data:,
 * vbscript:, protocol-relative tricks with control characters) becomes '#'.
 */
export function safeUrl(url: string | null | undefined): string {
  if (!url) return '#';
  const trimmed = url.trim();
  // eslint-ish note: strip ASCII control chars and whitespace that browsers ignore in schemes
  const compact = trimmed.replace(/[\u0000-\u001f\u007f\s]+/g, '');
  // "/\\host" is read by browsers as "//host": another site.
  if (/^\/(?![\/\\])/.test(compact) || /^#/.test(compact)) return trimmed;
  if (/^(https?:|mailto:)/i.test(compact)) return trimmed;
  return '#';
}

/**
 * Parses an absolute http(s) URL strictly: no whitespace or control characters (browsers
 * strip them, filters do not), no backslashes and no credentials
 * (`https://trusted.de@evil.example`). The one test for "may this be a link?" everywhere.
 *
 * @example
 *   parseHttpUrl('https://example.org/a')?.href; // 'https://example.org/a'
 *   parseHttpUrl('javascript:alert(1)');          // null
 */
export function parseHttpUrl(input: unknown, httpsOnly = false): URL | null {
  if (typeof input !== 'string' || input.length > 2048) return null;
  if (!(httpsOnly ? /^https:\/\//i : /^https?:\/\//i).test(input)) return null;
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(input)) return null;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.username || url.password || !url.hostname) return null;
  return url;
}

/** A path on this site (`/tag/x/`), not one that browsers read as another host (`//x`, `/\x`). */
export function isSitePath(input: unknown): boolean {
  return typeof input === 'string' && input.length <= 2048 && /^\/(?![\/\\])/.test(input) && !/[\u0000-\u0020\u007f-\u009f\\]/.test(input);
}

/**
 * A link to an address someone typed (an author's website, a book, a social profile),
 * only when it is an absolute http(s) URL; anything else (`javascript:`, `data:`, a value
 * from an old import) renders as its content, plain text, without a link.
 *
 * @example
 *   httpLink('https://example.org/', 'Website', 'noopener').toString(); // '<a href="https://example.org/" rel="noopener">Website</a>'
 *   httpLink('javascript:alert(1)', 'Website').toString();              // 'Website'
 */
export function httpLink(url: unknown, content: HtmlValue, rel?: string): SafeHtml {
  if (!parseHttpUrl(url)) return html`${content}`;
  return html`<a href="${url as string}"${rel ? html` rel="${rel}"` : ''}>${content}</a>`;
}
