import { AIMessage as LcAIMessage, HumanMessage as LcHumanMessage, isAIMessage } from 'langchain-core-03/messages';
import { RemoteRunnable as LangChainRemoteRunnable } from 'langchain-core-03/runnables/remote';
import { RunLog as LcRunLog, RunLogPatch as LcRunLogPatch } from 'langchain-core-03/tracers/log_stream';
import { AIMessage, AIMessageChunk, HumanMessage, RemoteRunnable, type RunLog, type RunLogPatch } from 'rxchain';
import type { LocalServer } from '../../support/httpServer';
import { historyChain, jokeChain, serveFresh, toolChain, type ServedChain } from './chains';
import { collect, eventSummary, plain } from './plain';

const chains: readonly ServedChain[] = [
  {
    name: 'prompt | model | parser',
    build: jokeChain,
    inputs: [{ topic: 'cats' }, { topic: 'dogs' }],
    lcInputs: () => [{ topic: 'cats' }, { topic: 'dogs' }],
  },
  {
    name: 'a chat-history chain taking messages',
    build: historyChain,
    inputs: [
      { question: 'And now?', history: [new HumanMessage('hi'), new AIMessage('hello')] },
      { question: 'Why?', history: [] },
    ],
    lcInputs: () => [
      { question: 'And now?', history: [new LcHumanMessage('hi'), new LcAIMessage('hello')] },
      { question: 'Why?', history: [] },
    ],
  },
  {
    name: 'a tool-calling model streaming tool-call chunks',
    build: toolChain,
    inputs: ['add 1 and 2', 'again'],
    lcInputs: () => ['add 1 and 2', 'again'],
  },
];

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function served(chain: ServedChain): Promise<string> {
  server = await serveFresh(chain.build, '/chain');
  return `${server.origin}/chain`;
}

/** Each patch's operations as they arrive (the client folds them into its log afterwards, changing them). */
async function snapshots(patches: AsyncIterable<{ ops: unknown }>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const patch of patches) out.push(plain(patch.ops, true));
  return out;
}

/** Folds the operations with LangChain.js's own `RunLog`. */
function foldLc(opsList: readonly unknown[]): LcRunLog {
  let log: LcRunLog | undefined;
  for (const ops of opsList) {
    const patch = new LcRunLogPatch({ ops: structuredClone(ops) as LcRunLogPatch['ops'] });
    log = log === undefined ? LcRunLog.fromRunLogPatch(patch) : log.concat(patch);
  }
  if (log === undefined) throw new Error('no patches');
  return log;
}

describe.each(chains)("LangChain.js 0.3's RemoteRunnable against rxchain's server: $name", (chain) => {
  const remote = (url: string) => new LangChainRemoteRunnable({ url });

  it('should invoke to the in-process output, as LangChain instances', async () => {
    const url = await served(chain);
    const [lcInput] = chain.lcInputs();
    const output: unknown = await remote(url).invoke(lcInput);
    expect(plain(output)).toEqual(plain(await chain.build().invoke(chain.inputs[0])));
  });

  it('should batch to the in-process outputs, and say that returnExceptions is not for its remote clients', async () => {
    const url = await served(chain);
    const outputs = await remote(url).batch([...chain.lcInputs()]);
    expect(plain(outputs)).toEqual(plain(await chain.build().batch([...chain.inputs])));
    await expect(remote(url).batch([...chain.lcInputs()], undefined, { returnExceptions: true })).rejects.toThrow(
      'returnExceptions is not supported for remote clients',
    );
    const ours = await new RemoteRunnable({ url }).batch([...chain.inputs], undefined, { returnExceptions: true });
    expect(plain(ours)).toEqual(plain(await chain.build().batch([...chain.inputs])));
  });

  it('should stream the in-process chunks', async () => {
    const url = await served(chain);
    const chunks = await collect(await remote(url).stream(chain.lcInputs()[0]));
    expect(plain(chunks)).toEqual(plain(await collect(await chain.build().stream(chain.inputs[0]))));
    expect(chunks.length).toBeGreaterThan(1);
  });

  it('should streamLog the in-process patches (diff) and fold them to the in-process run log (diff: false)', async () => {
    const url = await served(chain);
    const patches = await snapshots(remote(url).streamLog(chain.lcInputs()[0]));
    const local: RunLogPatch[] = await collect(chain.build().streamLog(chain.inputs[0]));
    expect(patches).toEqual(local.map((patch) => plain(patch.ops, true)));
    const logs: RunLog[] = await collect(chain.build().streamLog(chain.inputs[0], { diff: false }));
    const state = plain(foldLc(patches).state, true) as Record<string, unknown>;
    expect(state).toEqual(plain(logs[logs.length - 1]?.state, true));
    expect(state['final_output']).toEqual(plain(await chain.build().invoke(chain.inputs[0])));
  });

  it.each(['v1', 'v2'] as const)('should streamEvents %s as in process', async (version) => {
    const url = await served(chain);
    const events = await collect(remote(url).streamEvents(chain.lcInputs()[0], { version }));
    const local = await collect(chain.build().streamEvents(chain.inputs[0], { version }));
    expect(events.map(eventSummary)).toEqual(local.map(eventSummary));
    expect(events.length).toBeGreaterThan(3);
  });
});

describe('messages across the wire', () => {
  it('should answer a chat-history chain with an AI message in both clients', async () => {
    const url = await served(chains[1] as ServedChain);
    const lc: unknown = await new LangChainRemoteRunnable({ url }).invoke({
      history: [new LcHumanMessage('hi')],
      question: 'What did I say?',
    });
    expect(isAIMessage(lc as LcAIMessage)).toBe(true);
    expect((lc as LcAIMessage).content).toBe('I saw 3 messages, the last: What did I say?');
    const ours = await new RemoteRunnable({ url }).invoke({
      history: [new HumanMessage('hi')],
      question: 'What did I say?',
    });
    expect(ours).toBeInstanceOf(AIMessage);
    expect((ours as AIMessage).content).toBe('I saw 3 messages, the last: What did I say?');
  });

  it("should keep every field of the tool-call chunks in rxchain's client and on the wire", async () => {
    const url = await served(chains[2] as ServedChain);
    const ours = new RemoteRunnable<string, AIMessageChunk>({ url });
    const chunks = await collect(await ours.stream('add'));
    const local = await collect(await (toolChain() as typeof ours).stream('add'));
    expect(chunks.every((chunk) => chunk instanceof AIMessageChunk)).toBe(true);
    expect(chunks.map((chunk) => chunk.toJSON())).toEqual(local.map((chunk) => chunk.toJSON()));
    const output = await ours.invoke('add');
    expect([output.tool_calls, output.usage_metadata]).toEqual([
      [{ name: 'add', args: { a: 1, b: 2 }, id: 'call-1', type: 'tool_call' }],
      { input_tokens: 5, output_tokens: 3, total_tokens: 8 },
    ]);
    const wire = (await (
      await fetch(`${url}/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ input: 'add' }),
      })
    ).json()) as { output: Record<string, unknown> };
    expect(wire.output).toEqual(
      expect.objectContaining({
        type: 'AIMessageChunk',
        tool_calls: [{ name: 'add', args: { a: 1, b: 2 }, id: 'call-1', type: 'tool_call' }],
        tool_call_chunks: [{ name: 'add', args: '{"a": 1, "b": 2}', id: 'call-1', index: 0, type: 'tool_call_chunk' }],
        usage_metadata: { input_tokens: 5, output_tokens: 3, total_tokens: 8 },
        additional_kwargs: {},
      }),
    );
  });
});
