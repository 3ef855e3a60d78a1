import { AIMessage } from '../../messages/AIMessage.js';
import { AIMessageChunk } from '../../messages/AIMessageChunk.js';
import type { BaseMessage, BaseMessageFields } from '../../messages/BaseMessage.js';
import { ChatMessage } from '../../messages/ChatMessage.js';
import { ChatMessageChunk } from '../../messages/ChatMessageChunk.js';
import { HumanMessage } from '../../messages/HumanMessage.js';
import { SystemMessage } from '../../messages/SystemMessage.js';
import { ToolMessage, type ToolMessageFields } from '../../messages/ToolMessage.js';
import { RemoteRunError } from '../../errors/RemoteRunError.js';
import { ChatPromptValue } from '../../prompts/ChatPromptValue.js';
import { StringPromptValue } from '../../prompts/StringPromptValue.js';
import { describeValue } from '../../errors/internal/describeValue.js';

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
    case 'generic':
      return new ChatMessage({
        ...(fields as unknown as BaseMessageFields),
        role: typeof json['role'] === 'string' ? json['role'] : '',
      });
    case 'ChatMessageChunk':
      return new ChatMessageChunk({
        ...(fields as unknown as BaseMessageFields),
        role: typeof json['role'] === 'string' ? json['role'] : '',
      });
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
 * Plain objects and arrays are walked; everything else is returned as it is.
 */
export function reviveValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reviveValue);
  if (!isRecord(value)) return value;
  const message = typeof value['type'] === 'string' ? messageFromJson(value) : undefined;
  if (message !== undefined) return message;
  if (value['type'] === 'ChatPromptValue' && Array.isArray(value['messages'])) {
    return new ChatPromptValue(value['messages'].map((m) => reviveValue(m) as BaseMessage));
  }
  if (value['type'] === 'StringPromptValue' && typeof value['value'] === 'string') {
    return new StringPromptValue(value['value']);
  }
  const out: Json = {};
  for (const key of Object.keys(value)) {
    Object.defineProperty(out, key, {
      value: reviveValue(value[key]),
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
