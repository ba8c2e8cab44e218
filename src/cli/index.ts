/**
 * The `blattwerk` command. Every command takes `--data DIR` and honours
 * `BLATTWERK_DATABASE_URL`; flags win over environment variables, which win over the
 * config file (see platform/config.ts).
 *
 * @example
 *   blattwerk serve --port 8080
 *   blattwerk user add --email chefin@example.org --password … --role owner
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, ConfigError, type Config } from '../platform/config.js';
import { AppError } from '../platform/errors.js';
import { growHeapsForServing } from '../platform/heap.js';
import { createUser, ROLES } from '../platform/users.js';
import { MigrationError } from '../platform/db/migrate.js';
import { DatabaseUrlError } from '../platform/db/index.js';
import { BackupError } from '../platform/backup/format.js'; // backups (issue 6)

const COMMON = `Common options:
  --data DIR            data folder (default ./data; BLATTWERK_DATA)
  --database-url URL    sqlite:FILE or postgres://… (BLATTWERK_DATABASE_URL)
  --config FILE         JSON config file (BLATTWERK_CONFIG; default DATA/blattwerk.json)
  --log-level LEVEL     fatal|error|warn|info|debug|trace|silent
  -h, --help            this help`;

const HELP: Record<string, string> = {
  main: `Blattwerk – a publishing platform for independent newsrooms.

Usage: blattwerk <command> [options]

Commands:
  serve      run the web server
  demo       seed demo content (idempotent)
  migrate    bring the database schema up to date
  federation rotate-keys   new signing keys for the fediverse actors
  user add   create a staff account
  backup     write a consistent backup of the database to a file
  restore    restore a backup into an empty database
  export     write all content, comments, subscribers and settings as JSON
  import     import such a JSON export (idempotent)

Run "blattwerk <command> --help" for a command's options.

${COMMON}`,
  serve: `Usage: blattwerk serve [--port N] [--host H] [--data DIR] [--demo]

  --port N          port to listen on (default 3000; BLATTWERK_PORT)
  --host H          address to bind (default 127.0.0.1; BLATTWERK_HOST)
  --public-url URL  the site's public origin (BLATTWERK_PUBLIC_URL)
  --smtp-url URL    where mail goes (BLATTWERK_SMTP_URL; default: DATA/outbox/)
  --trust-proxy B   true behind nginx or a CDN (BLATTWERK_TRUST_PROXY)
  --page-cache B    serve anonymous pages from memory (default true)
  --workers B       run scheduled publishing and jobs here (default true)
  --processes N     N processes share the port and the database (default 1; 0: one per core;
                    BLATTWERK_PROCESSES); jobs and the scheduler run in one of them
  --render-threads N  threads per process that render cache misses, search and feeds, so
                    cached pages never wait behind them (default 1; 0: render on the event loop)
  --metrics-token T enables /metrics for this bearer token (BLATTWERK_METRICS_TOKEN)
  --demo            seed demo content first if the database has none
  --federation      federation on whatever the site setting says (BLATTWERK_FEDERATION=on)

${COMMON}`,
  demo: `Usage: blattwerk demo [--data DIR] [--lang de|en] [--articles N --comments M]

Seeds demo content: authors, tags, locally generated images with credits and licences,
German and English articles, pages and site settings. Running it again adds nothing.

  --lang de|en      the site language for a new demo site (default de)
  --articles N      also generate N synthetic articles (for measurements at scale)
  --comments M      and M threaded comments spread over them

${COMMON}`,
  federation: `Usage: blattwerk federation rotate-keys [--actor site|aID]

Retires the signing keys of every fediverse actor (or one) and makes new ones; the actor
documents publish the new keys at once and remote servers fetch them on the next delivery.

${COMMON}`,
  migrate: `Usage: blattwerk migrate [--data DIR]

Applies pending database migrations and prints their names.

${COMMON}`,
  user: `Usage: blattwerk user add --email E --password P --role ROLE [--name N]

  --role            one of ${ROLES.join(', ')}

${COMMON}`,
  // --- backups (issue 6): backup, restore, export, import; code in src/platform/backup/ ---
  backup: `Usage: blattwerk backup FILE [--data DIR]

Writes every row of every table to FILE (gzip-compressed JSON Lines, the same format
for SQLite and PostgreSQL) from one consistent snapshot; the site may keep running.
Media files are not in it: back up DATA/media/ alongside. The file holds the site key
and personal data: keep it private.

${COMMON}`,
  restore: `Usage: blattwerk restore FILE [--data DIR]

Restores a backup into an EMPTY database (a new SQLite file or PostgreSQL database,
from either kind), migrates the schema, resets id counters and rebuilds the search
index. A damaged or truncated file restores nothing.

${COMMON}`,
  export: `Usage: blattwerk export [FILE] [--data DIR] [--format json|wordpress]

With --format wordpress: a WordPress eXtended RSS (WXR 1.2) file that WordPress itself
can import; it needs --public-url URL (or BLATTWERK_PUBLIC_URL) for its links and images
(see "blattwerk export --format wordpress --help").

Writes articles, pages, authors, tags, media metadata, comments, newsletter
subscribers and settings (without the site key) as one JSON document to FILE, or to
standard output. The format is described in src/platform/backup/FORMAT.md.

${COMMON}`,
  import: `Usage: blattwerk import FILE [--data DIR]
       blattwerk import wordpress|ghost|disqus FILE [--dry-run] [--media-dir DIR] …

The second form moves a site in from WordPress (WXR), Ghost (JSON) or Disqus (XML); see
"blattwerk import wordpress --help".

Imports a JSON export, normally into an empty site. Running it again changes nothing:
what is already there (by slug, path, id or address) is left alone.

${COMMON}`,
  // --- end backups ---
};

const OPTIONS = {
  data: { type: 'string' },
  'database-url': { type: 'string' },
  config: { type: 'string' },
  'log-level': { type: 'string' },
  'public-url': { type: 'string' },
  'smtp-url': { type: 'string' },
  'metrics-token': { type: 'string' },
  'trust-proxy': { type: 'string' },
  'page-cache': { type: 'string' },
  workers: { type: 'string' },
  processes: { type: 'string' },
  'render-threads': { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  demo: { type: 'boolean' },
  federation: { type: 'boolean' }, // issue 13: --federation
  actor: { type: 'string' }, // issue 13: federation rotate-keys --actor
  lang: { type: 'string' },
  articles: { type: 'string' },
  comments: { type: 'string' },
  email: { type: 'string' },
  password: { type: 'string' },
  role: { type: 'string' },
  name: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

class UsageError extends Error {}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // Moving in and out of other systems has its own options (see src/migrate-in/cli.ts).
  const [first, second] = argv;
  if (first === 'import' && (second === 'wordpress' || second === 'ghost' || second === 'disqus')) {
    const { runImportCommand } = await import('../migrate-in/cli.js');
    return runImportCommand(argv, env);
  }
  const format = argv.indexOf('--format');
  if (first === 'export' && format !== -1 && argv[format + 1] === 'wordpress') {
    const { runWxrExport } = await import('../migrate-in/cli.js');
    return runWxrExport(argv.filter((_, k) => k !== format && k !== format + 1), env);
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP.main}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, sub] = positionals;
  if (!command || command === 'help') {
    console.log(HELP.main);
    return command ? 0 : values.help ? 0 : 2;
  }
  if (!HELP[command]) {
    console.error(`Unknown command "${command}".\n\n${HELP.main}`);
    return 2;
  }
  if (values.help) {
    console.log(HELP[command]);
    return 0;
  }
  try {
    const config = loadConfig({ flags: values, env });
    switch (command) {
      case 'serve':
        // Serving renders off the event loop by default; a bare buildApp (tests) does not.
        return await serve(
          values['render-threads'] === undefined && !env.BLATTWERK_RENDER_THREADS ? { ...config, renderThreads: 1 } : config,
          Boolean(values.demo),
        );
      case 'demo':
        return await demo(config, values.lang, values.articles, values.comments);
      case 'migrate':
        return await migrate(config);
      case 'federation': // issue 13
        if (sub !== 'rotate-keys') throw new UsageError(HELP.federation!);
        return await rotateKeys(config, values.actor);
      case 'user':
        if (sub !== 'add') throw new UsageError(HELP.user);
        return await userAdd(config, values);
      // --- backups (issue 6) ---
      case 'backup':
      case 'restore':
      case 'export':
      case 'import':
        if (!sub && command !== 'export') throw new UsageError(HELP[command]!);
        return await backupCommand(command, config, sub);
      // --- end backups ---
    }
    return 2;
  } catch (error) {
    if (error instanceof UsageError) console.error(error.message);
    else if (error instanceof ConfigError || error instanceof DatabaseUrlError || error instanceof MigrationError) {
      console.error(`blattwerk: ${error.message}`);
    } else if (error instanceof BackupError) {
      console.error(`blattwerk: ${error.message}`); // backups (issue 6)
    } else if (error instanceof AppError) {
      console.error(`blattwerk: ${error.field ? `${error.field}: ` : ''}${error.detail ?? error.code}`);
    } else throw error;
    return 1;
  }
}

async function serve(config: Config, withDemo: boolean): Promise<number> {
  // Before anything is allocated: fewer full collections in every process and render thread (heap.ts).
  growHeapsForServing();
  const { buildApp, buildServices, closeServices } = await import('../app.js');
  const { joinCluster, processIndex, runPrimary, workerConfig } = await import('./cluster.js');
  const { default: cluster } = await import('node:cluster');
  const processes = config.processes === 0 ? availableParallelism() : config.processes;
  if (processes > 1 && cluster.isPrimary) {
    // Migrate (and seed) once, before any process starts on the database.
    return runPrimary(config, processes, async () => {
      const services = await buildServices({ ...config, workers: false });
      if (withDemo) await seedIfEmpty(services);
      await closeServices(services);
    });
  }
  const index = processIndex();
  // Seed before the app starts its render threads, jobs and federation queue: they open
  // connections of their own, and one of them writing while the demo is seeded made the
  // seed fail with SQLITE_BUSY (database is locked) on a first `npm start`.
  if (!index && withDemo) {
    const services = await buildServices({ ...config, workers: false });
    try {
      await seedIfEmpty(services);
    } finally {
      await closeServices(services);
    }
  }
  const app = await buildApp(index ? workerConfig(config, index) : config);
  if (index) joinCluster(app, index);
  await app.http.listen({ port: config.port, host: config.host });
  const address = app.http.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`Blattwerk is running at http://${config.host}:${port}/ (database: ${app.services.database.dialect})`);
  printAdminHint(config);
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.services.logger.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  return new Promise<number>(() => undefined);
}

/** issue 13: new keys for the fediverse actors (`blattwerk federation rotate-keys`). */
async function rotateKeys(config: Config, actor: string | undefined): Promise<number> {
  const { buildServices, closeServices } = await import('../app.js');
  const services = await buildServices({ ...config, workers: false });
  try {
    const rotated = await services.federation.keys.rotate(actor);
    console.log(rotated.length ? `New keys for: ${rotated.join(', ')}` : 'No actor has keys yet (they are made on first use).');
    return 0;
  } finally {
    await closeServices(services);
  }
}

async function seedIfEmpty(services: import('../app.js').Services): Promise<void> {
  const any = await services.database.db.selectFrom('articles').select('id').limit(1).executeTakeFirst();
  if (any) return;
  console.log('First run: seeding demo content …');
  const { seedDemo } = await import('../demo/seed.js');
  const report = await seedDemo(services);
  console.log(`Seeded ${report.articles} articles, ${report.pages} pages, ${report.authors} authors, ${report.images} images.`);
  await createDemoOwner(services);
}

async function createDemoOwner(services: import('../app.js').Services): Promise<void> {
  const file = join(services.config.dataDir, 'admin-login.txt');
  // The demo's own staff (an author who answers in the discussion) cannot sign in; what
  // counts is whether somebody can run the site.
  const existing = await services.database.db.selectFrom('users').select('id').where('role', '=', 'owner').limit(1).executeTakeFirst();
  if (existing || existsSync(file)) return;
  const password = randomBytes(12).toString('base64url');
  const email = 'redaktion@example.org';
  await createUser(services.database.db, { email, password, role: 'owner', name: 'Redaktion' });
  writeFileSync(file, `Admin: ${services.config.publicUrl}/admin/\nE-Mail: ${email}\nPassword: ${password}\n`, { mode: 0o600 });
}

function printAdminHint(config: Config): void {
  const file = join(config.dataDir, 'admin-login.txt');
  if (existsSync(file)) {
    console.log(`Newsroom sign-in (from ${file}):`);
    console.log(`  ${readFileSync(file, 'utf8').trim().split('\n').join('\n  ')}`);
  } else {
    console.log('Create a staff account with: npx blattwerk user add --email E --password P --role owner');
  }
}

function count(value: string | undefined, flag: string): number {
  if (value === undefined) return 0;
  if (!/^\d{1,8}$/.test(value)) throw new UsageError(`${flag} must be a whole number\n\n${HELP.demo}`);
  return Number(value);
}

async function demo(config: Config, lang: string | undefined, articlesFlag?: string, commentsFlag?: string): Promise<number> {
  if (lang !== undefined && lang !== 'de' && lang !== 'en') throw new UsageError(`--lang must be de or en\n\n${HELP.demo}`);
  const articles = count(articlesFlag, '--articles');
  const comments = count(commentsFlag, '--comments');
  const { buildServices, closeServices } = await import('../app.js');
  const services = await buildServices({ ...config, logLevel: config.logLevel });
  try {
    const { seedDemo } = await import('../demo/seed.js');
    const report = await seedDemo(services, { lang: lang as 'de' | 'en' | undefined });
    await createDemoOwner(services);
    await services.search.reindexAll();
    console.log(
      `Demo content: ${report.articles} new articles, ${report.pages} pages, ${report.authors} authors, ${report.tags} tags, ${report.images} images.`,
    );
    if (articles > 0 || comments > 0) {
      const { generateLargeSite } = await import('../demo/generate.js');
      const made = await generateLargeSite(services, { articles, comments, onProgress: (m) => console.log(m) });
      console.log(`Generated ${made.articles} articles and ${made.comments} comments.`);
    }
    return 0;
  } finally {
    await closeServices(services);
  }
}

async function migrate(config: Config): Promise<number> {
  const { openDatabase } = await import('../platform/db/index.js');
  const { migrateToLatest } = await import('../platform/db/migrate.js');
  const { allMigrations } = await import('../migrations.js');
  const handle = await openDatabase(config.databaseUrl);
  try {
    const applied = await migrateToLatest(handle, allMigrations);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    return 0;
  } finally {
    await handle.close();
  }
}

async function userAdd(config: Config, values: { email?: string; password?: string; role?: string; name?: string }): Promise<number> {
  if (!values.email || !values.password || !values.role) throw new UsageError(HELP.user);
  const { openDatabase } = await import('../platform/db/index.js');
  const { migrateToLatest } = await import('../platform/db/migrate.js');
  const { allMigrations } = await import('../migrations.js');
  const handle = await openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(handle, allMigrations);
    const user = await createUser(handle.db, { email: values.email, password: values.password, role: values.role, name: values.name });
    console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
    return 0;
  } finally {
    await handle.close();
  }
}

// --- backups (issue 6): the CLI hands in what lives above platform/ ---
async function backupCommand(command: 'backup' | 'restore' | 'export' | 'import', config: Config, file: string | undefined): Promise<number> {
  const { runBackupCommand } = await import('../platform/backup/commands.js');
  const { allMigrations } = await import('../migrations.js');
  const { createSearchService } = await import('../search/index.js');
  const { loadSecret } = await import('../app.js');
  return runBackupCommand(command, config, file, {
    migrations: allMigrations,
    reindex: (handle) => createSearchService(handle).reindexAll(),
    loadSecret,
  });
}
// --- end backups ---
