/**
 * Values of either library (rxchain's classes in process, LangChain.js's revived by its
 * client) reduced to what both can hold, so they compare with `toEqual`. LangChain.js
 * 0.3's client revives a message with its class and `content` only, and any object
 * with `messages` as a chat prompt value, so that is what is compared; the full fields
 * are checked against the wire JSON and rxchain's client separately.
 */
const MESSAGE_CLASSES = new Set(['HumanMessage', 'AIMessage', 'AIMessageChunk', 'SystemMessage', 'ToolMessage']);

/** Keys that differ between any two runs (ids, clock times). */
const RUN_KEYS = new Set(['id', 'run_id', 'start_time', 'end_time']);

type Json = Record<string, unknown>;

export function plain(value: unknown, dropRunKeys = false): unknown {
  if (Array.isArray(value)) return value.map((item) => plain(item, dropRunKeys));
  if (value === null || typeof value !== 'object') return value;
  const name = (value as { constructor?: { name?: string } }).constructor?.name ?? '';
  const record = value as Json;
  if (MESSAGE_CLASSES.has(name)) return { class: name, content: record['content'] };
  if (name === 'ChatPromptValue') return { messages: plain(record['messages'], dropRunKeys) };
  if (name === 'StringPromptValue') return { promptText: record['value'] };
  if (name === 'Document') return { pageContent: record['pageContent'], metadata: plain(record['metadata']) };
  if (name === 'ChatGenerationChunk') return { text: record['text'], message: plain(record['message']) };
  if (value instanceof Error) return { error: value.message };
  if (dropRunKeys && typeof record['path'] === 'string' && record['path'].endsWith('_time')) {
    return { ...record, value: '<time>' };
  }
  const out: Json = {};
  for (const key of Object.keys(record)) {
    if (record[key] === undefined || (dropRunKeys && RUN_KEYS.has(key))) continue;
    out[key] = plain(record[key], dropRunKeys);
  }
  return out;
}

/** An event as both clients give it: name, run name, tags, metadata and data. */
export function eventSummary(event: {
  event: string;
  name: string;
  tags?: readonly string[] | undefined;
  data: unknown;
}): unknown {
  return [event.event, event.name, [...(event.tags ?? [])].sort(), plain(event.data, true)];
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
