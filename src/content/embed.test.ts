import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEmbed, parseHttpUrl, renderEmbed, type EmbedBlock } from './embed.js';

const ID = 'dQw4w9WgXcQ';
const NOCOOKIE = `https://www.youtube-nocookie.com/embed/${ID}`;

test('recognises every YouTube URL form and uses the nocookie player', () => {
  const forms = [
    `https://www.youtube.com/watch?v=${ID}`,
    `https://youtube.com/watch?feature=share&v=${ID}`,
    `https://m.youtube.com/watch?v=${ID}`,
    `https://youtu.be/${ID}`,
    `https://www.youtube.com/shorts/${ID}`,
    `https://www.youtube.com/embed/${ID}`,
    `https://www.youtube.com/live/${ID}`,
    `http://www.youtube.com/watch?v=${ID}`,
  ];
  for (const url of forms) {
    const e = parseEmbed(url);
    assert.equal(e?.provider, 'youtube', url);
    assert.equal(e?.playerUrl, NOCOOKIE, url);
  }
  assert.equal(parseEmbed(`https://youtu.be/${ID}?t=1m30s`)?.playerUrl, `${NOCOOKIE}?start=90`);
  assert.equal(parseEmbed(`https://www.youtube.com/watch?v=${ID}&t=42`)?.playerUrl, `${NOCOOKIE}?start=42`);
});

test('does not take look-alike hosts or broken ids for YouTube', () => {
  for (const url of [
    `https://youtube.com.evil.example/watch?v=${ID}`,
    `https://evil.example/watch?v=${ID}`,
    'https://www.youtube.com/watch?v=short',
    `https://www.youtube.com/watch?v=${ID}"><script>`,
    'https://www.youtube.com/channel/UC123',
  ]) {
    assert.notEqual(parseEmbed(url)?.provider, 'youtube', url);
  }
});

test('recognises Vimeo and asks its player not to track', () => {
  assert.equal(parseEmbed('https://vimeo.com/76979871')?.playerUrl, 'https://player.vimeo.com/video/76979871?dnt=1');
  assert.equal(parseEmbed('https://vimeo.com/76979871/8272103f6e')?.playerUrl, 'https://player.vimeo.com/video/76979871?h=8272103f6e&dnt=1');
  assert.equal(parseEmbed('https://vimeo.com/channels/staffpicks/76979871')?.provider, 'vimeo');
  assert.equal(parseEmbed('https://player.vimeo.com/video/76979871')?.provider, 'vimeo');
  assert.notEqual(parseEmbed('https://vimeo.com/about')?.provider, 'vimeo');
});

test('generic iframes need https; everything else becomes a link card', () => {
  assert.deepEqual(parseEmbed('https://datawrapper.dwcdn.net/abc/1/', 'iframe'), {
    provider: 'iframe',
    url: 'https://datawrapper.dwcdn.net/abc/1/',
    playerUrl: 'https://datawrapper.dwcdn.net/abc/1/',
  });
  assert.equal(parseEmbed('http://example.org/chart', 'iframe')?.provider, 'link');
  assert.equal(parseEmbed('https://example.org/artikel')?.provider, 'link');
  assert.equal(parseEmbed(`https://youtu.be/${ID}`, 'link')?.provider, 'link');
  assert.equal(parseEmbed(`https://youtu.be/${ID}`, 'iframe')?.provider, 'youtube', 'a video still gets the private player');
});

test('parseHttpUrl refuses everything but plain http(s)', () => {
  for (const url of [
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'java\nscript:alert(1)',
    'https://exa\u0000mple.org/',
    'https://example.org/\u0001',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '//example.org/',
    '/relative',
    'https:/\\evil.example',
    'https://trusted.example@evil.example/',
    'ftp://example.org/',
    '',
  ]) {
    assert.equal(parseHttpUrl(url), null, JSON.stringify(url));
    assert.equal(parseEmbed(url), null, JSON.stringify(url));
  }
  assert.equal(parseHttpUrl('http://example.org/', true), null);
  assert.equal(parseHttpUrl('https://example.org/a?b=c')?.href, 'https://example.org/a?b=c');
});

/** Every URL the browser would fetch or follow, with the attribute it sits in. */
function urls(markup: string): { attr: string; url: string }[] {
  return [...markup.matchAll(/\s(src|srcset|href|poster|action|cite|background)="([^"]*)"/gi)].map((m) => ({ attr: m[1]!, url: m[2]! }));
}

test('the placeholder makes no request to the provider before the click', () => {
  const blocks: EmbedBlock[] = [
    { provider: 'youtube', url: `https://www.youtube.com/watch?v=${ID}`, title: 'Die Rede' },
    { provider: 'vimeo', url: 'https://vimeo.com/76979871' },
    { provider: 'iframe', url: 'https://datawrapper.dwcdn.net/abc/1/', caption: 'Grafik: *dpa*' },
  ];
  for (const block of blocks) {
    const out = renderEmbed(block, { lang: 'de' }).toString();
    assert.ok(!/<(iframe|img|picture|source|video|audio|object|embed|link|script|style)\b/i.test(out), out);
    assert.ok(!/url\(/i.test(out), 'no background images');
    const found = urls(out);
    assert.deepEqual(found, [{ attr: 'href', url: block.url.replace(/&/g, '&amp;') }], 'only the fallback link');
    assert.match(out, /^<figure class="embed" data-embed-src="https:\/\/[^"]+" data-provider="(youtube|vimeo|iframe)"/);
    assert.match(out, /<button type="button" class="embed-load"/);
  }
});

test('the placeholder names the provider and warns, in both languages', () => {
  const block: EmbedBlock = { provider: 'youtube', url: `https://youtu.be/${ID}`, title: 'Die Rede' };
  const de = renderEmbed(block, { lang: 'de' }).toString();
  assert.ok(de.includes(`data-embed-src="${NOCOOKIE}"`));
  assert.ok(de.includes('data-provider="youtube"'));
  assert.ok(de.includes('Die Rede'));
  assert.ok(de.includes('an YouTube übertragen'));
  assert.ok(de.includes('>Video laden</button>'));
  assert.ok(de.includes('Inhalte von YouTube immer laden'));
  const en = renderEmbed(block, { lang: 'en' }).toString();
  assert.ok(en.includes('sends data, such as your IP address, to YouTube'));
  assert.ok(en.includes('>Load video</button>'));
  const vimeo = renderEmbed({ provider: 'vimeo', url: 'https://vimeo.com/1' }, { lang: 'en' }).toString();
  assert.ok(vimeo.includes('data-embed-src="https://player.vimeo.com/video/1?dnt=1"'));
  assert.ok(vimeo.includes('Video on Vimeo'));
});

test('escapes hostile titles, captions and URLs', () => {
  const out = renderEmbed(
    {
      provider: 'iframe',
      url: 'https://example.org/"><script>alert(1)</script>',
      title: '"><img src=x onerror=alert(1)>',
      caption: '<script>alert(2)</script> [x](javascript:alert(3))',
    },
    { lang: 'en' },
  ).toString();
  assert.ok(!/<script|<img|="javascript:/i.test(out), out);
  assert.ok(out.includes('[x](javascript:alert(3))'), 'the refused link stays visible as text');
  assert.ok(!/\son\w+="/.test(out), out);
  assert.ok(out.includes('&lt;script&gt;alert(2)&lt;/script&gt;'));
});

test('unusable URLs render nothing; a mismatched video URL becomes a link card', () => {
  assert.equal(renderEmbed({ provider: 'youtube', url: 'javascript:alert(1)' }, { lang: 'de' }).toString(), '');
  assert.equal(renderEmbed({ provider: 'iframe', url: 'data:text/html,x' }, { lang: 'de' }).toString(), '');
  const card = renderEmbed({ provider: 'youtube', url: 'https://example.org/a', title: 'Artikel' }, { lang: 'de' }).toString();
  assert.equal(
    card,
    '<figure class="embed-link"><a class="embed-link-card" href="https://example.org/a" rel="noopener"><span class="embed-link-title">Artikel</span> <span class="embed-link-host">example.org</span></a></figure>',
  );
});
