import { lastValueFrom, of, toArray } from 'rxjs';
import {
  AIMessageChunk,
  ChatPromptTemplate,
  ChatPromptValue,
  dispatchCustomEvent,
  HumanMessage,
  parseEventStream,
  RemoteRunError,
  RunnableLambda,
  RunnableSequence,
  RxchainError,
  sequentialIds,
  type RunnableConfig,
  type StreamEvent,
} from 'rxchain';
import { cutBytes } from '../support/bytes';
import { ScriptedChatModel } from 'rxchain/testing';
import {
  encoder,
  decoder,
  TEXT,
  byteStream,
  byteIterable,
  outcomeOf,
  bytesOf,
  chat,
  chatEvents,
  chatBytes,
  frame,
  START,
  END_EVENT,
  startEvent,
  endEvent,
} from './parseEventStream.helpers';

describe('parseEventStream', () => {
  describe('sources', () => {
    it('should parse a ReadableStream into the events streamEvents encoded', async () => {
      const original = await chatEvents();
      const { stream } = byteStream([await chatBytes()]);
      const outcome = await outcomeOf(stream);
      expect(outcome.completed).toBe(true);
      expect(outcome.events).toEqual(original);
      expect(outcome.events.length).toBeGreaterThan(10);
    });

    it('should parse an AsyncIterable of bytes', async () => {
      const original = await chatEvents();
      const { iterable } = byteIterable([await chatBytes()]);
      const outcome = await outcomeOf(iterable);
      expect(outcome.completed).toBe(true);
      expect(outcome.events).toEqual(original);
    });

    it('should parse the byte stream of streamEvents(..., { encoding: "text/event-stream" }) directly', async () => {
      const body = chat().streamEvents('héllo', {
        version: 'v2',
        encoding: 'text/event-stream',
        idGenerator: sequentialIds(),
      });
      const events: StreamEvent[] = [];
      for await (const event of parseEventStream(body)) events.push(event);
      expect(events).toEqual(await chatEvents());
    });

    it('should parse a fetch Response body', async () => {
      const response = new Response(await chatBytes(), { headers: { 'content-type': 'text/event-stream' } });
      const outcome = await outcomeOf(response.body as ReadableStream<Uint8Array>);
      expect(outcome.events).toEqual(await chatEvents());
    });

    it("should fail with the byte stream's own error", async () => {
      const failure = new Error('connection reset');
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode(frame(START)));
        },
        pull(controller) {
          controller.error(failure);
        },
      });
      const outcome = await outcomeOf(stream);
      expect(outcome.events).toEqual([startEvent]);
      expect(outcome.error).toBe(failure);
    });
  });

  describe('framing', () => {
    it('should decode a frame with multi-byte UTF-8 split at every byte offset', async () => {
      const event = (await chatEvents()).find(
        (e) => e.event === 'on_chat_model_stream' && (e.data.chunk as AIMessageChunk).text.includes('😀'),
      );
      expect(event).toBeDefined();
      const bytes = await bytesOf(of(event));
      // Some characters take several bytes, so some offsets fall inside one.
      expect(bytes.length).toBeGreaterThan(decoder.decode(bytes).length);
      for (let offset = 0; offset <= bytes.length; offset++) {
        const { stream } = byteStream(cutBytes(bytes, [offset]));
        const outcome = await outcomeOf(stream);
        expect(outcome).toEqual({ events: [event], completed: true });
      }
    });

    it('should decode a whole stream fed one byte at a time, from either source', async () => {
      const bytes = await chatBytes();
      const single = Array.from(bytes, (byte) => Uint8Array.of(byte));
      const original = await chatEvents();
      expect((await outcomeOf(byteStream(single).stream)).events).toEqual(original);
      expect((await outcomeOf(byteIterable(single).iterable)).events).toEqual(original);
    });

    it('should accept CRLF and CR line endings', async () => {
      const text = decoder.decode(await chatBytes());
      const original = await chatEvents();
      for (const ending of ['\r\n', '\r']) {
        const outcome = await outcomeOf(byteStream([encoder.encode(text.replaceAll('\n', ending))]).stream);
        expect(outcome.completed).toBe(true);
        expect(outcome.events).toEqual(original);
      }
    });

    it('should skip comments and keep-alives between frames', async () => {
      const text = `: connected\n\n${frame(START)}\n\n: ping\n\n\r\n${frame(END_EVENT)}:ping\n\nevent: end\n\n`;
      const outcome = await outcomeOf(byteStream([encoder.encode(text)]).stream);
      expect(outcome).toEqual({ events: [startEvent, endEvent], completed: true });
    });

    it('should read a frame without an event line as data', async () => {
      const outcome = await outcomeOf(byteStream([encoder.encode(`data: ${START}\n\nevent: end\n\n`)]).stream);
      expect(outcome).toEqual({ events: [startEvent], completed: true });
    });
  });

  describe('revival', () => {
    it('should revive chat model chunks as AIMessageChunk instances that concat', async () => {
      const { events } = await outcomeOf(byteStream([await chatBytes()]).stream);
      const chunks = events
        .filter((e) => e.event === 'on_chat_model_stream')
        .map((e) => e.data.chunk as AIMessageChunk);
      expect(chunks.length).toBeGreaterThan(3);
      for (const chunk of chunks) expect(chunk).toBeInstanceOf(AIMessageChunk);
      const whole = chunks.reduce((a, b) => a.concat(b));
      expect(whole).toBeInstanceOf(AIMessageChunk);
      expect(whole.content).toBe(TEXT);
      expect(whole.id).toBe('scripted-1');
      const output = events.find((e) => e.event === 'on_chat_model_end')?.data.output;
      expect(output).toBeInstanceOf(AIMessageChunk);
      expect(output).toEqual(whole);
    });

    it('should revive the chat model input messages and prompt values', async () => {
      const prompt = ChatPromptTemplate.fromTemplate('Say {x}');
      const chain = RunnableSequence.from([prompt, new ScriptedChatModel({ responses: ['ok'] })]);
      const bytes = await bytesOf(chain.events$({ x: 'é' }, { idGenerator: sequentialIds() }));
      const { events } = await outcomeOf(byteStream([bytes]).stream);
      const promptEnd = events.find((e) => e.event === 'on_prompt_end');
      expect(promptEnd?.data.output).toBeInstanceOf(ChatPromptValue);
      expect((promptEnd?.data.output as ChatPromptValue).messages[0]).toBeInstanceOf(HumanMessage);
      expect((promptEnd?.data.output as ChatPromptValue).toString()).toBe('Human: Say é');
      const modelStart = events.find((e) => e.event === 'on_chat_model_start');
      const [[message]] = (modelStart?.data.input as { messages: HumanMessage[][] }).messages as [[HumanMessage]];
      expect(message).toBeInstanceOf(HumanMessage);
      expect(message.text).toBe('Say é');
    });

    it('should revive data.error of on_*_error events as RemoteRunError, and the error frame as the failure', async () => {
      const original = new TypeError('bad input');
      const failing = RunnableSequence.from([
        RunnableLambda.from(
          function upper(x: string) {
            return x.toUpperCase();
          },
          { name: 'upper' },
        ),
        RunnableLambda.from(
          function reject(): string {
            throw original;
          },
          { name: 'reject' },
        ),
      ]);
      const body = failing.streamEvents('x', {
        version: 'v2',
        encoding: 'text/event-stream',
        idGenerator: sequentialIds(),
      });
      const outcome = await outcomeOf(body);
      expect(outcome.completed).toBe(false);
      expect(outcome.error).toBeInstanceOf(RemoteRunError);
      expect(outcome.error).toBeInstanceOf(RxchainError);
      expect(outcome.error).not.toBe(original);
      expect((outcome.error as Error).name).toBe('TypeError');
      expect((outcome.error as Error).message).toBe('bad input');
      const errors = outcome.events.filter((e) => e.event.endsWith('_error'));
      expect(errors.map((e) => e.name)).toEqual(['reject', 'RunnableSequence']);
      for (const e of errors) {
        expect(e.data.error).toBeInstanceOf(RemoteRunError);
        expect(e.data.error).toMatchObject({ name: 'TypeError', message: 'bad input' });
      }
      expect(outcome.events.at(-1)?.event).toBe('on_chain_error');
    });

    it('should keep null and undefined custom event payloads as they were', async () => {
      const step = RunnableLambda.from(
        function report(x: string, config: RunnableConfig) {
          dispatchCustomEvent('nothing', null, config);
          dispatchCustomEvent('missing', undefined, config);
          dispatchCustomEvent('number', 0, config);
          return x;
        },
        { name: 'report' },
      );
      const original = await lastValueFrom(step.events$('x', { idGenerator: sequentialIds() }).pipe(toArray()));
      const { events } = await outcomeOf(byteStream([await bytesOf(of(...original))]).stream);
      const custom = events.filter((e) => e.event === 'on_custom_event');
      expect(custom.map((e) => [e.name, e.data])).toEqual([
        ['nothing', null],
        ['missing', undefined],
        ['number', 0],
      ]);
      expect(events).toEqual(original);
    });
  });
});
