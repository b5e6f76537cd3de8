import { Param, ParseUUIDPipe, PipeTransform, Type } from '@nestjs/common';
import { ApiParam, SchemaObject } from '@nestjs/swagger';

/**
 * A path parameter read through `pipe` and described in the OpenAPI document with `schema`: the
 * pipe that refuses a bad value and the document that tells callers the value's form are written
 * once, side by side, instead of `@Param(...)` on one line and `@ApiParam(...)` on another.
 */
export function PathParam(
  name: string,
  pipe: Type<PipeTransform> | PipeTransform,
  schema: SchemaObject,
  description?: string,
): ParameterDecorator {
  const read = Param(name, pipe);
  const describe = ApiParam({ name, required: true, schema, description });
  return (target, key, index) => {
    read(target, key, index);
    if (key === undefined) return;
    describe(target, key, Object.getOwnPropertyDescriptor(target, key)!);
  };
}

/**
 * An answer link's token in the path (32 random bytes, base64url). Not checked here: a token of
 * another form is unknown like any other, so it gets the same 404.
 */
export const TokenParam = () =>
  PathParam(
    'token',
    { transform: (value: unknown) => value },
    { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' },
    'The token of the link e-mailed to the agency',
  );

/** A UUID in the path (400 when it is not one). */
export const UuidParam = (name = 'id', description?: string) =>
  PathParam(name, ParseUUIDPipe, { type: 'string', format: 'uuid' }, description);
