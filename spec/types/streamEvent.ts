import type { AIMessage, AIMessageChunk, Document, StreamEvent } from 'rxchain';
import { ChatPromptTemplate, StringOutputParser } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { assertType, type Equal } from './expect.js';

export async function narrowing(): Promise<void> {
  const chain = ChatPromptTemplate.fromTemplate('Tell me about {topic}')
    .pipe(new ScriptedChatModel({ responses: ['Cells.'] }))
    .pipe(new StringOutputParser());
  for await (const event of chain.streamEvents({ topic: 'cells' }, { version: 'v2' })) {
    assertType<Equal<typeof event, StreamEvent>>();
    // Before narrowing, every payload field is readable (and unknown).
    assertType<Equal<typeof event.data.chunk, unknown>>();
    switch (event.event) {
      case 'on_chat_model_stream':
        assertType<Equal<typeof event.data.chunk, AIMessageChunk>>();
        event.data.chunk.text.toUpperCase();
        break;
      case 'on_chat_model_end':
        assertType<Equal<typeof event.data.output, AIMessageChunk | AIMessage>>();
        void event.data.output.content;
        // @ts-expect-error a chat model's end event has no chunk of its own type
        void event.data.chunk.text;
        break;
      case 'on_chat_model_start':
        void event.data.input?.messages[0]?.[0]?.text;
        break;
      case 'on_chat_model_error':
      case 'on_chain_error':
        assertType<Equal<typeof event.data.error, Error>>();
        void event.data.error.message.length;
        break;
      case 'on_retriever_end':
        assertType<Equal<typeof event.data.output, Document[]>>();
        break;
      case 'on_retriever_start':
        event.data.input?.query.trim();
        break;
      case 'on_prompt_end':
        event.data.output.toChatMessages();
        break;
      case 'on_llm_stream':
        if (typeof event.data.chunk !== 'string') event.data.chunk.message?.text.trim();
        break;
      case 'on_parser_stream':
      case 'on_chain_stream':
        // A chain's or parser's chunk is whatever its step produces.
        assertType<Equal<typeof event.data.chunk, unknown>>();
        break;
      default:
        // @ts-expect-error there is no such event name
        if (event.event === 'on_chat_model_chunk') break;
    }
  }
}

export function chainEventsOfAKnownType(event: StreamEvent<string>): void {
  if (event.event === 'on_parser_stream') {
    assertType<Equal<typeof event.data.chunk, string>>();
  }
}
