import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Piscina from 'piscina';
import { DraftingErrorCode, DraftingException } from '../drafting.exception';
import { draftingReasons } from '../drafting-reasons';
import { UNPACKED_LIMIT_BYTES } from './docx-package-check';
import type { WordConversion } from './word-conversion';

/** Conversions at once, each in a thread of its own (the machine's cores are the API's too). */
export const IMPORT_THREADS = 2;
/** Waiting beyond this many: 503, try again shortly. */
export const IMPORTS_WAITING_MAX = 16;
/** A conversion still running after this long is stopped and the file refused as unreadable. */
export const IMPORT_TIMEOUT_MS = 60_000;
/** Heap of a conversion thread: a file that needs more is not an ordinary document. */
const THREAD_HEAP_MB = 512;

/**
 * Runs each Word conversion (word-conversion.ts) in a piscina worker thread, so that the event
 * loop keeps answering other requests meanwhile: a bounded heap (a file crafted to unpack huge
 * kills its thread, not the process), a time limit and a bounded queue. The compiled worker is
 * beside this file in dist/; from the TypeScript sources (the tests), the threads load it through
 * @swc-node/register.
 */
@Injectable()
export class WordImportRunner implements OnModuleDestroy {
  private readonly pool: Piscina<Uint8Array, WordConversion>;

  constructor() {
    const compiled = join(__dirname, 'word-import.worker.js');
    const fromSource = !existsSync(compiled);
    this.pool = new Piscina({
      filename: fromSource ? join(__dirname, 'word-import.worker.ts') : compiled,
      execArgv: fromSource ? ['--require', '@swc-node/register'] : [],
      minThreads: 0,
      maxThreads: IMPORT_THREADS,
      idleTimeout: 60_000,
      maxQueue: IMPORTS_WAITING_MAX,
      resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB },
    });
  }

  async convert(bytes: Buffer): Promise<WordConversion> {
    if (this.pool.queueSize >= IMPORTS_WAITING_MAX) {
      throw new DraftingException(DraftingErrorCode.IMPORTS_BUSY);
    }
    try {
      return await this.pool.run(new Uint8Array(bytes), {
        signal: AbortSignal.timeout(IMPORT_TIMEOUT_MS),
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        return {
          ok: false,
          status: 413,
          reason: draftingReasons.tooLargeUnpacked(UNPACKED_LIMIT_BYTES / 2 ** 20),
        };
      }
      if ((error as Error).name === 'AbortError') {
        return { ok: false, status: 400, reason: draftingReasons.corrupt() };
      }
      throw error;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.destroy();
  }
}
