import { ExportMessage } from './export-job';

type Builder = (input: unknown) => Promise<Buffer>;

/**
 * The export pool's thread (piscina loads this file in each worker thread): loads the job's
 * module, builds one file and answers its bytes, moved to the caller's thread rather than copied.
 */
export default async function buildExport(message: ExportMessage): Promise<Uint8Array> {
  const builders = (await import(message.file)) as Record<string, unknown>;
  const build = builders[message.name];
  if (typeof build !== 'function') {
    throw new Error(`No export builder ${message.name} in ${message.file}`);
  }
  const bytes = await (build as Builder)(message.input);
  // A Buffer may share its memory with Node's pool: copy it into memory of its own to move it.
  const own = new Uint8Array(bytes.byteLength);
  own.set(bytes);
  return own;
}
