import { PartialJsonParser } from './PartialJsonParser.js';

/**
 * Returns the best JSON value that a prefix of a JSON document denotes, for
 * showing a model's answer while it streams. Never throws.
 *
 * Completion rules:
 * - open strings, arrays and objects are closed; an object key whose value
 *   has not started is dropped (`{"a` and `{"a":` give `{}`), and so is a
 *   trailing comma (`[1,` gives `[1]`);
 * - a prefix of `true`, `false` or `null` is that literal (`[t` gives `[true]`);
 * - strings decode every JSON escape, surrogate pairs included; an escape cut
 *   short (`"ab\`, `"ab\u00`) and an unpaired high surrogate at the end of an
 *   unterminated string are left out until the rest arrives;
 * - a number cut short loses its unfinished tail (`1.` and `1e+` give 1,
 *   `-1.5e` gives -1.5); a lone `-` is a value that has not started (`[1,-`
 *   gives `[1]`, and `-` alone gives `undefined`).
 *
 * Markdown: when the first non-whitespace character cannot start a JSON
 * value, the text is taken as prose and the JSON is the content of the first
 * ```` ``` ```` code fence (its info string, such as `json`, is skipped up to
 * the newline; the content ends at the closing fence, and the rest of the
 * text is ignored). Until that fence has opened the result is `undefined`.
 * A prose answer that starts with a JSON-like character (`t`, `n`, `f`, a
 * digit, `-`, `"`, `[`, `{`) is read as JSON.
 *
 * Invalid text: the result is the value of the longest prefix that is still
 * valid (`[1 2]` gives `[1]`, `{a:1}` gives `{}`, `{"a":1} x` gives
 * `{a: 1}`). Use {@link PartialJsonParser.finish} to learn whether the text
 * was complete, valid JSON.
 *
 * On any complete JSON document the result deep-equals `JSON.parse`
 * (duplicate keys: the last value wins; `"__proto__"` is an own property).
 *
 * @param text - the text so far
 * @returns the best value, or `undefined` when nothing can be completed yet
 *
 * @example
 * ```ts
 * import { parsePartialJson } from 'rxchain';
 *
 * parsePartialJson('{"name": "Fra');            // { name: 'Fra' }
 * parsePartialJson('[1, 2, tr');                // [1, 2, true]
 * parsePartialJson('{"a": 1, "b":');            // { a: 1 }
 * parsePartialJson('Sure!\n```json\n{"ok": t'); // { ok: true }
 * parsePartialJson('Sure!');                    // undefined
 * ```
 */
export function parsePartialJson(text: string): unknown {
  const parser = new PartialJsonParser();
  parser.push(text);
  return parser.value;
}
