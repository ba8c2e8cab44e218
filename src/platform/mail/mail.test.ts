import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { createMailer, headerValue, MailError, outboxFileName, type Mailer } from './index.js';

const silent = { info() {}, warn() {}, error() {} };
const FROM = 'Blattwerk <news@example.org>';

/** Headers of a raw message, unfolded, names in lower case (mailparser is not a dependency). */
function parse(raw: string) {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const headers = head.split(/\r?\n/).map((line) => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const;
  });
  return {
    names: headers.map(([name]) => name),
    get: (name: string) => headers.find(([n]) => n === name)?.[1],
    body: raw.slice(split),
  };
}

function smtpError(message: string, responseCode: number) {
  return Object.assign(new Error(message), { responseCode });
}

/** An in-process SMTP server: `bounce@` is refused with 550 at RCPT, `later@` with 451 after DATA. */
async function startServer() {
  const messages: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // Nodemailer would upgrade to TLS and reject the server's self-signed certificate.
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('bounce@')) return callback(smtpError('No such user here', 550));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (session.envelope.rcptTo.some((r) => r.address.startsWith('later@'))) {
          return callback(smtpError('Greylisted, try again later', 451));
        }
        messages.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  // A client that dies mid-conversation (a killed server under test) resets its socket;
  // that is expected here, not a failure of the test.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('mailer over SMTP', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let mailer: Mailer;
  const dataDir = mkdtempSync(join(tmpdir(), 'blattwerk-mail-'));

  before(async () => {
    server = await startServer();
    mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${server.port}`, dataDir, from: FROM, logger: silent });
  });
  after(async () => {
    mailer.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('text and html go out as multipart/alternative with Message-ID, Date and one-click unsubscribe', async () => {
    const sent = await mailer.send({
      to: 'reader@example.org',
      subject: 'Neue Ausgabe: Stadtrat beschließt Haushalt',
      text: 'Hallo,\nhier ist die neue Ausgabe.',
      html: '<p>Hallo,</p><p>hier ist die <b>neue</b> Ausgabe.</p>',
      headers: { 'X-Blattwerk-Issue': '12' },
      listUnsubscribe: { url: 'https://news.example.org/newsletter/unsubscribe?t=abc', mailto: 'unsubscribe@example.org' },
    });
    assert.match(sent.response, /^250/);
    assert.deepEqual(sent.accepted, ['reader@example.org']);
    const message = parse(server.messages.at(-1)!);
    assert.match(message.get('content-type')!, /^multipart\/alternative;/);
    assert.match(message.body, /Content-Type: text\/plain/);
    assert.match(message.body, /Content-Type: text\/html/);
    assert.equal(message.get('message-id'), sent.messageId);
    assert.match(sent.messageId, /^<[^@\s]+@example\.org>$/);
    assert.ok(!Number.isNaN(Date.parse(message.get('date')!)));
    assert.equal(
      message.get('list-unsubscribe'),
      '<https://news.example.org/newsletter/unsubscribe?t=abc>, <mailto:unsubscribe@example.org>',
    );
    assert.equal(message.get('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
    assert.equal(message.get('x-blattwerk-issue'), '12');
  });

  test('text alone is a single text/plain part, without unsubscribe headers unless asked', async () => {
    await mailer.send({ to: 'reader@example.org', subject: 'Bestätigen', text: 'Bitte bestätigen.' });
    const message = parse(server.messages.at(-1)!);
    assert.match(message.get('content-type')!, /^text\/plain/);
    assert.equal(message.get('list-unsubscribe'), undefined);
    assert.equal(message.get('list-unsubscribe-post'), undefined);
  });

  test('CR/LF in a subject or header value cannot add a header', async () => {
    await mailer.send({
      to: 'reader@example.org',
      subject: 'Hello\r\nBcc: evil@example.net',
      text: 'x',
      headers: { 'X-Campaign': 'spring\nX-Injected: yes' },
    });
    const message = parse(server.messages.at(-1)!);
    assert.ok(!message.names.includes('bcc'));
    assert.ok(!message.names.includes('x-injected'));
    assert.equal(message.get('subject'), 'Hello Bcc: evil@example.net');
    assert.equal(message.get('x-campaign'), 'spring X-Injected: yes');
  });

  test('a bad header name or a mailer-owned header is refused as permanent', async () => {
    const attempts: Record<string, string>[] = [{ 'X-Evil\r\nBcc': 'a@example.net' }, { 'Content-Type': 'text/html' }];
    for (const headers of attempts) {
      await assert.rejects(
        mailer.send({ to: 'reader@example.org', subject: 's', text: 'x', headers }),
        (error: unknown) => error instanceof MailError && error.permanent && error.code === 'EHEADER',
      );
    }
  });

  test('a 550 reply is a permanent MailError', async () => {
    await assert.rejects(
      mailer.send({ to: 'bounce@example.org', subject: 's', text: 'x' }),
      (error: unknown) => error instanceof MailError && error.permanent && error.responseCode === 550,
    );
  });

  test('a 451 reply is a temporary MailError', async () => {
    await assert.rejects(
      mailer.send({ to: 'later@example.org', subject: 's', text: 'x' }),
      (error: unknown) => error instanceof MailError && !error.permanent && error.responseCode === 451,
    );
  });
});

test('a refused connection is a temporary MailError', async () => {
  // A port that was free a moment ago: nothing listens there now.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, dataDir: tmpdir(), from: FROM, logger: silent });
  try {
    await assert.rejects(
      mailer.send({ to: 'reader@example.org', subject: 's', text: 'x' }),
      (error: unknown) => error instanceof MailError && !error.permanent && error.responseCode === null,
    );
  } finally {
    mailer.close();
  }
});

test('without SMTP, mail is written to <dataDir>/outbox as a readable .eml file', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'blattwerk-outbox-'));
  try {
    const mailer = createMailer({ smtpUrl: null, dataDir, from: FROM, logger: silent });
    assert.equal(mailer.mode, 'outbox');
    const sent = await mailer.send({
      to: ['one@example.org', 'two@example.org'],
      subject: 'Willkommen',
      text: 'Hallo',
      html: '<p>Hallo</p>',
      listUnsubscribe: { url: 'https://news.example.org/u?t=1', oneClick: false },
    });
    const files = readdirSync(join(dataDir, 'outbox'));
    assert.equal(files.length, 1);
    assert.equal(join(dataDir, 'outbox', files[0]!), sent.file);
    assert.match(files[0]!, /^\d{8}T\d{9}Z-.+@example\.org\.eml$/);
    const raw = readFileSync(sent.file!, 'utf8');
    assert.match(raw, /\r\n\r\n/, 'CRLF line endings, as in RFC 5322');
    const message = parse(raw);
    assert.equal(message.get('message-id'), sent.messageId);
    assert.equal(message.get('subject'), 'Willkommen');
    assert.equal(message.get('to'), 'one@example.org, two@example.org');
    assert.match(message.get('from')!, /news@example\.org/);
    assert.match(message.get('content-type')!, /^multipart\/alternative;/);
    assert.equal(message.get('list-unsubscribe'), '<https://news.example.org/u?t=1>');
    assert.equal(message.get('list-unsubscribe-post'), undefined);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('header values lose line breaks and control characters', () => {
  assert.equal(headerValue(' a\r\nBcc: b\n\rc\x00d\x7f\te '), 'a Bcc: b cd\te');
});

test('outbox file names sort by time and keep only safe characters', () => {
  const name = outboxFileName('<a/b\\c..x@example.org>', new Date('2030-01-02T03:04:05.678Z'));
  assert.equal(name, '20300102T030405678Z-a_b_c..x@example.org.eml');
});
