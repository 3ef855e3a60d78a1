import type { AIMessage } from '../../messages/AIMessage.js';
import type { BaseMessage, ContentPart, MessageContent } from '../../messages/BaseMessage.js';
import type { ToolMessage } from '../../messages/ToolMessage.js';
import type { ToolChoice } from '../../tools/toolDefinition.js';

/** A tool call in OpenAI's wire format. */
export interface OpenAIToolCall {
  /** The call's id; the tool message answering it repeats it. */
  readonly id: string;
  /** Always `function`. */
  readonly type: 'function';
  /** The function and its arguments as a JSON string. */
  readonly function: { readonly name: string; readonly arguments: string };
}

/** Message content in OpenAI's wire format. */
export type OpenAIContent = string | ContentPart[];

/** A chat message in OpenAI's wire format. */
export type OpenAIMessage =
  | { readonly role: 'system' | 'user'; readonly content: OpenAIContent; readonly name?: string }
  | {
      readonly role: 'assistant';
      readonly content: OpenAIContent | null;
      readonly name?: string;
      readonly tool_calls?: OpenAIToolCall[];
    }
  | { readonly role: 'tool'; readonly content: OpenAIContent; readonly tool_call_id: string };

/** `tool_choice` in OpenAI's wire format. */
export type OpenAIToolChoice =
  'auto' | 'none' | 'required' | { readonly type: 'function'; readonly function: { readonly name: string } };

/**
 * The conversation in OpenAI's format: system, user, assistant (with `tool_calls` as
 * `{ id, type: 'function', function: { name, arguments } }`) and tool (with
 * `tool_call_id`) messages.
 */
export function messagesToOpenAI(messages: readonly BaseMessage[]): OpenAIMessage[] {
  return messages.map(messageToOpenAI);
}

function messageToOpenAI(message: BaseMessage): OpenAIMessage {
  const named = message.name !== undefined ? { name: message.name } : {};
  switch (message.type) {
    case 'system':
      return { role: 'system', content: contentToOpenAI(message.content), ...named };
    case 'human':
      return { role: 'user', content: contentToOpenAI(message.content), ...named };
    case 'tool':
      return {
        role: 'tool',
        content: contentToOpenAI(message.content),
        tool_call_id: (message as ToolMessage).tool_call_id,
      };
    case 'ai':
      return assistantToOpenAI(message as AIMessage, named);
    case 'generic': {
      // A message with a role of its own: OpenAI's roles by name, anything else as the user's.
      const role = (message as { role?: unknown }).role;
      const mapped = role === 'assistant' || role === 'ai' ? 'assistant' : role === 'system' ? 'system' : 'user';
      return { role: mapped, content: contentToOpenAI(message.content), ...named };
    }
  }
}

function assistantToOpenAI(message: AIMessage, named: { name?: string }): OpenAIMessage {
  const calls: OpenAIToolCall[] = [
    ...message.tool_calls.map((call) => ({
      id: call.id ?? '',
      type: 'function' as const,
      function: { name: call.name, arguments: JSON.stringify(call.args) },
    })),
    // Calls whose arguments did not parse go back as they were received.
    ...message.invalid_tool_calls.map((call) => ({
      id: call.id ?? '',
      type: 'function' as const,
      function: { name: call.name ?? '', arguments: call.args ?? '' },
    })),
  ];
  const content = contentToOpenAI(message.content);
  if (calls.length === 0) return { role: 'assistant', content, ...named };
  // OpenAI expects null content beside tool calls when the model said nothing.
  return { role: 'assistant', content: content === '' ? null : content, tool_calls: calls, ...named };
}

function contentToOpenAI(content: MessageContent): OpenAIContent {
  return typeof content === 'string' ? content : content.map((part) => ({ ...part }));
}

/** `toolChoice` in OpenAI's format: a mode, or a tool's name as a forced function call. */
export function toolChoiceToOpenAI(choice: ToolChoice): OpenAIToolChoice {
  if (choice === 'auto' || choice === 'none' || choice === 'required') return choice as 'auto' | 'none' | 'required';
  return { type: 'function', function: { name: choice } };
}
