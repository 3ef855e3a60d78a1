const MAX = 200;

/**
 * A short text for any value, for an error message: a string as it is, an `Error`'s
 * message, an object's JSON (else its tag), anything else its string form; cut at 200
 * characters, so that a huge or hostile value cannot make a huge message.
 */
export function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value instanceof Error) text = value.message;
  else if (value !== null && typeof value === 'object') text = jsonOrTag(value);
  else text = String(value);
  return text.length > MAX ? `${text.slice(0, MAX)}…` : text;
}

function jsonOrTag(value: object): string {
  try {
    const json = JSON.stringify(value);
    if (typeof json === 'string') return json;
  } catch {
    // A cycle, a BigInt, a throwing toJSON: fall back to the tag.
  }
  return Object.prototype.toString.call(value);
}
