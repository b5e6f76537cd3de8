import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { extname, join } from 'node:path';
import Piscina from 'piscina';
import { Gauge, register } from 'prom-client';
import { detail } from '../common/app-error';
import { ExportErrorCode, ExportException } from './export.exception';
import { Env } from '../config/env';
import { ExportJob, ExportMessage } from './export-job';

export const PENDING_METRIC = 'exports_pending';

const QUEUE_FULL = /Task queue is at limit|No task queue available/;

/** Seconds a refused export is told to wait before it asks again (Retry-After). */
export const EXPORT_RETRY_AFTER_SECONDS = 5;

/** 503 when every export thread is busy and the queue is full; the filter sets Retry-After. */
export class ExportsBusyError extends ExportException {
  readonly retryAfterSeconds = EXPORT_RETRY_AFTER_SECONDS;
  constructor() {
    super(ExportErrorCode.EXPORTS_BUSY, {}, [
      detail('EXPORTS_BUSY_DETAIL', {}, { code: 'EXPORTS_BUSY' }),
    ]);
  }
}

/**
 * The files that take seconds of CPU (Word documents) are built in a pool of worker threads,
 * so the event loop keeps answering every other request meanwhile. At most EXPORT_THREADS run at
 * once and EXPORT_QUEUE wait; beyond that a request is refused at once with 503 and Retry-After.
 *
 * `run(job, input)` takes a kind of file (an `ExportJob`, declared by the module that owns the
 * builder) and its plain-data input, and resolves to the file's bytes.
 */
@Injectable()
export class ExportPool implements OnModuleDestroy {
  private readonly logger = new Logger(ExportPool.name);
  private readonly pool: Piscina<ExportMessage, Uint8Array>;
  /** Exports asked for and not yet answered, running in a thread or waiting for one (process-wide). */
  private readonly pending: Gauge;

  constructor(env: Env) {
    // Compiled, this file is dist/src/exports/export-pool.js beside export-worker.js. Run from
    // TypeScript (Jest, the bench), the worker is the .ts file, compiled as it loads by
    // @swc-node/register (a development dependency, present wherever .ts files run).
    const extension = extname(__filename);
    this.pool = new Piscina<ExportMessage, Uint8Array>({
      filename: join(__dirname, `export-worker${extension}`),
      execArgv: extension === '.ts' ? ['--require', '@swc-node/register'] : [],
      minThreads: 0,
      maxThreads: env.EXPORT_THREADS,
      maxQueue: env.EXPORT_QUEUE,
      // A thread nobody needs for a minute is stopped: an idle service keeps no export memory.
      idleTimeout: 60_000,
      name: 'default',
    });
    this.pending =
      (register.getSingleMetric(PENDING_METRIC) as Gauge | undefined) ??
      new Gauge({
        name: PENDING_METRIC,
        help: 'Files (Word documents) being built in the export threads or waiting for one',
      });
  }

  async run<Input>(job: ExportJob<Input>, input: Input): Promise<Buffer> {
    this.pending.inc();
    try {
      const message: ExportMessage = { file: job.file, name: job.name, input };
      const bytes = await this.pool.run(message);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      if (error instanceof Error && QUEUE_FULL.test(error.message)) throw new ExportsBusyError();
      throw error;
    } finally {
      this.pending.dec();
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.destroy().catch((error: Error) => this.logger.warn(error.message));
  }
}
