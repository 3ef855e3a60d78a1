import { RxchainError } from './RxchainError.js';

/** One problem with a tool's input: where it is and what is wrong (zod's issues have this shape). */
export interface ToolInputIssue {
  /** The path of the offending value inside the arguments (empty for the arguments as a whole). */
  readonly path: readonly PropertyKey[];
  /** What is wrong with it. */
  readonly message: string;
}

/**
 * Raised when a tool is called with input its schema rejects, or with a tool call that
 * cannot be answered. It names the tool and lists every problem (zod's issues, with
 * their paths), and is delivered on the run's error channel: the tool's function never
 * runs.
 *
 * @example
 * ```ts
 * import { tool, ToolInputError } from 'rxchain';
 * import { z } from 'zod';
 *
 * const add = tool(({ a, b }) => a + b, {
 *   name: 'add',
 *   description: 'Adds two numbers',
 *   schema: z.object({ a: z.number(), b: z.number() }),
 * });
 * const error = await add.invoke({ a: 1, b: 'two' } as never).catch((e: unknown) => e);
 * console.log(error instanceof ToolInputError, (error as ToolInputError).toolName); // => true, 'add'
 * console.log((error as ToolInputError).issues.map((issue) => issue.path)); // => [['b']]
 * ```
 */
export class ToolInputError extends RxchainError {
  override name = 'ToolInputError';

  /** Never retried: the same arguments fail validation again. */
  readonly isRetryable: boolean = false;

  /**
   * @param toolName - the tool that rejected its input.
   * @param issues - what was wrong, one entry per problem.
   * @param options - the underlying `cause` (zod's error), if any.
   */
  constructor(
    readonly toolName: string,
    readonly issues: readonly ToolInputIssue[],
    options?: { cause?: unknown },
  ) {
    const problems = issues.length > 0 ? issues.map(describeIssue).join('; ') : 'the input was rejected';
    super(
      `Invalid input for tool "${toolName}": ${problems}. ` +
        `Call it with arguments that match its schema, or with a tool call { name, args, id, type: "tool_call" }.`,
      options,
    );
  }
}

function describeIssue(issue: ToolInputIssue): string {
  const path = issue.path.map((key) => (typeof key === 'symbol' ? key.toString() : String(key))).join('.');
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}
