import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { liveDocument, ROOT } from '../scripts/api-document';

const run = promisify(execFile);

interface Problem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

/** `redocly lint` (recommended rules) on a document, as its JSON report. */
async function redoclyLint(document: unknown): Promise<{ errors: number; problems: Problem[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'openapi-lint-'));
  try {
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(document));
    const cli = join(ROOT, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
    // Exit code 1 when there are errors: the report on stdout says which.
    const { stdout } = await run(process.execPath, [cli, 'lint', file, '--format=json'], {
      cwd: dir,
      maxBuffer: 64 * 1024 * 1024,
    }).catch((failure: { stdout?: string }) => ({ stdout: failure.stdout ?? '' }));
    const report = JSON.parse(stdout) as { totals: { errors: number }; problems: Problem[] };
    return { errors: report.totals.errors, problems: report.problems };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; schema: Record<string, unknown> }[];
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
};

/**
 * The OpenAPI document the compiled service serves at /api/docs-json (what `npm start` answers,
 * built with the Swagger compiler plugin) passes `redocly lint` with no error, and says what
 * integrators' generators need: who needs no token, path parameters' forms, files as files.
 */
describe('the OpenAPI document served at /api/docs-json', () => {
  let document: {
    paths: Record<string, Record<string, Operation>>;
    tags: { name: string; description?: string }[];
    servers: unknown[];
    info: { license?: { name: string } };
  };
  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({
        name: `${method.toUpperCase()} ${path}`,
        operation,
      })),
    );

  beforeAll(async () => {
    document = (await liveDocument()) as typeof document;
  });

  it('has no redocly lint error, and only the warnings the README explains', async () => {
    const { errors, problems } = await redoclyLint(document);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(errors).toBe(0);
    // README ("The HTTP API"): no licence URL for an unpublished service.
    const warnings = problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer ?? ''}`);
    expect(warnings).toEqual(['info-license-strict #/info/license/url']);
  });

  it('says which routes need no token and gives every operation a summary, a description and a tag', () => {
    const publicRoutes = operations()
      .filter(({ operation }) => operation.security?.length === 0)
      .map(({ name }) => name);
    expect(publicRoutes).toEqual(
      expect.arrayContaining([
        'POST /api/auth/login',
        'POST /api/auth/session',
        'DELETE /api/auth/session',
        'POST /api/auth/password-reset',
        'GET /health/live',
        'GET /health/ready',
        'GET /metrics',
      ]),
    );
    expect(document.servers.length).toBeGreaterThan(0);
    expect(document.info.license?.name).toBeTruthy();
    const described = new Map(document.tags.map((t) => [t.name, t.description]));
    for (const { name, operation } of operations()) {
      expect({ name, summary: Boolean(operation.summary) }).toEqual({ name, summary: true });
      expect({ name, description: Boolean(operation.description) }).toEqual({
        name,
        description: true,
      });
      expect({ name, tags: operation.tags?.length }).toEqual({ name, tags: 1 });
      expect({ name, tagged: described.has(operation.tags![0]) }).toEqual({ name, tagged: true });
      if (operation.security?.length !== 0) {
        // The global guard's answers to a missing token and to a caller it refuses.
        expect({ name, answers: Object.keys(operation.responses) }).toEqual({
          name,
          answers: expect.arrayContaining(['401', '403']),
        });
      }
    }
  });

  it('describes ids as UUIDs, version numbers as integers and answer-link tokens by their form', () => {
    const forms = new Set<string>();
    for (const { name, operation } of operations()) {
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in !== 'path') continue;
        forms.add(`${parameter.name} ${JSON.stringify(parameter.schema)}`);
        expect({ name, parameter: parameter.name, format: parameter.schema.format }).toEqual({
          name,
          parameter: parameter.name,
          format: parameter.name === 'number' || parameter.name === 'token' ? undefined : 'uuid',
        });
      }
    }
    expect([...forms].sort()).toEqual([
      'id {"type":"string","format":"uuid"}',
      'number {"type":"integer","minimum":1,"maximum":2147483647}',
      'token {"type":"string","pattern":"^[A-Za-z0-9_-]{43}$"}',
    ]);
    const version = document.paths['/api/guidelines/{id}/versions'].get.responses['200'];
    expect(version.content?.['application/json'].schema).toEqual({
      $ref: '#/components/schemas/VersionListView',
    });
    const schemas = (
      document as unknown as {
        components: { schemas: Record<string, { properties: Record<string, { type: string }> }> };
      }
    ).components.schemas;
    expect(schemas.VersionSummaryView.properties.number.type).toBe('integer');
    expect(schemas.CommentView.properties.versionNumber.type).toBe('integer');
  });

  it('describes files with their media types and errors as JSON', () => {
    const answers = (path: string) => document.paths[path].get.responses;
    const document200 = answers('/api/guidelines/{id}/versions/{number}/document')['200'];
    expect(document200.content).toEqual({
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
        schema: { type: 'string', format: 'binary' },
      },
      'text/markdown': { schema: { type: 'string' } },
    });
    const matrix200 = answers('/api/guidelines/{id}/comment-matrix')['200'];
    expect(Object.keys(matrix200.content!)).toEqual([
      'application/json',
      'text/csv',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ]);
    expect(matrix200.content!['application/json'].schema).toEqual({
      $ref: '#/components/schemas/MatrixView',
    });
    const report200 = answers('/api/reports/participation')['200'];
    expect(Object.keys(report200.content!)).toEqual(['application/json', 'text/csv']);
    expect(Object.keys(answers('/metrics')['200'].content!)).toEqual(['text/plain']);
    for (const { name, operation } of operations()) {
      for (const [status, answer] of Object.entries(operation.responses)) {
        if (!/^[45]/.test(status)) continue;
        expect({ name, status, media: Object.keys(answer.content ?? {}) }).toEqual({
          name,
          status,
          media: ['application/json'],
        });
      }
    }
  });
});
