/**
 * A remote Note's HTML becomes comment text: the Markdown subset readers write in, which
 * then goes through the discussion's own renderer and sanitiser like any comment (raw HTML
 * off, link targets checked, allowlist sanitiser). Nothing of the remote markup survives but
 * paragraphs, line breaks, quotes and http(s) links; everything else is its text, with the
 * Markdown characters escaped, so a remote `<script>` is the text "<script>" at most.
 * Mentions of our own actors (Mastodon puts `@site@host` before every reply) are dropped.
 *
 * @example
 *   noteToCommentText('<p><span class="h-card"><a href="https://news.example/ap/actors/site" class="u-url mention">@<span>site</span></a></span> Danke!</p>', { ownActors: ['https://news.example/ap/actors/site'] });
 *   // 'Danke!'
 */
import { Parser } from 'htmlparser2';

export interface NoteTextOptions {
  /** Actor ids and profile URLs whose mentions are dropped. */
  ownActors?: readonly string[];
}

const MARKDOWN = /[\\`*_[\]~<>]/g;
const escapeText = (text: string) => text.replace(MARKDOWN, (c) => `\\${c}`);
const BLOCKS = new Set(['p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'table', 'tr']);
const DROPPED = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'svg', 'math', 'head', 'title']);

function httpUrl(href: string | undefined): string | null {
  if (!href) return null;
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function noteToCommentText(html: string, options: NoteTextOptions = {}): string {
  const own = new Set(options.ownActors ?? []);
  const blocks: string[] = [];
  let line = '';
  let quoteDepth = 0;
  let dropped = 0;
  const links: { href: string | null; text: string; own: boolean; mention: boolean }[] = [];

  const flush = () => {
    const text = line.replace(/[ \t]+/g, ' ').replace(/ *\n */g, '\n').trim();
    if (text) blocks.push(text.split('\n').map((l) => `${'> '.repeat(quoteDepth)}${l}`).join('\n'));
    line = '';
  };
  const write = (text: string) => {
    const link = links[links.length - 1];
    if (link) link.text += text;
    else line += text;
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (DROPPED.has(name) || dropped) {
          if (DROPPED.has(name)) dropped++;
          return;
        }
        if (name === 'br') write('\n');
        else if (name === 'blockquote') {
          flush();
          quoteDepth++;
        } else if (BLOCKS.has(name)) flush();
        else if (name === 'a') {
          const classes = (attributes.class ?? '').split(/\s+/);
          const href = httpUrl(attributes.href);
          links.push({ href, text: '', own: href !== null && own.has(href), mention: classes.includes('mention') });
        }
      },
      ontext(text) {
        if (!dropped) write(escapeText(text));
      },
      onclosetag(name) {
        if (DROPPED.has(name)) {
          dropped = Math.max(0, dropped - 1);
          return;
        }
        if (dropped) return;
        if (name === 'a') {
          const link = links.pop();
          if (!link) return;
          const text = link.text.trim();
          let out: string;
          if (link.own) out = '';
          else if (link.mention || !link.href) out = text; // @user, #tag: their text
          else if (text.replace(/\\/g, '') === link.href || /^https?:\/\//.test(text.replace(/\\/g, ''))) out = link.href;
          else out = `[${text}](${link.href.replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
          write(out);
        } else if (name === 'blockquote') {
          flush();
          quoteDepth = Math.max(0, quoteDepth - 1);
        } else if (BLOCKS.has(name)) flush();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  while (links.length) {
    const link = links.shift()!;
    line += link.text;
  }
  flush();
  return blocks.join('\n\n').trim();
}
