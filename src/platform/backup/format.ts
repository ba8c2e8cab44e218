/**
 * The lines of a backup file (gzip-compressed JSON Lines; see FORMAT.md). Objects are
 * structure (header, table start and end, trailer), arrays are rows. The trailer is the
 * proof the file is complete: a restore without it changes nothing.
 *
 * @example
 *   {"kind":"header","format":"blattwerk-backup","version":1,…}
 *   {"kind":"table","name":"tags","columns":["id","slug","name","description"],"primaryKey":["id"]}
 *   [1,"stadtrat","Stadtrat",""]
 *   {"kind":"table-end","name":"tags","rows":1}
 *   {"kind":"end","tables":1,"rows":1}
 */
import type { Dialect } from '../db/index.js';
import type { Sequences } from './sequences.js';

export const BACKUP_FORMAT = 'blattwerk-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  kind: 'header';
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  dialect: Dialect;
  /** Names of the schema migrations applied to the source, in order. */
  migrations: string[];
  /** Highest id handed out per table (see sequences.ts). */
  sequences: Sequences;
}

export interface TableStart {
  kind: 'table';
  name: string;
  columns: string[];
  primaryKey: string[];
}

export interface TableEnd {
  kind: 'table-end';
  name: string;
  rows: number;
}

export interface Trailer {
  kind: 'end';
  tables: number;
  rows: number;
}

export type ControlLine = BackupHeader | TableStart | TableEnd | Trailer;

/** What a backup or restore did, table by table (for the CLI and the tests). */
export interface BackupSummary {
  tables: Record<string, number>;
  rows: number;
  migrations: string[];
}

/** Every error of this folder the CLI reports as a plain message (no stack trace). */
export class BackupError extends Error {}

export class BackupFormatError extends BackupError {}
