import { join } from 'node:path';
import { describeLoop, folderGraph, folderLoops } from '../scripts/folder-graph';
import { servicesWithSql, tableWriters } from '../scripts/table-writers';

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

  it('write each table from one module only', () => {
    const shared = [...tableWriters(__dirname)]
      .filter(([, byModule]) => byModule.size > 1)
      .map(([table, byModule]) => `${table}: ${[...byModule.keys()].join(', ')}`);
    expect(shared).toEqual([]);
  });

  it('keep SQL in repositories: no service runs a query itself', () => {
    expect(servicesWithSql(__dirname)).toEqual([]);
  });

  it('sees the writers it is meant to see (the check itself can fail)', () => {
    const writers = tableWriters(__dirname);
    expect([...(writers.get('comments')?.keys() ?? [])]).toEqual(['comments']);
    expect([...(writers.get('review_requests')?.keys() ?? [])]).toEqual(['reviews']);
  });
});
