import {
  applyDecorators,
  CallHandler,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  type Type,
  NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { FileInterceptor, UploadedMultipartFile } from '@nestjs/platform-fastify/multipart';
import { ApiBody, ApiConsumes, ApiExtension } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { Observable } from 'rxjs';
import { detail } from './app-error';
import { CommonErrorCode, CommonException } from './common.exception';
import { nulCharacterProblem, scanJsonText } from './request-bounds';

/**
 * File uploads: the one way a route takes a file.
 *
 *     @Post('import')
 *     @AcceptsUpload({ field: 'file', mediaTypes: [DOCX_MEDIA_TYPE] })
 *     import(@Uploaded() file: Upload, @Body() fields: ImportFieldsDto) { ... }
 *
 * The route then takes the file either as the request body itself (Content-Type one of
 * `mediaTypes`) or as a `multipart/form-data` form whose file is in `field` (its other, text
 * fields are the `@Body()`, validated by their DTO as usual). The body is read after the guards
 * have let the caller in, up to `maxBytes` (413 beyond), in memory. Every other route refuses both
 * kinds of body with 415 before reading them (src/common/request-bodies.ts), so an upload is
 * never buffered where nothing expects one.
 *
 * A route whose body is JSON may take an optional file beside it (an answer with its signed letter):
 *
 *     @AcceptsUpload({ field: 'letter', mediaTypes: [...], required: false,
 *                      fieldsType: ReviewResponseDto, jsonFields: ['signatory'] })
 *
 * It then reads JSON, or the same fields as a form (objects as JSON text) with the file; never the
 * file as the raw body.
 */

export const DOCX_MEDIA_TYPE =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** The largest file any route takes; a route may set a lower `maxBytes`. */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
/**
 * What any multipart form may carry (@fastify/multipart, registered at start in create-app.ts):
 * one file and a few short text fields.
 */
export const UPLOAD_LIMITS = {
  fileSize: UPLOAD_MAX_BYTES,
  files: 1,
  fields: 20,
  fieldSize: 64 * 1024,
  fieldNameSize: 100,
  parts: 21,
  headerPairs: 100,
};

export interface UploadOptions {
  /** The multipart form field that carries the file (default `file`). */
  field?: string;
  /** Media types accepted as the raw body; in a form, the file's declared type must be one of them or `application/octet-stream`. */
  mediaTypes: string[];
  /** At most this many bytes (default and ceiling: UPLOAD_MAX_BYTES). */
  maxBytes?: number;
  /** Without a file the route answers 400 (default); `false` lets JSON bodies through too, and `@Uploaded()` is then undefined. */
  required?: boolean;
  /**
   * Text fields of the form that carry JSON (an object the JSON body would hold there): parsed,
   * within the bounds of JSON bodies, before the `@Body()` DTO validates them; text that is not
   * JSON is 400. A JSON body is read as always.
   */
  jsonFields?: string[];
  /**
   * The route's body DTO when it takes the file beside a JSON body (with `required: false`): the
   * route then reads JSON, or the same fields as a form with the file; never the file as the raw
   * body. The OpenAPI document describes the JSON body by this DTO and the form as its fields
   * (objects as JSON-encoded parts, see `jsonFields`) plus the file.
   */
  fieldsType?: Type<unknown>;
}

/** The OpenAPI extension by which api-document.ts finds the file field of a form beside JSON. */
export const FORM_FILE_EXTENSION = 'x-form-file';

export interface UploadSpec {
  field: string;
  mediaTypes: string[];
  maxBytes: number;
  required: boolean;
  jsonFields: string[];
  /** Whether the file may come as the raw body (not on routes that read JSON fields beside it). */
  asBody: boolean;
}

/** The file a route received, whichever way it was sent. */
export interface Upload {
  content: Buffer;
  /** The Content-Type of the body, or the type the form declared for the file. */
  mediaType: string;
  /** The file's name on the sender's computer (forms only). */
  fileName: string | null;
  size: number;
}

/** Fastify route config key under which AcceptsUpload stores its spec. */
const UPLOAD_CONFIG = 'upload';
const UPLOADED = Symbol('uploaded');
const RAW_STREAM = Symbol('rawUploadStream');

type UploadRequest = FastifyRequest & {
  [UPLOADED]?: Upload;
  [RAW_STREAM]?: Readable;
  file?: UploadedMultipartFile;
  isMultipart?: () => boolean;
};

/** The upload spec of the route a request was routed to, if it takes uploads. */
export function uploadSpecOf(request: FastifyRequest): UploadSpec | undefined {
  const config = request.routeOptions?.config as unknown as Record<string, unknown> | undefined;
  return config?.[UPLOAD_CONFIG] as UploadSpec | undefined;
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** Called by the catch-all body parser: the raw body is left unread until the route's interceptor reads it. */
export function keepRawUploadStream(request: FastifyRequest, stream: Readable): void {
  (request as UploadRequest)[RAW_STREAM] = stream;
}

export function describeAcceptedBodies(spec: UploadSpec): string {
  if (!spec.asBody) {
    return `Send JSON, or multipart/form-data with the same fields and the file in the field "${spec.field}"`;
  }
  return `Send the file as the body (${spec.mediaTypes.join(', ')}) or as multipart/form-data with the file in the field "${spec.field}"`;
}

/** Reads a body up to `limit` bytes; a longer one stops being read and answers 413. */
async function readLimited(stream: Readable, limit: number, declared?: string): Promise<Buffer> {
  const tooLarge = () => new CommonException(CommonErrorCode.FILE_TOO_LARGE, { limit });
  if (declared !== undefined && Number(declared) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    // Leaves the rest unread: Node discards it once the answer is sent.
    if (size > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

/** Replaces each JSON-carrying text field of a form with its value; text that is not JSON is 400. */
function parseJsonFields(body: unknown, fields: string[]): void {
  if (!fields.length || !body || typeof body !== 'object') return;
  const form = body as Record<string, unknown>;
  for (const name of fields) {
    const text = form[name];
    // A part sent as application/json arrives parsed already (@fastify/multipart).
    if (typeof text !== 'string') continue;
    const { refusal } = scanJsonText(text);
    if (refusal) throw refusal;
    try {
      form[name] = JSON.parse(text);
    } catch {
      throw new CommonException(CommonErrorCode.FORM_FIELD_NOT_JSON, { name }, [
        detail('FORM_FIELD_NOT_JSON_DETAIL', { name }, { field: name }),
      ]);
    }
  }
}

/** Runs after the multipart interceptor: puts the file, from the form or the raw body, where @Uploaded() finds it. */
@Injectable()
export class UploadInterceptor implements NestInterceptor {
  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<UploadRequest>();
    const spec = uploadSpecOf(request);
    if (!spec) throw new Error('UploadInterceptor without @AcceptsUpload() on the route');
    let upload: Upload | undefined;
    if (request.isMultipart?.()) {
      // The form's text fields become the @Body(): bounded as JSON bodies are (request-bounds.ts).
      parseJsonFields(request.body, spec.jsonFields);
      const nul = nulCharacterProblem(request.body);
      if (nul) throw nul;
      const file = request.file;
      if (file?.buffer) {
        const mediaType = mediaTypeOf(file.mimetype);
        if (!spec.mediaTypes.includes(mediaType) && mediaType !== 'application/octet-stream') {
          throw new CommonException(CommonErrorCode.FILE_WRONG_TYPE, {
            type: mediaType,
            accepted: spec.mediaTypes.join(', '),
          });
        }
        upload = {
          content: file.buffer,
          mediaType,
          fileName: file.originalname || null,
          size: file.size,
        };
      }
    } else if (request[RAW_STREAM]) {
      const content = await readLimited(
        request[RAW_STREAM],
        spec.maxBytes,
        request.headers['content-length'],
      );
      upload = {
        content,
        mediaType: mediaTypeOf(request.headers['content-type']),
        fileName: null,
        size: content.length,
      };
    }
    if (!upload && spec.required) {
      throw new CommonException(
        CommonErrorCode.FILE_MISSING,
        { accepted: spec.mediaTypes.join(', '), field: spec.field },
        [detail('FILE_REQUIRED', {}, { field: spec.field })],
      );
    }
    request[UPLOADED] = upload;
    return next.handle();
  }
}

/**
 * The route takes a file (see the top of this file). Puts together the route config read by the
 * body parsers, the multipart reader of @nestjs/platform-fastify with the route's limit, the
 * interceptor that hands the file to @Uploaded(), and the OpenAPI description.
 */
export function AcceptsUpload(options: UploadOptions): MethodDecorator {
  const spec: UploadSpec = {
    field: options.field ?? 'file',
    mediaTypes: options.mediaTypes.map((type) => type.toLowerCase()),
    maxBytes: Math.min(options.maxBytes ?? UPLOAD_MAX_BYTES, UPLOAD_MAX_BYTES),
    required: options.required ?? true,
    jsonFields: options.jsonFields ?? [],
    asBody: !options.fieldsType,
  };
  if (options.fieldsType) {
    if (spec.required) throw new Error('AcceptsUpload: fieldsType needs required: false');
    return applyDecorators(
      RouteConfig({ [UPLOAD_CONFIG]: spec }),
      UseInterceptors(
        FileInterceptor(spec.field, { limits: { fileSize: spec.maxBytes } }),
        UploadInterceptor,
      ),
      ApiConsumes('application/json', 'multipart/form-data'),
      ApiBody({ type: options.fieldsType, required: true }),
      ApiExtension(FORM_FILE_EXTENSION, {
        field: spec.field,
        jsonFields: spec.jsonFields,
        description: `Optional: the file (${spec.mediaTypes.join(', ')}), at most ${spec.maxBytes} bytes`,
      }),
    );
  }
  return applyDecorators(
    RouteConfig({ [UPLOAD_CONFIG]: spec }),
    UseInterceptors(
      FileInterceptor(spec.field, { limits: { fileSize: spec.maxBytes } }),
      UploadInterceptor,
    ),
    ApiConsumes(
      'multipart/form-data',
      ...spec.mediaTypes,
      ...(spec.required ? [] : ['application/json']),
    ),
    ApiBody({
      description: `${describeAcceptedBodies(spec)}, at most ${spec.maxBytes} bytes.`,
      required: spec.required,
      schema: {
        type: 'object',
        required: spec.required ? [spec.field] : [],
        properties: { [spec.field]: { type: 'string', format: 'binary' } },
      },
    }),
  );
}

/** The file a request carried, once the route's interceptor has read it (for what else reads the request). */
export function uploadOf(request: FastifyRequest): Upload | undefined {
  return (request as UploadRequest)[UPLOADED];
}

/** The file of a route marked with @AcceptsUpload() (undefined when it is optional and none came). */
export const Uploaded = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Upload | undefined =>
    context.switchToHttp().getRequest<UploadRequest>()[UPLOADED],
);
