/**
 * Which module writes which table, read off the SQL in src/ (INSERT INTO, UPDATE, DELETE FROM in
 * the code's own statements; migrations are not in src/), and which services hold SQL of their
 * own. `node -r @swc-node/register scripts/table-writers.ts` prints the owners;
 * src/architecture.spec.ts fails when a table has writers in two modules or a service runs a query.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const WRITE = /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([a-z_][a-z0-9_]*)"?\s/g;
/** Words the pattern meets that are no table (UPDATE in ON CONFLICT ... DO UPDATE SET, FOR UPDATE OF). */
const NOT_TABLES = new Set(['set', 'of', 'nowait', 'skip', 'and']);
const QUERY_IN_SERVICE = /\.query\(|createQueryBuilder\(/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Table -> module -> files of that module that write it. */
export function tableWriters(root: string): Map<string, Map<string, string[]>> {
  const writers = new Map<string, Map<string, string[]>>();
  for (const file of files(root)) {
    const rel = relative(root, file);
    const module = rel.includes(sep) ? rel.split(sep)[0] : '.';
    for (const match of readFileSync(file, 'utf8').matchAll(WRITE)) {
      const table = match[1];
      if (NOT_TABLES.has(table.toLowerCase())) continue;
      if (!writers.has(table)) writers.set(table, new Map());
      const byModule = writers.get(table)!;
      const list = byModule.get(module) ?? [];
      if (!list.includes(rel)) list.push(rel);
      byModule.set(module, list);
    }
  }
  return writers;
}

/** Services (`*.service.ts`) that run SQL themselves instead of asking a repository. */
export function servicesWithSql(root: string): string[] {
  return files(root)
    .filter((f) => f.endsWith('.service.ts') && QUERY_IN_SERVICE.test(readFileSync(f, 'utf8')))
    .map((f) => relative(root, f));
}

if (require.main === module) {
  const root = join(__dirname, '..', 'src');
  const writers = tableWriters(root);
  for (const table of [...writers.keys()].sort()) {
    const byModule = writers.get(table)!;
    const owners = [...byModule].map(([m, fs]) => `${m} (${fs.join(', ')})`).join('; ');
    console.log(`${byModule.size > 1 ? 'TWO MODULES ' : ''}${table}: ${owners}`);
  }
  const services = servicesWithSql(root);
  for (const s of services) console.log(`SQL in a service: ${s}`);
}
