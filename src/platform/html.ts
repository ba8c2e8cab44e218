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
