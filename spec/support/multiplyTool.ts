import { Observable } from 'rxjs';
import { z } from 'zod';
import { StructuredTool } from 'rxchain';

/**
 * The multiplying `StructuredTool` the StructuredTool specs run, and its schema.
 */

export const schema = z.object({ a: z.number(), b: z.number() });

/** Argument chunks as the tool's input stream: partial objects that merge into the arguments. */
export function argChunks(chunks$: Observable<object>): Observable<{ a: number; b: number }> {
  return chunks$ as Observable<{ a: number; b: number }>;
}

export function multiplyTool(calls: unknown[] = []): StructuredTool<typeof schema, number> {
  return new StructuredTool({
    name: 'multiply',
    description: 'Multiplies two numbers',
    schema,
    func: ({ a, b }) => {
      calls.push({ a, b });
      return a * b;
    },
  });
}
