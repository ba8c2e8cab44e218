/**
 * The two ways an import fails. `ImportFileError`: the file itself is unusable (wrong
 * format, malformed or hostile XML, truncated), named by line and column. `ImportItemError`:
 * one item could not be imported, named by its old id and title. Either way the
 * transaction is rolled back, so the message can promise that nothing was written.
 *
 * @example
 *   throw new ImportFileError('export.xml', 'line 12, column 3: unclosed tag: item');
 */
export class ImportFileError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'ImportFileError';
  }
}

export class ImportItemError extends Error {
  constructor(
    readonly item: string,
    cause: unknown,
  ) {
    super(`${item}: ${describe(cause)}`, { cause });
    this.name = 'ImportItemError';
  }
}

/** A readable message for any thrown value, including our coded AppErrors. */
export function describe(error: unknown): string {
  if (error instanceof Error) {
    const coded = error as Error & { code?: string; field?: string; detail?: string; path?: string };
    if (coded.detail) return `${coded.field ? `${coded.field}: ` : ''}${coded.detail}`;
    // validateBlocks names the offending value: body[3].items[1].
    if (typeof coded.path === 'string') return `${coded.path}: ${error.message}`;
    return error.message || coded.code || error.name;
  }
  return String(error);
}
