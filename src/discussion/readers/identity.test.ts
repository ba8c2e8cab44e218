// The `identity` setting decides who may comment: 'guests' (name and e-mail), 'accounts'
// (signed-in readers; everyone else gets ACCOUNT_REQUIRED) or 'both'. The article page
// stays one page for everybody; only the setting changes it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorMessages } from '../../platform/errors.js';
import { testDatabaseKinds } from '../../platform/testing.js';
import { ARTICLE, startHarness, type Harness } from './harness.js';

const GUEST = { name: 'Gerd Gast', email: 'gerd@example.org' };
let n = 0;
const text = () => `Eine sachliche Anmerkung zur Sitzung des Stadtrats, Nummer ${++n}.`;

test('ACCOUNT_REQUIRED speaks German and English', () => {
  assert.match(errorMessages.de.ACCOUNT_REQUIRED, /Leserkonto/);
  assert.match(errorMessages.en.ACCOUNT_REQUIRED, /reader account/);
});

for (const kind of testDatabaseKinds()) {
  describe(`who may comment [${kind}]`, () => {
    let h: Harness;
    let reader = '';
    before(async () => {
      h = await startHarness(kind);
      await h.discussion({ identity: 'both' });
      reader = (await h.signIn('rita@example.org', 'Rita Leserin')).cookie;
    });
    after(() => h.close());

    const page = async () => (await h.app.http.inject({ method: 'GET', url: `/${ARTICLE}/` })).body;

    test("'accounts' refuses guests with ACCOUNT_REQUIRED and takes readers", async () => {
      await h.discussion({ identity: 'accounts' });
      const before = await h.app.services.database.db.selectFrom('comments').select('id').execute();
      const guest = await h.comment({ body: text(), ...GUEST });
      assert.equal(guest.statusCode, 401);
      assert.equal(guest.json().error.code, 'ACCOUNT_REQUIRED');
      const empty = await h.comment({ body: '', ...GUEST });
      assert.equal(empty.json().error.code, 'ACCOUNT_REQUIRED', 'who may write is said first');
      const form = await h.commentForm({ body: text(), ...GUEST });
      assert.equal(form.statusCode, 401);
      assert.match(form.body, /Leserkonto/);
      const after = await h.app.services.database.db.selectFrom('comments').select('id').execute();
      assert.equal(after.length, before.length, 'nothing was stored');

      assert.equal((await h.comment({ body: text() }, reader)).statusCode, 201);

      const html = await page();
      assert.doesNotMatch(html, /id="comment-email"/, 'no guest fields when only accounts may comment');
      assert.match(html, /href="\/account\/login\/\?return=\/stadtrat-tagt\/"/);
    });

    test("'guests' refuses no guest, and treats a reader session as a guest", async () => {
      await h.discussion({ identity: 'guests' });
      const guest = await h.comment({ body: text(), ...GUEST });
      assert.equal(guest.statusCode, 201, guest.body);
      const form = await h.commentForm({ body: text(), ...GUEST });
      assert.equal(form.statusCode, 303);
      const nameless = await h.comment({ body: text() }, reader);
      assert.equal(nameless.json().error.code, 'NAME_REQUIRED');
      const html = await page();
      assert.match(html, /id="comment-email"/);
      assert.doesNotMatch(html, /\/account\/login\//, 'no sign-in offered');
    });

    test("'both' takes guests and readers, and offers the sign-in beside the guest fields", async () => {
      await h.discussion({ identity: 'both' });
      assert.equal((await h.comment({ body: text(), ...GUEST })).statusCode, 201);
      assert.equal((await h.comment({ body: text() }, reader)).statusCode, 201);
      const html = await page();
      assert.match(html, /id="comment-email"/);
      assert.match(html, /class="comment-identity"/);
      // The shared page is the same for a signed-in reader but for their CSRF token and the
      // form's who-is-writing part: their name instead of the guest fields (platform/who.ts).
      const mine = (await h.app.http.inject({ method: 'GET', url: `/${ARTICLE}/`, headers: { cookie: reader } })).body;
      const strip = (s: string) =>
        s.replace(/[A-Za-z0-9_-]{43}/g, 'TOKEN').replace(/<div class="field-row">[\s\S]*?<p class="comment-identity">[\s\S]*?<\/p>\n|<p class="comment-identity comment-identity-signed">[^<]*<\/p>\n/, 'WHO')
          // The hold note is the guests' too.
          .replace(/<p class="field-note">[^<]*geprüft[^<]*<\/p>/, "");
      assert.match(mine, /<p class="comment-identity comment-identity-signed">Sie schreiben als [^<]+\.<\/p>/);
      assert.doesNotMatch(mine, /id="comment-email"/);
      assert.equal(strip(mine), strip(html));
    });
  });
}
