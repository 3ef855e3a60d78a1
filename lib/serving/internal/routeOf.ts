import * as z from 'zod';
import { ROUTES, type Route } from '../wire.js';

/** The JSON Schema of an input or output schema, for `GET /input_schema` and `/output_schema`. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): unknown {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
}

/** The route a path names under `basePath`, if any. */
export function routeOf(pathname: string, basePath: string): Route | undefined {
  if (!pathname.startsWith(`${basePath}/`)) return undefined;
  const name = pathname.slice(basePath.length + 1);
  return Object.prototype.hasOwnProperty.call(ROUTES, name) ? (name as Route) : undefined;
}

/** Every route, as `METHOD path`, for a 404's message. */
export function routeList(basePath: string): string {
  return Object.entries(ROUTES)
    .map(([name, method]) => `${method} ${basePath}/${name}`)
    .join(', ');
}
