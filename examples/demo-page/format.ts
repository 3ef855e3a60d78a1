/** How the demo page shows values: chunks, inputs and outputs, JSON, durations. */

interface MessageLike {
  readonly type: string;
  readonly text: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isMessage(value: unknown): value is MessageLike {
  return isRecord(value) && typeof value['type'] === 'string' && typeof value['text'] === 'string';
}

/** The text a chunk adds: a string as is, a message chunk's text, anything else as JSON. */
export function chunkText(chunk: unknown): string {
  if (typeof chunk === 'string') return chunk;
  if (isMessage(chunk)) return chunk.text;
  return JSON.stringify(chunk) ?? String(chunk);
}

/** A short readable form of a run's input or output. */
export function preview(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isMessage(value)) return `${value.type}: ${value.text}`;
  if (Array.isArray(value)) return value.map(preview).join('\n');
  if (isRecord(value)) {
    if (Array.isArray(value['messages'])) return preview(value['messages']);
    if (typeof value['pageContent'] === 'string') return `document: ${value['pageContent']}`;
    const entries = Object.entries(value);
    if (entries.every(([, v]) => typeof v === 'string' || typeof v === 'number')) {
      return entries.map(([k, v]) => `${k}: ${String(v)}`).join('\n');
    }
  }
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** `123 ms` or `1.23 s`. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

const JSON_TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g;

/** Pretty-printed JSON as text nodes and coloured spans (keys, strings, numbers, literals). */
export function highlightJson(value: unknown): DocumentFragment {
  const text = JSON.stringify(value, null, 2) ?? '';
  const fragment = document.createDocumentFragment();
  const span = (className: string, content: string): void => {
    const el = document.createElement('span');
    el.className = className;
    el.textContent = content;
    fragment.append(el);
  };
  let last = 0;
  for (const match of text.matchAll(JSON_TOKEN)) {
    const index = match.index ?? 0;
    if (index > last) fragment.append(text.slice(last, index));
    const [whole, string, colon, number, literal] = match;
    if (string !== undefined && colon !== undefined) {
      span('key', string);
      fragment.append(colon);
    } else if (string !== undefined) span('string', string);
    else if (number !== undefined) span('number', number);
    else if (literal !== undefined) span('literal', literal);
    last = index + whole.length;
  }
  if (last < text.length) fragment.append(text.slice(last));
  return fragment;
}
