/**
 * For the backup tests: a small site with something in most tables the backup covers —
 * authors with an avatar, tags, images with credit and licence, articles and a page
 * with image blocks, generated articles with threaded comments, replies, likes, an edit,
 * a moderation decision, a staff account, rate-limit events (a table without a primary
 * key), a newsletter subscriber, jobs, and a deleted job so an id counter runs ahead of
 * its table's largest id. Built through the services in a second or two (the demo seed
 * renders 27 large images and takes far longer).
 *
 * @example
 *   const app = await buildApp(config, { now: () => clock });
 *   const site = await seedBusySite(app.services);
 *   site.showcaseSlug; // an article with a discussion
 */
import { systemCaller, type Caller } from '../caller.js';
import { sql } from 'kysely';
import sharp from 'sharp';
import type { Services } from '../../app.js';
import { generateLargeSite } from '../../demo/generate.js';
import { createUser } from '../users.js';

export interface BusySite {
  showcaseSlug: string;
  showcaseId: number;
  tagSlug: string;
}

export async function seedBusySite(services: Services): Promise<BusySite> {
  const { database, settings, content, media } = services;
  await settings.update('site', { title: 'Testblatt', tagline: 'Nachrichten aus der Stadt', language: 'de' });
  await settings.update('discussion', { policy: 'none' });
  await settings.update('donation', { enabled: true, recipient: 'Testblatt e. V.', iban: 'DE02120300000000202051' });

  const image = (r: number, g: number, b: number) =>
    sharp({ create: { width: 320, height: 180, channels: 3, background: { r, g, b } } }).jpeg().toBuffer();
  const photo = await media.importImage(await image(200, 80, 40), {
    name: 'rathaus', alt: 'Das Rathaus', caption: 'Das Rathaus am Markt', credit: 'Jana Beispiel',
    sourceUrl: 'https://example.org/rathaus', licence: 'cc-by-4.0',
  });
  const portrait = await media.importImage(await image(40, 80, 200), { name: 'portrait', alt: 'Porträt', credit: 'privat', licence: 'all-rights-reserved' });

  const jana = await content.createAuthor({
    name: 'Jana Beispiel', bio: { de: 'Lokalreporterin.', en: 'Local reporter.' }, avatarMediaId: portrait.id,
    links: [{ label: 'Website', url: 'https://example.org/jana' }], books: [{ title: 'Die Stadt', url: 'https://example.org/buch', year: 2024 }],
  });
  const max = await content.createAuthor({ name: 'Max Muster' });
  const council = await content.createTag({ name: 'Stadtrat', description: 'Alles aus dem Rat.' });
  const budget = await content.createTag({ name: 'Haushalt' });
  const at = (day: number) => new Date(Date.UTC(2026, 3, day, 9, 0, 0));
  const showcase = await content.createArticle({
    lang: 'de', title: 'Haushaltsdebatte im Stadtrat', subtitle: 'Die Sanierung der Schulen wird teurer',
    body: [
      { type: 'paragraph', text: 'Der Stadtrat hat am Dienstag über den **Haushalt** beraten.' },
      { type: 'heading', level: 2, text: 'Was beschlossen wurde' },
      { type: 'list', ordered: false, items: ['Schulen sanieren', 'Radwege ausbauen'] },
      { type: 'quote', text: 'Wir müssen sparen.', attribution: 'Die Kämmerin', sourceUrl: 'https://example.org/rede' },
      { type: 'image', mediaId: photo.id, caption: 'Sitzung im Rathaus' },
    ],
    status: 'published', publishedAt: at(20), featuredMediaId: photo.id, featuredCaption: 'Das Rathaus',
    authorIds: [jana.id, max.id], tagIds: [council.id, budget.id],
  });
  for (let day = 1; day <= 3; day++) {
    await content.createArticle({
      lang: 'de', title: `Stadtrat tagt zum ${day}. Mal`, body: [{ type: 'paragraph', text: `Die ${day}. Sitzung zum Haushalt der Stadt.` }],
      status: 'published', publishedAt: at(day), authorIds: [max.id], tagIds: [council.id],
    });
  }
  await content.createArticle({ lang: 'de', title: 'Entwurf', body: [], status: 'draft', authorIds: [], tagIds: [] });
  await content.createArticle({
    kind: 'page', lang: 'de', title: 'Über uns', body: [{ type: 'paragraph', text: 'Wir sind eine unabhängige Redaktion.' }],
    status: 'published', publishedAt: at(1), authorIds: [], tagIds: [],
  });
  await generateLargeSite(services, { articles: 20, comments: 200 });
  await createUser(database.db, { email: 'chefin@example.org', password: 'lang-und-geheim', role: 'owner', name: 'Chefin' });

  const guest = (name: string): Caller => ({ kind: 'guest', sessionHash: `s-${name}`, ipHash: `ip-${name}` });
  const post = (body: string, name: string, parentId: number | null = null) =>
    services.operations.postComment(guest(name), showcase.id, { body, parentId, name, email: `${name.toLowerCase()}@example.org`, notify: false });
  const first = await post('Danke für den **Bericht**. Die Zahlen zur Sanierung fehlen aber.', 'Lea');
  const reply = await post('> Die Zahlen fehlen\n\nSie stehen im Haushaltsplan, Seite 12.', 'Ben', first.id);
  await post('Und wer zahlt am Ende? Das bleibt offen.', 'Clara', reply.id);
  const edited = await post('Guter Artikel, tippfehler im Titel', 'Ida');
  await services.operations.editComment(guest('Ida'), edited.id, 'Guter Artikel, Tippfehler im Titel.');
  const rejected = await post('Ein ganz normaler Kommentar.', 'Kim');
  await services.moderation.decide(systemCaller('Moderation'), [rejected.id], 'reject', 'Test');
  await services.operations.like(guest('voter-1'), first.id);
  await services.operations.like(guest('voter-2'), first.id);

  for (const ip of ['a', 'a', 'b']) await services.limits.limit('comment', `ip-${ip}`);
  const stamp = new Date().toISOString();
  await sql`insert into subscribers (email, email_hash, name, status, subscribed_at, confirmed_at, updated_at)
    values ('leserin@example.org', 'hash-1', 'Leserin', 'active', ${stamp}, ${stamp}, ${stamp})`.execute(database.db);
  await services.jobs.enqueue('backup.test', { n: 1 });
  const gone = await services.jobs.enqueue('backup.test', { n: 2 });
  await sql`delete from jobs where id = ${gone}`.execute(database.db);
  return { showcaseSlug: showcase.slug, showcaseId: showcase.id, tagSlug: council.slug };
}
