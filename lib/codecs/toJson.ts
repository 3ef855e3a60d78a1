import { NestingDepthError } from '../errors/NestingDepthError.js';
import { MAX_NESTING_DEPTH, nestsDeeperThan } from './nestingDepth.js';

const replacer = (_key: string, item: unknown): unknown =>
  item instanceof Error ? { name: item.name, message: item.message } : item;

/**
 * JSON for the wire: errors become `{ name, message }` (no stack, nothing else), values
 * with `toJSON` (messages, prompt values, documents) use it. A value nested deeper than
 * 1,000 levels, which `JSON.stringify` cannot write without overflowing the stack, fails
 * with a `NestingDepthError` instead of a `RangeError`.
 */
export function toJson(value: unknown): string {
  try {
    return JSON.stringify(value, replacer);
  } catch (error) {
    // Measured only on this path, so writing a sane value costs nothing more.
    if (error instanceof RangeError && nestsDeeperThan(value, MAX_NESTING_DEPTH)) {
      throw new NestingDepthError(MAX_NESTING_DEPTH, 'the value to write as JSON');
    }
    throw error;
  }
}
