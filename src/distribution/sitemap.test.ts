import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLValidator } from 'fast-xml-parser';
import { ResponseCache, acceptsGzip, etagMatches } from './cache.js';
import { SITEMAP_LIMIT, robotsTxt, sitemapXml } from './sitemap.js';

test('sitemap: escaped, absolute, with lastmod, well-formed, capped', () => {
  const xml = sitemapXml([
    { loc: 'https://z.example/', lastmod: new Date('2026-11-10T09:00:00.500Z') },
    { loc: 'https://z.example/a/?x=1&y=<2>\u0001' },
  ]);
  assert.equal(XMLValidator.validate(xml), true);
  assert.match(xml, /<url><loc>https:\/\/z\.example\/<\/loc><lastmod>2026-11-10T09:00:00Z<\/lastmod><\/url>/);
  assert.match(xml, /<loc>https:\/\/z\.example\/a\/\?x=1&amp;y=&lt;2&gt;<\/loc>/);
  const many = sitemapXml(Array.from({ length: SITEMAP_LIMIT + 5 }, (_, i) => ({ loc: `https://z.example/${i}/` })));
  assert.equal(many.match(/<url>/g)?.length, SITEMAP_LIMIT);
});

test('robots.txt: allows all but admin and API, names the sitemap', () => {
  assert.equal(
    robotsTxt('https://z.example'),
    'User-agent: *\nAllow: /\nDisallow: /admin/\nDisallow: /api/\n\nSitemap: https://z.example/sitemap.xml\n',
  );
});

test('cache: one build for concurrent requests, cleared, expired, unknowns not kept', async () => {
  let clock = 0;
  let builds = 0;
  const cache = new ResponseCache({ ttlMs: 1000, clock: () => clock });
  const build = async () => ({ body: `v${++builds}`, type: 'text/plain' });
  const [a, b] = await Promise.all([cache.get('k', build), cache.get('k', build)]);
  assert.equal(builds, 1);
  assert.equal(a, b);
  assert.match(a!.etag, /^W\/"[\w-]{27}"$/);
  cache.clear();
  assert.equal((await cache.get('k', build))!.body.toString(), 'v2');
  clock = 1001;
  assert.equal((await cache.get('k', build))!.body.toString(), 'v3');
  assert.equal(await cache.get('missing', async () => null), null);
  assert.equal(cache.size, 1);
});

test('conditional and encoding headers', () => {
  assert.ok(etagMatches('W/"abc"', 'W/"abc"'));
  assert.ok(etagMatches('"x", "abc"', 'W/"abc"'));
  assert.ok(etagMatches('*', 'W/"abc"'));
  assert.ok(!etagMatches('"abcd"', 'W/"abc"'));
  assert.ok(!etagMatches(undefined, 'W/"abc"'));
  assert.ok(acceptsGzip('gzip, deflate, br'));
  assert.ok(acceptsGzip('br;q=1.0, GZIP;q=0.5'));
  assert.ok(!acceptsGzip('gzip;q=0'));
  assert.ok(!acceptsGzip('br'));
  assert.ok(!acceptsGzip(undefined));
});
