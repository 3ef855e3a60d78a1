import { parsePartialJson } from '../../lib/codecs/partialJson/partialJson.js';

/**
 * Table-driven checks of `parsePartialJson` shared by the partialJson specs.
 */

export type Row = readonly [input: string, expected: unknown];

export function expectRows(rows: readonly Row[]): void {
  for (const [input, expected] of rows) {
    // Wrap so a failure names the row.
    expect({ input, value: parsePartialJson(input) }).toStrictEqual({ input, value: expected });
  }
}
