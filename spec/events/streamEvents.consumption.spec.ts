import { Observable } from 'rxjs';
import {
  AIMessageChunk,
  chain,
  ChatPromptTemplate,
  HumanMessage,
  InvalidArgumentError,
  Runnable,
  RunnableLambda,
  StringOutputParser,
  type RunContext,
  type StreamEvent,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { relayChain } from '../support/relayChain';
import { eventsOf, labels } from '../support/streamEvents';
import { model } from './streamEvents.helpers';

describe('streamEvents', () => {
  describe('errors', () => {
    it('should emit on_<type>_error for the failing run and each ancestor, then reject with the original error', async () => {
      const failure = new Error('model down');
      const failing = new ScriptedChatModel({
        responses: ['a b c d'],
        failAt: { token: 3, error: failure },
        name: 'model',
      });
      const chainWithParser = failing.pipe(new StringOutputParser());
      const seen: StreamEvent[] = [];
      let caught: unknown;
      try {
        for await (const event of chainWithParser.streamEvents('q', { version: 'v2' })) seen.push(event);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBe(failure);
      const tail = labels(seen).slice(-3);
      expect(tail).toEqual([
        'on_chat_model_error:model',
        'on_parser_error:StrOutputParser',
        'on_chain_error:RunnableSequence',
      ]);
      expect(seen.at(-3)?.data).toEqual({ input: { messages: [[new HumanMessage('q')]] }, error: failure });
      expect(seen.at(-1)?.data).toEqual({ input: 'q', error: failure });
      expect(labels(seen).filter((l) => l.startsWith('on_chat_model_stream'))).toHaveLength(2);
    });

    it('should fail the first read with a clear error for a missing or unknown version', async () => {
      const step = RunnableLambda.from((x: string) => x);
      const missing = step.streamEvents('x', {} as never);
      await expect(missing.next()).rejects.toThrow(/requires the event schema version.*\{ version: "v2" \}/);
      const unknown = step.streamEvents('x', { version: 'v3' as never });
      await expect(unknown.next()).rejects.toBeInstanceOf(InvalidArgumentError);
      await expect(step.streamEvents('x', { version: 'v3' as never }).next()).rejects.toThrow(/"v3"/);
    });
  });

  describe('data', () => {
    it('should put the caller input on the root start only, even when the root is filtered out', async () => {
      const parser = new StringOutputParser().withConfig({ runName: 'p' });
      const events = await eventsOf(model('a b').pipe(parser), 'question', { includeNames: ['p'] });
      expect(events[0]?.event).toBe('on_parser_start');
      expect(events[0]?.data).toEqual({});
      expect(events.at(-1)?.data.input).toBeInstanceOf(AIMessageChunk);
    });

    it('should report inputs and outputs whole, even with keys named input or output', async () => {
      const step = RunnableLambda.from(
        function swap(x: { input: number; output: number }) {
          return { input: x.output, output: x.input, extra: true };
        },
        { name: 'swap' },
      );
      const events = await eventsOf(step, { input: 1, output: 2 });
      expect(events[0]?.data).toEqual({ input: { input: 1, output: 2 } });
      expect(events.at(-1)?.data).toEqual({
        input: { input: 1, output: 2 },
        output: { input: 2, output: 1, extra: true },
      });
    });

    it('should stream a chat model invoked inside a lambda token by token', async () => {
      const inner = model('one two three');
      const outer = chain(async function outer(q: string) {
        return (await inner.invoke(q)).text;
      });
      const events = await eventsOf(outer, 'q');
      expect(labels(events).filter((l) => l === 'on_chat_model_stream:model')).toHaveLength(3);
    });
  });

  describe('v1', () => {
    it('should report chat models as on_llm_* with generation chunks and no parent ids', async () => {
      const events = await eventsOf(
        ChatPromptTemplate.fromTemplate('{q}').pipe(model('Hi there')),
        { q: 'x' },
        undefined,
        { version: 'v1' },
      );
      expect(labels(events)).toEqual([
        'on_chain_start:RunnableSequence',
        'on_prompt_start:ChatPromptTemplate',
        'on_prompt_end:ChatPromptTemplate',
        'on_llm_start:model',
        'on_chain_stream:RunnableSequence',
        'on_llm_stream:model',
        'on_chain_stream:RunnableSequence',
        'on_llm_stream:model',
        'on_llm_end:model',
        'on_chain_end:RunnableSequence',
      ]);
      const chunk = events[5]?.data.chunk as { text: string; message: AIMessageChunk };
      expect(chunk.message.content).toBe('Hi');
      expect(chunk.text).toBe('Hi');
      const end = events[8]?.data.output as { generations: { text: string }[][] };
      expect(end.generations[0]?.[0]?.text).toBe('Hi there');
      expect(events.every((e) => e.parent_ids.length === 0)).toBe(true);
    });

    it('should match chat models as llm in type filters and drop custom events', async () => {
      const events = await eventsOf(
        model('a').pipe(new StringOutputParser()),
        'q',
        { includeTypes: ['llm'] },
        { version: 'v1' },
      );
      expect(labels(events)).toEqual(['on_llm_start:model', 'on_llm_stream:model', 'on_llm_end:model']);
    });
  });

  describe('consumption', () => {
    it('should be iterable directly and after await', async () => {
      const step = RunnableLambda.from((x: string) => x);
      const direct: string[] = [];
      for await (const e of step.streamEvents('x', { version: 'v2' })) direct.push(e.event);
      const awaited: string[] = [];
      for await (const e of await step.streamEvents('x', { version: 'v2' })) awaited.push(e.event);
      expect(direct).toEqual(['on_chain_start', 'on_chain_stream', 'on_chain_end']);
      expect(awaited).toEqual(direct);
    });

    it('should not run until read', async () => {
      const scripted = model('x');
      const events = scripted.streamEvents('q', { version: 'v2' });
      expect(scripted.calls).toHaveLength(0);
      await events.next();
      expect(scripted.calls).toHaveLength(1);
      await events.return();
    });

    it('should stop the run, release its timer and never throw when breaking after any k events', async () => {
      const tokenCount = 4;
      const build = () => relayChain(tokenCount);
      const total = (await eventsOf(build().runnable, 'q')).length;
      expect(total).toBeGreaterThan(10);
      for (let k = 1; k <= total; k++) {
        const { runnable, live, timers, state } = build();
        let seen = 0;
        for await (const _event of runnable.streamEvents('q', { version: 'v2' })) {
          seen++;
          if (seen === k) break;
        }
        expect(seen).toBe(k);
        expect(live()).toBe(0);
        expect(timers()).toBe(0);
        // The generator, if it started, is released: its finally block runs.
        for (let tick = 0; tick < 5 && state.started && !state.finished; tick++) {
          await new Promise((resolve) => setImmediate(resolve));
        }
        expect(state.finished).toBe(state.started);
      }
    });
  });

  describe('cost when nobody listens', () => {
    class SinkProbe extends Runnable<string, string> {
      readonly sinks: unknown[] = [];
      protected _step(input$: Observable<string>, run: RunContext): Observable<string> {
        this.sinks.push(run.sink);
        return input$;
      }
    }

    it('should build no event record and generate no run id during stream() and invoke()', async () => {
      let ids = 0;
      const idGenerator = () => `id${++ids}`;
      const probe = new SinkProbe();
      const pipeline = ChatPromptTemplate.fromTemplate('{q}')
        .pipe(model('a b c'))
        .pipe(new StringOutputParser())
        .pipe(probe);
      for await (const _chunk of await pipeline.stream({ q: 'x' }, { idGenerator })) {
        // drain
      }
      await pipeline.invoke({ q: 'x' }, { idGenerator });
      expect(probe.sinks).toEqual([undefined, undefined]);
      expect(ids).toBe(0);
      await eventsOf(pipeline, { q: 'x' });
      expect(probe.sinks[2]).toBeDefined();
    });
  });
});
