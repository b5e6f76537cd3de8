import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  documentDifferences,
  documentText,
  DOCUMENT_PATH,
  liveDocument,
  ROOT,
} from '../scripts/api-document';

/**
 * The web client is typed from docs/openapi.json: when a server change alters what the service
 * describes and the document and types were not regenerated (`npm run api:types`), this fails.
 */
describe('the checked-in OpenAPI document and the web client types', () => {
  const checkedIn = () =>
    JSON.parse(readFileSync(DOCUMENT_PATH, 'utf8')) as Record<string, unknown>;

  it('docs/openapi.json is what the compiled service answers at /api/docs-json', async () => {
    const live = await liveDocument();
    // Named first, so a failure says which paths and schemas changed (run `npm run api:types`).
    expect(documentDifferences(checkedIn(), live)).toEqual([]);
    expect(readFileSync(DOCUMENT_PATH, 'utf8')).toBe(documentText(live));
  });

  it('client/src/api/schema.d.ts is what openapi-typescript makes of it', () => {
    // openapi-typescript is an ES module that Jest's module system cannot load: Node runs it.
    const run = spawnSync(
      process.execPath,
      ['-r', '@swc-node/register', join('scripts', 'api-types.ts'), '--check-types'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
