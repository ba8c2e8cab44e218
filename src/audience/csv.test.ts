import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvError, parseCsv, restoreCell, safeCell, toCsv } from './csv.js';

test('RFC 4180: commas, quotes and line breaks are quoted, quotes doubled, lines end in CRLF', () => {
  assert.equal(
    toCsv([['email', 'name'], ['lea@example.org', 'Lea, "die Leserin"'], ['a@b.de', 'zwei\nZeilen']]),
    'email,name\r\nlea@example.org,"Lea, ""die Leserin"""\r\na@b.de,"zwei\nZeilen"\r\n',
  );
});

test('cells a spreadsheet would run as formulas are written as text', () => {
  for (const cell of ['=HYPERLINK("http://evil.example","klick")', '+49 30 1234', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
    assert.equal(safeCell(cell), `'${cell}`);
    assert.equal(restoreCell(safeCell(cell)), cell);
  }
  for (const cell of ['Lea', "'quoted already", 'a=b', '']) assert.equal(safeCell(cell), cell);
  assert.equal(toCsv([['=1+1,2']]), `"'=1+1,2"\r\n`);
  assert.equal(restoreCell("'normal"), "'normal", 'only our own prefix is taken off');
});

test('parsing reads what writing wrote, and what Excel writes', () => {
  const rows = [['email', 'name', 'topics'], ['lea@example.org', 'Lea, "die Leserin"', 'a b'], ['x@y.de', 'zwei\r\nZeilen', '']];
  assert.deepEqual(parseCsv(toCsv(rows)), rows);
  assert.deepEqual(parseCsv('\ufeffemail;name\nlea@example.org;Lea Müller\n\n'), [['email', 'name'], ['lea@example.org', 'Lea Müller']]);
  assert.deepEqual(parseCsv('a,b\nc,d'), [['a', 'b'], ['c', 'd']], 'no final newline');
  assert.deepEqual(parseCsv('a,,\n'), [['a', '', '']]);
});

test('broken quoting is an error with its line', () => {
  assert.throws(() => parseCsv('a,b\n"open,c\n'), (e: unknown) => e instanceof CsvError && e.line === 3);
  assert.throws(() => parseCsv('a\n"x"y\n'), (e: unknown) => e instanceof CsvError && /after a closing quote/.test(e.message));
});
