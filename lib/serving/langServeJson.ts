import { Document } from '../documents/Document.js';
import { AIMessage } from '../messages/AIMessage.js';
import { AIMessageChunk } from '../messages/AIMessageChunk.js';
import { BaseMessage } from '../messages/BaseMessage.js';
import { ChatMessage } from '../messages/ChatMessage.js';
import { ChatMessageChunk } from '../messages/ChatMessageChunk.js';
import { HumanMessageChunk } from '../messages/HumanMessageChunk.js';
import { SystemMessageChunk } from '../messages/SystemMessageChunk.js';
import { ToolMessage } from '../messages/ToolMessage.js';
import { ToolMessageChunk } from '../messages/ToolMessageChunk.js';
import { ChatPromptValue } from '../prompts/ChatPromptValue.js';
import { StringPromptValue } from '../prompts/StringPromptValue.js';
import { isPlainObject, reviveKnown } from './internal/reviveKnown.js';
import { MAX_NESTING_DEPTH } from '../codecs/nestingDepth.js';
import { NestingDepthError } from '../errors/NestingDepthError.js';

type Json = Record<string, unknown>;

/**
 * Writes a value in the JSON shape LangServe sends, which LangChain.js's `RemoteRunnable`
 * and LangServe's Python client revive: every message with all of its fields (`type`,
 * `content`, `additional_kwargs`, `response_metadata`, `name`, `id`, and for a model's
 * messages `tool_calls`, `invalid_tool_calls`, `usage_metadata`, `tool_call_chunks`; a
 * `ChatMessage`'s `role`), typed as LangServe types them: `"human"`, `"ai"`, `"system"`,
 * `"tool"`, `"chat"`, and a chunk by its class name (`"AIMessageChunk"`,
 * `"HumanMessageChunk"`...) so that it is revived as a chunk, documents as `{ page_content, metadata, id, type: "Document" }`, prompt values as
 * `{ text, type: "StringPromptValue" }` and `{ messages, type: "ChatPromptValueConcrete" }`,
 * a v1 event's generation chunk `{ text, message }` as a `ChatGenerationChunk`. Arrays and
 * plain objects are walked; anything else is returned as it is.
 *
 * @param value - an output, a chunk, an event's data, a run log's operations...
 * @returns a value made of plain JSON where LangChain values were.
 *
 * @example
 * ```ts
 * import { AIMessage, toLangServeJson } from 'rxchain';
 *
 * const json = toLangServeJson({ answer: new AIMessage('Hi') }) as { answer: Record<string, unknown> };
 * console.log(json.answer['type'], json.answer['content'], json.answer['tool_calls']); // => 'ai', 'Hi', []
 * ```
 */
export function toLangServeJson(value: unknown): unknown {
  return write(value, 0);
}

function write(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_NESTING_DEPTH) throw new NestingDepthError(MAX_NESTING_DEPTH, 'a value written for the wire');
  if (Array.isArray(value)) return value.map((item) => write(item, depth + 1));
  if (value instanceof BaseMessage) return messageJson(value);
  if (value instanceof Document) {
    return {
      id: value.id ?? null,
      metadata: write(value.metadata, depth + 1),
      page_content: value.pageContent,
      type: 'Document',
    };
  }
  if (value instanceof StringPromptValue) return { text: value.value, type: 'StringPromptValue' };
  if (value instanceof ChatPromptValue) {
    return { messages: value.messages.map(messageJson), type: 'ChatPromptValueConcrete' };
  }
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 2 && typeof value['text'] === 'string' && value['message'] instanceof BaseMessage) {
    // A chat model's v1 stream chunk (LangChain's ChatGenerationChunk).
    return {
      text: value['text'],
      message: messageJson(value['message']),
      generation_info: null,
      type: 'ChatGenerationChunk',
    };
  }
  const out: Json = {};
  for (const key of keys) {
    Object.defineProperty(out, key, {
      value: write(value[key], depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function messageJson(message: BaseMessage): Json {
  const json: Json = {
    content: message.content,
    additional_kwargs: message.additional_kwargs,
    response_metadata: message.response_metadata,
    type: wireType(message),
    name: message.name ?? null,
    id: message.id ?? null,
  };
  if (message instanceof AIMessage) {
    json['example'] = false;
    json['tool_calls'] = message.tool_calls.map((call) => ({
      name: call.name,
      args: call.args,
      id: call.id ?? null,
      type: 'tool_call',
    }));
    json['invalid_tool_calls'] = message.invalid_tool_calls.map((call) => ({
      name: call.name ?? null,
      args: call.args ?? null,
      id: call.id ?? null,
      error: call.error ?? null,
      type: 'invalid_tool_call',
    }));
    json['usage_metadata'] = message.usage_metadata ?? null;
    if (message instanceof AIMessageChunk) {
      json['tool_call_chunks'] = message.tool_call_chunks.map((chunk) => ({
        name: chunk.name ?? null,
        args: chunk.args ?? null,
        id: chunk.id ?? null,
        index: chunk.index ?? null,
        type: 'tool_call_chunk',
      }));
    }
  } else if (message instanceof ToolMessage) {
    json['tool_call_id'] = message.tool_call_id;
    json['artifact'] = message.artifact ?? null;
    json['status'] = message.status;
  } else if (message.type === 'human') {
    json['example'] = false;
  } else if (message instanceof ChatMessage) {
    json['role'] = message.role;
  }
  return json;
}

/**
 * LangServe's `type` of a message: the base types by their short names (`"chat"` for a
 * `ChatMessage`, as Python names it), a chunk by its class name, so that a client (ours or
 * LangChain.js's `RemoteRunnable`) revives a chunk as a chunk that can be concatenated.
 */
function wireType(message: BaseMessage): string {
  // Class names spelled out: a bundler may rename the classes.
  if (message instanceof AIMessageChunk) return 'AIMessageChunk';
  if (message instanceof HumanMessageChunk) return 'HumanMessageChunk';
  if (message instanceof SystemMessageChunk) return 'SystemMessageChunk';
  if (message instanceof ToolMessageChunk) return 'ToolMessageChunk';
  if (message instanceof ChatMessageChunk) return 'ChatMessageChunk';
  return message instanceof ChatMessage ? 'chat' : message.type;
}

/**
 * Revives LangChain values from the JSON forms clients and servers send: LangServe's
 * (`type: "human" | "ai" | "system" | "tool" | "AIMessageChunk" | "HumanMessage"...`,
 * `page_content` documents, `StringPromptValue`, `ChatPromptValue(Concrete)`), LangChain.js's
 * serialised form (`{ lc: 1, type: "constructor", id: [..., "AIMessage"], kwargs }`), and
 * rxchain's own `toJSON()` forms. A `null` field counts as absent. Shapes it does not know
 * (including messages of classes rxchain has not, such as `ChatMessage`) are kept as plain
 * JSON; past 1,000 levels of nesting it fails with a `NestingDepthError`, never a stack
 * overflow.
 *
 * @param value - parsed JSON.
 * @returns the value with messages, documents and prompt values as instances.
 *
 * @example
 * ```ts
 * import { fromLangServeJson, HumanMessage } from 'rxchain';
 *
 * const input = fromLangServeJson({
 *   question: 'Why?',
 *   history: [{ type: 'human', content: 'hi', additional_kwargs: {}, example: false }],
 * }) as { history: unknown[] };
 * console.log(input.history[0] instanceof HumanMessage); // => true
 * ```
 */
export function fromLangServeJson(value: unknown): unknown {
  return read(value, 0);
}

function read(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_NESTING_DEPTH) throw new NestingDepthError(MAX_NESTING_DEPTH, 'a value the server sent');
  if (Array.isArray(value)) return value.map((item) => read(item, depth + 1));
  if (!isPlainObject(value)) return value;
  const known = reviveKnown(value, (inner) => read(inner, depth + 1));
  if (known !== undefined) return known;
  const out: Json = {};
  for (const key of Object.keys(value)) {
    Object.defineProperty(out, key, {
      value: read(value[key], depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
