import fc from 'fast-check';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { from, lastValueFrom, materialize, toArray, type Observable } from 'rxjs';
import * as rxchain from 'rxchain';
import {
  ChatOpenAI,
  ChatOpenAICompatible,
  concat,
  RemoteRunnable,
  Runnable,
  RunnableCore,
  StringOutputParser,
  toFetchHandler,
  toNodeHandler,
  type StreamEvent,
} from 'rxchain';
import * as testing from 'rxchain/testing';
import { buildRoot } from '../support/aggregationChains';
import { isCumulative, rootArb, type Root } from '../support/aggregationShapes';
import { OpenAITestServer } from '../support/openaiServer';
import { textStream } from '../support/openaiStreams';
import { JsonLikeCumulative } from '../support/cumulative';

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: Error };

/** How one consumption of a run ended. */
async function outcome(run: Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await run };
  } catch (error) {
    return { ok: false, error: error as Error };
  }
}

/** The chunks of `stream$`, added up with the runnable's own accumulator, and folded with `concat`. */
async function streamed(runnable: Runnable<never, unknown>, input: unknown): Promise<Outcome & { folded?: unknown }> {
  const notes = await lastValueFrom(runnable.stream$(input as never).pipe(materialize(), toArray()));
  const last = notes.at(-1);
  if (last?.kind === 'E') return { ok: false, error: last.error as Error };
  const chunks = notes.flatMap((note) => (note.kind === 'N' ? [note.value] : []));
  const total = runnable.outputAccumulator();
  chunks.forEach((chunk) => total.add(chunk));
  const folded = chunks.length === 0 ? undefined : chunks.reduce((a, b) => concat(a, b));
  return { ok: true, value: total.value(), folded };
}

/** The root run's `end` output (or its error) from `events$`. */
async function ended(runnable: Runnable<never, unknown>, input: unknown): Promise<Outcome> {
  const notes = await lastValueFrom(runnable.events$(input as never).pipe(materialize(), toArray()));
  const events = notes.flatMap((note) => (note.kind === 'N' ? [note.value] : []));
  const root = events.find((event: StreamEvent) => event.parent_ids.length === 0);
  const end = events.filter((event) => event.run_id === root?.run_id && /_(end|error)$/.test(event.event)).at(-1);
  if (end === undefined) throw new Error('the root run reported no end and no error');
  return end.event.endsWith('_end')
    ? { ok: true, value: end.data.output }
    : { ok: false, error: end.data.error as Error };
}

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

function expectSame(actual: Outcome, expected: Outcome, how: string): void {
  expect({ how, ok: actual.ok }).toEqual({ how, ok: expected.ok });
  if (actual.ok && expected.ok) expect(actual.value).toEqual(expected.value);
  if (!actual.ok && !expected.ok) {
    expect([actual.error.name, actual.error.message]).toEqual([expected.error.name, expected.error.message]);
  }
}

/** The input as the caller gives it: whole, or an Observable of pieces (chunked input). */
function given(input: unknown, pieces: number): unknown {
  if (typeof input === 'string' && pieces > 1 && input.length > 1) {
    const size = Math.ceil(input.length / pieces);
    return from(input.match(new RegExp(`[^]{1,${size}}`, 'g')) as string[]);
  }
  if (typeof input === 'object' && input !== null && pieces > 1) {
    const { q } = input as { q: string };
    const half = Math.ceil(q.length / 2);
    return from([{ q: q.slice(0, half) }, { q: q.slice(half) }]);
  }
  return input;
}

const seen = new Set<object>();
/** How the property runs ended, so that the generators are seen to reach both outcomes. */
const tally = { ok: 0, failed: 0, chunked: 0 };

/** Records every runnable reachable from `runnable`, for the coverage check. */
function remember(value: unknown, depth = 0): void {
  if (value === null || typeof value !== 'object' || depth > 12) return;
  if (value instanceof RunnableCore) {
    if (seen.has(value)) return;
    seen.add(value);
  }
  for (const item of Array.isArray(value) ? value : Object.values(value)) remember(item, depth + 1);
  if (value instanceof RunnableCore)
    for (const key of ['bound', 'mapper', 'runnables', 'steps'] as const) {
      remember((value as unknown as Record<string, unknown>)[key], depth + 1);
    }
}

const SETTINGS = { seed: 1616, numRuns: 120 };
const word = fc.string({ minLength: 0, maxLength: 12 });

describe('invoke is the aggregate of stream, for every kind of runnable', () => {
  it('should give invoke(x) equal to the accumulated stream(x) and to the end event output, chunked input or not', async () => {
    await fc.assert(
      fc.asyncProperty(rootArb, word, fc.integer({ min: 1, max: 3 }), async (root: Root, x, pieces) => {
        const make = async (): Promise<Runnable<never, unknown>> => {
          const { runnable } = await buildRoot(root);
          remember(runnable);
          return runnable;
        };
        const input = (await buildRoot(root)).input(x);
        const invoked = await outcome((await make()).invoke(given(input, pieces) as never));
        tally[invoked.ok ? 'ok' : 'failed']++;
        if (pieces > 1) tally.chunked++;
        const stream = await streamed(await make(), given(input, pieces));
        expectSame(stream, invoked, 'stream');
        expectSame(await ended(await make(), given(input, pieces)), invoked, 'end event');
        // Where chunks are not cumulative, the aggregate is also their concat fold.
        if (stream.ok && !isCumulative(root)) expect(stream.folded).toEqual(stream.value);
      }),
      SETTINGS,
    );
  });

  it('should give the same through the HTTP server and RemoteRunnable, invoke, stream and events alike', async () => {
    let current: Runnable<never, unknown> | undefined;
    const server: Server = createServer(
      toNodeHandler((request) =>
        toFetchHandler(current as Runnable<never, unknown>, { heartbeatInterval: 0 })(request),
      ),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await fc.assert(
        fc.asyncProperty(rootArb, word, async (root: Root, x) => {
          const { runnable, input } = await buildRoot(root);
          const local = await outcome(runnable.invoke(input(x) as never));
          const serve = async (): Promise<RemoteRunnable<never, unknown>> => {
            current = (await buildRoot(root)).runnable;
            const remote = new RemoteRunnable<never, unknown>({ url, cumulative: isCumulative(root) });
            remember(remote);
            return remote;
          };
          const remote = await outcome((await serve()).invoke(input(x) as never));
          expect(remote.ok).toBe(local.ok);
          if (remote.ok && local.ok) expect(plain(remote.value)).toEqual(plain(local.value));
          const remoteStream = await streamed(await serve(), input(x));
          expectSame(remoteStream, remote, 'remote stream');
          expectSame(await ended(await serve(), input(x)), remote, 'remote end event');
        }),
        { seed: 1617, numRuns: 40 },
      );
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('should hold for a chat model over HTTP (ChatOpenAICompatible and ChatOpenAI)', async () => {
    const openai = await OpenAITestServer.start(() => ({ sse: textStream(['Hel', 'lo', ' there']) }));
    try {
      for (const Model of [ChatOpenAICompatible, ChatOpenAI]) {
        const model = new Model({ baseURL: openai.url, model: 'gpt-test', apiKey: 'k' });
        remember(model);
        const invoked = await outcome(model.invoke('Hi'));
        expectSame(await streamed(model as Runnable<never, unknown>, 'Hi'), invoked, 'stream');
        expectSame(await ended(model as Runnable<never, unknown>, 'Hi'), invoked, 'end event');
        expect(await model.pipe(new StringOutputParser()).invoke('Hi')).toBe('Hello there');
      }
    } finally {
      await openai.close();
    }
  });

  it('should hold for ChatAnthropic over HTTP, text and tool calls alike', async () => {
    const anthropic = await testing.createAnthropicServer();
    const replies = [
      { text: ['Hel', 'lo', ' there'] },
      { text: ['Hel', 'lo', ' there'], toolCalls: [{ name: 'add', args: ['{"a":', ' 1}'] }] },
    ];
    try {
      const model = new rxchain.ChatAnthropic({ baseURL: anthropic.url, model: 'claude-test', apiKey: 'k' });
      remember(model);
      for (const reply of replies) {
        // A fresh script per consumption: the fake numbers its message ids by request.
        anthropic.script([reply]);
        const invoked = await outcome(model.invoke('Hi'));
        anthropic.script([reply]);
        expectSame(await streamed(model as Runnable<never, unknown>, 'Hi'), invoked, 'stream');
        anthropic.script([reply]);
        expectSame(await ended(model as Runnable<never, unknown>, 'Hi'), invoked, 'end event');
      }
      expect(await model.pipe(new StringOutputParser()).invoke('Hi')).toBe('Hello there');
    } finally {
      await anthropic.close();
    }
  });

  it('should have constructed every runnable class rxchain and rxchain/testing export', () => {
    const exported: unknown[] = [...Object.values(rxchain as object), ...Object.values(testing as object)];
    const classes = exported.filter(
      (value): value is typeof RunnableCore =>
        typeof value === 'function' &&
        (value === RunnableCore || (value as { prototype: unknown }).prototype instanceof RunnableCore),
    );
    const missed = classes.filter((cls) => ![...seen].some((instance) => instance instanceof cls)).map((c) => c.name);
    expect(missed).toEqual([]);
    expect(classes.length).toBeGreaterThan(20);
    // Both outcomes and chunked inputs were exercised, often.
    expect(tally.ok).toBeGreaterThan(60);
    expect(tally.failed).toBeGreaterThan(5);
    expect(tally.chunked).toBeGreaterThan(40);
  });
});

describe('the aggregation of a retried run that failed after its first chunk', () => {
  /** An async generator that yields 'part ', then fails on its first two calls and ends with 'done' on the third. */
  const flaky = (): Runnable<string, string> => {
    let calls = 0;
    return rxchain.RunnableLambda.from(
      async function* partThenDone() {
        calls++;
        yield 'part ';
        if (calls < 3) throw new Error(`attempt ${calls} failed`);
        yield 'done';
      },
      { name: 'partThenDone' },
    ).withRetry({ stopAfterAttempt: 3 });
  };

  it('should return the whole output from invoke, in process', async () => {
    expect(await flaky().invoke('x')).toBe('part done');
  });

  it('should return it from POST /invoke and POST /batch too', async () => {
    const post = async (route: string, body: unknown): Promise<unknown> => {
      const handler = toFetchHandler(flaky());
      const response = await handler(
        new Request(`http://localhost/${route}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
      expect(response.status).toBe(200);
      return ((await response.json()) as { output: unknown }).output;
    };
    expect(await post('invoke', { input: 'x' })).toBe('part done');
    expect(await post('batch', { inputs: ['x'] })).toEqual(['part done']);
  });
});

describe('a step that passes its input on', () => {
  it('should add its chunks up as the step before it does (cumulative chunks: the last one)', async () => {
    const chain = rxchain.RunnableSequence.from([new JsonLikeCumulative(), new rxchain.RunnablePassthrough<string>()]);
    const tokens = (): Observable<string> => from(['a', 'b', 'c']);
    expect(await lastValueFrom(chain.stream$(tokens()).pipe(toArray()))).toEqual(['a', 'ab', 'abc']);
    expect(await chain.invoke(tokens() as never)).toBe('abc');
  });
});

describe('RunnablePassthrough.assign fed chunked input', () => {
  it('should return the whole passed-through value from invoke, as stream adds up to', async () => {
    const assign = rxchain.RunnablePassthrough.assign({ size: (input: { question: string }) => input.question.length });
    const chunks = (): Observable<{ question: string }> => from([{ question: 'wh' }, { question: 'ere?' }]);
    expect(await assign.invoke(chunks() as never)).toEqual({ question: 'where?', size: 6 });
    const pieces = await lastValueFrom(assign.stream$(chunks()).pipe(toArray()));
    expect(pieces.reduce((a, b) => concat(a, b))).toEqual({ question: 'where?', size: 6 });
  });
});
