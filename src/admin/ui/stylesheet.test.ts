// The newsroom's form pages share one set of class names for refusals and confirmations
// (`field-error`, `notice`, `notice-error`), whichever capability renders them; this
// checks that every such class the views use has a rule in admin.css.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

const VIEWS = [
  'src/admin/ui/settings-view.ts',
  'src/admin/ui/account-view.ts',
  'src/audience/admin-view.ts',
  'src/distribution/webhooks/view.ts',
  'src/admin/ui/authors-view.ts',
  'src/admin/ui/tags-view.ts',
];

test('the form classes of the newsroom views are styled in admin.css', async () => {
  const css = await readFile('src/admin/ui/assets/admin.css', 'utf8');
  const used = new Set<string>();
  for (const file of VIEWS) {
    const source = await readFile(file, 'utf8');
    for (const [, list] of source.matchAll(/class="([^"$]*)"/g)) {
      for (const name of list!.split(/\s+/)) if (/^(notice|field-error)/.test(name)) used.add(name);
    }
  }
  assert.ok(used.has('field-error') && used.has('notice-error'), [...used].join(' '));
  for (const name of used) assert.match(css, new RegExp(`\\.${name}[\\s,{:\\[]`), `.${name} has no rule in admin.css`);
});
