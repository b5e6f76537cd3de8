// Standalone data source for the TypeORM CLI (migration:run, migration:revert, migration:generate).
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

export default new DataSource(
  dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/guidelines'),
);
