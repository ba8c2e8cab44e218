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

/**
 * Commands the bundle knows; `toggle` ones report their state with aria-pressed. Blocks
 * (images, embeds, tables …) are inserted with "+" and "/" (the block inserter), so the
 * bar keeps to one short row of text formats, each with its full name for screen readers
 * and as a tooltip.
 */
const GROUPS: { cmd: string; key: AdminUiMessageKey; label: string; toggle?: boolean }[][] = [
  [{ cmd: 'insert', key: 'insert.open', label: '+' }],
  [
    { cmd: 'paragraph', key: 'toolbar.paragraph', label: '¶', toggle: true },
    { cmd: 'h2', key: 'toolbar.h2', label: 'H2', toggle: true },
    { cmd: 'h3', key: 'toolbar.h3', label: 'H3', toggle: true },
  ],
  [
    { cmd: 'bold', key: 'toolbar.bold', label: 'B', toggle: true },
    { cmd: 'italic', key: 'toolbar.italic', label: 'I', toggle: true },
    { cmd: 'link', key: 'toolbar.link', label: 'Link', toggle: true },
    { cmd: 'strike', key: 'toolbar.strike', label: 'S', toggle: true },
    { cmd: 'subscript', key: 'toolbar.subscript', label: 'x₂', toggle: true },
    { cmd: 'superscript', key: 'toolbar.superscript', label: 'x²', toggle: true },
    { cmd: 'abbr', key: 'toolbar.abbr', label: 'Abc.', toggle: true },
  ],
  [
    { cmd: 'undo', key: 'toolbar.undo', label: '↶' },
    { cmd: 'redo', key: 'toolbar.redo', label: '↷' },
  ],
];

export function toolbar(t: T): SafeHtml {
  return html`<div class="editor-toolbar" role="toolbar" aria-label="${t('editor.toolbar')}" aria-controls="editor-body" id="editor-toolbar">
${GROUPS.map((group) => html`<span class="toolbar-group">${group.map((b) => html`<button type="button" class="toolbar-button toolbar-${b.cmd}" data-cmd="${b.cmd}" title="${t(b.key)}"${b.cmd === 'insert' ? html` aria-haspopup="listbox" aria-controls="block-menu" aria-expanded="false"` : ''}${b.toggle ? html` aria-pressed="false"` : ''}><span aria-hidden="true">${b.label}</span><span class="visually-hidden">${t(b.key)}</span></button>`)}</span>`)}
</div>`;
}
