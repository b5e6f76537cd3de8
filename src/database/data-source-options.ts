import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';

/** One place for TypeORM settings: the app, the CLI and the tests all use it. */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    // Entities are registered by each module (autoLoadEntities); the CLI only needs migrations.
    entities: [],
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{js,ts}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    extra: { max: 20, application_name: 'court-guidelines' },
  };
}
