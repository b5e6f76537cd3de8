// The web client's imports run one way: main -> routes -> views -> the shared modules
// (api, dom, i18n, router, session, components, links), and nothing imports back up.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const SRC = join(__dirname, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') &&
      !entry.name.endsWith('.spec.ts') &&
      !entry.name.endsWith('.d.ts')
      ? [path]
      : [];
  });
}

const moduleName = (path: string) => relative(SRC, path).replace(/\.ts$/, '');

/** module -> the modules it imports (type-only imports included: they are arrows too). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/^import\s[^'"]*?from\s+'(\.[^']+)'/gm)]
      .map((m) => moduleName(join(dirname(file), m[1])))
      .filter((name) => name !== 'api/schema');
    graph.set(moduleName(file), targets);
  }
  return graph;
}

describe('web client structure', () => {
  const graph = importGraph();

  it('finds the modules', () => {
    expect([...graph.keys()]).toEqual(
      expect.arrayContaining(['main', 'routes', 'router', 'session', 'shell', 'views/version']),
    );
  });

  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (name: string, path: string[]) => {
      if (state.get(name) === 'done') return;
      if (state.get(name) === 'open') {
        cycles.push([...path.slice(path.indexOf(name)), name].join(' -> '));
        return;
      }
      state.set(name, 'open');
      for (const next of graph.get(name) ?? []) visit(next, [...path, name]);
      state.set(name, 'done');
    };
    for (const name of graph.keys()) visit(name, []);
    expect(cycles).toEqual([]);
  });

  it('lets only main import the routes and the shell, and no shared module import a view', () => {
    const wrong: string[] = [];
    for (const [name, targets] of graph) {
      for (const target of targets) {
        if ((target === 'routes' || target === 'shell' || target === 'main') && name !== 'main') {
          wrong.push(`${name} -> ${target}`);
        }
        if (target.startsWith('views/') && !name.startsWith('views/') && name !== 'routes') {
          wrong.push(`${name} -> ${target}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
