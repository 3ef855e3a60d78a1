import { AIMessage } from '../../messages/AIMessage.js';
import { AIMessageChunk } from '../../messages/AIMessageChunk.js';
import type { BaseMessage } from '../../messages/BaseMessage.js';
import { HumanMessage } from '../../messages/HumanMessage.js';
import { SystemMessage } from '../../messages/SystemMessage.js';
import { ToolMessage, type ToolMessageFields } from '../../messages/ToolMessage.js';
import { RemoteRunError } from '../../errors/RemoteRunError.js';
import { ChatPromptValue } from '../../prompts/ChatPromptValue.js';
import { StringPromptValue } from '../../prompts/StringPromptValue.js';
import { describeValue } from '../../errors/internal/describeValue.js';
import { NestingDepthError } from '../../errors/NestingDepthError.js';
import { MAX_NESTING_DEPTH } from '../../codecs/nestingDepth.js';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function messageFields(json: Json): Json {
  const fields: Json = { content: json['content'] };
  for (const key of [
    'name',
    'id',
    'additional_kwargs',
    'response_metadata',
    'usage_metadata',
    'tool_calls',
    'invalid_tool_calls',
    'tool_call_chunks',
  ]) {
    if (json[key] !== undefined) fields[key] = json[key];
  }
  return fields;
}

/**
 * Rebuilds a message from its JSON form (`toJSON()`), or returns undefined if `json` is
 * not one.
 */
export function messageFromJson(json: Json): BaseMessage | undefined {
  if (!('content' in json)) return undefined;
  const fields = messageFields(json);
  switch (json['type']) {
    case 'human':
      return new HumanMessage(fields as never);
    case 'system':
      return new SystemMessage(fields as never);
    case 'ai':
      return new AIMessage(fields as never);
    case 'AIMessageChunk':
      return new AIMessageChunk(fields as never);
    case 'tool':
      return new ToolMessage({
        ...(fields as unknown as ToolMessageFields),
        tool_call_id: String(json['tool_call_id']),
        status: json['status'] === 'error' ? 'error' : 'success',
      });
    default:
      return undefined;
  }
}

/**
 * Revives the classes rxchain serialises into events: messages (by their `type`), prompt
 * values, and the `{ name, message }` of a failed run's error (as a `RemoteRunError`).
 * Plain objects and arrays are walked, 1,000 levels deep at most (deeper fails with a
 * `NestingDepthError`, never a stack overflow); everything else is returned as it is.
 */
export function reviveValue(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_NESTING_DEPTH) throw new NestingDepthError(MAX_NESTING_DEPTH, 'a value the server sent');
  if (Array.isArray(value)) return value.map((item) => reviveValue(item, depth + 1));
  if (!isRecord(value)) return value;
  const message = typeof value['type'] === 'string' ? messageFromJson(value) : undefined;
  if (message !== undefined) return message;
  if (value['type'] === 'ChatPromptValue' && Array.isArray(value['messages'])) {
    return new ChatPromptValue(value['messages'].map((m) => reviveValue(m, depth + 1) as BaseMessage));
  }
  if (value['type'] === 'StringPromptValue' && typeof value['value'] === 'string') {
    return new StringPromptValue(value['value']);
  }
  const out: Json = {};
  for (const key of Object.keys(value)) {
    Object.defineProperty(out, key, {
      value: reviveValue(value[key], depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** Revives an event's data; for an `on_*_error` event, `data.error` becomes a `RemoteRunError`. */
export function reviveEventData(event: string, data: unknown): unknown {
  const revived = reviveValue(data);
  if (event.endsWith('_error') && isRecord(revived) && isRecord(revived['error'])) {
    const { name, message } = revived['error'];
    const text = typeof message === 'string' ? message : describeValue(message ?? '');
    return { ...revived, error: new RemoteRunError(typeof name === 'string' ? name : 'Error', text) };
  }
  return revived;
}
