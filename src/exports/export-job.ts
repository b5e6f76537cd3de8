/**
 * A kind of file the export threads build: the module that holds its builder and the name the
 * builder is exported under. The module that owns the file declares it beside the builder
 * (`exportJob<Input>(__filename, 'buildX')`), so the pool imports no domain module and knows no
 * kind of file.
 *
 * The builder is a pure function of plain data (what structured clone carries to a thread:
 * objects, arrays, strings, numbers, Dates; no class instances, no connections) that resolves to
 * the file's bytes.
 */
export interface ExportJob<Input> {
  /** The builder's module: a .js file when compiled, the .ts file when run from TypeScript. */
  readonly file: string;
  /** The builder's exported name in that module. */
  readonly name: string;
  /** Only carries the input's type to `ExportPool.run`; never set. */
  readonly input?: Input;
}

export function exportJob<Input>(file: string, name: string): ExportJob<Input> {
  return { file, name };
}

/** What the pool posts to a thread. */
export interface ExportMessage {
  file: string;
  name: string;
  input: unknown;
}
