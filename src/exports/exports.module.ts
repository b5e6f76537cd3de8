import { Module } from '@nestjs/common';
import { ExportPool } from './export-pool';

/** The worker-thread pool that builds Word documents off the event loop. */
@Module({ providers: [ExportPool], exports: [ExportPool] })
export class ExportsModule {}
