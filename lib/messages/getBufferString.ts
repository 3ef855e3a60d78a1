import { AIMessage } from './AIMessage.js';
import type { BaseMessage, ContentPart } from './BaseMessage.js';

/**
 * A conversation as one text, one line per message: `Human: ...`, `AI: ...`, `System:
 * ...`, `Tool: ...`, as LangChain.js's `getBufferString` writes it. A message's name comes
 * first (`AI: bot, ...`); a model's tool calls follow its text as JSON; content parts
 * that are not text show as `[image]`, `[audio]`, `[video]`, `[file]` or `[<type>]`.
 * A message of any other type is written with its type as the role.
 *
 * @param messages - the conversation.
 * @param humanPrefix - the role written for user messages. @default 'Human'
 * @param aiPrefix - the role written for model messages. @default 'AI'
 * @returns the text.
 *
 * @example
 * ```ts
 * import { AIMessage, HumanMessage, getBufferString } from 'rxchain';
 *
 * console.log(getBufferString([new HumanMessage('Hi'), new AIMessage('Hello!')])); // => 'Human: Hi\nAI: Hello!'
 * ```
 */
export function getBufferString(messages: readonly BaseMessage[], humanPrefix = 'Human', aiPrefix = 'AI'): string {
  return messages
    .map((message) => {
      const role = roleOf(message, humanPrefix, aiPrefix);
      const name = message.name !== undefined && message.name !== '' ? `${message.name}, ` : '';
      const content = typeof message.content === 'string' ? message.content : message.content.map(partText).join('');
      let line = `${role}: ${name}${content}`;
      if (message instanceof AIMessage) {
        if (message.tool_calls.length > 0) line += JSON.stringify(message.tool_calls);
        else if ('function_call' in message.additional_kwargs) {
          line += JSON.stringify(message.additional_kwargs['function_call']);
        }
      }
      return line;
    })
    .join('\n');
}

function roleOf(message: BaseMessage, humanPrefix: string, aiPrefix: string): string {
  const type: string = message.type;
  switch (type) {
    case 'human':
      return humanPrefix;
    case 'ai':
      return aiPrefix;
    case 'system':
      return 'System';
    case 'tool':
      return 'Tool';
    default: {
      const role = (message as { role?: unknown }).role;
      return typeof role === 'string' ? role : type;
    }
  }
}

function partText(part: ContentPart): string {
  switch (part.type) {
    case 'text':
      return typeof part['text'] === 'string' ? part['text'] : '';
    case 'image':
    case 'image_url':
      return '[image]';
    case 'audio':
    case 'input_audio':
      return '[audio]';
    case 'video':
      return '[video]';
    case 'file':
      return '[file]';
    case 'reasoning':
    case 'tool_call':
    case 'tool_call_chunk':
    case 'invalid_tool_call':
    case 'non_standard':
      return '';
    default:
      return part.type ? `[${part.type}]` : '';
  }
}
