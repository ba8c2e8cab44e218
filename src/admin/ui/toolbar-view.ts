/**
 * The editor's toolbar: one button per command, grouped, each with a visible name. The
 * bundle (client/toolbar.browser.ts) runs the command named in `data-cmd` and keeps
 * `aria-pressed` in step with the selection.
 *
 * @example
 *   html`${toolbar(t)}<div id="editor-body"></div>`;
 */
import { html, type SafeHtml } from '../../platform/html.js';
import type { AdminUiMessageKey } from './messages.js';
import type { T } from './layout.js';

/** Commands the bundle knows; `toggle` ones report their state with aria-pressed. */
const GROUPS: { cmd: string; key: AdminUiMessageKey; toggle?: boolean }[][] = [
  [
    { cmd: 'paragraph', key: 'toolbar.paragraph', toggle: true },
    { cmd: 'h2', key: 'toolbar.h2', toggle: true },
    { cmd: 'h3', key: 'toolbar.h3', toggle: true },
    { cmd: 'h4', key: 'toolbar.h4', toggle: true },
  ],
  [
    { cmd: 'bold', key: 'toolbar.bold', toggle: true },
    { cmd: 'italic', key: 'toolbar.italic', toggle: true },
    { cmd: 'link', key: 'toolbar.link', toggle: true },
  ],
  [
    { cmd: 'strike', key: 'toolbar.strike', toggle: true },
    { cmd: 'subscript', key: 'toolbar.subscript', toggle: true },
    { cmd: 'superscript', key: 'toolbar.superscript', toggle: true },
    { cmd: 'abbr', key: 'toolbar.abbr', toggle: true },
  ],
  [
    { cmd: 'bulletList', key: 'toolbar.bulletList', toggle: true },
    { cmd: 'orderedList', key: 'toolbar.orderedList', toggle: true },
    { cmd: 'quote', key: 'toolbar.quote', toggle: true },
  ],
  [
    { cmd: 'image', key: 'toolbar.image' },
    { cmd: 'gallery', key: 'toolbar.gallery' },
    { cmd: 'table', key: 'toolbar.table' },
    { cmd: 'code', key: 'toolbar.code' },
    { cmd: 'details', key: 'toolbar.details' },
    { cmd: 'separator', key: 'toolbar.separator' },
    { cmd: 'donation', key: 'toolbar.donation' },
    { cmd: 'footnotes', key: 'toolbar.footnotes' },
  ],
  [
    { cmd: 'undo', key: 'toolbar.undo' },
    { cmd: 'redo', key: 'toolbar.redo' },
  ],
];

export function toolbar(t: T): SafeHtml {
  return html`<div class="editor-toolbar" role="toolbar" aria-label="${t('editor.toolbar')}" aria-controls="editor-body" id="editor-toolbar">
${GROUPS.map((group) => html`<span class="toolbar-group">${group.map((b) => html`<button type="button" class="toolbar-button" data-cmd="${b.cmd}"${b.toggle ? html` aria-pressed="false"` : ''}>${t(b.key)}</button>`)}</span>`)}
</div>`;
}
