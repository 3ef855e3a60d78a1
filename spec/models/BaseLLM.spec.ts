import { lastValueFrom, map, take, throwError, toArray } from 'rxjs';
import {
  BaseLLM,
  ChatPromptTemplate,
  HumanMessage,
  LLM,
  PromptTemplate,
  StringOutputParser,
  type BaseLLMParams,
  type GenerationChunkLike,
  type LLMCallOptions,
  type StreamEvent,
} from 'rxchain';
import { FakeLLM, FakeStreamingLLM, createTestScheduler } from 'rxchain/testing';
import { eventsOf } from '../support/streamEvents';

/** A text model written for LangChain.js: `_llmType`, `_call` and `_streamResponseChunks`, nothing else. */
class WordsLLM extends LLM {
  prompts: string[] = [];
  options: LLMCallOptions[] = [];

  _llmType(): string {
    return 'words';
  }

  async _call(prompt: string, options: LLMCallOptions): Promise<string> {
    this.prompts.push(prompt);
    this.options.push(options);
    return `echo: ${prompt}`;
  }

  override async *_streamResponseChunks(prompt: string, _options: LLMCallOptions, runManager?: unknown) {
    this.prompts.push(prompt);
    // A LangChain.js class reports tokens to its run manager; rxchain passes none.
    await (runManager as { handleLLMNewToken?: (t: string) => Promise<void> } | undefined)?.handleLLMNewToken?.('x');
    for (const word of prompt.split(' ')) yield { text: `${word}.` } as GenerationChunkLike;
  }
}

/** LangChain.js's usual constructor: fields passed to super. */
class Ported extends LLM {
  readonly greeting: string;
  constructor(fields: BaseLLMParams & { greeting: string }) {
    super(fields);
    this.greeting = fields.greeting;
  }
  _llmType(): string {
    return 'ported';
  }
  async _call(prompt: string, _options: LLMCallOptions, _runManager?: unknown): Promise<string> {
    return `${this.greeting}, ${prompt}`;
  }
}

class CallOnly extends LLM {
  _llmType(): string {
    return 'call-only';
  }
  async _call(prompt: string): Promise<string> {
    return prompt.toUpperCase();
  }
}

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const chunk of stream) out.push(chunk);
  return out;
}

describe('BaseLLM', () => {
  describe('invoke and stream', () => {
    it('should return a string from invoke and stream string tokens', async () => {
      const model = new WordsLLM();
      expect(await model.invoke('a b c')).toBe('a.b.c.');
      expect(await collect(await model.stream('a b'))).toEqual(['a.', 'b.']);
    });

    it('should take a LangChain.js class with its constructor fields unchanged', async () => {
      expect(await new Ported({ greeting: 'Hi', verbose: true, maxRetries: 2 }).invoke('Ada')).toBe('Hi, Ada');
    });

    it('should answer in one chunk from _call when the class does not stream', async () => {
      const model = new CallOnly();
      expect(await collect(await model.stream('hi there'))).toEqual(['HI THERE']);
      expect(await model.invoke('x')).toBe('X');
    });

    it('should have run type llm and the class name as its run name', () => {
      const model = new CallOnly();
      expect(model.runType).toBe('llm');
      expect(model.getName()).toBe('CallOnly');
      expect(model._llmType()).toBe('call-only');
      expect(model._modelType()).toBe('base_llm');
      expect(model).toBeInstanceOf(BaseLLM);
    });

    it('should pass the run signal and bound call options to _call', async () => {
      const model = new WordsLLM();
      const bound = model.withCallOptions({ stop: ['\n'] });
      const controller = new AbortController();
      // _call is used by _generate; drive it directly through a non-streaming subclass call.
      await bound._generate(['p'], { stop: ['\n'], signal: controller.signal });
      expect(bound.options[0]).toEqual({ stop: ['\n'], signal: controller.signal, promptIndex: 0 });
      const streamed = await bound.invoke('q r', { signal: controller.signal });
      expect(streamed).toBe('q.r.');
    });

    it('should leave the original model unbound after withCallOptions', async () => {
      class Recorder extends LLM {
        seen: LLMCallOptions[] = [];
        _llmType(): string {
          return 'recorder';
        }
        async _call(prompt: string, options: LLMCallOptions): Promise<string> {
          this.seen.push(options);
          return prompt;
        }
      }
      const model = new Recorder();
      const bound = model.withCallOptions({ stop: ['END'] });
      await bound.invoke('a');
      await model.invoke('b');
      // The copy shares the record of calls: the bound call first, then the unbound one.
      expect(model.seen.map((options) => options.stop)).toEqual([['END'], undefined]);
    });
  });

  describe('prompt values', () => {
    it('should turn a chat prompt value into its buffer string', async () => {
      const model = new CallOnly();
      const prompt = ChatPromptTemplate.fromMessages([
        ['system', 'Be brief.'],
        ['human', '{q}'],
      ]);
      expect(await prompt.pipe(model).invoke({ q: 'why?' })).toBe('SYSTEM: BE BRIEF.\nHUMAN: WHY?');
    });

    it('should turn a string prompt value into its text and messages into a buffer string', async () => {
      const model = new FakeLLM({});
      expect(await PromptTemplate.fromTemplate('Say {x}').pipe(model).invoke({ x: 'hi' })).toBe('Say hi');
      expect(await model.invoke([new HumanMessage('Hi'), ['ai', 'Hello']])).toBe('Human: Hi\nAI: Hello');
    });

    it('should fail on the error channel for an input that is not a prompt', async () => {
      await expect(new FakeLLM({}).invoke(42 as never)).rejects.toMatchObject({ name: 'InvalidArgumentError' });
    });
  });

  describe('events', () => {
    const texts = (events: StreamEvent[]): string[] => events.map((e) => e.event);

    it('should emit on_llm_start, on_llm_stream per token and on_llm_end in v2, with LangChain shapes', async () => {
      const model = new FakeStreamingLLM({ responses: ['hey!'] });
      const events = await eventsOf(model, 'hello');
      expect(texts(events)).toEqual([
        'on_llm_start',
        'on_llm_stream',
        'on_llm_stream',
        'on_llm_stream',
        'on_llm_stream',
        'on_llm_end',
      ]);
      expect(events[0]?.data).toEqual({ input: { prompts: ['hello'] } });
      expect(events[0]?.name).toBe('FakeStreamingLLM');
      expect(events.slice(1, 5).map((e) => e.data.chunk)).toEqual([
        { text: 'h' },
        { text: 'e' },
        { text: 'y' },
        { text: '!' },
      ]);
      expect(events[5]?.data).toEqual({
        input: { prompts: ['hello'] },
        output: { generations: [[{ text: 'hey!' }]], llmOutput: {} },
      });
    });

    it('should emit the same events in streamEvents v1, with string chunks', async () => {
      const model = new FakeStreamingLLM({ responses: ['ab'] });
      const events: StreamEvent[] = [];
      for await (const event of model.streamEvents('x', { version: 'v1' })) events.push(event as StreamEvent);
      expect(texts(events)).toEqual(['on_llm_start', 'on_llm_stream', 'on_llm_stream', 'on_llm_end']);
      expect(events.slice(1, 3).map((e) => e.data.chunk)).toEqual(['a', 'b']);
      expect(events[3]?.data.output).toEqual({ generations: [[{ text: 'ab' }]], llmOutput: {} });
    });

    it('should stream tokens as events inside a chain even when the chain is invoked', async () => {
      const chain = PromptTemplate.fromTemplate('{q}').pipe(new FakeStreamingLLM({})).pipe(new StringOutputParser());
      const events = await eventsOf(chain, { q: 'abc' } as never);
      const llm = events.filter((e) => e.event.startsWith('on_llm'));
      expect(texts(llm)).toEqual(['on_llm_start', 'on_llm_stream', 'on_llm_stream', 'on_llm_stream', 'on_llm_end']);
      expect(llm[0]?.tags).toEqual(['seq:step:2']);
    });

    it('should log the run with type llm and its text in streamed_output_str', async () => {
      const chain = new FakeStreamingLLM({ responses: ['ok'] }).pipe(new StringOutputParser());
      let state: unknown;
      for await (const patch of await chain.streamLog('x'))
        state = state === undefined ? patch : (state as typeof patch).concat(patch);
      const entry = (state as { state: { logs: Record<string, Record<string, unknown>> } }).state.logs[
        'FakeStreamingLLM'
      ];
      expect(entry?.['type']).toBe('llm');
      expect(entry?.['streamed_output_str']).toEqual(['o', 'k']);
      expect(entry?.['final_output']).toBe('ok');
    });

    it('should report an error from _call as on_llm_error and reject invoke', async () => {
      const model = new FakeLLM({ thrownErrorString: 'model down' });
      await expect(model.invoke('x')).rejects.toThrow('model down');
      const notes = await lastValueFrom(
        model.events$('x').pipe(
          map((e) => e.event),
          toArray(),
        ),
      ).catch((error: Error) => error.message);
      expect(notes).toBe('model down');
    });
  });

  describe('marble checklist', () => {
    it('should stream characters on the scheduler and complete', () => {
      const scheduler = createTestScheduler();
      scheduler.run(({ expectObservable }) => {
        const model = new FakeStreamingLLM({ responses: ['abc'], sleep: 2, scheduler });
        expectObservable(model.stream$('x')).toBe('2ms a 1ms b 1ms (c|)', { a: 'a', b: 'b', c: 'c' });
      });
    });

    it('should echo the prompt once the answers are used up, and emit synchronously without sleep', () => {
      createTestScheduler().run(({ expectObservable }) => {
        const model = new FakeStreamingLLM({ responses: [] });
        expectObservable(model.stream$('xy')).toBe('(xy|)', { x: 'x', y: 'y' });
      });
    });

    it('should complete with no chunk for an empty answer', () => {
      createTestScheduler().run(({ expectObservable }) => {
        expectObservable(new FakeStreamingLLM({ responses: [''] }).stream$('x')).toBe('|');
      });
    });

    it('should fail for a source error and for a failing model', () => {
      createTestScheduler().run(({ expectObservable }) => {
        const failing = new FakeStreamingLLM({ thrownErrorString: 'boom' });
        expectObservable(failing.stream$('x').pipe(map(String))).toBe('#', undefined, new Error('boom'));
        const model = new FakeStreamingLLM({});
        expectObservable(model.stream$(throwError(() => new Error('input failed')))).toBe(
          '#',
          undefined,
          new Error('input failed'),
        );
      });
    });

    it('should stop at unsubscription (early) and when cut by take', () => {
      const scheduler = createTestScheduler();
      scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const input = cold('-a|', { a: 'abcdef' });
        const model = new FakeStreamingLLM({ sleep: 2, scheduler });
        expectObservable(model.stream$(input), '^----!').toBe('----a', { a: 'a' });
        expectSubscriptions(input.subscriptions).toBe('^-!');
        expectObservable(new FakeStreamingLLM({}).stream$('abc').pipe(take(2))).toBe('(ab|)', { a: 'a', b: 'b' });
      });
    });
  });
});
