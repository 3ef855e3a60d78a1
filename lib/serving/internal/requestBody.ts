import * as z from 'zod';
import type { RunnableConfig } from '../../core/RunnableConfig.js';
import type { StreamEventFilters } from '../../events/StreamEvent.js';
import type { ClientConfigKey } from '../wire.js';
import { jsonResponse } from './responses.js';
import { detailOf } from './validationDetail.js';

/** A request body read and checked, or the response that refuses it. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly response: Response };

/** A 422 as FastAPI writes one (`detail`: a list of `{ type, loc, msg, input }`), with rxchain's `error`. */
export function invalidBody(message: string, detail: readonly unknown[], issues?: readonly unknown[]): Response {
  return jsonResponse(422, {
    detail,
    error: { name: 'InvalidRequest', message },
    ...(issues !== undefined ? { issues } : {}),
  });
}

const KEY_SCHEMAS = {
  tags: z.array(z.string()),
  metadata: z.record(z.string(), z.unknown()),
  runName: z.string(),
  configurable: z.record(z.string(), z.unknown()),
} as const;

const required = z
  .unknown()
  .refine((value) => value !== undefined, { message: 'Required: the body needs this field.' });

/** The zod schemas of the request bodies, for one served runnable. */
export interface BodySchemas {
  readonly invoke: z.ZodType<{ input: unknown; config?: RunnableConfig | undefined }>;
  readonly batch: z.ZodType<{ inputs: unknown[]; config?: RunnableConfig | RunnableConfig[] | undefined }>;
  readonly streamEvents: z.ZodType<{
    input: unknown;
    config?: RunnableConfig | undefined;
    filters: StreamEventFilters;
    version: 'v1' | 'v2';
    diff: boolean;
  }>;
}

/**
 * Builds the body schemas: the input checked by `inputSchema` (if any), the config
 * reduced to the allowed keys (others are stripped), filters as lists of strings.
 */
export function bodySchemas(inputSchema: z.ZodType | undefined, configKeys: readonly ClientConfigKey[]): BodySchemas {
  const input = inputSchema ?? required;
  const shape: Partial<Record<ClientConfigKey, z.ZodOptional<z.ZodType>>> = {};
  for (const key of configKeys) shape[key] = KEY_SCHEMAS[key].optional();
  const config = z.object(shape).transform((value) => value as RunnableConfig);
  // LangChain's clients send an object (invoke, stream), a list of objects (batch) or nothing.
  const kwargs = z.unknown().optional();
  const invoke = z.object({ input, config: config.optional(), kwargs });
  const batch = z
    .object({ inputs: z.array(input), config: z.union([config, z.array(config)]).optional(), kwargs })
    .superRefine((body, context) => {
      if (Array.isArray(body.config) && body.config.length > 0 && body.config.length !== body.inputs.length) {
        context.addIssue({
          code: 'custom',
          path: ['config'],
          message: `Got ${body.config.length} configs for ${body.inputs.length} inputs: send one config, or exactly one per input.`,
        });
      }
    });
  const names = z.array(z.string()).optional();
  const streamEvents = z
    .object({
      input,
      config: config.optional(),
      kwargs,
      version: z.enum(['v1', 'v2'], { message: 'The event schema version is "v1" or "v2".' }).optional(),
      diff: z.boolean().optional(),
      include_names: names,
      include_types: names,
      include_tags: names,
      exclude_names: names,
      exclude_types: names,
      exclude_tags: names,
    })
    .transform((body) => ({
      input: body.input,
      config: body.config,
      version: body.version ?? kwargsVersion(body.kwargs),
      diff: body.diff ?? true,
      filters: {
        includeNames: body.include_names,
        includeTypes: body.include_types,
        includeTags: body.include_tags,
        excludeNames: body.exclude_names,
        excludeTypes: body.exclude_types,
        excludeTags: body.exclude_tags,
      } satisfies StreamEventFilters,
    }));
  return { invoke, batch, streamEvents };
}

/** The version LangChain.js's client sends among its call options (`kwargs.version`), else v2. */
function kwargsVersion(kwargs: unknown): 'v1' | 'v2' {
  const version = (kwargs as { version?: unknown } | null | undefined)?.version;
  return version === 'v1' ? 'v1' : 'v2';
}

/** Checks a parsed body against a schema: its value, or a 422 with `detail` (FastAPI's shape) and zod's issues. */
export function checkBody<T>(schema: z.ZodType<T>, body: unknown): Checked<T> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return {
      ok: false,
      response: invalidBody(
        'The request body must be a JSON object such as {"input": ...}.',
        [
          {
            type: 'model_attributes_type',
            loc: ['body'],
            msg: 'Input should be a valid dictionary or object',
            input: body,
          },
        ],
        [{ code: 'invalid_type', expected: 'object', path: [], message: 'Expected a JSON object.' }],
      ),
    };
  }
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues;
  return {
    ok: false,
    response: invalidBody(
      `The request body is invalid: ${issues
        .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`)
        .join('; ')}.`,
      issues.map((issue) => detailOf(issue, body)),
      issues,
    ),
  };
}
