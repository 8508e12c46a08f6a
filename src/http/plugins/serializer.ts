import fastJson from 'fast-json-stringify';
import { z } from 'zod';

/**
 * Serialises responses with fast-json-stringify from the route's zod response schema, turned
 * into JSON Schema. Only declared properties are written, so a field a presenter adds by
 * mistake never reaches the client; and it is faster than zod's encode + JSON.stringify.
 */
export function serializerCompiler({ schema }: { schema: unknown }): (data: unknown) => string {
  if (!(schema instanceof z.ZodType)) throw new Error('response schemas must be zod schemas');
  const json = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'any' });

  return fastJson(json as Parameters<typeof fastJson>[0]);
}
