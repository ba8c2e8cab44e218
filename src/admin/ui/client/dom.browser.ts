/**
 * Building DOM without HTML strings: text goes in as text nodes, attributes as
 * attributes, so nothing staff or readers typed can become markup in the editor.
 *
 * @example
 *   el('li', { class: 'finding' }, [el('mark', {}, [finding.word]), ' ', finding.message]);
 */
export type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  children: readonly Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

/** An element the page must have; a missing one is a bug in the page, said loudly. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the editor page`);
  return node as T;
}

/** Like `byId`, for parts the page leaves out for some roles (Publish for contributors). */
export function maybeId<T extends HTMLElement = HTMLElement>(id: string): T | null {
  return document.getElementById(id) as T | null;
}

/** A labelled text field for a node view: label, input (or textarea) and its value. */
export function field(label: string, value: string, options: { multiline?: boolean; type?: string; name: string; maxLength?: number }) {
  const id = `f-${options.name}-${Math.random().toString(36).slice(2, 9)}`;
  const input = options.multiline
    ? el('textarea', { id, rows: '2', 'data-attr': options.name })
    : el('input', { id, type: options.type ?? 'text', 'data-attr': options.name });
  if (options.maxLength) input.maxLength = options.maxLength;
  input.value = value;
  const wrapper = el('p', { class: 'field' }, [el('label', { for: id }, [label]), input]);
  return { wrapper, input };
}

/** Opens a `<dialog>` as a modal and wires its [data-close] buttons once. */
export function openDialog(dialog: HTMLDialogElement): void {
  if (!dialog.dataset.wired) {
    dialog.dataset.wired = 'true';
    for (const button of dialog.querySelectorAll<HTMLButtonElement>('[data-close]')) button.addEventListener('click', () => dialog.close());
  }
  if (!dialog.open) dialog.showModal();
}
