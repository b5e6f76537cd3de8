import { CommonErrorCode, CommonException } from './common.exception';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { nulCharacterProblem, scanJsonText } from './request-bounds';
import { keepRawUploadStream, mediaTypeOf, uploadSpecOf } from './upload';

/**
 * What the API reads as a request body, decided before any of it is read:
 * - `application/json` on every route, up to the body limit and within the bounds of
 *   request-bounds.ts (depth, members, no NUL character), checked before validation;
 * - on routes marked with @AcceptsUpload() (src/common/upload.ts), a file as the raw body or in a
 *   multipart form, read later by the route's interceptor once the caller is let in;
 * - anything else (forms, text/plain, other types, multipart where no upload is expected) 415.
 */
export function readJsonBodies(fastify: FastifyInstance, bodyLimit: number): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  // Fastify's own text/plain and JSON parsers go: text/plain is what a cross-site form can post
  // without a preflight, and an empty JSON body is read as no body (as body-parser did), not refused.
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit },
    (request, body, done) => {
      if (body.length === 0) return done(null, undefined);
      const { refusal, mayHoldNul } = scanJsonText(body as string);
      if (refusal) return done(refusal, undefined);
      parseJson(request, body as string, (error, value) => {
        if (error) return done(error, undefined);
        const nul = mayHoldNul ? nulCharacterProblem(value) : null;
        if (nul) return done(nul, undefined);
        done(null, value);
      });
    },
  );
  fastify.addContentTypeParser('*', (request, payload, done) => {
    const spec = uploadSpecOf(request);
    if (spec?.asBody && spec.mediaTypes.includes(mediaTypeOf(request.headers['content-type']))) {
      keepRawUploadStream(request, payload as Readable);
      return done(null, undefined);
    }
    done(unsupportedBody(request), undefined);
  });
}

/** A multipart form sent to a route that takes no upload is refused before it is read. */
export function refuseUnexpectedBodies(fastify: FastifyInstance): void {
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    const type = mediaTypeOf(request.headers['content-type']);
    if (type.startsWith('multipart/') && !uploadSpecOf(request)) {
      return done(unsupportedBody(request), payload);
    }
    done(null, payload);
  });
}

function unsupportedBody(request: FastifyRequest): CommonException {
  const type = mediaTypeOf(request.headers['content-type']);
  const spec = uploadSpecOf(request);
  return spec
    ? new CommonException(CommonErrorCode.MEDIA_TYPE_NOT_A_FILE_HERE, {
        type,
        accepted: spec.mediaTypes.join(', '),
        field: spec.field,
      })
    : new CommonException(CommonErrorCode.MEDIA_TYPE_REFUSED, { type });
}
