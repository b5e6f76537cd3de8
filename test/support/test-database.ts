import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runMigrations, ensureDatabaseExists } from '../../src/database/prepare-database';

export const TEST_PG_BASE =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function urlFor(name: string): string {
  const url = new URL(TEST_PG_BASE);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh database per test file, so files run in parallel and a failed run leaves nothing behind. */
export async function createTestDatabase(
  label = 'e2e',
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `test_${label
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .slice(0, 20)}_${randomBytes(5).toString('hex')}`;
  const url = urlFor(name);
  await ensureDatabaseExists(url);
  await runMigrations(url);
  return { url, name, drop: () => dropDatabase(name) };
}

export async function dropDatabase(name: string): Promise<void> {
  const client = new Client({ connectionString: urlFor('postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Plain SQL against a test database: for asserting what is stored and what the database refuses. */
export async function withSql<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
