/**
 * `/api/docs/`: a readable reference of the API, rendered on the server from the same
 * OpenAPI document that `/api/v1/openapi.json` serves, inside the site's own frame (its
 * stylesheet and fonts; no script, no third-party asset). Grouped by tag, each operation
 * with its security, parameters, request body and answers; then the webhooks and how to
 * authenticate. Every value goes through the escaping `html` template.
 *
 * @example
 *   registerApiDocs(app, { site, document: () => app.swagger() });
 */
import type { FastifyInstance } from 'fastify';
import { html, type SafeHtml } from '../platform/html.js';
import type { Site } from '../site/index.js';
import { renderDocument } from '../site/index.js';

interface Media { schema?: unknown; example?: unknown; examples?: Record<string, { value?: unknown }> }
interface Parameter { name: string; in: string; required?: boolean; description?: string; schema?: Record<string, unknown> }
interface Operation {
  summary?: string; description?: string; tags?: string[]; security?: Record<string, string[]>[]; parameters?: Parameter[];
  requestBody?: { content?: Record<string, Media> };
  responses?: Record<string, { description?: string; content?: Record<string, Media> }>;
}
interface Document {
  info?: { title?: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  webhooks?: Record<string, Record<string, Operation>>;
  components?: { securitySchemes?: Record<string, { description?: string; type?: string; scheme?: string; in?: string; name?: string }> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const anchor = (method: string, path: string) => `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, '-').replace(/-+$/, '');
const json = (value: unknown) => JSON.stringify(value, null, 2);

/** A description's `code` spans as <code>; everything else as text (escaped by `html`). */
const prose = (text: string): SafeHtml[] => text.split(/`([^`]+)`/).map((part, i) => (i % 2 ? html`<code>${part}</code>` : html`${part}`));

function security(list: Record<string, string[]>[] | undefined): SafeHtml {
  if (!list || list.every((entry) => Object.keys(entry).length === 0)) return html`<p class="api-security">No sign-in needed.</p>`;
  const ways = list.map((entry) => Object.entries(entry).map(([name, scopes]) => `${name}${scopes.length ? ` (${scopes.join(', ')})` : ''}`).join(' + ') || 'none');
  return html`<p class="api-security">Sign-in: ${ways.join(' or ')}</p>`;
}

function schemaBlock(label: string, schema: unknown): SafeHtml {
  return html`<details class="api-schema"><summary>${label}</summary><pre><code>${json(schema)}</code></pre></details>`;
}

/** The media's example (every success answer and body has one), text as it is, JSON laid out. */
function exampleBlock(label: string, media: Media | undefined): SafeHtml | '' {
  const example = media?.example ?? Object.values(media?.examples ?? {})[0]?.value;
  if (example === undefined) return '';
  return html`<details class="api-schema api-example"><summary>${label}</summary><pre><code>${typeof example === 'string' ? example : json(example)}</code></pre></details>`;
}

function operation(method: string, path: string, op: Operation): SafeHtml {
  const bodyMedia = op.requestBody?.content?.['application/json'];
  const body = bodyMedia?.schema;
  return html`<section class="api-operation" id="${anchor(method, path)}" aria-labelledby="${anchor(method, path)}-title">
<h3 id="${anchor(method, path)}-title"><code>${method.toUpperCase()} ${path}</code></h3>
${op.summary ? html`<p>${prose(op.summary)}</p>` : ''}
${op.description ? html`<p>${prose(op.description)}</p>` : ''}
${security(op.security)}
${op.parameters?.length
    ? html`<table class="api-table"><caption>Parameters</caption><thead><tr><th scope="col">name</th><th scope="col">in</th><th scope="col">type</th><th scope="col">description</th></tr></thead><tbody>${op.parameters.map(
      (p) => html`<tr><th scope="row"><code>${p.name}</code>${p.required ? ' *' : ''}</th><td>${p.in}</td><td><code>${String(p.schema?.type ?? '')}${p.schema?.enum ? ` (${(p.schema.enum as unknown[]).join(' | ')})` : ''}</code></td><td>${p.description ?? String(p.schema?.description ?? '')}</td></tr>`,
    )}</tbody></table>`
    : ''}
${body ? schemaBlock('Request body (application/json)', body) : ''}${exampleBlock('Example request body', bodyMedia)}
<ul class="api-responses">${Object.entries(op.responses ?? {}).map(([status, answer]) => {
    const media = Object.values(answer.content ?? {})[0];
    const schema = media?.schema;
    return html`<li><strong>${status}</strong> ${answer.description ?? ''}${schema ? schemaBlock(`Answer ${status}`, schema) : ''}${status.startsWith('2') ? exampleBlock(`Example ${status}`, media) : ''}</li>`;
  })}</ul>
</section>`;
}

/** The reference as the page's main content. */
export function renderApiReference(doc: Document): SafeHtml {
  const groups = new Map<string, [string, string, Operation][]>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? (path.startsWith('/api/v1/admin/') ? 'admin' : 'public');
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag)!.push([method, path, op]);
    }
  }
  const order = ['content', 'integrations', 'admin', 'public'];
  const tags = [...groups.keys()].sort((a, b) => (order.indexOf(a) + 100) % 100 - (order.indexOf(b) + 100) % 100 || a.localeCompare(b));
  return html`<article class="api-docs">
<h1>${doc.info?.title ?? 'API'}</h1>
${(doc.info?.description ?? '').split('\n\n').map((para) => html`<p>${prose(para)}</p>`)}
<p>The machine-readable document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).</p>
<nav aria-label="API sections"><ul>${tags.map((tag) => html`<li><a href="#tag-${tag}">${tag}</a> (${groups.get(tag)!.length})</li>`)}<li><a href="#webhooks">webhooks</a></li><li><a href="#security">sign-in</a></li></ul></nav>
${tags.map((tag) => html`<section id="tag-${tag}" aria-labelledby="tag-${tag}-title"><h2 id="tag-${tag}-title">${tag}</h2>${groups.get(tag)!.map(([method, path, op]) => operation(method, path, op))}</section>`)}
<section id="webhooks" aria-labelledby="webhooks-title"><h2 id="webhooks-title">Webhooks</h2>
<p>Signed POSTs to the receivers registered in the newsroom; each body is <code>{ id, event, createdAt, data }</code>.</p>
${Object.entries(doc.webhooks ?? {}).map(([event, item]) => {
    const op = item.post ?? {};
    return html`<section class="api-operation" id="webhook-${event.replace(/\./g, '-')}"><h3><code>${event}</code></h3><p>${op.summary ?? ''}</p>${schemaBlock('Body', op.requestBody?.content?.['application/json']?.schema)}${exampleBlock('Example', op.requestBody?.content?.['application/json'])}</section>`;
  })}
</section>
<section id="security" aria-labelledby="security-title"><h2 id="security-title">Sign-in</h2>
<dl>${Object.entries(doc.components?.securitySchemes ?? {}).map(([name, scheme]) => html`<dt><code>${name}</code></dt><dd>${prose(scheme.description ?? '')}</dd>`)}</dl>
</section>
</article>`;
}

export function registerApiDocs(app: FastifyInstance, deps: { site: Pick<Site, 'frame'>; document: () => unknown }): void {
  app.get('/api/docs/', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    const frame = await deps.site.frame();
    const page = renderDocument(frame, { title: 'API reference', canonicalPath: '/api/docs/', contentLang: 'en', main: renderApiReference(deps.document() as Document) });
    return reply.header('cache-control', 'public, max-age=300').type('text/html; charset=utf-8').send(page);
  });
}
