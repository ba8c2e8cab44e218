/**
 * Proofreading while writing: title, standfirst and body go to the proofreading API
 * (debounced) as one text; findings come back with offsets into it, which are mapped to
 * positions in the document and drawn as underlines (ProseMirror decorations, nothing in
 * the saved body) and listed in the panel as a checklist. A finding can be replaced by a
 * suggestion or ignored; the rest are "open", and publishing asks once more about them.
 *
 * @example
 *   const proofreader = createProofreader({ t, editor, title, subtitle, language: () => 'de' });
 *   const open = await proofreader.checkNow();
 */
import { Extension, type Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { api, type Finding } from './api.browser.js';
import { byId, el } from './dom.browser.js';
import type { T } from './i18n.browser.js';

const DEBOUNCE_MS = 1200;
const key = new PluginKey<DecorationSet>('proofread');

/** Draws the current findings; positions follow the text as it is edited. */
export const ProofreadMarks = Extension.create({
  name: 'proofreadMarks',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: () => DecorationSet.empty,
          apply: (tr, set) => (tr.getMeta(key) as DecorationSet | undefined) ?? set.map(tr.mapping, tr.doc),
        },
        props: { decorations: (state) => key.getState(state) },
      }),
    ];
  },
});

interface Segment {
  start: number;
  pos: number;
  length: number;
}

/** The body's text, text blocks separated by blank lines, and where each run sits in the document. */
export function bodyText(doc: PMNode): { text: string; segments: Segment[] } {
  let text = '';
  const segments: Segment[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    if (text) text += '\n\n';
    node.forEach((child, offset) => {
      if (child.isText) {
        segments.push({ start: text.length, pos: pos + 1 + offset, length: child.text!.length });
        text += child.text;
      } else text += child.type.name === 'hardBreak' ? '\n' : ' ';
    });
    return false;
  });
  return { text, segments };
}

export type Where = 'title' | 'subtitle' | 'body';
export interface Located extends Finding {
  id: string;
  where: Where;
  /** Document range for body findings. */
  from?: number;
  to?: number;
}

export interface Proofreader {
  schedule(): void;
  /** Checks now (waiting for a running check) and returns the open findings. */
  checkNow(): Promise<Located[]>;
  open(): Located[];
}

export function createProofreader(deps: {
  t: T;
  editor: Editor;
  title: HTMLTextAreaElement;
  subtitle: HTMLTextAreaElement;
  language: () => string;
  /** Editors and up may add a word to the site's dictionary (the API says so too). */
  mayAddWords?: boolean;
  say?: (message: string) => void;
}): Proofreader {
  const { t, editor, title, subtitle } = deps;
  const summary = byId('proofread-summary');
  const list = byId<HTMLUListElement>('proofread-list');
  const ignored = new Set<string>();
  let findings: Located[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let queue: Promise<void> = Promise.resolve();
  let version = 0;

  const ignoreKey = (f: Finding) => `${f.kind}\u0000${f.word}`;
  const open = () => findings.filter((f) => !ignored.has(ignoreKey(f)));

  function locate(raw: Finding[], prefixTitle: string, prefixSubtitle: string, segments: Segment[]): Located[] {
    const bodyStart = prefixTitle.length + 2 + prefixSubtitle.length + 2;
    return raw.flatMap((f, i): Located[] => {
      const id = `f${version}-${i}`;
      if (f.offset < prefixTitle.length) return [{ ...f, id, where: 'title' }];
      if (f.offset < bodyStart) return [{ ...f, id, where: 'subtitle', offset: f.offset - prefixTitle.length - 2 }];
      const offset = f.offset - bodyStart;
      const seg = segments.find((s) => offset >= s.start && offset < s.start + s.length);
      if (!seg) return [];
      const from = seg.pos + offset - seg.start;
      return [{ ...f, id, where: 'body', offset, from, to: Math.min(from + f.length, seg.pos + seg.length) }];
    });
  }

  function draw() {
    const marks = open()
      .filter((f) => f.where === 'body')
      .map((f) => Decoration.inline(f.from!, f.to!, { class: `proof-mark proof-${f.kind}`, title: f.message }, { id: f.id }));
    editor.view.dispatch(editor.state.tr.setMeta(key, DecorationSet.create(editor.state.doc, marks)).setMeta('addToHistory', false));
    renderList(list, open());
    const count = open().length;
    summary.textContent = count ? t('proof.count', { count }) : t('proof.none');
    summary.classList.toggle('proof-open', count > 0);
  }

  /** Replaces a finding's text by a suggestion, where the finding is now. */
  function apply(finding: Located, suggestion: string) {
    if (finding.where === 'body') {
      const current = key.getState(editor.state)?.find(undefined, undefined, (spec) => spec.id === finding.id)[0];
      if (!current) return;
      editor.view.dispatch(editor.state.tr.insertText(suggestion, current.from, current.to));
    } else {
      const input = finding.where === 'title' ? title : subtitle;
      if (input.value.slice(finding.offset, finding.offset + finding.length) !== finding.word) return;
      input.value = input.value.slice(0, finding.offset) + suggestion + input.value.slice(finding.offset + finding.length);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
    findings = findings.filter((f) => f.id !== finding.id);
    draw();
  }

  /** Checklist entries, for the panel and the publish dialog alike. */
  function renderList(target: HTMLUListElement, items: Located[]) {
    target.replaceChildren(
      ...items.map((f) => {
        const suggestions = f.suggestions.slice(0, 3).map((s) => {
          const button = el('button', { type: 'button', class: 'link-button' }, [t('proof.replace', { word: s })]);
          button.addEventListener('click', () => apply(f, s));
          return button;
        });
        const ignore = el('button', { type: 'button', class: 'link-button', 'aria-label': t('proof.ignoreLabel', { word: f.word }) }, [t('proof.ignore')]);
        ignore.addEventListener('click', () => {
          ignored.add(ignoreKey(f));
          draw();
        });
        // A name or term the site uses: into its dictionary, so no article flags it again.
        const addWord = deps.mayAddWords && f.kind === 'spelling' ? el('button', { type: 'button', class: 'link-button proof-add', 'aria-label': t('proof.addWordLabel', { word: f.word }) }, [t('proof.addWord')]) : null;
        addWord?.addEventListener('click', async () => {
          addWord.setAttribute('disabled', '');
          try {
            await api('POST', '/api/v1/admin/dictionary', { word: f.word });
            findings = findings.filter((other) => !(other.kind === 'spelling' && other.word === f.word));
            draw();
            deps.say?.(t('proof.added', { word: f.word }));
          } catch (error) {
            addWord.removeAttribute('disabled');
            deps.say?.(error instanceof Error ? error.message : String(error));
          }
        });
        return el('li', { class: `proof-item proof-${f.kind}`, 'data-kind': f.kind }, [
          el('span', { class: 'proof-where' }, [t(`proof.where.${f.where}`)]),
          ' ',
          el('mark', {}, [f.word]),
          ' — ',
          f.message,
          el('span', { class: 'proof-actions' }, [...suggestions, ...(addWord ? [addWord] : []), ignore]),
        ]);
      }),
    );
  }

  async function run() {
    const started = ++version;
    const doc = editor.state.doc;
    const { text, segments } = bodyText(doc);
    const head = [title.value, subtitle.value];
    summary.textContent = t('proof.checking');
    try {
      const answer = await api<{ findings: Finding[] }>('POST', '/api/v1/admin/proofread', {
        text: `${head[0]}\n\n${head[1]}\n\n${text}`.slice(0, 200_000),
        language: deps.language() === 'en' ? 'en' : 'de',
      });
      // Stale if anything changed meanwhile: the next scheduled check will bring fresh ones.
      if (started !== version || editor.state.doc !== doc || title.value !== head[0] || subtitle.value !== head[1]) return;
      findings = locate(answer.findings, head[0]!, head[1]!, segments);
      draw();
    } catch {
      summary.textContent = t('proof.failed');
    }
  }

  /** One check at a time: a new one waits for the running one. */
  function start(): Promise<void> {
    const next = queue.then(run);
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    schedule() {
      clearTimeout(timer);
      version++;
      timer = setTimeout(() => void start(), DEBOUNCE_MS);
    },
    async checkNow() {
      clearTimeout(timer);
      await start();
      return open();
    },
    open,
  };
}

/** Lists open findings in the publish dialog; the same entries as the panel's checklist. */
export function listFindings(target: HTMLUListElement, items: readonly Located[], t: T): void {
  target.replaceChildren(...items.map((f) => el('li', { class: `proof-item proof-${f.kind}` }, [el('span', { class: 'proof-where' }, [t(`proof.where.${f.where}`)]), ' ', el('mark', {}, [f.word]), ' — ', f.message, f.suggestions[0] ? ` (${f.suggestions.slice(0, 3).join(', ')})` : ''])));
}
