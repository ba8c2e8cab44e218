// Suggestions, decisions, notes and the log against both databases (PostgreSQL when
// BLATTWERK_TEST_PG_URL is set), through the service with the real content service.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eachDatabase } from '../../platform/testing.js';
import { createEventBus, type EventName } from '../../platform/events.js';
import { createUser } from '../../platform/users.js';
import { AppError } from '../../platform/errors.js';
import { createContentService } from '../service.js';
import { createCorrectionsService, type Staff } from './service.js';

const code = (c: string) => (error: unknown) => error instanceof AppError && error.code === c;

eachDatabase('corrections store', (handle) => {
  let clock = new Date('2026-05-01T10:00:00Z');
  const now = () => clock;
  const later = (s: number) => (clock = new Date(clock.getTime() + s * 1000));
  const events: EventName[] = [];
  const setup = async () => {
    const { db } = handle();
    const bus = createEventBus({ error: () => undefined });
    bus.onAny((event) => void events.push(event));
    const content = createContentService({ db, bus, now });
    const corrections = createCorrectionsService({ db, content, bus, now });
    return { db, content, corrections };
  };
  let ctx: Awaited<ReturnType<typeof setup>>;
  let editor: Staff;
  let author: Staff;
  let articleId = 0;
  let otherId = 0;

  test('setup: two articles, an editor and an author who wrote one of them', async () => {
    ctx = await setup();
    const e = await createUser(ctx.db, { email: 'redaktion@example.org', password: 'sehr-geheim-123', role: 'editor', name: 'Redaktion' });
    const a = await createUser(ctx.db, { email: 'autorin@example.org', password: 'sehr-geheim-123', role: 'author', name: 'Autorin' });
    editor = { id: e.id, name: 'Redaktion', role: 'editor' };
    author = { id: a.id, name: 'Autorin', role: 'author' };
    const writer = await ctx.content.createAuthor({ name: 'Jana Beispiel' });
    await ctx.db.updateTable('authors').set({ user_id: a.id }).where('id', '=', writer.id).execute();
    const published = { status: 'published' as const, publishedAt: new Date('2026-04-30T10:00:00Z'), lang: 'de' as const, tagIds: [] };
    articleId = (await ctx.content.createArticle({
      ...published, title: 'Lage', authorIds: [writer.id],
      body: [{ type: 'paragraph', text: 'Der Krieg in der Urkaine dauert an.' }, { type: 'paragraph', text: 'Hilfe kommt.' }],
    })).id;
    otherId = (await ctx.content.createArticle({ ...published, title: 'Anderes', authorIds: [], body: [{ type: 'paragraph', text: 'Ein Tippfeler.' }] })).id;
  });

  test('a suggestion records where the passage is; the inbox filters by author in the query', async () => {
    const article = (await ctx.content.store.findBy('id', articleId))!;
    const { id } = await ctx.corrections.suggest(article, { passage: ' Urkaine ', replacement: 'Ukraine', kind: 'typo', email: 'Lea@Example.org' }, 'iphash');
    const row = (await ctx.corrections.store.suggestion(id))!;
    assert.equal(row.passage, 'Urkaine');
    assert.equal(row.block_index, 0);
    assert.equal(row.field, 'text');
    assert.equal(row.reader_email, 'lea@example.org');
    assert.equal(row.status, 'open');
    assert.ok(events.includes('correction.suggested'));
    const other = (await ctx.content.store.findBy('id', otherId))!;
    await ctx.corrections.suggest(other, { passage: 'Tippfeler', replacement: 'Tippfehler', kind: 'typo' }, 'iphash');
    assert.equal((await ctx.corrections.list(editor)).length, 2);
    const mine = await ctx.corrections.list(author);
    assert.deepEqual(mine.map((r) => r.article_id), [articleId]);
    assert.equal(mine[0]!.article_title, 'Lage');
  });

  test('bad suggestions are refused with the field named', async () => {
    const article = (await ctx.content.store.findBy('id', articleId))!;
    const cases: [Record<string, unknown>, string][] = [
      [{ passage: 'Russland', replacement: 'x', kind: 'typo' }, 'passage'],
      [{ passage: '', replacement: 'x', kind: 'typo' }, 'passage'],
      [{ passage: 'x'.repeat(501), replacement: 'x', kind: 'typo' }, 'passage'],
      [{ passage: 'Urkaine', replacement: 'Urkaine', kind: 'typo' }, 'replacement'],
      [{ passage: 'Urkaine', replacement: '', kind: 'typo' }, 'replacement'],
      [{ passage: 'Urkaine', replacement: 'Ukraine', kind: 'opinion' }, 'kind'],
      [{ passage: 'Urkaine', replacement: 'Ukraine', kind: 'typo', email: 'kein-mail' }, 'email'],
    ];
    for (const [input, field] of cases) {
      await assert.rejects(ctx.corrections.suggest(article, input, 'iphash'), (e: unknown) => e instanceof AppError && e.field === field, field);
    }
  });

  test('apply writes a revision, a note and log entries; the second apply is stale', async () => {
    const [open] = await ctx.corrections.list(author);
    later(60);
    const result = await ctx.corrections.apply(open!.id, author, { note: 'Wir hatten „Urkaine“ geschrieben.', reason: 'klar' });
    assert.equal((result.article.body[0] as { text: string }).text, 'Der Krieg in der Ukraine dauert an.');
    assert.deepEqual(result.article.body[1], { type: 'paragraph', text: 'Hilfe kommt.' });
    const revisions = await ctx.content.listRevisions(articleId);
    assert.match(revisions[0]!.note, /^Correction from a reader \(#\d+\): "Urkaine" → "Ukraine"$/);
    assert.equal(revisions[0]!.user_id, author.id);
    const notes = await ctx.corrections.notes(articleId);
    assert.deepEqual(notes.map((n) => [n.text, n.createdAt.toISOString()]), [['Wir hatten „Urkaine“ geschrieben.', clock.toISOString()]]);
    assert.deepEqual([...(await ctx.corrections.notesFor([articleId, otherId])).keys()], [articleId]);
    await assert.rejects(ctx.corrections.apply(open!.id, author), code('CORRECTION_STALE'));
    const log = await ctx.corrections.log({ articleId });
    assert.deepEqual(log.map((e) => [e.action, e.actor]), [['note', 'Autorin'], ['apply', 'Autorin']]);
    assert.equal(log[1]!.reason, 'klar');
    assert.equal(log[1]!.detail, '"Urkaine" → "Ukraine" in body[0].text');
    assert.equal((await ctx.corrections.store.suggestion(open!.id))!.decided_by, 'Autorin');
  });

  test('an author may not decide on another article; a stale suggestion stays open', async () => {
    const [other] = await ctx.corrections.list(editor);
    assert.equal(other!.article_id, otherId);
    await assert.rejects(ctx.corrections.apply(other!.id, author), code('FORBIDDEN'));
    await assert.rejects(ctx.corrections.note(otherId, author, 'Nein'), code('FORBIDDEN'));
    // The text changes before anyone applies: the claim is released, nothing is written.
    const article = (await ctx.content.store.findBy('id', otherId))!;
    await ctx.content.updateArticle(otherId, { ...article, authorIds: [], tagIds: [], body: [{ type: 'paragraph', text: 'Ein Tippfehler.' }] });
    const revisionsBefore = (await ctx.content.listRevisions(otherId)).length;
    await assert.rejects(ctx.corrections.apply(other!.id, editor), code('CORRECTION_STALE'));
    assert.equal((await ctx.corrections.store.suggestion(other!.id))!.status, 'open');
    assert.equal((await ctx.content.listRevisions(otherId)).length, revisionsBefore);
    assert.deepEqual(await ctx.corrections.dismiss(other!.id, editor, { reason: 'schon erledigt' }), { id: other!.id, status: 'dismissed' });
    await assert.rejects(ctx.corrections.dismiss(other!.id, editor), code('CORRECTION_STALE'));
    assert.deepEqual((await ctx.corrections.list(editor, 'dismissed')).map((r) => r.id), [other!.id]);
  });

  test('two editors applying at once: exactly one revision', async () => {
    const article = (await ctx.content.store.findBy('id', articleId))!;
    const { id } = await ctx.corrections.suggest(article, { passage: 'Hilfe kommt.', replacement: 'Hilfe kommt bald.', kind: 'fact' }, 'iphash');
    const before = (await ctx.content.listRevisions(articleId)).length;
    const results = await Promise.allSettled([ctx.corrections.apply(id, editor), ctx.corrections.apply(id, editor)]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    assert.equal((await ctx.content.listRevisions(articleId)).length, before + 1);
    const after = (await ctx.content.store.findBy('id', articleId))!;
    assert.deepEqual(after.body[1], { type: 'paragraph', text: 'Hilfe kommt bald.' });
  });
});
