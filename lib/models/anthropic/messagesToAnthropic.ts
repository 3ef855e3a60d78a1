import type { AIMessage } from '../../messages/AIMessage.js';
import type { BaseMessage, ContentPart, MessageContent } from '../../messages/BaseMessage.js';
import type { ToolMessage } from '../../messages/ToolMessage.js';
import type { ToolChoice, ToolDefinition } from '../../tools/toolDefinition.js';

/** A content block of the Messages API (`text`, `image`, `tool_use`, `tool_result`, `thinking`...). */
export type AnthropicBlock = Readonly<Record<string, unknown>> & { readonly type: string };

/** A message of the Messages API. */
export interface AnthropicMessage {
  readonly role: 'user' | 'assistant';
  readonly content: AnthropicBlock[];
}

/** A conversation in the Messages API's shape: the top-level `system` and the messages. */
export interface AnthropicConversation {
  /** The system prompt: text blocks of every system message, in order; undefined when none. */
  readonly system: AnthropicBlock[] | undefined;
  readonly messages: AnthropicMessage[];
}

/**
 * The conversation in the Messages API's shape: system messages go to the top-level
 * `system`; human messages become `user` messages; AI messages become `assistant`
 * messages with their tool calls as `tool_use` blocks; tool messages become `tool_result`
 * blocks of a `user` message; consecutive messages of one role are merged into one, as
 * the API requires. Images (`image_url` parts with a data URL or an http(s) URL) become
 * `image` blocks; other blocks pass through as they are.
 */
export function messagesToAnthropic(messages: readonly BaseMessage[]): AnthropicConversation {
  const system: AnthropicBlock[] = [];
  const out: AnthropicMessage[] = [];
  for (const message of messages) {
    if (message.type === 'system') {
      system.push(...blocksOf(message.content));
      continue;
    }
    const next = messageToAnthropic(message);
    const last = out[out.length - 1];
    if (last !== undefined && last.role === next.role) last.content.push(...next.content);
    else out.push(next);
  }
  return { system: system.length > 0 ? system : undefined, messages: out };
}

function messageToAnthropic(message: BaseMessage): AnthropicMessage {
  switch (message.type) {
    case 'ai':
      return { role: 'assistant', content: assistantBlocks(message as AIMessage) };
    case 'tool': {
      const tool = message as ToolMessage;
      const result: Record<string, unknown> = {
        type: 'tool_result',
        tool_use_id: tool.tool_call_id,
        content: typeof tool.content === 'string' ? tool.content : blocksOf(tool.content),
      };
      if (tool.status === 'error') result['is_error'] = true;
      return { role: 'user', content: [result as AnthropicBlock] };
    }
    default:
      return { role: 'user', content: blocksOf(message.content) };
  }
}

function assistantBlocks(message: AIMessage): AnthropicBlock[] {
  // Tool calls already among the content blocks (a reply sent back as it came) are not repeated.
  const blocks = blocksOf(message.content);
  const present = new Set(blocks.filter((block) => block.type === 'tool_use').map((block) => block['id']));
  for (const call of message.tool_calls) {
    if (present.has(call.id)) continue;
    blocks.push({ type: 'tool_use', id: call.id ?? '', name: call.name, input: call.args });
  }
  return blocks;
}

/** Content as blocks: a string is one text block; empty text is dropped (the API refuses it). */
function blocksOf(content: MessageContent): AnthropicBlock[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return content.flatMap((part): AnthropicBlock[] => {
    if (part.type === 'text' && (part['text'] === '' || part['text'] === undefined)) return [];
    if (part.type === 'image_url') return [imageBlock(part)];
    return [{ ...part }];
  });
}

function imageBlock(part: ContentPart): AnthropicBlock {
  const field = (part as Readonly<Record<string, unknown>>)['image_url'];
  const url =
    typeof field === 'string'
      ? field
      : field !== null && typeof field === 'object' && typeof (field as { url?: unknown }).url === 'string'
        ? (field as { url: string }).url
        : '';
  const data = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (data !== null) return { type: 'image', source: { type: 'base64', media_type: data[1], data: data[2] } };
  return { type: 'image', source: { type: 'url', url } };
}

/** A tool as the Messages API takes it. */
export interface AnthropicTool {
  readonly name: string;
  readonly description?: string;
  readonly input_schema: Readonly<Record<string, unknown>>;
}

/** A tool definition as the Messages API takes it: `{ name, description, input_schema }`. */
export function toolToAnthropic(tool: ToolDefinition): AnthropicTool {
  const { name, description, parameters } = tool.function;
  return {
    name,
    ...(description !== undefined ? { description } : {}),
    input_schema: { type: 'object', ...parameters },
  };
}

/** `toolChoice` as the Messages API takes it: `auto`, `none`, `any` (for `required`), or one tool. */
export function toolChoiceToAnthropic(choice: ToolChoice): Readonly<Record<string, string>> {
  if (choice === 'auto' || choice === 'none') return { type: choice };
  if (choice === 'required' || choice === 'any') return { type: 'any' };
  return { type: 'tool', name: choice };
}
