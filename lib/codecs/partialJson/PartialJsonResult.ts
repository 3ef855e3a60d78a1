/**
 * What `PartialJsonParser.finish()` reports: the parsed value when the
 * input was exactly one complete JSON value, otherwise why it was not.
 */
export type PartialJsonResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string; readonly position: number };
