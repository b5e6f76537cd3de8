/**
 * The import graph between the folders of src/ (each top folder one node; the top files, the
 * composition roots, one node "."), and its loops (strongly connected components of more than one
 * folder). `node -r @swc-node/register scripts/folder-graph.ts` prints each folder's imports and
 * any loop with the files that make it; src/architecture.spec.ts fails on a loop.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

export type FolderGraph = Map<string, Map<string, Set<string>>>;

const IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

function folderOf(root: string, path: string): string {
  const parts = relative(root, path).split(sep);
  return parts.length > 1 ? parts[0] : '.';
}

/** Folder -> folder it imports -> the importing files (relative to root). Tests are left out. */
export function folderGraph(root: string): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const file of sourceFiles(root)) {
    const from = folderOf(root, file);
    if (!graph.has(from)) graph.set(from, new Map());
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = normalize(join(dirname(file), match[1]));
      if (relative(root, target).startsWith('..')) continue;
      const to = folderOf(root, target);
      if (to === from) continue;
      const edges = graph.get(from)!;
      if (!edges.has(to)) edges.set(to, new Set());
      edges.get(to)!.add(relative(root, file));
    }
  }
  return graph;
}

/** The loops: strongly connected components of more than one folder (Tarjan), each sorted. */
export function folderLoops(graph: FolderGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const loops: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) loops.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return loops;
}

/** A loop in words: every edge inside it with the files that make it. */
export function describeLoop(graph: FolderGraph, loop: string[]): string {
  const lines = [`loop: ${loop.join(', ')}`];
  for (const a of loop) {
    for (const b of loop) {
      const files = graph.get(a)?.get(b);
      if (files) lines.push(`  ${a} -> ${b}: ${[...files].sort().join(', ')}`);
    }
  }
  return lines.join('\n');
}

if (require.main === module) {
  const graph = folderGraph(join(__dirname, '..', 'src'));
  for (const [from, edges] of [...graph].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`${from} -> ${[...edges.keys()].sort().join(', ') || '(nothing)'}`);
  }
  const loops = folderLoops(graph);
  for (const loop of loops) console.log(describeLoop(graph, loop));
  console.log(loops.length ? `${loops.length} loop(s)` : 'no loop between folders');
  process.exitCode = loops.length ? 1 : 0;
}
