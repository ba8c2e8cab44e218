/**
 * Writing XML by hand, safely: text escaped, CDATA sections split where the text itself
 * contains `]]>`, and characters XML 1.0 forbids removed (a stray control character would
 * make WordPress's importer refuse the whole file). Output goes to a stream with
 * backpressure, so an export of any size holds one article in memory at a time.
 *
 * @example
 *   const out = xmlWriter(createWriteStream('export.xml'));
 *   await out.write(`<title>${cdata('Haushalt ]]> 2025')}</title>`);
 *   await out.end();
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';

const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlText(text: string): string {
  return text.replace(FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function cdata(text: string): string {
  return `<![CDATA[${text.replace(FORBIDDEN, '').split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

export interface XmlWriter {
  write(text: string): Promise<void>;
  end(): Promise<void>;
}

export function xmlWriter(out: Writable): XmlWriter {
  return {
    async write(text) {
      if (!out.write(text)) await once(out, 'drain');
    },
    async end() {
      if (out === (process.stdout as unknown as Writable)) return;
      out.end();
      await once(out, 'finish');
    },
  };
}
