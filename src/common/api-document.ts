import { INestApplication } from '@nestjs/common';
import {
  DocumentBuilder,
  OpenAPIObject,
  OperationObject,
  RequestBodyObject,
  ResponseObject,
  SwaggerModule,
} from '@nestjs/swagger';
import { ErrorView, WHY } from './api-errors.decorator';
import { FORM_FILE_EXTENSION } from './upload';

/** The groups of operations, in the order a reader meets them, each with one line. */
const TAGS: [string, string][] = [
  ['auth', 'Signing in (bearer token or web session), one’s own account and password'],
  ['users', 'Accounts of judges, the secretariat, agency reviewers and observers (ADMIN)'],
  ['agencies', 'The ministries and offices that review a guideline before adoption'],
  ['guidelines', 'Guidelines and their stage'],
  ['versions', 'Published versions (never changed once published) and what changed between two'],
  ['drafting', 'The working draft of the next version'],
  ['comments', 'Comments on sections, replies, dispositions, the comment matrix and search'],
  ['documents', 'A version as a Word or Markdown document; indicator coverage'],
  ['workflow', 'Moves between stages and their history'],
  ['reviews', 'Interagency review requests, reminders and the agencies’ answers'],
  [
    'review links',
    'An agency’s answer by the link e-mailed to its contact address, without an account',
  ],
  ['notifications', 'The in-app inbox and e-mails that could not be delivered'],
  ['events', 'Consultation events and their participants'],
  ['reports', 'Participation figures as the programme reports them'],
  ['web', 'Helpers of the web interface'],
  ['operations', 'Health, metrics and the queue dashboard'],
];

const BODY_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The OpenAPI document served at /api/docs-json (and checked in as docs/openapi.json). Every
 * operation comes out with what `redocly lint` and Spectral's `spectral:oas` ask of it, from the
 * rules the edge enforces rather than from each route repeating them:
 * - the global guard (src/auth/auth.guard.ts) wants a bearer token unless a route is @Public():
 *   the document's security is the bearer token, `security: []` on public routes, and 401 and 403
 *   (no or a bad token; a role not allowed, a temporary password, a missing CSRF header) on the rest;
 * - bodies are read as request-bodies.ts reads them: 400 (malformed JSON), 413 and 415 wherever a
 *   body can be sent; and 400 on every operation, since any address with a NUL character (%00) is
 *   refused before routing (request-bounds.ts);
 * - the route's comment (the Swagger compiler plugin puts it in `description`) gives its summary,
 *   its first sentence.
 */
export function buildApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Court guidelines workflow')
    .setDescription(
      'Guidelines for victim-sensitive courts from first draft to adoption: versions, comments, stages, interagency review.',
    )
    .setVersion('1')
    .addServer('/', 'This service (paths start at /api, /health and /metrics)')
    .addBearerAuth()
    .addSecurityRequirements('bearer')
    .build();
  config.info.license = {
    name: 'Proprietary (UNLICENSED): the court’s own service, not licensed for reuse',
  };
  for (const [name, description] of TAGS)
    config.tags = [...(config.tags ?? []), { name, description }];
  const document = SwaggerModule.createDocument(app, config);
  const errorSchema = { $ref: `#/components/schemas/${ErrorView.name}` };
  const error = (status: number): ResponseObject => ({
    description: WHY[status],
    content: { 'application/json': { schema: errorSchema } },
  });
  const used = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation: OperationObject | undefined = item[method];
      if (!operation) continue;
      const isPublic = operation.security?.some((r) => Object.keys(r).length === 0) ?? false;
      if (isPublic) operation.security = [];
      const answers = operation.responses as Record<string, ResponseObject>;
      const add = (status: number) => (answers[status] ??= error(status));
      // Every address is read by request-bounds.ts first (a NUL character is 400 anywhere).
      add(400);
      if (!isPublic) [401, 403].forEach(add);
      if (BODY_METHODS.has(method)) [400, 413, 415].forEach(add);
      operation.responses = sortedByStatus(answers);
      describeFormBesideJson(operation);
      if (operation.description) operation.description = oneParagraph(operation.description);
      if (!operation.summary && operation.description) {
        operation.summary = firstSentence(operation.description);
      }
      for (const tag of operation.tags ?? []) used.add(tag);
    }
  }
  const known = new Set(TAGS.map(([name]) => name));
  for (const tag of used) if (!known.has(tag)) document.tags!.push({ name: tag });
  document.tags = document.tags!.filter((tag) => used.has(tag.name));
  return document;
}

/**
 * A route that takes JSON or the same fields as a form with a file (AcceptsUpload's `fieldsType`):
 * the form is the JSON body's fields plus the file; its object fields are JSON-encoded parts
 * (OpenAPI's default for an object in a multipart form, said here in `encoding`).
 */
function describeFormBesideJson(operation: OperationObject): void {
  const extended = operation as OperationObject & Record<string, unknown>;
  const form = extended[FORM_FILE_EXTENSION] as
    { field: string; jsonFields: string[]; description: string } | undefined;
  if (!form) return;
  delete extended[FORM_FILE_EXTENSION];
  const body = operation.requestBody as RequestBodyObject | undefined;
  const multipart = body?.content['multipart/form-data'];
  if (!multipart?.schema) return;
  multipart.schema = {
    allOf: [
      multipart.schema,
      {
        type: 'object',
        properties: {
          [form.field]: { type: 'string', format: 'binary', description: form.description },
        },
      },
    ],
  };
  if (form.jsonFields.length) {
    multipart.encoding = Object.fromEntries(
      form.jsonFields.map((name) => [name, { contentType: 'application/json, text/plain' }]),
    );
  }
}

function sortedByStatus(responses: Record<string, ResponseObject>): Record<string, ResponseObject> {
  return Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}

/** A comment's lines as one paragraph (its line breaks were only the source's wrapping). */
function oneParagraph(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** The first sentence: up to the first full stop followed by a space, or the whole text. */
export function firstSentence(text: string): string {
  const match = /^(.+?[.!?])\s/s.exec(text);
  return match ? match[1] : text;
}
