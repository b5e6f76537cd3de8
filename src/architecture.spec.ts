import { join } from 'node:path';
import { describeLoop, folderGraph, folderLoops } from '../scripts/folder-graph';

describe('the folders of src/', () => {
  const graph = folderGraph(join(__dirname));

  it('import each other without a loop', () => {
    const loops = folderLoops(graph).map((loop) => describeLoop(graph, loop));
    expect(loops).toEqual([]);
  });

  it('keep the court words and rules at the bottom: src/court imports no other folder', () => {
    expect([...(graph.get('court')?.keys() ?? [])]).toEqual([]);
  });

  it('keep the export threads free of domain modules: src/exports imports only common and config', () => {
    for (const to of graph.get('exports')?.keys() ?? []) expect(['common', 'config']).toContain(to);
  });

  it('finds a loop when there is one (the check itself can fail)', () => {
    const looped = new Map([
      ['a', new Map([['b', new Set(['a/x.ts'])]])],
      ['b', new Map([['a', new Set(['b/y.ts'])]])],
      ['c', new Map([['a', new Set(['c/z.ts'])]])],
    ]);
    expect(folderLoops(looped)).toEqual([['a', 'b']]);
  });
});
