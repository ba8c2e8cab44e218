// The dependency rules of src/README.md, checked on every `npm test`:
// - nothing imports the composition root (app.ts) but the command line and test code;
// - platform/ imports no capability (and any capability may use any file of platform/);
// - a capability imports another only through its index.ts;
// - capability → capability edges are the declared ones (DEPENDENCIES below), without cycles.
// Type-only imports count: a type is a dependency too. Test code (*.test.ts and the files
// only tests reach) may use anything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = dirname(fileURLToPath(import.meta.url));

/** Which capability may import which. A new edge is a design decision: add it here and say why in src/README.md. */
export const DEPENDENCIES: Record<string, readonly string[]> = {
  platform: [],
  media: [],
  content: ['media'],
  search: ['content'],
  site: ['content', 'media', 'search'],
  discussion: ['content', 'site'],
  funding: ['site', 'audience', 'admin'],
  audience: ['content', 'site', 'admin'],
  admin: ['content', 'media', 'site'],
  distribution: ['content', 'media', 'site', 'admin'],
  'migrate-in': ['content', 'media', 'audience', 'discussion'],
  demo: ['content', 'media', 'discussion', 'search', 'funding'],
  federation: ['content', 'media', 'site', 'discussion', 'distribution', 'admin'], // issue 13: the fediverse
  integrations: ['content', 'media', 'search', 'site', 'admin'], // issue 17: Content API, tokens, their newsroom page
  cli: ['*'],
};

const IMPORT = /(?:^|[;\s])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'assets' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

export function importsOf(file: string, text = readFileSync(file, 'utf8')): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2];
    if (spec) found.push(resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
  }
  return found;
}

const capabilityOf = (file: string) => {
  const parts = relative(SRC, file).split('/');
  return parts.length === 1 ? parts[0]!.replace(/\.ts$/, '') : parts[0]!;
};

/** Files the running product reaches from its entry points (the rest is test code). */
function production(graph: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [join(SRC, 'app.ts'), join(SRC, 'cli', 'index.ts')];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file) || !graph.has(file)) continue;
    seen.add(file);
    stack.push(...graph.get(file)!);
  }
  return seen;
}

/** Every broken rule, as readable lines (empty when the tree keeps them). */
export function violations(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  const live = production(graph);
  const edges = new Map<string, Set<string>>();
  for (const file of live) {
    const from = capabilityOf(file);
    const name = relative(SRC, file);
    for (const target of graph.get(file) ?? []) {
      const to = capabilityOf(target);
      const targetName = relative(SRC, target);
      // Command-line doors sit above the composition root: src/cli/ and a capability's cli.ts.
      if (to === 'app' && from !== 'cli' && !name.endsWith('/cli.ts')) found.push(`${name} imports the composition root app.ts`);
      if (from === to || to === 'app' || from === 'app' || from === 'migrations' || to === 'migrations') continue;
      // platform/ is shared machinery: any file of it may be used, it has no front door.
      if (to === 'platform') continue;
      if (from === 'platform') found.push(`${name} (platform) imports the capability ${to} (${targetName})`);
      if (from !== 'cli' && !/^[^/]+\/index\.ts$/.test(targetName)) found.push(`${name} reaches past ${to}'s index.ts (${targetName})`);
      const allowed = DEPENDENCIES[from] ?? [];
      if (!allowed.includes('*') && !allowed.includes(to)) found.push(`${name} imports ${to}, an undeclared edge ${from} → ${to} (${targetName})`);
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
    }
  }
  // Cycles between capabilities, through whatever edges exist (declared or not).
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string, path: string[]) => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'open') {
      found.push(`cycle: ${[...path.slice(path.indexOf(node)), node].join(' → ')}`);
      return;
    }
    state.set(node, 'open');
    for (const next of edges.get(node) ?? []) visit(next, [...path, node]);
    state.set(node, 'done');
  };
  for (const node of edges.keys()) visit(node, []);
  return found;
}

function graphOf(files: string[]): Map<string, string[]> {
  return new Map(files.map((file) => [file, importsOf(file)]));
}

test('the source tree keeps the dependency rules', () => {
  const files = sourceFiles(SRC).filter((file) => !file.endsWith('.test.ts'));
  assert.deepEqual(violations(graphOf(files)), []);
});

test('the check fails on a back-edge, a deep import, a platform import of a capability and a cycle', () => {
  const files = sourceFiles(SRC).filter((file) => !file.endsWith('.test.ts'));
  const graph = graphOf(files);
  const at = (path: string) => join(SRC, path);
  // Each planted edge is one a careless change could add.
  graph.get(at('discussion/routes.ts'))!.push(at('app.ts'));
  graph.get(at('platform/pages.ts'))!.push(at('site/index.ts'));
  graph.get(at('site/routes.ts'))!.push(at('content/store.ts'));
  graph.get(at('content/service.ts'))!.push(at('discussion/index.ts'));
  const found = violations(graph);
  assert.ok(found.some((line) => line.startsWith('discussion/routes.ts imports the composition root')), found.join('\n'));
  assert.ok(found.some((line) => line.startsWith('platform/pages.ts (platform) imports the capability site')), found.join('\n'));
  assert.ok(found.some((line) => line.startsWith("site/routes.ts reaches past content's index.ts")), found.join('\n'));
  assert.ok(found.some((line) => line.includes('undeclared edge content → discussion')), found.join('\n'));
  assert.ok(found.some((line) => line.startsWith('cycle:') && line.includes('content') && line.includes('discussion')), found.join('\n'));
});
