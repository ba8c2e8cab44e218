/**
 * Column values as they travel through a backup line. Both databases hand us strings,
 * numbers and nulls for everything Blattwerk stores (times are ISO text, booleans 0/1,
 * JSON text), so those go through unchanged; the rare other kinds get a tagged object,
 * so that a value never silently turns into something else on the way back.
 *
 * @example
 *   encodeValue(Buffer.from('hi'));          // { $base64: 'aGk=' }
 *   decodeValue({ $base64: 'aGk=' });        // <Buffer 68 69>
 */

export type Encoded = string | number | null | { $base64: string } | { $bigint: string };

export class BackupValueError extends Error {}

export function encodeValue(value: unknown): Encoded {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    // JSON has no NaN or Infinity; a column holding one would come back as null.
    if (!Number.isFinite(value)) throw new BackupValueError(`cannot back up the number ${value}`);
    return value;
  }
  // pg returns booleans for boolean columns; Blattwerk stores 0/1, and so does the file.
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (Buffer.isBuffer(value)) return { $base64: value.toString('base64') };
  // Only a timestamp column would give us a Date; keep its instant as ISO text.
  if (value instanceof Date) return value.toISOString();
  throw new BackupValueError(`cannot back up a value of type ${typeof value}`);
}

export function decodeValue(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'object') {
    if ('$base64' in value && typeof value.$base64 === 'string') return Buffer.from(value.$base64, 'base64');
    if ('$bigint' in value && typeof value.$bigint === 'string') return BigInt(value.$bigint);
  }
  throw new BackupValueError(`unexpected value in backup: ${JSON.stringify(value)}`);
}
