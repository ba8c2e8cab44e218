/**
 * The legal pages, generated from the `legal` settings: the Impressum (German: § 5 DDG and
 * § 18 Abs. 2 MStV; Austrian: § 5 ECG and the Offenlegung of § 25 MedienG) and the privacy
 * notice, which describes what Blattwerk itself does with readers' data. A missing setting
 * renders as a visible placeholder, so a fresh install shows the newsroom what to fill in
 * instead of failing or silently printing an incomplete Impressum.
 *
 * @example
 *   const main = renderImprint(frame, settings); // <h1>Impressum</h1> …
 *   renderDocument(frame, { title: 'Impressum', canonicalPath: '/impressum/', main });
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../platform/deps.js';
import { html, join, type HtmlValue, type SafeHtml } from '../platform/html.js';
import { defineMessages, translator, type Translate } from '../platform/i18n.js';
import { sendPage } from '../platform/pages.js';
import type { SiteSettings } from '../platform/settings.js';
import { createFrame, legalPaths, renderDocument, type Frame } from './layout.js';

/** What this module needs from the composition root. */
export type SiteLegalDeps = Pick<PlatformDeps, 'assets' | 'config' | 'pages' | 'settings'>;

type Legal = SiteSettings['legal'];
type T = Translate<LegalMessageKey>;

/**
 * Interpolates `{name}` slots with values that are escaped unless already `SafeHtml`;
 * the message text itself is escaped too, so catalogue entries stay plain text.
 */
function fill(template: string, values: Record<string, HtmlValue>): SafeHtml {
  const parts = template.split(/\{(\w+)\}/);
  return join(parts.map((part, i) => (i % 2 === 1 ? (values[part] ?? `{${part}}`) : part)));
}

function isSet(value: string | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** A setting's text with its line breaks kept, or the placeholder the newsroom must replace. */
function value(t: T, text: string | undefined): SafeHtml {
  if (!isSet(text)) return html`<mark class="legal-missing">${t('missing')}</mark>`;
  return join(text.trim().split(/\r?\n/).map((line) => line.trim()), html`<br>`);
}

function email(t: T, address: string | undefined): SafeHtml {
  if (!isSet(address)) return value(t, address);
  const trimmed = address.trim();
  // Only something shaped like an address becomes a mailto: link; anything else stays text.
  return /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(trimmed) ? html`<a href="mailto:${trimmed}">${trimmed}</a>` : value(t, trimmed);
}

function section(id: string, title: string, body: SafeHtml): SafeHtml {
  return html`<section class="legal-section" id="${id}" aria-labelledby="${id}-title">
<h2 id="${id}-title">${title}</h2>
${body}
</section>`;
}

function contact(t: T, legal: Legal): SafeHtml {
  return html`<p>${t('email')}: ${email(t, legal.email)}${isSet(legal.phone) ? html`<br>${t('phone')}: ${value(t, legal.phone)}` : ''}</p>`;
}

function provider(t: T, legal: Legal): SafeHtml {
  return html`<p>${value(t, legal.publisher)}${isSet(legal.legalForm) ? html`<br>${t('legalForm')}: ${value(t, legal.legalForm)}` : ''}<br>
${value(t, legal.address)}</p>`;
}

/**
 * The `<main>` content of the Impressum (German) or Impressum und Offenlegung (Austrian),
 * in the site's language.
 *
 * @example
 *   renderImprint(frame, { ...settings, legal: { ...settings.legal, country: 'at' } });
 *   // … <h2 …>Offenlegung gemäß § 25 MedienG</h2> …
 */
export function renderImprint(frame: Pick<Frame, 'lang'>, settings: SiteSettings): SafeHtml {
  const t = translator(frame.lang, legalMessages);
  const legal = settings.legal;
  const sections = legal.country === 'at' ? austrianImprint(t, settings) : germanImprint(t, legal);
  return html`<article class="legal legal-imprint">
<h1>${t(legal.country === 'at' ? 'imprint.titleAt' : 'imprint.title')}</h1>
${sections}
</article>`;
}

function germanImprint(t: T, legal: Legal): SafeHtml[] {
  return [
    section('provider', t('imprint.de.provider'), provider(t, legal)),
    section('contact', t('contact'), contact(t, legal)),
    isSet(legal.register) ? section('register', t('imprint.de.register'), html`<p>${value(t, legal.register)}</p>`) : html``,
    isSet(legal.vatId) ? section('vat', t('imprint.de.vatTitle'), html`<p>${fill(t('imprint.de.vat'), { vatId: value(t, legal.vatId) })}</p>`) : html``,
    section(
      'responsible',
      t('imprint.de.responsible'),
      html`<p>${value(t, legal.responsibleEditor)}<br>
${value(t, legal.responsibleEditorAddress)}</p>`,
    ),
  ];
}

/**
 * There is no setting for the Unternehmensgegenstand: a news site's object is publishing
 * itself, so it is named after the site rather than left as a placeholder nobody can fill.
 */
function austrianImprint(t: T, settings: SiteSettings): SafeHtml[] {
  const legal = settings.legal;
  const row = (term: string, description: SafeHtml) => html`<div><dt>${term}</dt><dd>${description}</dd></div>`;
  return [
    section(
      'provider',
      t('imprint.at.provider'),
      html`${provider(t, legal)}
${contact(t, legal)}
${isSet(legal.register) ? html`<p>${t('imprint.at.register')}: ${value(t, legal.register)}</p>` : ''}
${isSet(legal.vatId) ? html`<p>${t('imprint.at.vat')}: ${value(t, legal.vatId)}</p>` : ''}`,
    ),
    section(
      'disclosure',
      t('imprint.at.disclosure'),
      html`<dl class="legal-disclosure">
${row(t('imprint.at.owner'), value(t, legal.mediaOwner))}
${row(t('imprint.at.seat'), value(t, legal.address))}
${row(t('imprint.at.object'), fill(t('imprint.at.objectText'), { title: settings.site.title }))}
${row(t('imprint.at.line'), value(t, legal.editorialLine))}
</dl>`,
    ),
    isSet(legal.responsibleEditor)
      ? section('editor', t('imprint.at.editor'), html`<p>${value(t, legal.responsibleEditor)}${isSet(legal.responsibleEditorAddress) ? html`<br>${value(t, legal.responsibleEditorAddress)}` : ''}</p>`)
      : html``,
  ];
}

/**
 * The `<main>` content of the privacy notice: one section per kind of processing the
 * software does, plus controller, hosting and readers' rights from the settings.
 *
 * @example
 *   renderPrivacy(frame, settings); // <h1>Datenschutzerklärung</h1> …
 */
export function renderPrivacy(frame: Pick<Frame, 'lang'>, settings: SiteSettings): SafeHtml {
  const t = translator(frame.lang, legalMessages);
  const legal = settings.legal;
  const paragraphs = (key: LegalMessageKey, values: Record<string, HtmlValue> = {}) =>
    t(key).split('\n\n').map((text) => html`<p>${fill(text, values)}</p>`);
  // A data protection officer is not mandatory for every newsroom: without one, the general address serves.
  const privacyContact = isSet(legal.privacyContact)
    ? html`<p>${t('privacy.contactPerson')}: ${email(t, legal.privacyContact)}</p>`
    : html`<p>${t('privacy.contactFallback')}</p>`;
  const authority = legal.country === 'at' ? 'privacy.authorityAt' : 'privacy.authorityDe';
  return html`<article class="legal legal-privacy">
<h1>${t('privacy.title')}</h1>
${paragraphs('privacy.intro', { title: settings.site.title })}
${section('controller', t('privacy.controller'), html`<p>${value(t, legal.publisher)}<br>
${value(t, legal.address)}</p>
${contact(t, legal)}
${privacyContact}`)}
${section('hosting', t('privacy.hosting'), html`${paragraphs('privacy.hostingText', { provider: value(t, legal.hostingProvider) })}`)}
${section('server-logs', t('privacy.logs'), html`${paragraphs('privacy.logsText')}`)}
${section('cookies', t('privacy.cookies'), html`${paragraphs('privacy.cookiesText')}`)}
${section('comments', t('privacy.comments'), html`${paragraphs('privacy.commentsText')}`)}
${section('newsletter', t('privacy.newsletter'), html`${paragraphs('privacy.newsletterText')}`)}
${section('donations', t('privacy.donations'), html`${paragraphs('privacy.donationsText')}`)}
${section('analytics', t('privacy.analytics'), html`${paragraphs('privacy.analyticsText')}`)}
${section('embeds', t('privacy.embeds'), html`${paragraphs('privacy.embedsText')}`)}
${section('fonts', t('privacy.fonts'), html`${paragraphs('privacy.fontsText')}`)}
${section('rights', t('privacy.rights'), html`${paragraphs('privacy.rightsText')}${paragraphs('privacy.dataPage', { link: html`<a href="/privacy/comments/">${t('privacy.dataPageLink')}</a>` })}${paragraphs(authority)}`)}
</article>`;
}

function renderLegalDocument(frame: Frame, kind: 'imprint' | 'privacy', settings: SiteSettings): string {
  const t = translator(frame.lang, legalMessages);
  const title = kind === 'imprint' ? t(settings.legal.country === 'at' ? 'imprint.titleAt' : 'imprint.title') : t('privacy.title');
  return renderDocument(frame, {
    title,
    // Both spellings of the address serve the page; search engines get one of them.
    canonicalPath: legalPaths(frame.lang)[kind],
    main: kind === 'imprint' ? renderImprint(frame, settings) : renderPrivacy(frame, settings),
  });
}

/**
 * `/impressum/`, `/imprint/`, `/datenschutz/` and `/privacy/`, each in the site's
 * language whichever spelling is asked for, so links from either language keep working.
 *
 * @example
 *   registerLegalRoutes(app, services);
 */
export function registerLegalRoutes(app: FastifyInstance, services: SiteLegalDeps): void {
  const handler = (kind: 'imprint' | 'privacy') => async (request: FastifyRequest, reply: FastifyReply) => {
    const settings = await services.settings.all();
    const frame = createFrame(settings, services.assets, services.config.publicUrl);
    const body = renderLegalDocument(frame, kind, settings);
    return sendPage(services.pages, request, reply, { status: 200, contentType: 'text/html; charset=utf-8', body });
  };
  const options = { config: { access: 'public' as const } };
  app.get('/impressum/', options, handler('imprint'));
  app.get('/imprint/', options, handler('imprint'));
  app.get('/datenschutz/', options, handler('privacy'));
  app.get('/privacy/', options, handler('privacy'));
}

/*
 * The wording. Paragraphs are separated by a blank line; `{name}` slots are filled with
 * escaped values. The privacy texts describe what Blattwerk does (two-click embeds, hashed
 * IPs, local fonts); a newsroom that adds other services must extend them.
 */
const legalMessages = defineMessages({
  de: {
    missing: '[bitte in den Einstellungen ergänzen]',
    email: 'E-Mail',
    phone: 'Telefon',
    contact: 'Kontakt',
    legalForm: 'Rechtsform',
    'imprint.title': 'Impressum',
    'imprint.titleAt': 'Impressum und Offenlegung',
    'imprint.de.provider': 'Angaben gemäß § 5 DDG',
    'imprint.de.register': 'Registereintrag',
    'imprint.de.vatTitle': 'Umsatzsteuer-ID',
    'imprint.de.vat': 'Umsatzsteuer-Identifikationsnummer gemäß § 27a Umsatzsteuergesetz: {vatId}',
    'imprint.de.responsible': 'Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV',
    'imprint.at.provider': 'Angaben gemäß § 5 ECG',
    'imprint.at.register': 'Firmenbuch',
    'imprint.at.vat': 'UID-Nummer',
    'imprint.at.disclosure': 'Offenlegung gemäß § 25 MedienG',
    'imprint.at.owner': 'Medieninhaber',
    'imprint.at.seat': 'Sitz',
    'imprint.at.object': 'Unternehmensgegenstand',
    'imprint.at.objectText': 'Herausgabe und Betrieb des Online-Mediums „{title}“',
    'imprint.at.line': 'Grundlegende Richtung (Blattlinie)',
    'imprint.at.editor': 'Redaktionelle Verantwortung',
    'privacy.title': 'Datenschutzerklärung',
    'privacy.intro':
      'Wir erheben so wenige Daten wie möglich. Hier erfahren Sie, welche personenbezogenen Daten beim Besuch von „{title}“ verarbeitet werden, wozu und auf welcher Rechtsgrundlage nach der Datenschutz-Grundverordnung (DSGVO).',
    'privacy.controller': 'Verantwortlicher',
    'privacy.contactPerson': 'Ansprechpartner für den Datenschutz',
    'privacy.contactFallback': 'Fragen zum Datenschutz richten Sie bitte an die oben genannte E-Mail-Adresse.',
    'privacy.hosting': 'Hosting',
    'privacy.hostingText':
      'Hosting dieser Website: {provider}. Wird sie bei einem Dienstleister betrieben, verarbeitet dieser die beim Besuch anfallenden Daten nur in unserem Auftrag und nach unserer Weisung (Auftragsverarbeitung nach Art. 28 DSGVO).',
    'privacy.dataPage':
      'Was mit Ihrer E-Mail-Adresse verbunden ist – Kommentare (als Gast oder mit Konto), Newsletter-Abonnement mit Einwilligungsnachweis, Benachrichtigungen über Antworten, Meldungen und DSA-Hinweise –, können Sie selbst als Datei erhalten oder löschen lassen: {link}.',
    'privacy.dataPageLink': 'Ihre Daten in der Diskussion',
    'privacy.logs': 'Server-Logs',
    'privacy.logsText':
      'Beim Aufruf einer Seite übermittelt Ihr Browser technisch notwendige Daten: Ihre IP-Adresse, den Zeitpunkt, die aufgerufene Adresse und die Kennung Ihres Browsers. Ohne sie kann die Seite nicht ausgeliefert werden.\n\nDie Software dieser Website schreibt keine Zugriffsprotokolle mit IP-Adressen. Fehlerprotokolle enthalten nur technische Angaben. Soweit der Webserver zur Abwehr von Angriffen kurzzeitig Zugriffe protokolliert, werden diese Protokolle danach gelöscht. Rechtsgrundlage ist unser berechtigtes Interesse an einem sicheren Betrieb (Art. 6 Abs. 1 lit. f DSGVO).',
    'privacy.cookies': 'Cookies',
    'privacy.cookiesText':
      'Wir setzen keine Cookies zu Werbe- oder Analysezwecken. Ein technisch notwendiges Sitzungs-Cookie wird nur gesetzt, wenn Sie sich anmelden oder ein Formular es erfordert; es hält Ihre Anmeldung und schützt Formulare vor Missbrauch durch fremde Websites.',
    'privacy.comments': 'Kommentare',
    'privacy.commentsText':
      'Wenn Sie einen Kommentar schreiben, speichern wir den Text, den angegebenen Namen, Ihre E-Mail-Adresse und den Zeitpunkt. Der Name erscheint bei Ihrem Kommentar. Ihre E-Mail-Adresse wird nie angezeigt; wir nutzen sie nur, um Sie auf Wunsch über Antworten zu benachrichtigen und bei Rückfragen zur Moderation.\n\nIhre IP-Adresse speichern wir nicht. Zur Abwehr von Spam und Missbrauch behalten wir nur einen Hashwert, der mit einem täglich wechselnden Geheimwert (Salt) gebildet wird: Er lässt sich nicht in Ihre IP-Adresse zurückrechnen und nicht über mehrere Tage hinweg verknüpfen. Rechtsgrundlage sind die Bereitstellung der Kommentarfunktion (Art. 6 Abs. 1 lit. b DSGVO) und unser berechtigtes Interesse an einer Diskussion ohne Missbrauch (Art. 6 Abs. 1 lit. f DSGVO). Sie können Ihre Daten jederzeit abrufen und Ihre Kommentare löschen lassen.',
    'privacy.newsletter': 'Newsletter',
    'privacy.newsletterText':
      'Für den Newsletter brauchen wir nur Ihre E-Mail-Adresse. Die Anmeldung erfolgt im Double-Opt-in-Verfahren: Sie erhalten zunächst eine E-Mail mit einem Bestätigungslink, und erst wenn Sie ihn anklicken, senden wir Ihnen den Newsletter.\n\nUm Ihre Einwilligung nachweisen zu können, speichern wir den Zeitpunkt der Anmeldung und der Bestätigung. Rechtsgrundlage ist Ihre Einwilligung (Art. 6 Abs. 1 lit. a DSGVO). Sie können den Newsletter jederzeit abbestellen – über den Abmeldelink in jeder Ausgabe oder mit einer kurzen Nachricht an uns. Danach senden wir Ihnen keinen Newsletter mehr und löschen Ihre Adresse; den Nachweis der früheren Einwilligung bewahren wir nur so lange auf, wie es rechtlich nötig ist.',
    'privacy.donations': 'Spenden',
    'privacy.donationsText':
      'Spenden per Überweisung wickeln Sie über Ihre eigene Bank ab. Bei einer Überweisung verarbeitet diese Website keine Zahlungsdaten: Der GiroCode auf der Unterstützungsseite enthält nur unsere Bankverbindung. Mit Ihrer Überweisung erhalten wir von der Bank Ihren Namen, Ihre IBAN, den Betrag und den Verwendungszweck; wir nutzen diese Angaben zur Verbuchung und, wenn Sie es wünschen, für eine Zuwendungsbestätigung, und bewahren sie so lange auf, wie es gesetzliche Aufbewahrungspflichten verlangen (Art. 6 Abs. 1 lit. b und c DSGVO).\n\nWenn Sie uns regelmäßig per SEPA-Lastschrift unterstützen, speichern wir Ihren Namen, Ihre E-Mail-Adresse, Ihre IBAN (verschlüsselt; in der Redaktion nur gekürzt sichtbar, jede vollständige Anzeige wird protokolliert), Betrag, Turnus, Mandatsreferenz und Datum der Zustimmung sowie die Buchungen, um die Beträge einzuziehen, Sie vorab zu informieren und Zuwendungsbestätigungen auszustellen (Art. 6 Abs. 1 lit. b DSGVO). Über den Link in jeder E-Mail können Sie pausieren, den Betrag ändern, beenden, Ihre Daten abrufen und löschen lassen; aufbewahrt bleiben dann nur Buchungen und Bestätigungen, solange das Steuerrecht es verlangt (Art. 6 Abs. 1 lit. c DSGVO).\n\nWenn Sie einen der verlinkten externen Zahlungsdienste nutzen, verlassen Sie unsere Website; dort gelten die Datenschutzbestimmungen des jeweiligen Anbieters.',
    'privacy.analytics': 'Reichweitenmessung',
    'privacy.analyticsText':
      'Wir zählen Seitenaufrufe, um zu erfahren, welche Artikel gelesen werden. Dafür setzen wir keine Cookies, speichern keine IP-Adressen und bilden keine Nutzungsprofile; gespeichert werden nur zusammengefasste Zahlen. Analysedienste von Dritten setzen wir nicht ein.',
    'privacy.embeds': 'Eingebettete Videos und Inhalte',
    'privacy.embedsText':
      'Videos von YouTube oder Vimeo und andere fremde Inhalte binden wir mit einer Zwei-Klick-Lösung ein. Zunächst sehen Sie nur einen Platzhalter: Bevor Sie ihn anklicken, lädt Ihr Browser nichts von YouTube, Vimeo oder anderen Anbietern – keine Vorschaubilder, keine Skripte, keine Cookies.\n\nErst wenn Sie „Video laden“ oder „Inhalt laden“ anklicken, wird der Inhalt vom Server des Anbieters geladen. Dabei erhält der Anbieter Ihre IP-Adresse und Angaben zu Ihrem Browser und kann Cookies setzen; YouTube-Videos laden wir über youtube-nocookie.com, Vimeo-Videos mit aktiviertem „Do Not Track“. Für die weitere Verarbeitung ist der Anbieter verantwortlich; dabei können Daten in die USA übermittelt werden. Rechtsgrundlage ist Ihre Einwilligung durch den Klick (Art. 6 Abs. 1 lit. a DSGVO).\n\nWenn Sie wählen, Inhalte eines Anbieters immer zu laden, merkt sich Ihr Browser das lokal (Local Storage). Diese Einstellung wird nicht an uns übertragen; Sie widerrufen sie, indem Sie die Website-Daten in Ihrem Browser löschen.',
    'privacy.fonts': 'Schriften',
    'privacy.fontsText':
      'Alle Schriften liefern wir von unserem eigenen Server aus. Ihr Browser stellt dafür keine Verbindung zu Google Fonts oder anderen Drittanbietern her.',
    'privacy.rights': 'Ihre Rechte',
    'privacy.rightsText':
      'Sie haben das Recht auf Auskunft über Ihre bei uns gespeicherten Daten (Art. 15 DSGVO), auf Berichtigung (Art. 16 DSGVO), auf Löschung (Art. 17 DSGVO), auf Einschränkung der Verarbeitung (Art. 18 DSGVO), auf Datenübertragbarkeit (Art. 20 DSGVO) und auf Widerspruch gegen Verarbeitungen, die auf unserem berechtigten Interesse beruhen (Art. 21 DSGVO). Eine Einwilligung können Sie jederzeit mit Wirkung für die Zukunft widerrufen (Art. 7 Abs. 3 DSGVO). Wenden Sie sich dafür an die oben genannten Kontaktdaten.',
    'privacy.authorityDe':
      'Außerdem können Sie sich bei einer Datenschutz-Aufsichtsbehörde beschweren (Art. 77 DSGVO), etwa bei der Aufsichtsbehörde Ihres Bundeslandes oder des Landes, in dem wir unseren Sitz haben.',
    'privacy.authorityAt':
      'Außerdem können Sie sich bei einer Datenschutz-Aufsichtsbehörde beschweren (Art. 77 DSGVO); in Österreich ist das die Datenschutzbehörde, Barichgasse 40–42, 1030 Wien (dsb.gv.at).',
  },
  en: {
    missing: '[please add this in the settings]',
    email: 'E-mail',
    phone: 'Phone',
    contact: 'Contact',
    legalForm: 'Legal form',
    'imprint.title': 'Legal notice',
    'imprint.titleAt': 'Legal notice and disclosure',
    'imprint.de.provider': 'Information pursuant to § 5 DDG (German Digital SiteLegalDeps Act)',
    'imprint.de.register': 'Register entry',
    'imprint.de.vatTitle': 'VAT identification number',
    'imprint.de.vat': 'VAT identification number pursuant to § 27a of the German VAT Act: {vatId}',
    'imprint.de.responsible': 'Responsible for the content pursuant to § 18 (2) MStV (German Interstate Media Treaty)',
    'imprint.at.provider': 'Information pursuant to § 5 ECG (Austrian E-Commerce Act)',
    'imprint.at.register': 'Company register',
    'imprint.at.vat': 'VAT identification number (UID)',
    'imprint.at.disclosure': 'Disclosure pursuant to § 25 MedienG (Austrian Media Act)',
    'imprint.at.owner': 'Media owner',
    'imprint.at.seat': 'Registered office',
    'imprint.at.object': 'Object of the company',
    'imprint.at.objectText': 'Publication and operation of the online medium “{title}”',
    'imprint.at.line': 'Fundamental editorial line',
    'imprint.at.editor': 'Editorial responsibility',
    'privacy.title': 'Privacy notice',
    'privacy.intro':
      'We collect as little data as we can. This notice explains which personal data are processed when you visit “{title}”, for what purpose, and on which legal basis under the General Data Protection Regulation (GDPR).',
    'privacy.controller': 'Controller',
    'privacy.contactPerson': 'Data protection contact',
    'privacy.contactFallback': 'Please send questions about data protection to the e-mail address above.',
    'privacy.hosting': 'Hosting',
    'privacy.hostingText':
      'Hosting of this website: {provider}. Where a service provider runs it, the provider processes the data that arise from your visit only on our behalf and on our instructions (processing on behalf under Art. 28 GDPR).',
    'privacy.dataPage':
      'Everything tied to your e-mail address – comments (as a guest or with an account), newsletter subscription with its consent record, reply notifications, reports and DSA notices – you can receive as a file or have deleted yourself: {link}.',
    'privacy.dataPageLink': 'Your data in the discussion',
    'privacy.logs': 'Server logs',
    'privacy.logsText':
      'When you open a page, your browser transmits technically necessary data: your IP address, the time, the address requested and your browser’s identification. Without them the page cannot be delivered.\n\nThe software running this website keeps no access logs with IP addresses. Error logs contain technical details only. Where the web server briefly logs requests to fend off attacks, those logs are deleted afterwards. The legal basis is our legitimate interest in operating securely (Art. 6 (1) (f) GDPR).',
    'privacy.cookies': 'Cookies',
    'privacy.cookiesText':
      'We set no cookies for advertising or analytics. A technically necessary session cookie is set only when you sign in or a form requires it; it keeps you signed in and protects forms against misuse by other websites.',
    'privacy.comments': 'Comments',
    'privacy.commentsText':
      'When you write a comment, we store its text, the name you give, your e-mail address and the time. The name appears with your comment. Your e-mail address is never shown; we use it only to notify you of replies if you ask us to, and for questions about moderation.\n\nWe do not store your IP address. To fend off spam and abuse we keep only a hash formed with a secret value (salt) that changes daily: it cannot be turned back into your IP address and cannot be linked across days. The legal basis is providing the comment function (Art. 6 (1) (b) GDPR) and our legitimate interest in a discussion free of abuse (Art. 6 (1) (f) GDPR). You can export your data and have your comments deleted at any time.',
    'privacy.newsletter': 'Newsletter',
    'privacy.newsletterText':
      'For the newsletter we need only your e-mail address. Sign-up uses double opt-in: you first receive an e-mail with a confirmation link, and only after you click it do we send you the newsletter.\n\nTo be able to prove your consent, we store the time of sign-up and of confirmation. The legal basis is your consent (Art. 6 (1) (a) GDPR). You can unsubscribe at any time – with the link in every issue or a short message to us. We then stop sending the newsletter and delete your address; the record of your earlier consent is kept only as long as the law requires.',
    'privacy.donations': 'Donations',
    'privacy.donationsText':
      'Donations by bank transfer go through your own bank. For a transfer, this website processes no payment data: the GiroCode on the support page contains only our bank details. With your transfer, the bank passes us your name, your IBAN, the amount and the reference; we use them for our accounts and, if you wish, for a donation receipt, and keep them as long as statutory retention periods require (Art. 6 (1) (b) and (c) GDPR).\n\nIf you support us regularly by SEPA direct debit, we store your name, e-mail address, IBAN (encrypted; shown shortened in the newsroom, and every full view is logged), amount, interval, mandate reference and date of consent, and the bookings, to collect the amounts, notify you in advance and issue donation receipts (Art. 6 (1) (b) GDPR). The link in every e-mail lets you pause, change the amount, end, download your data and have it erased; only bookings and receipts are then kept, for as long as tax law requires (Art. 6 (1) (c) GDPR).\n\nIf you use one of the linked external payment services, you leave our website; the privacy policy of that provider applies there.',
    'privacy.analytics': 'Audience measurement',
    'privacy.analyticsText':
      'We count page views to learn which articles are read. We set no cookies for this, store no IP addresses and build no user profiles; only aggregated numbers are stored. We use no third-party analytics services.',
    'privacy.embeds': 'Embedded videos and content',
    'privacy.embedsText':
      'Videos from YouTube or Vimeo and other third-party content are embedded with a two-click solution. At first you see only a placeholder: until you click it, your browser loads nothing from YouTube, Vimeo or any other provider – no thumbnails, no scripts, no cookies.\n\nOnly when you click “Load video” or “Load content” is the content loaded from the provider’s server. The provider then receives your IP address and details of your browser and may set cookies; we load YouTube videos through youtube-nocookie.com and Vimeo videos with “Do Not Track” enabled. The provider is responsible for any further processing, which may include transfers to the USA. The legal basis is the consent you give by clicking (Art. 6 (1) (a) GDPR).\n\nIf you choose to always load content from a provider, your browser remembers this locally (local storage). The setting is not sent to us; you withdraw it by clearing this website’s data in your browser.',
    'privacy.fonts': 'Fonts',
    'privacy.fontsText':
      'All fonts are served from our own server. Your browser does not connect to Google Fonts or any other third party for them.',
    'privacy.rights': 'Your rights',
    'privacy.rightsText':
      'You have the right of access to the data we hold about you (Art. 15 GDPR), to rectification (Art. 16 GDPR), to erasure (Art. 17 GDPR), to restriction of processing (Art. 18 GDPR), to data portability (Art. 20 GDPR) and to object to processing based on our legitimate interest (Art. 21 GDPR). You can withdraw any consent at any time with effect for the future (Art. 7 (3) GDPR). Please use the contact details above.',
    'privacy.authorityDe':
      'You also have the right to lodge a complaint with a data protection supervisory authority (Art. 77 GDPR), for example the authority of the German federal state where you live or where we are based.',
    'privacy.authorityAt':
      'You also have the right to lodge a complaint with a data protection supervisory authority (Art. 77 GDPR); in Austria this is the Datenschutzbehörde, Barichgasse 40–42, 1030 Vienna (dsb.gv.at).',
  },
});

type LegalMessageKey = keyof (typeof legalMessages)['de'];
