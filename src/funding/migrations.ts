/**
 * `0030_supporters`: supporters, SEPA mandates with their amount history, debits and the
 * pain.008 exports that carry them, imported camt.053 statements line by line, receipts
 * and the supporters' settings. The unique keys are the rules "nothing is collected
 * twice" (`debits_mandate_due`) and "a statement imported twice adds nothing"
 * (`statement_entries.entry_key`).
 *
 * @example
 *   await migrateToLatest(handle, [...allMigrations]); // includes fundingMigrations
 */
import type { Migration } from '../platform/db/migrate.js';
import { withId } from '../platform/db/migrate.js';

export const fundingMigrations: Migration[] = [
  {
    name: '0030_supporters',
    async up(db, dialect) {
      await withId(db.schema.createTable('supporters'), dialect)
        .addColumn('email', 'text')
        .addColumn('email_hash', 'text', (c) => c.unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('street', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('postcode', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('city', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('lang', 'text', (c) => c.notNull().defaultTo('de'))
        .addColumn('reference', 'text', (c) => c.notNull().unique())
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('link_version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('erased_at', 'text')
        .execute();

      await withId(db.schema.createTable('mandates'), dialect)
        .addColumn('supporter_id', 'integer', (c) => c.notNull().references('supporters.id'))
        .addColumn('reference', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('account_holder', 'text', (c) => c.notNull())
        .addColumn('iban_cipher', 'text')
        .addColumn('iban_hash', 'text', (c) => c.notNull())
        .addColumn('iban_masked', 'text', (c) => c.notNull())
        .addColumn('bic', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('amount_cents', 'integer', (c) => c.notNull())
        .addColumn('interval', 'text', (c) => c.notNull())
        .addColumn('consent_text', 'text', (c) => c.notNull())
        .addColumn('consent_ip_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('confirmed_at', 'text')
        .addColumn('signed_on', 'text')
        .addColumn('next_due', 'text')
        .addColumn('returns', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('pause_reason', 'text')
        .addColumn('ended_at', 'text')
        .addColumn('confirm_sent_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // The export walks active mandates by due day; transfers are matched by IBAN hash.
      await db.schema.createIndex('mandates_status_due').on('mandates').columns(['status', 'next_due']).execute();
      await db.schema.createIndex('mandates_iban_hash').on('mandates').column('iban_hash').execute();
      await db.schema.createIndex('mandates_supporter').on('mandates').column('supporter_id').execute();

      await withId(db.schema.createTable('mandate_amounts'), dialect)
        .addColumn('mandate_id', 'integer', (c) => c.notNull().references('mandates.id'))
        .addColumn('from_day', 'text', (c) => c.notNull())
        .addColumn('amount_cents', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('mandate_amounts_mandate').on('mandate_amounts').columns(['mandate_id', 'from_day']).execute();

      await withId(db.schema.createTable('debit_exports'), dialect)
        .addColumn('collect_on', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('total_cents', 'integer', (c) => c.notNull())
        .addColumn('xml', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', 'text')
        .addColumn('undone_at', 'text')
        .execute();

      await withId(db.schema.createTable('debits'), dialect)
        .addColumn('mandate_id', 'integer', (c) => c.notNull().references('mandates.id'))
        .addColumn('supporter_id', 'integer', (c) => c.notNull().references('supporters.id'))
        .addColumn('export_id', 'integer', (c) => c.notNull().references('debit_exports.id'))
        .addColumn('due_on', 'text', (c) => c.notNull())
        .addColumn('collect_on', 'text', (c) => c.notNull())
        .addColumn('amount_cents', 'integer', (c) => c.notNull())
        .addColumn('end_to_end_id', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('return_reason', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('debits_mandate_due', ['mandate_id', 'due_on'])
        .execute();
      await db.schema.createIndex('debits_export').on('debits').column('export_id').execute();

      await withId(db.schema.createTable('statements'), dialect)
        .addColumn('statement_key', 'text', (c) => c.notNull().unique())
        .addColumn('account_masked', 'text', (c) => c.notNull())
        .addColumn('from_day', 'text')
        .addColumn('to_day', 'text')
        .addColumn('entries', 'integer', (c) => c.notNull())
        .addColumn('added', 'integer', (c) => c.notNull())
        .addColumn('imported_by', 'integer')
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('statement_entries'), dialect)
        .addColumn('statement_id', 'integer', (c) => c.notNull().references('statements.id'))
        .addColumn('entry_key', 'text', (c) => c.notNull().unique())
        .addColumn('booked_on', 'text', (c) => c.notNull())
        .addColumn('amount_cents', 'integer', (c) => c.notNull())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('end_to_end_id', 'text')
        .addColumn('return_reason', 'text')
        .addColumn('payer_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('payer_iban_hash', 'text')
        .addColumn('remittance', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('matched_by', 'text', (c) => c.notNull())
        .addColumn('supporter_id', 'integer', (c) => c.references('supporters.id'))
        .addColumn('debit_id', 'integer', (c) => c.references('debits.id'))
        .addColumn('appeal', 'text')
        .addColumn('retain_until', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('statement_entries_supporter').on('statement_entries').columns(['supporter_id', 'booked_on']).execute();
      await db.schema.createIndex('statement_entries_match').on('statement_entries').columns(['matched_by', 'kind']).execute();

      await db.schema
        .createTable('supporter_accounts')
        .addColumn('supporter_id', 'integer', (c) => c.notNull().references('supporters.id'))
        .addColumn('iban_hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('supporter_accounts_pk', ['supporter_id', 'iban_hash'])
        .execute();

      await withId(db.schema.createTable('receipts'), dialect)
        .addColumn('supporter_id', 'integer', (c) => c.notNull().references('supporters.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull().unique())
        .addColumn('total_cents', 'integer', (c) => c.notNull())
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('mailed_at', 'text')
        .addColumn('retain_until', 'text', (c) => c.notNull())
        .addUniqueConstraint('receipts_supporter_year', ['supporter_id', 'year'])
        .execute();

      await db.schema
        .createTable('supporter_settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
];
