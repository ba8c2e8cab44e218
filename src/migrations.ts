/** Every capability's migrations, in order. Numbers are global; see platform/db/migrate.ts. */
import type { Migration } from './platform/db/migrate.js';
import { adminMigrations } from './admin/migrations.js';
import { peopleMigrations } from './admin/people/migrations.js'; // people (issue 11): 0041_staff_people
import { platformMigrations } from './platform/migrations.js';
import { jobsMigrations } from './platform/jobs/migrations.js';
import { mediaMigrations } from './media/migrations.js';
import { contentMigrations } from './content/migrations.js';
import { searchMigrations } from './search/migrations.js';
import { spamMigrations } from './discussion/spam/migrations.js';
import { discussionMigrations } from './discussion/migrations.js';
import { notifyMigrations } from './discussion/notify/migrations.js'; // notify (0008)
import { moderationMigrations } from './discussion/moderation/migrations.js';
import { correctionsMigrations } from './content/corrections/migrations.js'; // corrections (0010)
import { audienceMigrations } from './audience/migrations.js'; // audience: 0011_newsletter
import { proofreadMigrations } from './admin/proofread/migrations.js'; // proofreading: 0012_proofread
// --- distribution (issue 5) ---
import { createAutopostTables } from './distribution/autopost/migrations.js';
import { createWebhookTables } from './distribution/webhooks/migrations.js';

/** Channel autopost log and webhooks: one migration for both, as the issue asked. */
const distributionMigrations: Migration[] = [
  {
    name: '0013_distribution',
    async up(db, dialect) {
      await createAutopostTables(db, dialect);
      await createWebhookTables(db, dialect);
    },
  },
];
// --- end distribution ---
import { importMigrations } from './migrate-in/migrations.js'; // migrate-in (issue 7): 0017_import
import { readersMigrations } from './discussion/readers/migrations.js'; // readers: 0018_readers
import { securityMigrations } from './platform/security-migrations.js'; // security (issue 15): 0025–0029
import { fundingMigrations } from './funding/migrations.js'; // funding (issue 18): 0030_supporters
import { integrationsMigrations } from './integrations/migrations.js'; // integrations (issue 17): 0075_integrations
import { translationsMigrations } from './content/translations/index.js'; // translations (issue 12): 0060
import { themeMigrations } from './site/theme/migrations.js'; // design (issue 12): 0055_theme_assets
import { staffMailMigrations } from './platform/comment-mail.js'; // issue 11c: 0050_staff_mail_prefs
import { digestMigrations } from './discussion/notify/digest.js'; // issue 11c: 0051_notify_digests, 0086_notify_digest_last_job
import { issueMigrations } from './audience/issue-migrations.js'; // issue 11c: 0052_newsletter_issues
import { federationMigrations } from './federation/index.js'; // issue 13: 0065_federation

export const allMigrations: Migration[] = [
  ...platformMigrations,
  ...mediaMigrations,
  ...contentMigrations,
  ...searchMigrations,
  ...jobsMigrations,
  ...spamMigrations,
  ...discussionMigrations,
  ...notifyMigrations, // 0008_notify
  ...moderationMigrations, // 0009_moderation
  ...correctionsMigrations, // 0010_corrections
  ...audienceMigrations, // 0011_newsletter (audience)
  ...proofreadMigrations, // 0012_proofread (admin/proofread)
  ...distributionMigrations, // 0013_distribution (issue 5)
  ...adminMigrations,
  ...peopleMigrations, // 0041_staff_people (admin/people, issue 11)
  ...importMigrations, // 0017_import (migrate-in, issue 7)
  ...readersMigrations, // 0018_readers (discussion/readers)
  ...securityMigrations, // 0025–0029 (security, issue 15)
  ...fundingMigrations, // 0030_supporters (funding, issue 18)
  ...integrationsMigrations, // 0075_integrations (issue 17)
  ...translationsMigrations, // 0060_article_translations (content/translations, issue 12)
  ...themeMigrations, // 0055_theme_assets (site/theme, issue 12)
  ...staffMailMigrations, ...digestMigrations, ...issueMigrations, // 0050–0052, 0086 (issue 11c: comment mail choice, digests, newsletter issues; digest keys by last job)
  ...federationMigrations, // 0065_federation (issue 13)
];
