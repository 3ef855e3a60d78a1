import type * as z from 'zod';

/** One entry of a FastAPI 422's `detail`: where (`loc`, from `"body"`), what (`msg`), the value found. */
export interface ValidationDetail {
  readonly type: string;
  readonly loc: readonly (string | number)[];
  readonly msg: string;
  readonly input: unknown;
}

/** A zod issue as FastAPI reports a validation problem, `input` being the value at its path in `body`. */
export function detailOf(issue: z.core.$ZodIssue, body: unknown): ValidationDetail {
  const loc = issue.path.map((key) => (typeof key === 'number' ? key : String(key)));
  let input: unknown = body;
  for (const key of loc) {
    input = input !== null && typeof input === 'object' ? (input as Record<string | number, unknown>)[key] : undefined;
  }
  if (input === undefined) return { type: 'missing', loc: ['body', ...loc], msg: 'Field required', input: null };
  return { type: issue.code, loc: ['body', ...loc], msg: issue.message, input };
}
