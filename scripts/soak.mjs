// Leak check: many runs of `prompt | model | parser` with streamEvents (the model behind
// withRetry and withFallbacks, failing now and then), half of them broken off early, on an
// in-process model and on the OpenAI-compatible HTTP model against a loopback server.
// Afterwards the heap, the active handles (timers, sockets), the model subscriptions and
// the server's open responses must be back to where they started. Runs on the built
// package (npm run test:soak builds it first); prints its figures, exits 1 on a leak.
//   node --expose-gc scripts/soak.mjs [--sequential=10000] [--concurrent=1000]
//     [--http-sequential=1000] [--http-concurrent=200]
import { asapScheduler, defer, finalize, scheduled, throwError } from 'rxjs';
import { createServer } from 'node:http';
import {
  AIMessageChunk,
  BaseChatModel,
  ChatOpenAICompatible,
  ChatPromptTemplate,
  StringOutputParser,
} from '../dist/esm/index.js';

const arg = (name, fallback) => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found === undefined ? fallback : Number(found.slice(name.length + 3));
};
const SEQUENTIAL = arg('sequential', 10_000);
const CONCURRENT = arg('concurrent', 1_000);
const HTTP_SEQUENTIAL = arg('http-sequential', 1_000);
const HTTP_CONCURRENT = arg('http-concurrent', 200);
const HEAP_MARGIN = 2 * 1024 * 1024; // bytes the heap may grow by (JIT code, inline caches)

if (typeof globalThis.gc !== 'function') {
  console.error('soak: run with node --expose-gc');
  process.exit(2);
}

// Deterministic choices (a linear congruential generator), so every run soaks the same way.
let seed = 12345;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

// Every subscription to a model's token source, and every teardown of one.
const sources = { opened: 0, closed: 0 };
const WORDS = 'the quick brown fox jumps over the lazy dog again and again until the end'.split(' ');

/**
 * A model that streams a few words, one per task (so a run is really in flight when it is
 * broken off). Unlike the scripted test double it keeps no record of its calls, which
 * would grow with every run.
 */
class SoakModel extends BaseChatModel {
  _streamChunks() {
    return defer(() => {
      // One call in ten fails before its first token: the retry below starts it again.
      if (random() < 0.1) return throwError(() => Object.assign(new Error('503'), { isRetryable: true }));
      sources.opened++;
      const count = 4 + Math.floor(random() * 12);
      const words = Array.from({ length: count }, (_, i) => new AIMessageChunk(`${WORDS[i % WORDS.length]} `));
      return scheduled(words, asapScheduler).pipe(
        finalize(() => {
          sources.closed++;
        }),
      );
    });
  }
}

const model = new SoakModel();
const prompt = ChatPromptTemplate.fromTemplate('Tell me about {topic}');
const chain = prompt
  .pipe(model.withRetry({ stopAfterAttempt: 5 }).withFallbacks([model]))
  .pipe(new StringOutputParser());

// An OpenAI-compatible server on loopback: one SSE frame per write, a task apart, and
// `connection: close`, so the client must close every socket once its run ends or is
// broken off, and no response may still be streaming to a run that is gone.
const http = { serverSockets: 0, streaming: 0 };
const server = createServer((req, res) => {
  http.streaming++;
  res.on('close', () => http.streaming--);
  req.resume();
  req.on('end', () => {
    const count = 3 + Math.floor(random() * 8);
    const frame = (delta, finish = null) =>
      `data: ${JSON.stringify({ id: 'soak', object: 'chat.completion.chunk', created: 0, model: 'soak', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    const frames = [frame({ role: 'assistant', content: '' })];
    for (let i = 0; i < count; i++) frames.push(frame({ content: `${WORDS[i % WORDS.length]} ` }));
    frames.push(frame({}, 'stop'), 'data: [DONE]\n\n');
    res.writeHead(200, { 'content-type': 'text/event-stream', connection: 'close' });
    let next = 0;
    const write = () => {
      if (res.destroyed) return;
      if (next === frames.length) return void res.end();
      res.write(frames[next++], () => setImmediate(write));
    };
    res.on('error', () => undefined);
    write();
  });
});
server.on('connection', (socket) => {
  http.serverSockets++;
  socket.on('close', () => http.serverSockets--);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const httpModel = new ChatOpenAICompatible({
  baseURL: `http://127.0.0.1:${server.address().port}/v1`,
  apiKey: 'soak',
  model: 'soak',
});
const httpChain = prompt.pipe(httpModel.withRetry({ stopAfterAttempt: 2 })).pipe(new StringOutputParser());

/**
 * One run with streamEvents. `breakAt` > 0 breaks off after that many events; some runs
 * carry time limits (real timers that must be cleared) and a signal (a listener that must
 * be removed), and a few are aborted midway.
 */
async function oneRun(index, breakAt, runnable = chain) {
  const controller = new AbortController();
  const config = { version: 'v2' };
  if (index % 3 === 0) Object.assign(config, { timeout: 60_000, firstChunkTimeout: 30_000, idleTimeout: 30_000 });
  if (index % 4 === 0) config.signal = controller.signal;
  const abortAt = index % 20 === 0 ? 3 : -1;
  let seen = 0;
  try {
    for await (const event of runnable.streamEvents({ topic: `run ${index}` }, config)) {
      void event;
      seen++;
      if (seen === abortAt) controller.abort();
      if (seen === breakAt) break;
    }
  } catch (error) {
    if (error?.name !== 'AbortError') throw error;
  }
  return seen;
}

const breakPoint = (index) => (index % 2 === 0 ? 1 + Math.floor(random() * 20) : 0);

function resources() {
  const counts = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/**
 * Lets sockets close (a few event-loop turns after their run), records how many HTTP
 * responses are still streaming (runs that ended must have aborted theirs), then drops
 * the test server's side of the connections, which Node closes lazily: what remains
 * open afterwards is the client's.
 */
async function quiesce() {
  await settle();
  await new Promise((resolve) => setTimeout(resolve, 50));
  await settle();
  const streaming = http.streaming;
  server.closeAllConnections();
  await settle();
  return streaming;
}

async function settle() {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    globalThis.gc();
  }
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

const started = Date.now();
// Warm up before the baseline: the JIT, module caches, and the HTTP client's pool at the
// concurrency it will see (a pool keeps its per-connection bookkeeping once grown).
for (let i = 0; i < 300; i++) await oneRun(i, breakPoint(i));
await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => oneRun(i, breakPoint(i))));
for (let i = 0; i < 500; i++) await oneRun(i, breakPoint(i), httpChain);
await Promise.all(Array.from({ length: HTTP_CONCURRENT }, (_, i) => oneRun(i, breakPoint(i), httpChain)));
await quiesce();
const heapBefore = process.memoryUsage().heapUsed;
const handlesBefore = resources();
const measured = Date.now();

let events = 0;
for (let i = 0; i < SEQUENTIAL; i++) events += await oneRun(i, breakPoint(i));
const afterSequential = Date.now();
const concurrent = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => oneRun(i, breakPoint(i))));
events += concurrent.reduce((a, b) => a + b, 0);
const afterConcurrent = Date.now();
for (let i = 0; i < HTTP_SEQUENTIAL; i++) events += await oneRun(i, breakPoint(i), httpChain);
const httpConcurrent = await Promise.all(
  Array.from({ length: HTTP_CONCURRENT }, (_, i) => oneRun(i, breakPoint(i), httpChain)),
);
events += httpConcurrent.reduce((a, b) => a + b, 0);
const afterHttp = Date.now();

const streamingAtEnd = await quiesce();
const heapAfter = process.memoryUsage().heapUsed;
const handlesAfter = resources();

const problems = [];
if (heapAfter - heapBefore > HEAP_MARGIN)
  problems.push(`heap grew by ${mb(heapAfter - heapBefore)} (margin ${mb(HEAP_MARGIN)})`);
for (const type of new Set([...Object.keys(handlesBefore), ...Object.keys(handlesAfter)])) {
  if ((handlesAfter[type] ?? 0) > (handlesBefore[type] ?? 0)) {
    problems.push(`${(handlesAfter[type] ?? 0) - (handlesBefore[type] ?? 0)} more active ${type} handle(s)`);
  }
}
if (sources.opened !== sources.closed)
  problems.push(`${sources.opened - sources.closed} model subscription(s) never torn down`);
if (streamingAtEnd !== 0) problems.push(`${streamingAtEnd} HTTP response(s) still streaming to runs that ended`);

console.log(
  'rxchain soak: prompt | model (retried, with a fallback) | parser with streamEvents, half broken off early',
);
console.log(
  `  runs:        ${SEQUENTIAL} sequential (${((afterSequential - measured) / 1000).toFixed(1)} s), ${CONCURRENT} concurrent (${((afterConcurrent - afterSequential) / 1000).toFixed(1)} s), ${events} events read`,
);
console.log(
  `  http runs:   ${HTTP_SEQUENTIAL} sequential, ${HTTP_CONCURRENT} concurrent over loopback (${((afterHttp - afterConcurrent) / 1000).toFixed(1)} s)`,
);
console.log(
  `  heap:        ${mb(heapBefore)} before, ${mb(heapAfter)} after (${heapAfter >= heapBefore ? '+' : ''}${mb(heapAfter - heapBefore)})`,
);
console.log(`  handles:     before ${JSON.stringify(handlesBefore)}, after ${JSON.stringify(handlesAfter)}`);
console.log(
  `  model subscriptions: ${sources.opened} opened, ${sources.closed} torn down; HTTP responses still streaming: ${streamingAtEnd}`,
);
console.log(`  total time:  ${((Date.now() - started) / 1000).toFixed(1)} s (warm-up included)`);
server.close();
if (problems.length > 0) {
  console.error(`soak FAILED: ${problems.join('; ')}`);
  process.exit(1);
}
console.log('soak passed');
