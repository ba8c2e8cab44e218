// Muting: every comment carries an opaque commenter key in its markup; a signed-in
// reader keeps a mute list on the server (`/api/v1/me`), which the page script applies.
import { systemCaller } from '../../platform/caller.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { emailHash } from '../../platform/privacy.js';
import { testDatabaseKinds } from '../../platform/testing.js';
import { ARTICLE, startHarness, type Harness } from './harness.js';
import { commenterKey } from './key.js';

for (const kind of testDatabaseKinds()) {
  describe(`commenter keys and muting [${kind}]`, () => {
    let h: Harness;
    let reader = '';
    const keysOnPage = async () => {
      const html = (await h.app.http.inject({ method: 'GET', url: `/${ARTICLE}/` })).body;
      return new Map([...html.matchAll(/id="comment-(\d+)"[^>]*data-author-key="([^"]+)"/g)].map((m) => [Number(m[1]), m[2]!]));
    };
    before(async () => {
      h = await startHarness(kind);
      await h.discussion({ identity: 'both', policy: 'none' });
      reader = (await h.signIn('mia@example.org', 'Mia')).cookie;
    });
    after(() => h.close());

    test('each comment carries a stable key per identity, never the e-mail hash', async () => {
      const post = h.published;
      const a1 = await post({ body: 'Erster Beitrag von Anna zur Sitzung.', name: 'Anna', email: 'anna@example.org' });
      const a2 = await post({ body: 'Zweiter Beitrag, diesmal unter anderem Namen.', name: 'A.', email: 'Anna@Example.org' });
      const b = await post({ body: 'Bernd sieht das anders als Anna.', name: 'Anna', email: 'bernd@example.org' });
      const m = await post({ body: 'Mia meldet sich mit Konto zu Wort.' }, reader);
      const keys = await keysOnPage();
      assert.equal(keys.get(a1), keys.get(a2), 'one e-mail address, one key, whatever the name');
      assert.notEqual(keys.get(a1), keys.get(b), 'same name, other address: another key');
      assert.notEqual(keys.get(m), keys.get(a1));
      const secret = h.app.services.secret;
      assert.equal(keys.get(a1), commenterKey(secret, `email:${emailHash('anna@example.org', secret)}`));
      const html = (await h.app.http.inject({ method: 'GET', url: `/${ARTICLE}/` })).body;
      for (const address of ['anna@example.org', 'bernd@example.org']) assert.ok(!html.includes(emailHash(address, secret)), 'no e-mail hash in the page');
      assert.equal((await h.me(reader)).body.reader?.key, keys.get(m), 'the reader learns their own key (no "mute" on their own comments)');

      // A removed comment keeps its place but not its key.
      await h.app.services.moderation.decide(systemCaller('Test'), [b], 'reject');
      assert.equal((await keysOnPage()).has(b), false);
      // The API shows the same key.
      const api = await h.app.http.inject({ method: 'GET', url: `/api/v1/articles/${ARTICLE}/comments` });
      const listed = (api.json().comments as { id: number; author: { key?: string } }[]).find((c) => c.id === a1);
      assert.equal(listed?.author.key, keys.get(a1));
    });

    test('mute list round trip for a signed-in reader', async () => {
      const keys = [...new Set((await keysOnPage()).values())];
      const [first, second] = [keys[0]!, keys[1]!];
      const muted = await h.api('POST', '/api/v1/me/mute', { key: first }, reader);
      assert.equal(muted.statusCode, 200, muted.body);
      assert.deepEqual(muted.json().muted, [first]);
      h.later(1);
      await h.api('POST', '/api/v1/me/mute', { key: second }, reader);
      await h.api('POST', '/api/v1/me/mute', { key: first }, reader); // twice is once
      assert.deepEqual((await h.me(reader)).body.muted, [first, second]);
      const unmuted = await h.api('DELETE', `/api/v1/me/mute/${first}`, undefined, reader);
      assert.equal(unmuted.statusCode, 200, unmuted.body);
      assert.deepEqual(unmuted.json().muted, [second]);
      assert.deepEqual((await h.me(reader)).body.muted, [second]);
    });

    test('muting needs a signed-in reader, a CSRF token and a well-formed key', async () => {
      const key = [...(await keysOnPage()).values()][0]!;
      const guest = await h.api('POST', '/api/v1/me/mute', { key });
      assert.equal(guest.statusCode, 401);
      const bad = await h.api('POST', '/api/v1/me/mute', { key: 'not a key <b>' }, reader);
      assert.equal(bad.statusCode, 400);
      const forged = await h.inject({ method: 'POST', url: '/api/v1/me/mute', headers: { cookie: reader, origin: 'https://evil.example' }, payload: { key } });
      assert.equal(forged.statusCode, 403);
      assert.equal((await h.me()).body.muted.length, 0, 'guests keep their list in their own browser');
    });
  });
}
