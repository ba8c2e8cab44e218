/**
 * CSV as RFC 4180 has it (comma, CRLF, fields with comma, quote or line break in double
 * quotes, quotes doubled), plus the one thing spreadsheets add: a cell that starts with
 * `=`, `+`, `-`, `@` (or a tab or CR) is a formula to Excel and LibreOffice, so exported
 * cells get a leading `'` and a reader who calls themselves `=HYPERLINK(…)` stays text.
 *
 * @example
 *   toCsv([['email', 'name'], ['lea@example.org', 'Lea, "die Leserin"']]);
 *   // 'email,name\r\nlea@example.org,"Lea, ""die Leserin"""\r\n'
 *   parseCsv('a,b\r\n"x,1",y\r\n'); // [['a', 'b'], ['x,1', 'y']]
 */

/** Neutralises spreadsheet formulas: the cell is shown as typed, never evaluated. */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The inverse of `safeCell`, for importing our own export. */
export function restoreCell(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map((cell) => quote(safeCell(cell))).join(',') + '\r\n').join('');
}

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvError';
  }
}

/**
 * Parses CSV text into rows of fields. Accepts LF as well as CRLF, a UTF-8 byte order
 * mark (Excel writes one), and `;` as separator when the header uses it (German Excel).
 * Throws `CsvError` for a quote that never closes or text right after a closing quote.
 */
export function parseCsv(input: string): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separator = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let line = 1;
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== separator && next !== '\r' && next !== '\n') throw new CsvError('text after a closing quote', line);
        continue;
      }
      if (ch === '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === separator) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new CsvError('a quoted field never ends', line);
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  // Blank lines carry nothing (a trailing newline, an empty line in the middle).
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}
