/**
 * The end report of an import: what came in, what was skipped and why, and what needs a
 * human look, grouped by kind ("table approximated", "dynamic block left out") with exact
 * counts. Nothing is cut short: every note goes to a spool file as it comes (memory
 * stays flat however many there are), and `writeJson` streams all of them into the
 * `--report` file; the terminal shows every kind with its count and a few examples. A
 * real run also keeps every note in the `import_notes` table.
 *
 * @example
 *   const report = new ImportReport('wordpress', 'export.xml', false);
 *   report.added('articles');
 *   report.skip('spam comment', 'comment 88 on post 12');
 *   await report.review('post 12 "Haushalt"', 'a table had rows of unequal length', { kind: 'table approximated' });
 *   console.log(report.format());
 *   await report.writeJson('report.json'); // or: (await report.full()).review.notes
 *   report.dispose();
 */
import { closeSync, createReadStream, createWriteStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { own } from './own.js';

const EXAMPLES = 20;
/** Examples of each kind of note kept in memory (the spool has them all). */
const NOTE_EXAMPLES = 5;

export interface ReviewNote {
  /** What sort of note this is; the report groups by it. */
  kind: string;
  item: string;
  message: string;
  /** Sanitised original markup that could not be converted. */
  html?: string;
  articleId?: number | null;
}

export interface NoteKind {
  count: number;
  examples: ReviewNote[];
}

export interface ReportJson {
  source: string;
  file: string;
  dryRun: boolean;
  added: Record<string, number>;
  existing: Record<string, number>;
  skipped: Record<string, { count: number; examples: string[] }>;
  review: { count: number; kinds: Record<string, NoteKind>; notes: ReviewNote[] };
  remoteMedia: { count: number; urls: string[] };
  seconds: number;
}

function bump(counts: Record<string, number>, key: string, n: number): void {
  if (counts[key] === undefined) counts[own(key)] = n;
  else counts[key] += n;
}

export class ImportReport {
  readonly added_: Record<string, number> = {};
  readonly existing_: Record<string, number> = {};
  readonly skipped_: Record<string, { count: number; examples: string[] }> = {};
  readonly kinds: Record<string, NoteKind> = {};
  reviewCount = 0;
  readonly remote = new Set<string>();
  remoteCount = 0;
  private readonly started = Date.now();
  private spoolDir: string | null = null;
  private spoolFd: number | null = null;
  /** Called for every note, so a real run can store all of them in the database too. */
  onNote: ((note: ReviewNote) => Promise<void>) | null = null;

  constructor(
    readonly source: string,
    readonly file: string,
    readonly dryRun: boolean,
  ) {}

  added(what: string, n = 1): void {
    bump(this.added_, what, n);
  }

  existing(what: string, n = 1): void {
    bump(this.existing_, what, n);
  }

  count(what: string): number {
    return this.added_[what] ?? 0;
  }

  skip(reason: string, example: string): void {
    let entry = this.skipped_[reason];
    if (!entry) this.skipped_[own(reason)] = entry = { count: 0, examples: [] };
    entry.count++;
    if (entry.examples.length < EXAMPLES) entry.examples.push(own(example));
  }

  async review(item: string, message: string, extra: { kind?: string; html?: string; articleId?: number | null } = {}): Promise<void> {
    const { kind = 'other', ...rest } = extra;
    const note: ReviewNote = { kind, item, message, ...rest };
    this.reviewCount++;
    let group = this.kinds[kind];
    if (!group) this.kinds[own(kind)] = group = { count: 0, examples: [] };
    group.count++;
    if (group.examples.length < NOTE_EXAMPLES) {
      group.examples.push({ kind, item: own(item), message: own(message), ...(rest.html ? { html: own(rest.html) } : {}), ...(rest.articleId !== undefined ? { articleId: rest.articleId } : {}) });
    }
    this.spool(note);
    await this.onNote?.(note);
  }

  private spool(note: ReviewNote): void {
    if (this.spoolFd === null) {
      this.spoolDir = mkdtempSync(join(tmpdir(), 'bw-import-notes-'));
      this.spoolFd = openSync(join(this.spoolDir, 'notes.jsonl'), 'a');
    }
    writeSync(this.spoolFd, `${JSON.stringify(note)}\n`);
  }

  /** Every note, in the order they came, read back from the spool. */
  async *notes(): AsyncGenerator<ReviewNote> {
    if (!this.spoolDir) return;
    const lines = createInterface({ input: createReadStream(join(this.spoolDir, 'notes.jsonl'), 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) if (line) yield JSON.parse(line) as ReviewNote;
  }

  /** A remote image or file kept by its URL (no uploads folder, or the file was missing). */
  remoteMedia(url: string): void {
    if (this.remote.has(url)) return;
    this.remoteCount++;
    if (this.remote.size < 5000) this.remote.add(own(url));
  }

  /** The report without the full list of notes (kinds, counts, examples): for the database. */
  summary(): Omit<ReportJson, 'review'> & { review: Omit<ReportJson['review'], 'notes'> } {
    return {
      source: this.source,
      file: this.file,
      dryRun: this.dryRun,
      added: this.added_,
      existing: this.existing_,
      skipped: this.skipped_,
      review: { count: this.reviewCount, kinds: this.kinds },
      remoteMedia: { count: this.remoteCount, urls: [...this.remote] },
      seconds: Math.round((Date.now() - this.started) / 100) / 10,
    };
  }

  /** Everything, every note included; for tests and small imports (`writeJson` streams). */
  async full(): Promise<ReportJson> {
    const notes: ReviewNote[] = [];
    for await (const note of this.notes()) notes.push(note);
    const summary = this.summary();
    return { ...summary, review: { ...summary.review, notes } };
  }

  /** Writes the whole report, every note included, to `file` without holding the notes in memory. */
  async writeJson(file: string): Promise<void> {
    const out = createWriteStream(file);
    const write = async (text: string) => {
      if (!out.write(text)) await once(out, 'drain');
    };
    const summary = this.summary();
    const head = JSON.stringify({ ...summary, review: { ...summary.review, notes: [] } }, null, 2);
    // The notes array is left open in the pretty-printed head and filled line by line.
    const at = head.lastIndexOf('"notes": []');
    await write(`${head.slice(0, at)}"notes": [`);
    let first = true;
    for await (const note of this.notes()) {
      await write(`${first ? '\n' : ',\n'}      ${JSON.stringify(note)}`);
      first = false;
    }
    await write(`${first ? '' : '\n    '}]${head.slice(at + '"notes": []'.length)}\n`);
    out.end();
    await once(out, 'finish');
  }

  /** Removes the spool; the report keeps its counts and examples. */
  dispose(): void {
    if (this.spoolFd !== null) closeSync(this.spoolFd);
    if (this.spoolDir) rmSync(this.spoolDir, { recursive: true, force: true });
    this.spoolFd = null;
    this.spoolDir = null;
  }

  /** The report as the terminal shows it: every kind of note with its count, never cut short. */
  format(): string {
    const lines: string[] = [];
    const json = this.summary();
    lines.push(`${this.dryRun ? 'Dry run (nothing was written)' : 'Import finished'}: ${this.source} from ${this.file} in ${json.seconds} s`);
    const list = (counts: Record<string, number>) =>
      Object.entries(counts).map(([what, n]) => `${n.toLocaleString('en')} ${what}`).join(', ') || 'nothing';
    lines.push(`  ${this.dryRun ? 'would import' : 'imported'}: ${list(this.added_)}`);
    if (Object.keys(this.existing_).length) lines.push(`  already there (left as they are): ${list(this.existing_)}`);
    const skipped = Object.entries(this.skipped_);
    if (skipped.length) {
      lines.push('  skipped:');
      for (const [reason, { count, examples }] of skipped) {
        lines.push(`    ${count.toLocaleString('en')} × ${reason}${examples.length ? `, e.g. ${examples.slice(0, 3).join('; ')}` : ''}`);
      }
    }
    if (this.reviewCount) {
      const where = this.dryRun ? 'every one of them with --report FILE' : 'every one of them in the table import_notes and with --report FILE';
      lines.push(`  needs a human look (${this.reviewCount.toLocaleString('en')} notes of ${Object.keys(this.kinds).length} kinds; ${where}):`);
      const kinds = Object.entries(this.kinds).sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
      for (const [kind, { count, examples }] of kinds) {
        lines.push(`    ${count.toLocaleString('en')} × ${kind}`);
        for (const note of examples.slice(0, 3)) lines.push(`        ${note.item}: ${note.message}`);
        if (count > 3) lines.push(`        … and ${(count - 3).toLocaleString('en')} more of this kind`);
      }
    }
    if (this.remoteCount) {
      lines.push(`  kept as remote URLs (${this.remoteCount.toLocaleString('en')}; give --media-dir or --fetch-media to import the files):`);
      for (const url of [...this.remote].slice(0, 10)) lines.push(`    ${url}`);
      if (this.remoteCount > 10) lines.push(`    … and ${this.remoteCount - 10} more (--report FILE lists them)`);
    }
    return lines.join('\n');
  }
}
