// Issue 18's journey in Debian's Chromium against a running site whose mail goes to a
// real SMTP server in this process: a reader signs up for 10 € a month with JavaScript
// switched off, confirms through the link in the mail and gets the pre-notification; a
// finance editor signs in, exports the pain.008 for the collection day, uploads a
// camt.053 written for the test that books the debit; the supporter is thanked; a second
// camt.053 with a return marks the debit returned. Nothing sleeps: every wait is for a
// condition; requests to other origins are blocked and must not happen.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { browserSkip, launchBrowser } from '../platform/browser.js';
import { createUser } from '../platform/users.js';
import { startDemoSite, type DemoSite } from '../site/fixture.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../audience/testkit.js';
import { createSupporterSettings } from './settings.js';
import { fundingDb } from './store.js';
import { camt053, painSchemaPath, xsdErrors, CREDITOR_ID, SITE_IBAN } from './testkit.js';

const LEA = 'lea.lang@example.org';

describe('supporters journey in Chromium', { skip: browserSkip() }, () => {
  let browser: Browser;
  let sink: SmtpSink;
  let site: DemoSite;
  let clock = new Date('2026-05-04T08:00:00Z');
  const offsite: string[] = [];

  async function runJobs(): Promise<void> {
    while ((await site.app.services.jobs.runOnce(50)) > 0);
  }
  async function mailsTo(address: string, count: number): Promise<ReceivedMail[]> {
    await runJobs();
    const mails = await sink.waitFor((all) => all.filter((m) => m.to.includes(address)).length >= count);
    return mails.filter((m) => m.to.includes(address));
  }
  async function heading(page: Page): Promise<string> {
    return ((await page.locator('main h1').first().textContent()) ?? '').trim();
  }
  async function newPage(javaScriptEnabled: boolean): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled });
    const origin = new URL(site.baseUrl).origin;
    await context.route((url) => url.origin !== origin, (route) => {
      offsite.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    return context.newPage();
  }

  before(async () => {
    sink = await startSmtpSink();
    site = await startDemoSite({ smtpUrl: sink.url, now: () => clock });
    await site.app.services.settings.update('donation', { recipient: 'Lindenauer Blatt gGmbH', iban: SITE_IBAN, bic: 'COBADEFFXXX' });
    await createSupporterSettings(fundingDb(site.app.services.database), () => clock).update({ creditorId: CREDITOR_ID, leadDays: 14 });
    await createUser(site.app.services.database.db, { email: 'finanzen@example.org', password: 'sehr-geheim-123', role: 'finance', name: 'Fiona Finanz' });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await site?.close();
    await sink?.close();
  });

  test('sign up without JavaScript, confirm by mail, debit exported, booked, thanked, returned', async () => {
    // The reader, with scripts switched off.
    const reader = await newPage(false);
    await reader.goto(`${site.baseUrl}/support/`);
    await reader.locator('#supporter-name').fill('Lea Lang');
    await reader.locator('#supporter-email').fill(LEA);
    await reader.locator('#supporter-iban').fill('DE02 1203 0000 0000 2020 51');
    await reader.locator('#supporter-amount').fill('10');
    await reader.getByLabel('monatlich').check();
    await reader.locator('input[name="consent"]').check();
    await Promise.all([reader.waitForURL('**/support/mandate'), reader.getByRole('button', { name: 'Mandat erteilen' }).click()]);
    assert.equal(await heading(reader), 'Bitte bestätigen Sie per E-Mail');

    const [confirmMail] = await mailsTo(LEA, 1);
    assert.match(confirmMail!.header('subject') ?? '', /Lastschriftmandat/);
    const link = new RegExp(`${site.baseUrl.replace(/[.:/]/g, '\\$&')}/support/confirm\\?token=[\\w.%-]+`).exec(confirmMail!.text)?.[0];
    assert.ok(link, confirmMail!.text);
    await reader.goto(link!);
    assert.equal(await heading(reader), 'Lastschriftmandat bestätigen');
    await Promise.all([reader.waitForURL('**/support/confirm'), reader.getByRole('button', { name: 'Mandat jetzt bestätigen' }).click()]);
    assert.equal(await heading(reader), 'Vielen Dank – Ihr Mandat gilt');

    const prenotification = (await mailsTo(LEA, 2))[1]!;
    assert.match(prenotification.header('subject') ?? '', /Vorabinformation/);
    assert.match(prenotification.text, /10,00\s€ monatlich ein, erstmals am 1\. Juni 2026/);
    assert.match(prenotification.text, new RegExp(`Gläubiger-ID: ${CREDITOR_ID}`));
    assert.match(prenotification.text, /Konto: DE02 •••• •••• 2051/);

    // The newsroom: finance signs in and exports the file for the collection day.
    clock = new Date('2026-05-28T09:00:00Z');
    const desk = await newPage(true);
    await desk.goto(`${site.baseUrl}/admin/login/`);
    await desk.locator('#login-email').fill('finanzen@example.org');
    await desk.locator('#login-password').fill('sehr-geheim-123');
    await Promise.all([desk.waitForURL((url) => !url.pathname.startsWith('/admin/login')), desk.locator('#login-password').press('Enter')]);
    await desk.goto(`${site.baseUrl}/admin/supporters/`);
    assert.equal(await heading(desk), 'Unterstützer:innen');
    assert.ok(await desk.getByRole('link', { name: 'Lea Lang' }).isVisible());
    await desk.locator('#export-date').fill('2026-06-01');
    await Promise.all([desk.waitForURL('**/admin/supporters/export'), desk.getByRole('button', { name: 'Datei erstellen (pain.008)' }).click()]);
    const file = await desk.context().request.get(`${site.baseUrl}/api/v1/admin/supporters/direct-debits.xml?date=2026-06-01`);
    assert.equal(file.status(), 200);
    const xml = await file.text();
    assert.match(xml, /<InstdAmt Ccy="EUR">10\.00<\/InstdAmt>/);
    assert.match(xml, /<IBAN>DE02120300000000202051<\/IBAN>/);
    const schema = painSchemaPath();
    if (schema) assert.equal(xsdErrors(xml, schema), '');
    // The demo newsroom has supporters of its own (src/funding/demo.ts): Lea's debit is the one with her IBAN.
    const lea = xml.split('<DrctDbtTxInf>').find((part) => part.includes('<IBAN>DE02120300000000202051</IBAN>'))!;
    const e2e = /<EndToEndId>([^<]+)<\/EndToEndId>/.exec(lea)![1]!;

    // The bank's statement books it; the supporter is thanked.
    clock = new Date('2026-06-02T07:00:00Z');
    const booked = camt053({ id: 'J-0602', entries: [{ direction: 'CRDT', amount: '10.00', booked: '2026-06-01', code: ['PMNT', 'IDDT', 'ESDD'], gvc: '192', ref: 'J1', txs: [{ e2e, amount: '10.00', name: 'Lea Lang' }] }] });
    await desk.locator('#statement-file').setInputFiles({ name: 'camt053-0602.xml', mimeType: 'application/xml', buffer: Buffer.from(booked) });
    await Promise.all([desk.waitForURL('**/admin/supporters/statements'), desk.getByRole('button', { name: 'Einlesen' }).click()]);
    assert.match((await desk.locator('main [role="status"]').first().textContent()) ?? '', /1 Lastschriften gebucht/);
    const thanks = (await mailsTo(LEA, 3))[2]!;
    assert.match(thanks.header('subject') ?? '', /Danke für Ihre Unterstützung, Lea Lang!/);
    assert.match(thanks.text, /10,00\s€/);

    // A second statement with the return.
    const returned = camt053({ id: 'J-0605', created: '2026-06-05T06:00:00+02:00', entries: [{ direction: 'DBIT', amount: '13.00', booked: '2026-06-04', code: ['PMNT', 'IDDT', 'UPDD'], gvc: '109', ref: 'J2', reversal: true, txs: [{ e2e, amount: '10.00', returnReason: 'MD06', name: 'Lea Lang' }] }] });
    await desk.locator('#statement-file').setInputFiles({ name: 'camt053-0605.xml', mimeType: 'application/xml', buffer: Buffer.from(returned) });
    await Promise.all([desk.waitForURL('**/admin/supporters/statements'), desk.getByRole('button', { name: 'Einlesen' }).click()]);
    assert.match((await desk.locator('main [role="status"]').first().textContent()) ?? '', /1 zurückgekommen/);
    const debit = await fundingDb(site.app.services.database).selectFrom('debits').select(['status', 'return_reason']).where('end_to_end_id', '=', e2e).executeTakeFirstOrThrow();
    assert.deepEqual({ ...debit }, { status: 'returned', return_reason: 'MD06' });
    await desk.getByRole('link', { name: 'Lea Lang' }).click();
    assert.ok(await desk.getByText('Rücklastschrift (MD06)').isVisible());
    assert.deepEqual(offsite, []);
  });
});
