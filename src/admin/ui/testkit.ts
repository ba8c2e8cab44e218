/**
 * What the tests of the newsroom's plain-form pages share: requests as a browser would
 * send them (an HTML `Accept`, form-encoded posts carrying `_csrf`) for signed-in staff, and
 * the check that a page carries no live markup from its data and no inline script or style.
 *
 * @example
 *   const { get, post } = pageRequests(() => app, (name) => who.get(name)!);
 *   assertInert((await get('eva', '/admin/authors/')).body, 'authors');
 */
import assert from 'node:assert/strict';
import type { App } from '../../app.js';

export const SITE = 'http://127.0.0.1:3000';
export const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
export const HOSTILE = '<img src=x onerror=alert(1)>';
export const ESCAPED = '&lt;img src=x onerror=alert(1)&gt;';

export interface StaffSession {
  cookie: string;
  csrf: string;
}

/** `appOf` answers the app when a request is made (suites build it in `before`). */
export function pageRequests(appOf: () => App, sessionOf: (name: string) => StaffSession) {
  return {
    /** A page as `name` sees it; `null` for a browser without a session. */
    get(name: string | null, url: string, cookie = name ? sessionOf(name).cookie : undefined) {
      return appOf().http.inject({ method: 'GET', url, headers: { accept: BROWSER, ...(cookie ? { cookie } : {}) } });
    },
    /** A plain form sent by `name` (or by the session `as`), with its CSRF token. */
    post(name: string, url: string, fields: Record<string, string>, as = sessionOf(name)) {
      return appOf().http.inject({
        method: 'POST', url,
        headers: { cookie: as.cookie, origin: SITE, accept: BROWSER, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: as.csrf, ...fields }).toString(),
      });
    },
  };
}

/** No hostile markup came alive, and the page keeps to `script-src 'self'; style-src 'self'`. */
export function assertInert(body: string, where: string): void {
  assert.ok(!/<img src=x/i.test(body), `${where} has a live img`);
  assert.ok(!body.includes('<script>alert'), `${where} has a live script`);
  assert.ok(!/<style\b/.test(body) && !/\sstyle="/.test(body) && !/\son[a-z]+="/.test(body), `${where} has inline style or handlers`);
  for (const [, attrs] of body.matchAll(/<script\b([^>]*)>/g)) assert.match(attrs!, /\bsrc="\/assets\//, `${where}: inline script`);
}
