// The sign-in slow-down (issue 15, findings 3 and 7), on SQLite and PostgreSQL with the
// clock under the test's control: counting and the lock are atomic (100 parallel guesses
// are not all checked), a known and an unknown address get the same answers, the delay
// grows per address and account but never locks the owner out for good, one address
// trying many accounts slows down, and the owner hears about repeated failures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyReply } from 'fastify';
import { AppError } from './errors.js';
import { createSessions } from './sessions.js';
import { eachDatabase } from './testing.js';
import { createUser } from './users.js';

const T0 = Date.parse('2026-05-04T08:00:00.000Z');
const PASSWORD = 'richtig-richtig';

function fakeReply(): FastifyReply {
  const reply = { setCookie: () => reply };
  return reply as unknown as FastifyReply;
}

/** What one attempt answered: the code (or 'OK') and, when slowed down, the wait in seconds. */
type Outcome = [code: string, retryAfter?: number];

eachDatabase('sign-in slow-down', (handle) => {
  let clock = T0;
  const alerts: { email: string; failures: number }[] = [];
  const setup = () => {
    const { db } = handle();
    return createSessions(db, { secure: false, now: () => new Date(clock) });
  };
  const attempt = async (sessions: ReturnType<typeof setup>, email: string, password: string, address: string, code?: string): Promise<Outcome> => {
    try {
      await sessions.signIn(fakeReply(), email, password, code, 'test', {
        address,
        onRepeatedFailures: async (account, failures) => void alerts.push({ email: account.email, failures }),
      });
      return ['OK'];
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return error.code === 'RATE_LIMITED' ? [error.code, Math.ceil(error.retryAfter ?? 0)] : [error.code];
    }
  };
  const tally = (outcomes: Outcome[]) => {
    const counts: Record<string, number> = {};
    for (const [code] of outcomes) counts[code] = (counts[code] ?? 0) + 1;
    return counts;
  };

  test('100 parallel wrong passwords: three are checked, the rest refused; the count is exact', async () => {
    const sessions = setup();
    await createUser(handle().db, { email: 'chefin@example.org', password: PASSWORD, role: 'owner' });
    clock = T0;
    const burst = await Promise.all(Array.from({ length: 100 }, () => attempt(sessions, 'chefin@example.org', 'falsch', 'addr-a')));
    assert.deepEqual(tally(burst), { LOGIN_FAILED: 3, RATE_LIMITED: 97 });
    assert.ok(burst.every(([code, wait]) => code !== 'RATE_LIMITED' || wait === 1), 'the third failure slows down for 1 s');
    // Exactly three failures were counted: the fourth (after the wait) slows down for 2 s.
    clock += 1000;
    assert.deepEqual(await attempt(sessions, 'chefin@example.org', 'falsch', 'addr-a'), ['LOGIN_FAILED']);
    assert.deepEqual(await attempt(sessions, 'chefin@example.org', PASSWORD, 'addr-a'), ['RATE_LIMITED', 2], 'even the right password waits');
    clock += 2000;
    assert.deepEqual(await attempt(sessions, 'chefin@example.org', PASSWORD, 'addr-a'), ['OK']);
    assert.deepEqual(await attempt(sessions, 'chefin@example.org', 'falsch', 'addr-a'), ['LOGIN_FAILED'], 'a success starts the count afresh');
  });

  test('100 parallel wrong second-factor codes: three are checked, the rest refused', async () => {
    const sessions = setup();
    const { db } = handle();
    const user = await createUser(db, { email: 'totp@example.org', password: PASSWORD, role: 'editor' });
    await db.updateTable('users').set({ totp_secret: 'JBSWY3DPEHPK3PXP', totp_enabled: 1 }).where('id', '=', user.id).execute();
    clock = T0 + 86_400_000;
    const burst = await Promise.all(Array.from({ length: 100 }, (_, i) => attempt(sessions, 'totp@example.org', PASSWORD, 'addr-t', `wrong-${i}`)));
    assert.deepEqual(tally(burst), { TOTP_INVALID: 3, RATE_LIMITED: 97 });
  });

  test('a known and an unknown address get the same answers, one by one and in a burst', async () => {
    const sessions = setup();
    await createUser(handle().db, { email: 'bekannt@example.org', password: PASSWORD, role: 'author' });
    const run = async (email: string, address: string) => {
      clock = T0 + 2 * 86_400_000;
      const outcomes: Outcome[] = [];
      for (let i = 0; i < 9; i++) {
        outcomes.push(await attempt(sessions, email, 'falsch', address));
        clock += 1500; // some wait out the delay, later ones do not
      }
      return outcomes;
    };
    const known = await run('bekannt@example.org', 'addr-k');
    const unknown = await run('unbekannt@example.org', 'addr-u');
    assert.deepEqual(unknown, known);
    assert.ok(known.some(([code]) => code === 'RATE_LIMITED'), 'both are slowed down');
    clock = T0 + 3 * 86_400_000;
    const burst = await Promise.all(Array.from({ length: 100 }, () => attempt(sessions, 'niemand@example.org', 'falsch', 'addr-n')));
    assert.deepEqual(tally(burst), { LOGIN_FAILED: 3, RATE_LIMITED: 97 });
  });

  test('the delay grows per account and address, up to 15 minutes; the owner is never locked out', async () => {
    const sessions = setup();
    await createUser(handle().db, { email: 'inhaber@example.org', password: PASSWORD, role: 'owner' });
    clock = T0 + 4 * 86_400_000;
    // Wrong passwords one after another, each waiting out the delay it is given.
    const waits: number[] = [];
    for (let failures = 0; failures < 16; ) {
      const [code, wait = 0] = await attempt(sessions, 'inhaber@example.org', 'falsch', 'addr-x');
      if (code === 'RATE_LIMITED') {
        waits.push(wait);
        clock += wait * 1000;
      } else {
        assert.equal(code, 'LOGIN_FAILED');
        failures++;
      }
    }
    assert.deepEqual(waits, [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900]);
    // The attacker's address waits; the owner elsewhere signs in at once.
    assert.equal((await attempt(sessions, 'inhaber@example.org', PASSWORD, 'addr-x'))[0], 'RATE_LIMITED');
    assert.deepEqual(await attempt(sessions, 'inhaber@example.org', PASSWORD, 'addr-home'), ['OK']);
    // And from the attacker's address too, once the longest delay has passed.
    clock += 900_000;
    assert.deepEqual(await attempt(sessions, 'inhaber@example.org', PASSWORD, 'addr-x'), ['OK']);
  });

  test('one address trying many accounts slows down for all of them, other addresses do not', async () => {
    const sessions = setup();
    await createUser(handle().db, { email: 'redaktion@example.org', password: PASSWORD, role: 'editor' });
    clock = T0 + 5 * 86_400_000;
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 25; i++) outcomes.push(await attempt(sessions, `person-${i}@example.org`, 'falsch', 'addr-spray'));
    assert.deepEqual(tally(outcomes.slice(0, 20)), { LOGIN_FAILED: 20 });
    assert.equal(outcomes[20]![0], 'RATE_LIMITED', 'the 21st account from the same address waits');
    assert.equal((await attempt(sessions, 'redaktion@example.org', PASSWORD, 'addr-spray'))[0], 'RATE_LIMITED');
    assert.deepEqual(await attempt(sessions, 'redaktion@example.org', PASSWORD, 'addr-office'), ['OK']);
  });

  test('the owner of a known account hears about repeated failures; an unknown address makes no mail', async () => {
    const sessions = setup();
    await createUser(handle().db, { email: 'gewarnt@example.org', password: PASSWORD, role: 'admin' });
    clock = T0 + 6 * 86_400_000;
    alerts.length = 0;
    for (let i = 0; i < 5; i++) {
      // From five addresses, so no slow-down gets in the way: the warning counts the account.
      assert.deepEqual(await attempt(sessions, 'gewarnt@example.org', 'falsch', `addr-w${i}`), ['LOGIN_FAILED']);
      assert.deepEqual(await attempt(sessions, 'ungewarnt@example.org', 'falsch', `addr-w${i}`), ['LOGIN_FAILED']);
    }
    assert.deepEqual(alerts, [{ email: 'gewarnt@example.org', failures: 5 }]);
  });
});
