/**
 * A realistic queue for the moderation desk, made through the discussion's own operations
 * (guests posting under the "hold first comments" policy, replies to published comments,
 * comments with too many links, readers' reports): for the desk's browser journey and for
 * `npm run screenshots`. Not used by the running site.
 *
 * @example
 *   const { held } = await seedDeskQueue({ ...app.services, postComment: app.services.operations.postComment }, { article: 'stadtrat-tagt', count: 20 });
 */
import type { Kysely } from 'kysely';
import { guestCaller } from '../../platform/caller.js';
import type { Database } from '../../platform/db/schema.js';
import type { DiscussionOperations } from '../operations/index.js';
import type { Reports } from './reports.js';

export interface DeskFixtureDeps {
  postComment: DiscussionOperations['postComment'];
  moderation: { reports: Pick<Reports, 'file'> };
  database: { db: Kysely<Database> };
  secret: string;
}

const PEOPLE = [
  'Rainer P.', 'Jana Kowalski', 'Mehmet Yıldız', 'Birgit Sommer', 'Lukas', 'Anna-Lena Brandt', 'Olaf Krüger', 'Sophie M.',
  'Thomas Weber', 'Fatima Haddad', 'K. Richter', 'Paul Neumann', 'Greta', 'Holger Schmitz', 'Ines Vogel', 'Dr. Frank Lorenz',
];

const TEXTS = [
  'Das ist doch alles abgesprochen. Die machen sowieso, was sie wollen, egal was wir hier schreiben.',
  'Danke für den ausführlichen Bericht! Weiß jemand, ob die Sitzung auch im Livestream übertragen wird?',
  'Die Zahlen zur Straßenbahn stimmen nicht, im Haushaltsentwurf auf Seite 48 steht etwas anderes.',
  'Wer so abstimmt, hat im Stadtrat nichts verloren. Eine Schande für Lindenau.',
  'Ich wohne seit 30 Jahren hier und habe so eine Debatte noch nicht erlebt. Gut, dass endlich gestritten wird.',
  'Günstige Kredite ohne Schufa: http://kredit.example http://kredit2.example http://kredit3.example http://kredit4.example',
  'Die Kita-Gebühren zu erhöhen und gleichzeitig neue Dienstwagen zu kaufen – das versteht doch niemand.',
  'Kann die Redaktion bitte nachfragen, wann der Bürgerhaushalt veröffentlicht wird?',
  'Schön geschrieben, aber die Position der Opposition kommt mir zu kurz.',
  'Typisch. Erst Schulen sanieren versprechen und dann das Geld in Prestigeprojekte stecken.',
  'Mein Sohn geht in die Grundschule am Markt, dort regnet es seit zwei Jahren rein. Danke, dass ihr darüber schreibt.',
  'Hier sind alle Unterlagen: http://ratsinfo.example/a http://ratsinfo.example/b http://ratsinfo.example/c http://ratsinfo.example/d',
  'Ich finde, die Linie 7 sollte bis zum Bahnhof verlängert werden, sonst bringt sie wenig.',
  'Stimmt, und die Bäder müssen im Sommer wieder länger aufhaben.',
  'Woher stammt die Zahl von 12 Millionen Euro? Das wirkt sehr hoch.',
  'Bitte mehr solche Artikel, die Lokalpolitik verständlich machen!',
];

/**
 * Posts `count` comments that the hold policy keeps for review (each by a new guest, so
 * each is a first comment), a third of them replies to a published comment, and files a
 * reader report on one published comment. Returns the held comments' ids, oldest first.
 */
export async function seedDeskQueue(deps: DeskFixtureDeps, options: { article: string; count: number; now?: Date }): Promise<{ held: number[]; reported: number | null }> {
  const now = options.now ?? new Date();
  const article = await deps.database.db.selectFrom('articles').select('id').where('slug', '=', options.article).executeTakeFirstOrThrow();
  const published = await deps.database.db
    .selectFrom('comments').select('id').where('article_id', '=', article.id).where('status', '=', 'published').orderBy('id').limit(3).execute();
  const held: number[] = [];
  for (let i = 0; i < options.count; i++) {
    const name = PEOPLE[i % PEOPLE.length]!;
    const parent = i % 3 === 1 && published.length ? published[i % published.length]!.id : null;
    // 192.0.2.0/24 is the documentation range: the address is only hashed, never contacted.
    const caller = guestCaller(`192.0.2.${(i % 250) + 1}`, deps.secret, now);
    const posted = await deps.postComment(caller, article.id, {
      body: `${TEXTS[i % TEXTS.length]!}${i >= TEXTS.length ? ` (${i + 1})` : ''}`,
      parentId: parent,
      name: i >= PEOPLE.length ? `${name} ${i + 1}` : name,
      email: `leser${i + 1}@example.org`,
      notify: false,
    });
    if (posted.status === 'pending') held.push(posted.id);
  }
  let reported: number | null = null;
  if (published[0]) {
    reported = published[0].id;
    await deps.moderation.reports.file({ commentId: reported, reason: 'abuse', note: 'Das ist eine persönliche Beleidigung.', reporter: 'fixture-reader-1' });
    await deps.moderation.reports.file({ commentId: reported, reason: 'off_topic', reporter: 'fixture-reader-2' });
  }
  return { held, reported };
}
