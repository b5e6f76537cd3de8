// npm run api:types: boots the compiled service on a scratch database, writes its OpenAPI
// document to docs/openapi.json and the web client's types to client/src/api/schema.d.ts.
// `npm run api:types -- --check` writes nothing and exits 1 when either file is stale;
// `--check-types` only checks that the types are what openapi-typescript makes of the checked-in
// document (no service started).
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import {
  documentDifferences,
  documentText,
  DOCUMENT_PATH,
  liveDocument,
  ROOT,
  TYPES_PATH,
  typesFor,
} from './api-document';

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--check-types')) {
    const types = await typesFor(JSON.parse(read(DOCUMENT_PATH)));
    if (read(TYPES_PATH) !== types) {
      console.error(
        `${relative(ROOT, TYPES_PATH)} is not what openapi-typescript makes of ${relative(ROOT, DOCUMENT_PATH)}: run \`npm run api:types\``,
      );
      process.exitCode = 1;
    }
    return;
  }
  const check = process.argv.includes('--check');
  const document = await liveDocument();
  const text = documentText(document);
  const types = await typesFor(document);
  const files: [string, string][] = [
    [DOCUMENT_PATH, text],
    [TYPES_PATH, types],
  ];
  const stale = files.filter(([path, content]) => read(path) !== content);
  if (check) {
    for (const [path] of stale) {
      console.error(`${relative(ROOT, path)} is stale: run \`npm run api:types\` and commit it`);
    }
    const before = read(DOCUMENT_PATH);
    if (before && before !== text) {
      for (const line of documentDifferences(JSON.parse(before), document)) {
        console.error(`  differs: ${line}`);
      }
    }
    process.exitCode = stale.length ? 1 : 0;
    return;
  }
  for (const [path, content] of files) writeFileSync(path, content);
  console.log(
    `${relative(ROOT, DOCUMENT_PATH)} and ${relative(ROOT, TYPES_PATH)} written (${stale.length} changed)`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
