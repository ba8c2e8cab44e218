/**
 * The command-line side: `blattwerk import wordpress|ghost|disqus FILE …` and
 * `blattwerk export --format wordpress [FILE]`. src/cli/index.ts hands the arguments
 * after the command word to these functions; they parse their own options, print their
 * own `--help`, and answer the exit code (0 done, 1 failed and nothing written, 2 usage).
 *
 * @example
 *   // blattwerk import wordpress export.xml --media-dir ./uploads --dry-run
 *   process.exitCode = await runImportCommand(['wordpress', 'export.xml', '--media-dir', './uploads', '--dry-run'], process.env);
 *   // blattwerk export --format wordpress site.xml
 *   process.exitCode = await runWxrExport(['--format', 'wordpress', 'site.xml'], process.env);
 */
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import { loadConfig, ConfigError, type Config } from '../platform/config.js';
import { DatabaseUrlError } from '../platform/db/index.js';
import { MigrationError } from '../platform/db/migrate.js';
import { ImportFileError, ImportItemError } from './errors.js';
import { createProgress, silentProgress } from './progress.js';
import type { ImportReport } from './report.js';

const COMMON = `Common options:
  --data DIR            data folder (default ./data; BLATTWERK_DATA)
  --database-url URL    sqlite:FILE or postgres://… (BLATTWERK_DATABASE_URL)
  --config FILE         JSON config file (BLATTWERK_CONFIG)
  --log-level LEVEL     fatal|error|warn|info|debug|trace|silent
  -h, --help            this help`;

export const IMPORT_HELP = `Usage: blattwerk import wordpress FILE.xml [--media-dir DIR] [--fetch-media] [options]
       blattwerk import ghost FILE.json [--media-dir DIR] [--site-url URL] [--fetch-media] [options]
       blattwerk import disqus FILE.xml [options]

Moves a site in: articles, pages, authors, tags, images and comments, with their dates,
threads and old addresses (which then redirect here with 301).

  wordpress   a WordPress export (Tools → Export → All content), read as a stream:
              files of any size. --media-dir is the old wp-content/uploads folder
              (files are matched by year/month/name, whichever host served them:
              WordPress.com, i0.wp.com, a CDN); without it or --fetch-media images
              keep their old addresses and are listed.
  ghost       a Ghost export (Settings → Labs → Export): posts, pages, authors, tags
              and members (they become newsletter subscribers with their consent).
              --media-dir is Ghost's content/images folder, --site-url the old site.
  disqus      a Disqus export: comments, matched to articles by their address.
              Import the articles first.

  --fetch-media download the images from their old addresses during the import
                (at most 20 MB each, images only, 4 at a time; never from private
                or loopback addresses unless --fetch-private is given, for an old
                site on the newsroom's own network)
  --dry-run     read everything and report what would happen; write nothing, not
                even the database file (the run works on a temporary copy)
  --keep-going  skip items that fail (they are reported) instead of importing nothing
  --report FILE also write the full report as JSON to FILE, every note included
  --quiet       no progress display

Running an import again changes nothing; items already imported are left alone, and
comments that are new since the last export are added. Private, password-protected and
members-only posts come in as drafts. The import runs in one transaction: if it fails,
nothing was written. On SQLite other writers wait until it is done, and a running
"blattwerk serve" should be restarted afterwards (its page cache does not hear of the
import; on PostgreSQL the nodes are told).

${COMMON}`;

export const EXPORT_HELP = `Usage: blattwerk export --format wordpress [FILE] --public-url URL [options]

Writes the site as a WordPress export (WXR 1.2) to FILE, or to standard output:
authors, tags, articles and pages with their HTML, the image library (WordPress
downloads the images from this site's public address) and the comments with their
threads. Import it in WordPress under Tools → Import → WordPress.

  --public-url URL  this site's public address, which the export's links and image
                    addresses use (or BLATTWERK_PUBLIC_URL, or publicUrl in the
                    config file); without one the export refuses to guess

The file holds commenters' e-mail addresses: keep it private.

${COMMON}`;

const COMMON_OPTIONS = {
  data: { type: 'string' },
  'database-url': { type: 'string' },
  config: { type: 'string' },
  'log-level': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface Io {
  out: Pick<Writable, 'write'> & { isTTY?: boolean; columns?: number };
  err: Pick<Writable, 'write'> & { isTTY?: boolean; columns?: number };
}

const defaultIo: Io = { out: process.stdout, err: process.stderr };

function configFrom(values: Record<string, unknown>, env: NodeJS.ProcessEnv): Config {
  const config = loadConfig({ flags: values as Record<string, string | boolean | undefined>, env });
  // The CLI prints its own progress and report; the app's info logs would interleave.
  return values['log-level'] || env.BLATTWERK_LOG_LEVEL ? config : { ...config, logLevel: 'warn' };
}

/** Errors the user can act on, printed without a stack; anything else is a bug and rethrown. */
function explain(error: unknown, io: Io, dryRun: boolean): number {
  if (error instanceof ImportFileError || error instanceof ImportItemError) {
    io.err.write(`blattwerk import: ${error.message}\n${dryRun ? '' : 'Nothing was imported: the site is as it was before.\n'}`);
    return 1;
  }
  if (error instanceof ConfigError || error instanceof DatabaseUrlError || error instanceof MigrationError) {
    io.err.write(`blattwerk: ${error.message}\n`);
    return 1;
  }
  throw error;
}

export async function runImportCommand(args: string[], env: NodeJS.ProcessEnv = process.env, io: Io = defaultIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: args[0] === 'import' ? args.slice(1) : args,
      allowPositionals: true,
      strict: true,
      options: {
        ...COMMON_OPTIONS,
        'media-dir': { type: 'string' },
        'site-url': { type: 'string' },
        'dry-run': { type: 'boolean' },
        'fetch-media': { type: 'boolean' },
        'fetch-private': { type: 'boolean' },
        'keep-going': { type: 'boolean' },
        report: { type: 'string' },
        quiet: { type: 'boolean' },
      },
    });
  } catch (error) {
    io.err.write(`${(error as Error).message}\n\n${IMPORT_HELP}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out.write(`${IMPORT_HELP}\n`);
    return 0;
  }
  const [source, file, extra] = positionals;
  if (!source || !['wordpress', 'ghost', 'disqus'].includes(source) || !file || extra) {
    io.err.write(`${IMPORT_HELP}\n`);
    return 2;
  }
  if (values['site-url'] !== undefined && !/^https?:\/\/[^\s]+$/.test(values['site-url'])) {
    io.err.write(`--site-url must be an http(s) address, not "${values['site-url']}"\n`);
    return 2;
  }
  const dryRun = Boolean(values['dry-run']);
  let cleanup = () => {};
  try {
    // An import runs no site jobs (mail, autopost): the server does that.
    let config: Config = { ...configFrom(values, env), workers: false };
    if (dryRun) {
      const { allMigrations } = await import('../migrations.js');
      const dry = await (await import('./dry-run.js')).dryRunConfig(config, allMigrations.map((m) => m.name));
      config = dry.config;
      cleanup = dry.cleanup;
    }
    const { buildServices, closeServices } = await import('../app.js');
    const services = await buildServices(config);
    try {
      const { importDepsFrom } = await import('./deps.js');
      const progress = values.quiet ? () => silentProgress : (label: string) => createProgress(io.err, label);
      const deps = await importDepsFrom(services, progress);
      const options = {
        dryRun,
        keepGoing: Boolean(values['keep-going']),
        fetchMedia: Boolean(values['fetch-media']),
        fetchPrivate: Boolean(values['fetch-private']),
        ...(values['media-dir'] ? { mediaDir: values['media-dir'] } : {}),
      };
      let report: ImportReport;
      if (source === 'wordpress') report = await (await import('./wordpress.js')).importWordPress(deps, file, options);
      else if (source === 'disqus') report = await (await import('./disqus.js')).importDisqus(deps, file, options);
      else {
        const siteUrl = values['site-url'];
        report = await (await import('./ghost.js')).importGhost(deps, file, { ...options, ...(siteUrl ? { siteUrl } : {}) }, services.newsletter);
      }
      io.out.write(`${report.format()}\n`);
      try {
        if (values.report) await report.writeJson(values.report);
      } finally {
        report.dispose();
      }
      return 0;
    } finally {
      await closeServices(services);
    }
  } catch (error) {
    return explain(error, io, dryRun);
  } finally {
    cleanup();
  }
}

export async function runWxrExport(args: string[], env: NodeJS.ProcessEnv = process.env, io: Io = defaultIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: args[0] === 'export' ? args.slice(1) : args,
      allowPositionals: true,
      strict: true,
      options: { ...COMMON_OPTIONS, format: { type: 'string' }, 'public-url': { type: 'string' } },
    });
  } catch (error) {
    io.err.write(`${(error as Error).message}\n\n${EXPORT_HELP}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out.write(`${EXPORT_HELP}\n`);
    return 0;
  }
  if ((values.format !== undefined && values.format !== 'wordpress') || positionals.length > 1) {
    io.err.write(`${EXPORT_HELP}\n`);
    return 2;
  }
  const file = positionals[0];
  try {
    const config = configFrom(values, env);
    // The export's every link and image address is built on the public URL, so it is
    // never guessed: without --public-url, BLATTWERK_PUBLIC_URL or the config file's
    // publicUrl, the value is only the default derived from host and port.
    const probe = configFrom({ ...values, host: '192.0.2.1', port: '9' }, env);
    if (probe.publicUrl === 'http://192.0.2.1:9') {
      io.err.write('blattwerk export: the export needs this site\'s public address for its links and images; give --public-url https://… (or set BLATTWERK_PUBLIC_URL or publicUrl in the config file). Nothing was written.\n');
      return 2;
    }
    const { buildServices, closeServices } = await import('../app.js');
    const services = await buildServices(config);
    // Written next to the target and renamed at the end: a failed export leaves no half file.
    const partial = file ? `${file}.partial` : null;
    try {
      const { exportWxr } = await import('./wxr-export.js');
      const stream = partial ? createWriteStream(partial) : (process.stdout as unknown as Writable);
      const counts = await exportWxr(
        { db: services.database.db, content: services.content, media: services.media, settings: services.settings, publicUrl: config.publicUrl },
        stream,
      );
      if (partial && file) renameSync(partial, file);
      io.err.write(
        `Exported ${counts.articles} articles, ${counts.pages} pages, ${counts.comments} comments, ${counts.attachments} images, ${counts.authors} authors and ${counts.tags} tags${file ? ` to ${file}` : ''}.\n`,
      );
      return 0;
    } catch (error) {
      if (partial) rmSync(partial, { force: true });
      throw error;
    } finally {
      await closeServices(services);
    }
  } catch (error) {
    return explain(error, io, true);
  }
}
