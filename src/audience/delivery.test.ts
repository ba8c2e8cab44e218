// The delivery handler with a stand-in mailer, on every configured database: what it
// does on repeats, departures, temporary and permanent failures, and in the one gap SMTP
// leaves open (accepted by the server, not yet on record).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MailError, type OutgoingMail } from '../platform/mail/index.js';
import { DEFAULT_SETTINGS } from '../platform/settings.js';
import { eachDatabase } from '../platform/testing.js';
import { createDelivery } from './delivery.js';
import { audienceDb, type AudienceDb } from './store.js';

const NOW = new Date('2026-05-04T08:00:00Z');
const settings = {
  get: async <S extends keyof typeof DEFAULT_SETTINGS>(section: S) =>
    ({ ...DEFAULT_SETTINGS, site: { ...DEFAULT_SETTINGS.site, title: 'Stadtblatt' }, newsletter: { ...DEFAULT_SETTINGS.newsletter, senderEmail: 'news@stadtblatt.example' } })[section],
};
const pacer = { take: async () => undefined };
const last = { attempt: 8, maxAttempts: 8 };
const first = { attempt: 1, maxAttempts: 8 };

function mailer(behaviour: (mail: OutgoingMail) => void = () => undefined) {
  const sent: OutgoingMail[] = [];
  return {
    sent,
    async send(mail: OutgoingMail) {
      behaviour(mail);
      sent.push(mail);
      return { messageId: `<${mail.messageId}>`, response: '250 OK', accepted: [String(mail.to)], rejected: [], file: null };
    },
  };
}

async function seed(db: AudienceDb, email: string, status: 'active' | 'unsubscribed' = 'active'): Promise<number> {
  const at = NOW.toISOString();
  const row = await db
    .insertInto('subscribers')
    .values({ email, email_hash: `h-${email}`, name: '', status, source: 'form', subscribed_at: at, confirmed_at: at, unsubscribed_at: null, bounced_at: null, bounce_reason: null, confirm_sent_at: null, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

eachDatabase('newsletter delivery', (handle) => {
  let newsletterId = 0;
  const db = () => audienceDb(handle());
  const status = async (subscriberId: number) =>
    (await db().selectFrom('newsletter_deliveries').select(['status', 'error']).where('newsletter_id', '=', newsletterId).where('subscriber_id', '=', subscriberId).executeTakeFirst()) ?? null;
  const deliverWith = (m: ReturnType<typeof mailer>) =>
    createDelivery({ db: db(), mailer: m, settings, secret: 's', publicUrl: 'https://blatt.example.org', now: () => NOW, pacer });

  test('sends once; a repeated job skips a delivery on record', async () => {
    const row = await db()
      .insertInto('newsletters')
      .values({ kind: 'article', article_id: null, topic: null, subject: 'Ausgabe', html: '<p>Hallo</p>', text: 'Hallo', created_by: null, created_at: NOW.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    newsletterId = row.id;
    const reader = await seed(db(), 'a@example.org');
    const m = mailer();
    const deliver = deliverWith(m);
    await deliver({ newsletterId, subscriberId: reader }, first);
    await deliver({ newsletterId, subscriberId: reader }, first);
    assert.equal(m.sent.length, 1);
    assert.equal(m.sent[0]!.messageId, `newsletter.${newsletterId}.${reader}@stadtblatt.example`);
    assert.deepEqual(m.sent[0]!.from, { name: 'Stadtblatt', address: 'news@stadtblatt.example' });
    assert.equal((await status(reader))?.status, 'sent');
  });

  test('a reader who left after the send started is skipped', async () => {
    const reader = await seed(db(), 'b@example.org', 'unsubscribed');
    const m = mailer();
    await deliverWith(m)({ newsletterId, subscriberId: reader }, first);
    assert.equal(m.sent.length, 0);
    assert.equal((await status(reader))?.status, 'skipped');
  });

  test('a temporary failure retries; on the last attempt it is recorded as failed', async () => {
    const reader = await seed(db(), 'c@example.org');
    const greylisted = mailer(() => {
      throw new MailError('451 try later', { permanent: false, responseCode: 451 });
    });
    await assert.rejects(deliverWith(greylisted)({ newsletterId, subscriberId: reader }, first), /451/);
    assert.equal(await status(reader), null, 'still to do');
    await deliverWith(greylisted)({ newsletterId, subscriberId: reader }, last);
    assert.equal((await status(reader))?.status, 'failed');
    const row = await db().selectFrom('subscribers').select('status').where('id', '=', reader).executeTakeFirstOrThrow();
    assert.equal(row.status, 'active', 'a full mailbox today is no reason to stop for good');
  });

  test('a refusal of the message (not the address) fails the delivery but keeps the reader', async () => {
    const reader = await seed(db(), 'd@example.org');
    const spamFilter = mailer(() => {
      throw new MailError('554 5.7.1 message refused', { permanent: true, responseCode: 554, response: '554 5.7.1 message refused', cause: { command: 'DATA' } });
    });
    await deliverWith(spamFilter)({ newsletterId, subscriberId: reader }, first);
    assert.equal((await status(reader))?.status, 'failed');
    assert.equal((await db().selectFrom('subscribers').select('status').where('id', '=', reader).executeTakeFirstOrThrow()).status, 'active');
  });

  test('a refusal of the address marks it bounced, in one transaction with the delivery', async () => {
    const reader = await seed(db(), 'e@example.org');
    const noSuchUser = mailer(() => {
      throw new MailError('550 5.1.1 no such user', { permanent: true, responseCode: 550, response: '550 5.1.1 no such user', cause: { command: 'RCPT TO' } });
    });
    await deliverWith(noSuchUser)({ newsletterId, subscriberId: reader }, first);
    assert.equal((await status(reader))?.status, 'failed');
    const row = await db().selectFrom('subscribers').selectAll().where('id', '=', reader).executeTakeFirstOrThrow();
    assert.equal(row.status, 'bounced');
    assert.equal(row.bounce_reason, '550 5.1.1 no such user');
  });

  test('the gap SMTP leaves: accepted, but the process dies before the record; the resend has the same Message-ID', async () => {
    const reader = await seed(db(), 'f@example.org');
    const accepted: OutgoingMail[] = [];
    // The server took the mail; the process died before it could write that down.
    const dying = mailer((mail) => {
      accepted.push(mail);
      throw new Error('process killed after 250 OK');
    });
    await assert.rejects(deliverWith(dying)({ newsletterId, subscriberId: reader }, first), /killed/);
    assert.equal(await status(reader), null);
    const m = mailer();
    await deliverWith(m)({ newsletterId, subscriberId: reader }, first);
    assert.equal(accepted.length + m.sent.length, 2, 'at least once in this gap, as documented');
    assert.equal(accepted[0]!.messageId, m.sent[0]!.messageId, 'mail clients fold the two by Message-ID');
    assert.equal((await status(reader))?.status, 'sent');
  });
});
