import { exportJob } from '../../src/exports/export-job';

/**
 * An export that holds its thread until the test lets it go: the test sees the pool busy by an
 * event (the thread says it started), not by hoping a real export is still running.
 * `gate` holds two cells: [0] set to 1 lets the export finish, [1] is set to 1 by the thread once
 * it runs.
 */
export interface HeldExportInput {
  gate: SharedArrayBuffer;
}

export function holdExportThread(input: HeldExportInput): Promise<Buffer> {
  const cells = new Int32Array(input.gate);
  Atomics.store(cells, 1, 1);
  Atomics.notify(cells, 1);
  while (Atomics.load(cells, 0) === 0) Atomics.wait(cells, 0, 0, 1000);
  return Promise.resolve(Buffer.from('held'));
}

export const HELD_EXPORT = exportJob<HeldExportInput>(__filename, holdExportThread.name);

/** Node 20 has Atomics.waitAsync; the project's TypeScript lib (ES2022) does not name it yet. */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(
      cells: Int32Array,
      index: number,
      value: number,
      timeoutMs: number,
    ): { async: boolean; value: Promise<string> | string };
  }
).waitAsync;

/** A gate, a way to wait until a thread holds it, and a way to let go. */
export function exportGate() {
  const gate = new SharedArrayBuffer(8);
  const cells = new Int32Array(gate);
  return {
    gate,
    /** Resolves once a thread runs a held export (at most 60 s). */
    async held(): Promise<void> {
      const wait = waitAsync(cells, 1, 0, 60_000);
      const outcome = wait.async ? await wait.value : wait.value;
      if (outcome === 'timed-out') throw new Error('no export thread took the held export');
    },
    release(): void {
      Atomics.store(cells, 0, 1);
      Atomics.notify(cells, 0);
    },
  };
}
