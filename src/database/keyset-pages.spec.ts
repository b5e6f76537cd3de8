import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every list the service reads pages by keyset (a cursor of the last row's sort keys): no
 * statement skips rows with OFFSET, whose cost grows with every row before the page. This reads
 * the SQL the service holds (every .ts file of src/ but tests) for OFFSET as a keyword.
 */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Lines where OFFSET is written as SQL's keyword (upper case, followed by a value). */
function offsetLines(source: string): number[] {
  return source
    .split('\n')
    .flatMap((line, i) => (/\bOFFSET\s+(\$\d+|\d+|\$\{)/.test(line) ? [i + 1] : []));
}

describe('keyset pages', () => {
  const root = join(__dirname, '..');

  it('no statement of the service pages with OFFSET', () => {
    const found = sourceFiles(root).flatMap((file) =>
      offsetLines(readFileSync(file, 'utf8')).map((line) => `${relative(root, file)}:${line}`),
    );
    expect(found).toEqual([]);
  });

  it('finds OFFSET where a statement has it (the check itself can fail)', () => {
    expect(offsetLines('SELECT 1\n  ORDER BY id LIMIT $3 OFFSET $4`,')).toEqual([2]);
    expect(offsetLines('LIMIT 50 OFFSET 100')).toEqual([1]);
    expect(offsetLines('LIMIT ${limit} OFFSET ${offset}')).toEqual([1]);
    expect(offsetLines('const offset = limit + 1; // byteOffset')).toEqual([]);
  });
});
