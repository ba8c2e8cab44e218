/**
 * The end report of an import: what came in, what was skipped and why, and what needs a
 * human look. Counts are exact however big the file; the examples kept for each reason
 * are capped, so a two-million-comment import does not hold two million strings (the
 * full list of notes is in the `import_notes` table after a real run).
 *
 * @example
 *   const report = new ImportReport('wordpress', 'export.xml', false);
 *   report.added('articles');
 *   report.skip('spam comment', 'comment 88 on post 12');
 *   report.review('post 12 "Haushalt"', 'table converted to a list');
 *   console.log(report.format());
 */
import { own } from './own.js';

const EXAMPLES = 20;

export interface ReviewNote {
  item: string;
  message: string;
  /** Sanitised original markup that could not be converted. */
  html?: string;
  articleId?: number | null;
}

export interface ReportJson {
  source: string;
  file: string;
  dryRun: boolean;
  added: Record<string, number>;
  existing: Record<string, number>;
  skipped: Record<string, { count: number; examples: string[] }>;
  review: { count: number; notes: ReviewNote[] };
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
  readonly reviewNotes: ReviewNote[] = [];
  reviewCount = 0;
  readonly remote = new Set<string>();
  remoteCount = 0;
  private readonly started = Date.now();
  /** Called for every note, so a real run can store all of them, not only the examples. */
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

  async review(item: string, message: string, extra: { html?: string; articleId?: number | null } = {}): Promise<void> {
    const note: ReviewNote = { item, message, ...extra };
    this.reviewCount++;
    if (this.reviewNotes.length < 1000) {
      this.reviewNotes.push({ item: own(item), message: own(message), ...(extra.html ? { html: own(extra.html) } : {}), ...(extra.articleId !== undefined ? { articleId: extra.articleId } : {}) });
    }
    await this.onNote?.(note);
  }

  /** A remote image or file kept by its URL (no uploads folder, or the file was missing). */
  remoteMedia(url: string): void {
    if (this.remote.has(url)) return;
    this.remoteCount++;
    if (this.remote.size < 5000) this.remote.add(own(url));
  }

  toJSON(): ReportJson {
    return {
      source: this.source,
      file: this.file,
      dryRun: this.dryRun,
      added: this.added_,
      existing: this.existing_,
      skipped: this.skipped_,
      review: { count: this.reviewCount, notes: this.reviewNotes },
      remoteMedia: { count: this.remoteCount, urls: [...this.remote] },
      seconds: Math.round((Date.now() - this.started) / 100) / 10,
    };
  }

  /** The report as the terminal shows it. */
  format(): string {
    const lines: string[] = [];
    const json = this.toJSON();
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
      lines.push(`  needs a human look (${this.reviewCount.toLocaleString('en')}${this.dryRun ? '' : '; all of them in the table import_notes'}):`);
      for (const note of this.reviewNotes.slice(0, 30)) lines.push(`    ${note.item}: ${note.message}`);
      if (this.reviewCount > 30) lines.push(`    … and ${this.reviewCount - 30} more (--report FILE writes up to 1,000)`);
    }
    if (this.remoteCount) {
      lines.push(`  kept as remote URLs (${this.remoteCount.toLocaleString('en')}; give --media-dir to import the files):`);
      for (const url of [...this.remote].slice(0, 10)) lines.push(`    ${url}`);
      if (this.remoteCount > 10) lines.push(`    … and ${this.remoteCount - 10} more (--report FILE lists them)`);
    }
    return lines.join('\n');
  }
}
