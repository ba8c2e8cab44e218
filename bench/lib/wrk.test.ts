// Run: node --import tsx --test bench/lib/wrk.test.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandLine, parseBytes, parseTime, parseWrk, WrkParseError, wrkArgs } from './wrk.js';

const close = (actual: number | null | undefined, expected: number, epsilon = 1e-9) =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= epsilon * Math.max(1, Math.abs(expected)), `${actual} ≉ ${expected}`);

// Printed by wrk 4.1.0 (Debian) with --latency.
const WITH_LATENCY = `Running 8s test @ http://127.0.0.1:40123/haushaltsdebatte-im-stadtrat/
  1 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   635.91us    0.89ms  12.92ms   93.69%
    Req/Sec    56.20k     8.07k   62.00k    86.54%
  Latency Distribution
     50%  250.00us
     75%  491.00us
     90%  700.00us
     99%    5.00ms
  447523 requests in 8.00s, 1.67GB read
Requests/sec:  55934.62
Transfer/sec:    213.44MB
`;

// Without --latency, with socket errors and error statuses, seconds-scale latencies.
const ERRORS = `Running 8s test @ http://127.0.0.1:40124/search?q=haushalt
  1 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.52s   320.11ms   2.00s    71.20%
    Req/Sec    31.05     12.40    60.00     65.00%
  248 requests in 8.10s, 512.00KB read
  Socket errors: connect 0, read 3, write 0, timeout 17
  Non-2xx or 3xx responses: 12
Requests/sec:     30.62
Transfer/sec:     63.21KB
`;

test('parses a report with a latency distribution', () => {
  const r = parseWrk(WITH_LATENCY);
  assert.equal(r.url, 'http://127.0.0.1:40123/haushaltsdebatte-im-stadtrat/');
  assert.equal(r.threads, 1);
  assert.equal(r.connections, 50);
  assert.equal(r.requests, 447523);
  close(r.durationS, 8);
  close(r.bytesRead, 1.67 * 1024 ** 3);
  close(r.requestsPerSec, 55934.62);
  close(r.transferPerSec, 213.44 * 1024 ** 2);
  close(r.latency?.avgMs, 0.63591);
  close(r.latency?.stdevMs, 0.89);
  close(r.latency?.maxMs, 12.92);
  assert.deepEqual(Object.keys(r.percentiles), ['50', '75', '90', '99']);
  close(r.p50Ms, 0.25);
  close(r.percentiles['90'], 0.7);
  close(r.p99Ms, 5);
  assert.deepEqual(r.errors, { connect: 0, read: 0, write: 0, timeout: 0 });
  assert.equal(r.non2xx3xx, 0);
});

test('parses errors, error statuses and second-scale times; percentiles absent without --latency', () => {
  const r = parseWrk(ERRORS);
  assert.deepEqual(r.errors, { connect: 0, read: 3, write: 0, timeout: 17 });
  assert.equal(r.non2xx3xx, 12);
  close(r.latency?.avgMs, 1520);
  close(r.latency?.stdevMs, 320.11);
  close(r.latency?.maxMs, 2000);
  close(r.durationS, 8.1);
  close(r.bytesRead, 512 * 1024);
  assert.equal(r.p50Ms, null);
  assert.equal(r.p99Ms, null);
  assert.deepEqual(r.percentiles, {});
  close(r.requestsPerSec, 30.62);
});

test('parses a real wrk 4.1.0 capture (ms latencies, MB read)', () => {
  const captured = [
    'Running 1s test @ http://127.0.0.1:18931/',
    '  1 threads and 2 connections',
    '  Thread Stats   Avg      Stdev     Max   +/- Stdev',
    '    Latency     2.39ms    2.58ms  26.84ms   90.01%',
    '    Req/Sec     0.99k   239.69     1.38k    60.00%',
    '  Latency Distribution',
    '     50%    1.50ms',
    '     75%    2.94ms',
    '     90%    4.94ms',
    '     99%   12.72ms',
    '  988 requests in 1.01s, 2.22MB read',
    'Requests/sec:    982.60',
    'Transfer/sec:      2.20MB',
    '',
  ].join('\n');
  const r = parseWrk(captured);
  close(r.p50Ms, 1.5);
  close(r.p99Ms, 12.72);
  assert.equal(r.requests, 988);
  close(r.durationS, 1.01);
  close(r.requestsPerSec, 982.6);
});

test('tolerates CRLF line ends, extra blank lines and stderr noise around the report', () => {
  const noisy = `some warning from a lua script\r\n\r\n${WITH_LATENCY.replace(/\n/g, '\r\n')}\r\n`;
  const r = parseWrk(noisy);
  close(r.requestsPerSec, 55934.62);
  close(r.p99Ms, 5);
});

test('minute-scale durations and nan latencies do not break parsing', () => {
  const r = parseWrk(`Running 1m test @ http://127.0.0.1:1/
  1 threads and 1 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     0.00us    0.00us   0.00us    -nan%
    Req/Sec     0.00      0.00     0.00      -nan%
  Latency Distribution
     50%    0.00us
     75%    0.00us
     90%    0.00us
     99%    0.00us
  0 requests in 1.00m, 0.00B read
Requests/sec:      0.00
Transfer/sec:       0.00B
`);
  assert.equal(r.requests, 0);
  close(r.durationS, 60);
  assert.equal(r.bytesRead, 0);
  assert.equal(r.requestsPerSec, 0);
  assert.equal(r.p99Ms, 0);
});

test('a report without Requests/sec is an error that quotes wrk', () => {
  assert.throws(() => parseWrk('unable to connect to 127.0.0.1:1 Connection refused\n'), (error: unknown) => {
    assert.ok(error instanceof WrkParseError);
    assert.match(error.message, /unable to connect to 127\.0\.0\.1:1/);
    return true;
  });
  assert.throws(() => parseWrk(''), WrkParseError);
  assert.throws(() => parseWrk('Requests/sec: -nan\n'), WrkParseError);
});

test('unit helpers', () => {
  close(parseTime('635.91us'), 0.63591);
  close(parseTime('1.20ms'), 1.2);
  close(parseTime('2.00s'), 2000);
  close(parseTime('1.50m'), 90_000);
  close(parseTime('1.00h'), 3_600_000);
  close(parseTime('250'), 0.25);
  close(parseBytes('512.00B'), 512);
  close(parseBytes('1.50KB'), 1536);
  close(parseBytes('2.00MB'), 2 * 1024 ** 2);
  close(parseBytes('1.00GB'), 1024 ** 3);
  assert.throws(() => parseTime('fast'));
  assert.throws(() => parseBytes('lots'));
});

test('wrk arguments and the printed command line', () => {
  const args = wrkArgs({ url: 'http://127.0.0.1:8080/search?q=haushalt', threads: 1, connections: 50, durationS: 8, headers: { 'Accept-Encoding': 'gzip' } });
  assert.deepEqual(args, ['-t', '1', '-c', '50', '-d', '8s', '--latency', '-H', 'Accept-Encoding: gzip', 'http://127.0.0.1:8080/search?q=haushalt']);
  assert.equal(commandLine('wrk', args), "wrk -t 1 -c 50 -d 8s --latency -H 'Accept-Encoding: gzip' 'http://127.0.0.1:8080/search?q=haushalt'");
});
