import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, type SiteSettings } from '../platform/settings.js';
import type { Language } from '../platform/i18n.js';
import { renderImprint, renderPrivacy } from './legal.js';

const PLACEHOLDER = '[bitte in den Einstellungen ergänzen]';

function settingsWith(legal: Partial<SiteSettings['legal']>, title = 'Stadtblatt'): SiteSettings {
  const settings = structuredClone(DEFAULT_SETTINGS);
  settings.site.title = title;
  Object.assign(settings.legal, legal);
  return settings;
}

const GERMAN = settingsWith({
  country: 'de',
  publisher: 'Stadtblatt gGmbH',
  legalForm: 'gemeinnützige GmbH',
  address: 'Hauptstraße 1\n12345 Musterstadt',
  email: 'redaktion@stadtblatt.example',
  phone: '+49 30 1234567',
  register: 'Amtsgericht Musterstadt, HRB 12345',
  vatId: 'DE123456789',
  responsibleEditor: 'Erika Mustermann',
  responsibleEditorAddress: 'Hauptstraße 1, 12345 Musterstadt',
  hostingProvider: 'Hetzner Online GmbH, Gunzenhausen',
});

const AUSTRIAN = settingsWith({
  country: 'at',
  publisher: 'Grätzlblatt – Verein für Lokaljournalismus',
  address: 'Praterstraße 1\n1020 Wien',
  email: 'office@graetzlblatt.example',
  register: 'ZVR 123456789',
  vatId: 'ATU12345678',
  mediaOwner: 'Grätzlblatt – Verein für Lokaljournalismus',
  editorialLine: 'Unabhängige Berichterstattung über das Leben im Bezirk.',
}, 'Grätzlblatt');

const render = (fn: typeof renderImprint, settings: SiteSettings, lang: Language = 'de') => fn({ lang }, settings).toString();

describe('Impressum (Germany)', () => {
  const page = render(renderImprint, GERMAN);

  test('has the required headings', () => {
    assert.match(page, /<h1>Impressum<\/h1>/);
    assert.match(page, />Angaben gemäß § 5 DDG</);
    assert.match(page, />Verantwortlich für den Inhalt nach § 18 Abs\. 2 MStV</);
    assert.match(page, />Registereintrag</);
    assert.match(page, />Umsatzsteuer-ID</);
    assert.doesNotMatch(page, /MedienG|ECG/);
  });

  test('shows the settings', () => {
    for (const text of ['Stadtblatt gGmbH', 'gemeinnützige GmbH', 'Hauptstraße 1<br>12345 Musterstadt', '+49 30 1234567', 'Amtsgericht Musterstadt, HRB 12345', 'DE123456789', 'Erika Mustermann', 'Hauptstraße 1, 12345 Musterstadt']) {
      assert.ok(page.includes(text), text);
    }
    assert.match(page, /<a href="mailto:redaktion@stadtblatt\.example">redaktion@stadtblatt\.example<\/a>/);
    assert.ok(!page.includes(PLACEHOLDER));
  });

  test('English version', () => {
    const en = render(renderImprint, GERMAN, 'en');
    assert.match(en, /<h1>Legal notice<\/h1>/);
    assert.match(en, /§ 5 DDG/);
    assert.match(en, /§ 18 \(2\) MStV/);
  });
});

describe('Impressum (Austria)', () => {
  const page = render(renderImprint, AUSTRIAN);

  test('has the required headings and disclosure terms', () => {
    assert.match(page, /<h1>Impressum und Offenlegung<\/h1>/);
    assert.match(page, />Angaben gemäß § 5 ECG</);
    assert.match(page, />Offenlegung gemäß § 25 MedienG</);
    for (const term of ['Medieninhaber', 'Sitz', 'Unternehmensgegenstand', 'Grundlegende Richtung (Blattlinie)']) {
      assert.ok(page.includes(`<dt>${term}</dt>`), term);
    }
    assert.doesNotMatch(page, /DDG|MStV/);
  });

  test('shows the settings', () => {
    for (const text of ['Grätzlblatt – Verein für Lokaljournalismus', 'Praterstraße 1<br>1020 Wien', 'ZVR 123456789', 'ATU12345678', 'Unabhängige Berichterstattung über das Leben im Bezirk.', 'Online-Mediums „Grätzlblatt“']) {
      assert.ok(page.includes(text), text);
    }
  });

  test('English version', () => {
    const en = render(renderImprint, AUSTRIAN, 'en');
    assert.match(en, /<h1>Legal notice and disclosure<\/h1>/);
    assert.match(en, /§ 25 MedienG/);
    assert.match(en, /Fundamental editorial line/);
  });
});

describe('missing settings', () => {
  test('render as marked placeholders instead of failing', () => {
    for (const country of ['de', 'at'] as const) {
      const empty = settingsWith({ country });
      const imprint = render(renderImprint, empty);
      assert.ok(imprint.includes(`<mark class="legal-missing">${PLACEHOLDER}</mark>`), country);
      assert.ok(render(renderPrivacy, empty).includes(PLACEHOLDER), country);
      assert.ok(render(renderImprint, empty, 'en').includes('[please add this in the settings]'), country);
    }
  });

  test('optional facts are left out rather than shown as placeholders', () => {
    const page = render(renderImprint, settingsWith({ publisher: 'X', address: 'Y', email: 'x@y.example' }));
    assert.doesNotMatch(page, /Registereintrag|Umsatzsteuer|Telefon/);
  });

  test('damaged values (not strings) do not crash', () => {
    const broken = settingsWith({ publisher: null as unknown as string, phone: 42 as unknown as string });
    assert.ok(render(renderImprint, broken).includes(PLACEHOLDER));
  });
});

describe('escaping', () => {
  const hostile = '<script>alert(1)</script>" onload="x';
  const settings = settingsWith(
    Object.fromEntries(Object.keys(DEFAULT_SETTINGS.legal).filter((k) => k !== 'country').map((k) => [k, hostile])),
    hostile,
  );

  test('no setting can inject markup', () => {
    for (const country of ['de', 'at'] as const) {
      settings.legal.country = country;
      for (const lang of ['de', 'en'] as const) {
        for (const page of [render(renderImprint, settings, lang), render(renderPrivacy, settings, lang)]) {
          assert.ok(!page.includes('<script>'), `${country}/${lang}`);
          assert.ok(!page.includes('" onload="'), `${country}/${lang}`);
          assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;&quot; onload=&quot;x'));
        }
      }
    }
  });

  test('an e-mail setting only becomes a mailto: link when it looks like an address', () => {
    const page = render(renderImprint, settingsWith({ email: 'javascript:alert(1)//@x.y z' }));
    assert.doesNotMatch(page, /href="(mailto:)?javascript/);
  });
});

describe('privacy notice', () => {
  const TOPICS_DE = [
    'Datenschutzerklärung',
    'Verantwortlicher',
    'Server-Logs',
    'Kommentare',
    'täglich wechselnden',
    'nie angezeigt',
    'Newsletter',
    'Double-Opt-in',
    'abbestellen',
    'Spenden',
    'keine Zahlungsdaten',
    'SEPA-Lastschrift',
    'Reichweitenmessung',
    'keine Cookies',
    'keine IP-Adressen',
    'Zwei-Klick',
    'YouTube',
    'Vimeo',
    'Schriften',
    'Art. 15 DSGVO',
    'Art. 21 DSGVO',
    'Aufsichtsbehörde',
    'Hosting',
  ];
  const TOPICS_EN = ['Privacy notice', 'Controller', 'Server logs', 'Comments', 'changes daily', 'never shown', 'double opt-in', 'unsubscribe', 'Donations', 'no payment data', 'SEPA direct debit', 'no cookies', 'two-click', 'YouTube', 'Vimeo', 'Fonts', 'Art. 15 GDPR', 'Art. 21 GDPR', 'supervisory authority', 'Hosting'];

  test('German version covers every topic', () => {
    const page = render(renderPrivacy, GERMAN);
    for (const topic of TOPICS_DE) assert.ok(page.includes(topic), topic);
    for (const text of ['Stadtblatt gGmbH', 'Hetzner Online GmbH, Gunzenhausen', 'redaktion@stadtblatt.example']) assert.ok(page.includes(text), text);
  });

  test('English version covers every topic', () => {
    const page = render(renderPrivacy, GERMAN, 'en');
    for (const topic of TOPICS_EN) assert.ok(page.includes(topic), topic);
  });

  test('names the supervisory authority by country', () => {
    assert.match(render(renderPrivacy, AUSTRIAN), /Datenschutzbehörde, Barichgasse 40–42, 1030 Wien/);
    assert.doesNotMatch(render(renderPrivacy, GERMAN), /Barichgasse/);
  });

  test('a separate privacy contact is shown when set', () => {
    const page = render(renderPrivacy, settingsWith({ ...GERMAN.legal, privacyContact: 'datenschutz@stadtblatt.example' }));
    assert.match(page, /Ansprechpartner für den Datenschutz: <a href="mailto:datenschutz@stadtblatt\.example">/);
  });
});

test('the privacy notice names the hosting in a sentence that fits any value, and links the readers\' data page', () => {
  for (const lang of ['de', 'en'] as const) {
    const settings = settingsWith({ hostingProvider: lang === 'de' ? 'Eigener Server in einem Rechenzentrum' : 'Own server in a data centre' });
    const out = renderPrivacy({ lang }, settings).toString();
    assert.doesNotMatch(out, /bei Eigener Server|hosted by Own server/);
    assert.match(out, lang === 'de' ? /Hosting dieser Website: Eigener Server in einem Rechenzentrum\./ : /Hosting of this website: Own server in a data centre\./);
    assert.match(out, /<a href="\/privacy\/comments\/">/);
  }
});
