// Slugs from any script: German spelled out, Greek and Cyrillic transliterated, and the
// content service gives a Greek or Russian title a readable address of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidSlug, slugify } from './slug.js';

test('German, Greek, Cyrillic and other Latin letters become readable ASCII slugs', () => {
  assert.equal(slugify('Haushaltsdebatte: Stadtrat streitet über Bäder'), 'haushaltsdebatte-stadtrat-streitet-ueber-baeder');
  assert.equal(slugify('Straße der Einheit'), 'strasse-der-einheit');
  assert.equal(slugify('Δημοτικό Συμβούλιο Αθηνών'), 'dimotiko-symvoylio-athinon');
  assert.equal(slugify('Городской совет Москвы'), 'gorodskoy-sovet-moskvy');
  assert.equal(slugify('Київ: міська рада'), 'kiyiv-miska-rada');
  assert.equal(slugify('Łódź & Kraków'), 'lodz-krakow');
  for (const title of ['Δημοτικό Συμβούλιο Αθηνών', 'Городской совет Москвы']) assert.ok(isValidSlug(slugify(title)), title);
});

test('slugs stay within 80 characters and never end on a hyphen', () => {
  const slug = slugify('Πολύ μεγάλος τίτλος '.repeat(10));
  assert.ok(slug.length <= 80 && !slug.endsWith('-'), slug);
  assert.ok(isValidSlug(slug));
});
