/**
 * The demo's living discussion (issue 12): about thirty comments from a dozen readers under
 * the budget debate, several levels deep, with replies by the article's author (badge), a
 * reader pointing out a typo whose correction waits in the inbox, a long pasted quote,
 * likes, and one comment held for moderation; two smaller threads elsewhere, one of them in
 * English. Everything goes through the discussion's own operations, as readers would post.
 * Once per site: a showcase that already has comments is left alone.
 *
 * @example
 *   await seedDemoDiscussion({ database, content, settings, operations, corrections, now });
 */
import type { PlatformDeps } from '../platform/deps.js';
import type { Caller, StaffCaller } from '../platform/caller.js';
import { createUser } from '../platform/users.js';
import type { ContentService, CorrectionsService } from '../content/index.js';
import type { DiscussionOperations } from '../discussion/index.js';
import { DEMO_SHOWCASE_SLUG } from './content.js';

export type DemoDiscussionDeps = Pick<PlatformDeps, 'database' | 'settings' | 'now'> & {
  content: Pick<ContentService, 'store'>;
  operations: Pick<DiscussionOperations, 'postComment' | 'like'>;
  corrections?: Pick<CorrectionsService, 'suggest'>;
};

/** One comment of the script: who, what, and to which earlier comment (by its key). */
interface Line {
  key: string;
  by: string;
  text: string;
  to?: string;
  likes?: number;
}

const AUTHOR = '@author';

/** The budget debate's discussion, in the order it was written. */
const SHOWCASE: Line[] = [
  { key: 'a', by: 'Klaus R.', likes: 14, text: 'Danke für den ausführlichen Bericht. Sieben Stunden Sitzung in einem Text, der sich in zehn Minuten lesen lässt – das schafft sonst keiner hier.' },
  { key: 'b', by: 'Petra Lindner', likes: 9, text: 'Was mir fehlt: Wie hoch ist eigentlich der Schuldenstand insgesamt, nicht nur die neuen Kredite? 46 Millionen klingen viel, aber im Verhältnis wozu?' },
  { key: 'b1', by: AUTHOR, to: 'b', likes: 11, text: 'Gute Frage. Der Schuldenstand der Kernverwaltung lag Ende des letzten Jahres bei rund 310 Millionen Euro, also etwa 2.100 Euro pro Kopf. Mit den neuen Krediten wären es gut 350 Millionen. Wir reichen die Zahl im Text nach.' },
  { key: 'b2', by: 'Petra Lindner', to: 'b1', likes: 3, text: 'Danke, das hilft sehr. Dann ist das eher Mittelfeld für eine Stadt dieser Größe, oder?' },
  { key: 'b3', by: 'Jürgen Hahn', to: 'b2', likes: 5, text: 'Mittelfeld ja, aber ohne die Eigenbetriebe. Die Stadtwerke haben noch einmal eigene Kredite, die tauchen hier nicht auf.' },
  { key: 'b4', by: AUTHOR, to: 'b3', likes: 4, text: 'Richtig, die Stadtwerke und die Wohnungsbaugesellschaft sind nicht eingerechnet. Wir schauen uns den „Konzern Stadt“ in einem eigenen Stück an.' },
  { key: 'b5', by: 'Jürgen Hahn', to: 'b4', likes: 2, text: 'Darauf bin ich gespannt. Bitte auch die Bürgschaften nicht vergessen.' },
  { key: 'c', by: 'Sandra Möller', likes: 21, text: 'Als Mutter an der Gesamtschule Nord: Die Toiletten sind seit zwei Jahren in diesem Zustand. Ich verstehe, dass das Geld knapp ist, aber irgendwann ist es keine Frage des Budgets mehr.' },
  { key: 'c1', by: 'Oliver Brandt', to: 'c', likes: 6, text: 'Volle Zustimmung. Die 14 Millionen für die Gesamtschule sind das Mindeste. Ich hoffe, die Sanierung beginnt wirklich im Sommer.' },
  { key: 'c2', by: 'Greta Vogel', to: 'c', likes: 2, text: 'Wobei man fairerweise sagen muss: Die Sanierung war schon zweimal geplant und ist zweimal an fehlenden Baufirmen gescheitert, nicht am Geld.' },
  { key: 'c3', by: 'Sandra Möller', to: 'c2', likes: 4, text: 'Das stimmt, das wurde uns beim Elternabend auch so erklärt. Umso wichtiger, dass es diesmal klappt.' },
  { key: 'd', by: 'Ahmet Yılmaz', likes: 7, text: 'Zur Grundsteuer: 35 Euro im Jahr für eine Wohnung klingt erst einmal wenig. Aber die Nebenkosten steigen ohnehin überall. Gibt es Zahlen, wie viele Haushalte die Erhöhung tatsächlich trifft?' },
  { key: 'd1', by: 'Jürgen Hahn', to: 'd', likes: 3, text: 'Es trifft praktisch alle, Eigentümer direkt und Mieter über die Nebenkosten. Interessanter wäre, wie viel die Stadt damit einnimmt: laut Artikel rund fünf Millionen.' },
  { key: 'd2', by: 'Ahmet Yılmaz', to: 'd1', text: 'Stimmt, das steht ja im Text. Fünf Millionen von achtzehn – das erklärt, warum die Kämmerin darauf besteht.' },
  { key: 'e', by: 'Marion Keller', likes: 12, text: 'Ich habe mir das Wortprotokoll angesehen. Der Satz der Kämmerin lautete vollständig:\n\n> Wir investieren so viel wie nie zuvor, aber wir bezahlen einen Teil davon mit Geld, das wir nicht haben. Das kann eine Stadt ein, zwei Jahre durchhalten. Zehn Jahre hält sie es nicht durch. Deshalb lege ich Ihnen heute nicht nur einen Haushalt vor, sondern auch einen Weg heraus: Wir werden jede Ausgabe, die nicht gesetzlich vorgeschrieben ist, in den nächsten vier Jahren überprüfen. Nicht mit dem Rasenmäher, sondern mit Augenmaß. Wir werden mit den Vereinen reden, bevor wir kürzen, und wir werden den Bürgerinnen und Bürgern sagen, was wir lassen, und nicht nur, was wir tun. Ein Haushalt ist kein Wunschzettel, er ist ein Versprechen, und ich möchte nur Versprechen geben, die wir halten können. Ich weiß, dass viele von Ihnen heute andere Prioritäten setzen würden. Das ist Ihr gutes Recht, und dafür ist dieser Rat da. Aber ich bitte Sie: Streiten Sie über die Prioritäten, nicht über die Rechnung. Die Rechnung stimmt, auch wenn sie niemandem gefällt.\n\nDas klingt im Zusammenhang deutlich weniger dramatisch als im Zitat oben.' },
  { key: 'e1', by: AUTHOR, to: 'e', likes: 6, text: 'Danke für den Hinweis auf das Wortprotokoll – der Link steht unter dem Zitat im Artikel. Wir haben bewusst den Kern zitiert; der ganze Absatz ist tatsächlich versöhnlicher.' },
  { key: 'f', by: 'Tobias Ring', likes: 8, text: 'Kleiner Hinweis: Im Abschnitt zur Grundsteuer steht „Komunalaufsicht“ mit einem m. Ich habe über „Korrektur vorschlagen“ eine Korrektur geschickt.' },
  { key: 'f1', by: AUTHOR, to: 'f', likes: 3, text: 'Danke! Die Korrektur liegt bei uns im Eingang, wir übernehmen sie gleich.' },
  { key: 'g', by: 'Lena Berg', likes: 10, text: 'Zur Straßenbahn: 21 Millionen Eigenanteil für die Linie 7 sind viel Geld, aber ohne die Linie bleibt die Nordstadt abgehängt. Wer dort morgens zum Bahnhof will, braucht mit dem Bus 40 Minuten.' },
  { key: 'g1', by: 'Oliver Brandt', to: 'g', likes: 4, text: 'Und wenn wir jetzt aussteigen, sind die Fördermittel von Bund und Land weg. Das wäre die teuerste Lösung von allen.' },
  { key: 'g2', by: 'Greta Vogel', to: 'g1', likes: 1, text: 'Das Argument mit den Fördermitteln höre ich bei jedem Großprojekt. Irgendwann muss man auch fragen, ob die Folgekosten tragbar sind: Wartung, Personal, Energie.' },
  { key: 'g3', by: 'Lena Berg', to: 'g2', likes: 2, text: 'Die Folgekosten stehen im Wirtschaftsplan der Verkehrsbetriebe, rund 1,8 Millionen im Jahr. Das ist nicht nichts, aber der Bus auf der Strecke kostet auch Geld.' },
  { key: 'g4', by: 'Greta Vogel', to: 'g3', text: 'Fair enough, das wusste ich nicht. Danke für die Zahl.' },
  { key: 'h', by: 'Frank Wiese', likes: 5, text: 'Die Kürzung bei den Sportvereinen um zehn Prozent trifft uns als kleinen Verein hart. Das sind bei uns 4.000 Euro, die vor allem in die Jugendarbeit gehen.' },
  { key: 'h1', by: 'Marion Keller', to: 'h', likes: 3, text: 'Genau deshalb sollte man die Kürzung staffeln. Große Vereine mit eigenem Sponsoring können mehr tragen als kleine.' },
  { key: 'h2', by: AUTHOR, to: 'h', likes: 5, text: 'Dazu gibt es einen Änderungsantrag der Liste Soziales Lindenau, der genau das vorsieht. Wir berichten, wenn der Finanzausschuss darüber berät.' },
  { key: 'i', by: 'Nina Schulte', likes: 2, text: 'Weiß jemand, ob die Sitzung des Finanzausschusses öffentlich ist und wann sie stattfindet?' },
  { key: 'i1', by: 'Klaus R.', to: 'i', likes: 2, text: 'Ja, öffentlich. Die Termine stehen im Ratsinformationssystem, die erste Sitzung ist in drei Wochen im großen Saal.' },
];

/** Held for moderation: the newsroom's queue is not empty in the demo. */
const HELD = { by: 'Rainer P.', text: 'Das ist doch alles abgesprochen. Die machen sowieso, was sie wollen, egal was wir hier schreiben.' };

const FESTIVAL: Line[] = [
  { key: 'a', by: 'Greta Vogel', likes: 4, text: 'Endlich ein Mehrwegsystem! Die Müllberge am Sonntagabend waren jedes Jahr ein trauriger Anblick.' },
  { key: 'a1', by: 'Frank Wiese', to: 'a', likes: 2, text: 'Hoffentlich gibt es genug Rückgabestellen, sonst stehen alle eine halbe Stunde an.' },
  { key: 'b', by: 'Lena Berg', likes: 3, text: 'Toll, dass es diesmal Gebärdensprachdolmetscherinnen an der Hauptbühne gibt. Weiß jemand, ob das auch für die Lesebühne gilt?' },
  { key: 'b1', by: '@festival-author', to: 'b', likes: 2, text: 'Laut Kulturamt nur an der Hauptbühne, am Freitag und Samstag. Wir fragen nach, ob die Lesebühne dazukommt.' },
];

const ENGLISH: Line[] = [
  { key: 'a', by: 'Hannah W.', likes: 3, text: 'Thank you for explaining this in English. I moved here last year and the council documents are hard going.' },
  { key: 'a1', by: 'Ahmet Yılmaz', to: 'a', likes: 2, text: 'Same here. The part about the property tax finally made sense to me.' },
  { key: 'b', by: 'David O.', likes: 1, text: 'Is there a way for residents who are not German citizens to take part in the budget consultation?' },
];

const guest = (name: string): Caller => ({ kind: 'guest', sessionHash: `demo-${name}`, ipHash: `demo-ip-${name}` });
const emailOf = (name: string) => `${name.toLowerCase().normalize('NFKD').replace(/[^a-z]+/g, '.').replace(/^\.|\.$/g, '')}@example.org`;

/** A staff account for the article's author, linked to the profile, so replies carry the badge. */
async function authorCaller(deps: DemoDiscussionDeps, authorSlug: string): Promise<StaffCaller | null> {
  const author = await deps.content.store.authorBy('slug', authorSlug);
  if (!author) return null;
  const db = deps.database.db;
  let userId = author.userId;
  if (userId === null) {
    const email = `${authorSlug.replace(/-/g, '.')}@example.org`;
    const existing = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    // A long random password: the demo author account is there for the badge, not to sign in.
    userId = existing?.id ?? (await createUser(db, { email, password: crypto.randomUUID() + crypto.randomUUID(), role: 'author', name: author.name })).id;
    await db.updateTable('authors').set({ user_id: userId }).where('id', '=', author.id).execute();
  }
  const user = await db.selectFrom('users').select(['id', 'email', 'name', 'role']).where('id', '=', userId).executeTakeFirstOrThrow();
  return { kind: 'staff', staff: { id: user.id, email: user.email, name: user.name, role: user.role as StaffCaller['staff']['role'] }, sessionHash: null, ipHash: 'demo-staff' };
}

async function postThread(deps: DemoDiscussionDeps, articleId: number, lines: readonly Line[], staff: Record<string, StaffCaller | null>): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  let voter = 0;
  for (const line of lines) {
    const parentId = line.to ? (ids.get(line.to) ?? null) : null;
    const byStaff = line.by.startsWith('@') ? staff[line.by] : null;
    const caller = byStaff ?? guest(line.by);
    const input = byStaff
      ? { body: line.text, parentId, name: '', email: '', notify: false }
      : { body: line.text, parentId, name: line.by, email: emailOf(line.by), notify: false };
    const posted = await deps.operations.postComment(caller, articleId, input);
    ids.set(line.key, posted.id);
    for (let i = 0; i < (line.likes ?? 0); i++) await deps.operations.like(guest(`voter-${voter++ % 40}`), posted.id);
  }
  return ids;
}

export async function seedDemoDiscussion(deps: DemoDiscussionDeps): Promise<{ comments: number }> {
  const showcase = await deps.content.store.findBy('slug', DEMO_SHOWCASE_SLUG);
  if (!showcase) return { comments: 0 };
  const db = deps.database.db;
  const already = await db.selectFrom('comments').select('id').where('article_id', '=', showcase.id).limit(1).executeTakeFirst();
  if (already) return { comments: 0 };
  const policy = await deps.settings.get('discussion');
  let count = 0;
  try {
    // Readers of the demo are regulars: their comments appear at once.
    await deps.settings.update('discussion', { ...policy, policy: 'none' });
    const author = await authorCaller(deps, 'miriam-albrecht');
    count += (await postThread(deps, showcase.id, SHOWCASE, { [AUTHOR]: author })).size;
    const festival = await deps.content.store.findBy('slug', 'lindenbluetenfest-programm');
    if (festival) count += (await postThread(deps, festival.id, FESTIVAL, { '@festival-author': await authorCaller(deps, 'aylin-kaya') })).size;
    const english = await deps.content.store.findBy('slug', 'lindenau-budget-explained');
    if (english) count += (await postThread(deps, english.id, ENGLISH, {})).size;
    // The typo Tobias points out, as a pending suggestion in the corrections inbox.
    if (deps.corrections) {
      await deps.corrections.suggest(showcase, { passage: 'Komunalaufsicht', replacement: 'Kommunalaufsicht', kind: 'typo', note: 'Kommunal mit zwei m.', name: 'Tobias Ring', email: emailOf('Tobias Ring') }, 'demo-ip-Tobias Ring');
    }
    // One comment waits for a moderator: every comment is held while it is written.
    await deps.settings.update('discussion', { ...policy, policy: 'all' });
    await deps.operations.postComment(guest(HELD.by), showcase.id, { body: HELD.text, parentId: null, name: HELD.by, email: emailOf(HELD.by), notify: false });
    count++;
    // A discussion grows over the two days since publication, not in one second: spread the times.
    await spreadTimes(deps, showcase.id);
  } finally {
    await deps.settings.update('discussion', policy);
  }
  return { comments: count };
}

/** Comments of the showcase, oldest first, get times from a few hours after publication up to now. */
async function spreadTimes(deps: DemoDiscussionDeps, articleId: number): Promise<void> {
  const db = deps.database.db;
  const rows = await db.selectFrom('comments').select('id').where('article_id', '=', articleId).orderBy('id').execute();
  const now = deps.now().getTime();
  for (const [i, row] of rows.entries()) {
    const at = new Date(now - (rows.length - i) * 53 * 60_000).toISOString();
    await db.updateTable('comments').set({ created_at: at }).where('id', '=', row.id).execute();
  }
}
