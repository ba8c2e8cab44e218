// Newsletter sender defaults (issue 11): the site's name and newsletter@ its public domain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSenderAddress, mailDomainOf, newsletterFrom } from './sender.js';

test('an empty sender is the site: its name and newsletter@ its domain', () => {
  assert.deepEqual(newsletterFrom('Lindenauer Zeitung', { senderName: '', senderEmail: '' }, 'https://www.lindenau-zeitung.example'), {
    name: 'Lindenauer Zeitung', address: 'newsletter@www.lindenau-zeitung.example',
  });
  assert.deepEqual(newsletterFrom('Lindenauer Zeitung', { senderName: ' Redaktion LZ ', senderEmail: 'post@lz.example' }, 'https://lz.example'), {
    name: 'Redaktion LZ', address: 'post@lz.example',
  });
});

test('loopback and bare addresses get the reserved local mail domain', () => {
  assert.equal(mailDomainOf('http://127.0.0.1:3000'), 'localhost.localdomain');
  assert.equal(mailDomainOf('http://localhost:3000'), 'localhost.localdomain');
  assert.equal(defaultSenderAddress('https://Blatt.Example.ORG/'), 'newsletter@blatt.example.org');
});
