import { Document } from '../../documents/Document.js';
import { AIMessage } from '../../messages/AIMessage.js';
import { AIMessageChunk } from '../../messages/AIMessageChunk.js';
import { BaseMessage } from '../../messages/BaseMessage.js';
import { ChatMessage } from '../../messages/ChatMessage.js';
import { ChatMessageChunk } from '../../messages/ChatMessageChunk.js';
import { HumanMessage } from '../../messages/HumanMessage.js';
import { HumanMessageChunk } from '../../messages/HumanMessageChunk.js';
import { SystemMessage } from '../../messages/SystemMessage.js';
import { SystemMessageChunk } from '../../messages/SystemMessageChunk.js';
import { ToolMessage } from '../../messages/ToolMessage.js';
import { ToolMessageChunk } from '../../messages/ToolMessageChunk.js';
import { ChatPromptValue } from '../../prompts/ChatPromptValue.js';
import { StringPromptValue } from '../../prompts/StringPromptValue.js';

type Json = Record<string, unknown>;
type Revive = (value: unknown) => unknown;

/**
 * A JSON object (not an array, not a class instance). Tested by shape, not by identity
 * with this realm's `Object.prototype`: `response.json()` may build objects in another.
 */
export function isPlainObject(value: unknown): value is Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

type MessageKind =
  'human' | 'humanChunk' | 'ai' | 'chunk' | 'system' | 'systemChunk' | 'tool' | 'toolChunk' | 'chat' | 'chatChunk';

/**
 * Message classes by every name a wire uses for them (LangServe's types, class names):
 * a chunk class stays a chunk, as LangChain.js's `RemoteRunnable` revives it.
 */
const MESSAGE_KINDS: Readonly<Record<string, MessageKind>> = {
  human: 'human',
  HumanMessage: 'human',
  HumanMessageChunk: 'humanChunk',
  ai: 'ai',
  AIMessage: 'ai',
  AIMessageChunk: 'chunk',
  system: 'system',
  SystemMessage: 'system',
  SystemMessageChunk: 'systemChunk',
  tool: 'tool',
  ToolMessage: 'tool',
  ToolMessageChunk: 'toolChunk',
  chat: 'chat',
  ChatMessage: 'chat',
  ChatMessageChunk: 'chatChunk',
};

const MESSAGE_KEYS = [
  'name',
  'id',
  'additional_kwargs',
  'response_metadata',
  'usage_metadata',
  'tool_calls',
  'invalid_tool_calls',
  'tool_call_chunks',
] as const;

function isContent(value: unknown): boolean {
  return typeof value === 'string' || Array.isArray(value);
}

function messageOf(kind: string, json: Json, revive: Revive): BaseMessage | undefined {
  const fields: Json = { content: json['content'] };
  for (const key of MESSAGE_KEYS) {
    const field = json[key];
    if (field === undefined || field === null) continue;
    if ((key === 'name' || key === 'id') && typeof field !== 'string') continue;
    if ((key === 'additional_kwargs' || key === 'response_metadata') && !isPlainObject(field)) continue;
    if (key.startsWith('tool_call') || key === 'invalid_tool_calls') {
      if (!Array.isArray(field)) continue;
      fields[key] = field.map((item: unknown) => (isPlainObject(item) ? withoutNulls(item) : item));
      continue;
    }
    fields[key] = key === 'additional_kwargs' ? revive(field) : field;
  }
  switch (MESSAGE_KINDS[kind]) {
    case 'human':
      return new HumanMessage(fields as never);
    case 'humanChunk':
      return new HumanMessageChunk(fields as never);
    case 'system':
      return new SystemMessage(fields as never);
    case 'systemChunk':
      return new SystemMessageChunk(fields as never);
    case 'ai':
      return new AIMessage(fields as never);
    case 'chunk':
      return new AIMessageChunk(fields as never);
    case 'chat':
    case 'chatChunk': {
      const role = typeof json['role'] === 'string' ? json['role'] : '';
      const Chat = MESSAGE_KINDS[kind] === 'chat' ? ChatMessage : ChatMessageChunk;
      return new Chat({ ...(fields as { content: string }), role });
    }
    case 'tool':
    case 'toolChunk': {
      if (typeof json['tool_call_id'] !== 'string') return undefined;
      const artifact = json['artifact'];
      const Tool = MESSAGE_KINDS[kind] === 'tool' ? ToolMessage : ToolMessageChunk;
      return new Tool({
        ...(fields as { content: string }),
        tool_call_id: json['tool_call_id'],
        status: json['status'] === 'error' ? 'error' : 'success',
        ...(artifact !== undefined && artifact !== null ? { artifact } : {}),
      });
    }
    default:
      return undefined;
  }
}

function withoutNulls(json: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(json)) if (value !== null) out[key] = value;
  return out;
}

function documentOf(json: Json, revive: Revive): Document | undefined {
  const content = json['page_content'] ?? json['pageContent'];
  if (typeof content !== 'string') return undefined;
  const metadata = json['metadata'] ?? {};
  if (!isPlainObject(metadata)) return undefined;
  const id = typeof json['id'] === 'string' ? json['id'] : undefined;
  return new Document({ pageContent: content, metadata: revive(metadata) as Json, id });
}

/** The lc constructor form: `{ lc: 1, type: "constructor", id: [..., ClassName], kwargs }`. */
function constructorOf(json: Json, revive: Revive): unknown {
  const path: unknown = json['id'];
  const kwargs: unknown = json['kwargs'];
  if (!Array.isArray(path) || !isPlainObject(kwargs)) return undefined;
  const className: unknown = path[path.length - 1];
  if (typeof className !== 'string') return undefined;
  if (MESSAGE_KINDS[className] !== undefined && isContent(kwargs['content'])) {
    return messageOf(className, kwargs, revive);
  }
  if (className === 'Document') return documentOf(kwargs, revive);
  if (className === 'StringPromptValue' && typeof kwargs['value'] === 'string') {
    return new StringPromptValue(kwargs['value']);
  }
  if (className.startsWith('ChatPromptValue') && Array.isArray(kwargs['messages'])) {
    return chatPromptValueOf(kwargs['messages'], revive);
  }
  return undefined;
}

function chatPromptValueOf(messages: readonly unknown[], revive: Revive): ChatPromptValue | undefined {
  const revived = messages.map(revive);
  if (!revived.every((m) => m instanceof BaseMessage)) return undefined;
  return new ChatPromptValue(revived);
}

/**
 * The LangChain value `json` is the wire form of, or undefined when it is none (then the
 * caller walks it as plain JSON). `revive` revives nested values.
 */
export function reviveKnown(json: Json, revive: Revive): unknown {
  const type = json['type'];
  if (json['lc'] === 1 && type === 'constructor') return constructorOf(json, revive);
  if (typeof type === 'string') {
    if (MESSAGE_KINDS[type] !== undefined && isContent(json['content'])) return messageOf(type, json, revive);
    if (type === 'Document') return documentOf(json, revive);
    if (type === 'StringPromptValue') {
      const text = json['text'] ?? json['value'];
      return typeof text === 'string' ? new StringPromptValue(text) : undefined;
    }
    if (type.startsWith('ChatPromptValue') && Array.isArray(json['messages'])) {
      return chatPromptValueOf(json['messages'], revive);
    }
    if (type.startsWith('ChatGeneration') && typeof json['text'] === 'string' && isPlainObject(json['message'])) {
      // A v1 event's generation chunk, as rxchain's v1 events have it in process.
      return { text: json['text'], message: revive(json['message']) };
    }
    return undefined;
  }
  // A document as LangChain.js's client writes one (its own fields, no type).
  if (typeof json['page_content'] === 'string' && isPlainObject(json['metadata'])) return documentOf(json, revive);
  const keys = Object.keys(json);
  if (
    typeof json['pageContent'] === 'string' &&
    isPlainObject(json['metadata']) &&
    keys.every((key) => key === 'pageContent' || key === 'metadata' || key === 'id')
  ) {
    return documentOf(json, revive);
  }
  return undefined;
}
