import { EXPORT_TASKS, ExportMessage, ExportTask } from './export-tasks';

/**
 * The export pool's thread (piscina loads this file in each worker thread): builds one file and
 * answers its bytes, moved to the caller's thread rather than copied.
 */
export default async function buildExport(message: ExportMessage): Promise<Uint8Array> {
  const build = EXPORT_TASKS[message.task as ExportTask] as (input: unknown) => Promise<Buffer>;
  if (!build) throw new Error(`Unknown export task: ${String(message.task)}`);
  const bytes = await build(message.input);
  // A Buffer may share its memory with Node's pool: copy it into memory of its own to move it.
  const own = new Uint8Array(bytes.byteLength);
  own.set(bytes);
  return own;
}
