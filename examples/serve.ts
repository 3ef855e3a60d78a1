/**
 * `npm run serve`: serves the demo chains over HTTP on 127.0.0.1 (PORT, default 8080),
 * on the built-in scripted model (no key, no network), or on the OpenAI-compatible
 * server at OPENAI_BASE_URL (OPENAI_API_KEY and OPENAI_MODEL optional), as `npm start`
 * does. Try the printed curl lines. With `--redis URL` (or REDIS_URL) the streams are
 * resumable through a Redis run store shared by every instance started that way; without
 * it, through one in memory.
 */
import { createServer } from 'node:http';
import { ChatOpenAICompatible, MemoryRunStore, toNodeHandler, type RunStore } from 'rxchain';
import { RedisRunStore } from 'rxchain/redis';
import { demoChains, scriptedModel } from './servedChains';

const port = Number(process.env['PORT'] ?? 8080);
const delay = Number(process.env['RXCHAIN_DEMO_DELAY'] ?? 40);
const baseURL = process.env['OPENAI_BASE_URL'];

async function main(): Promise<void> {
  const model =
    baseURL !== undefined && baseURL !== ''
      ? new ChatOpenAICompatible({
          baseURL,
          apiKey: process.env['OPENAI_API_KEY'],
          model: process.env['OPENAI_MODEL'] ?? 'gpt-4o-mini',
        })
      : scriptedModel(delay);
  const flag = process.argv.indexOf('--redis');
  const redisUrl = flag >= 0 ? process.argv[flag + 1] : process.env['REDIS_URL'];
  const runStore: RunStore =
    redisUrl !== undefined && redisUrl !== '' ? new RedisRunStore({ url: redisUrl }) : new MemoryRunStore();
  const chains = await demoChains(model, {
    onError: (error, route) => console.error(`[${route}]`, error),
    resumable: { runStore },
  });
  const listing = JSON.stringify({ chains: chains.map((c) => c.basePath) });
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const chain = chains.find((c) => path.startsWith(`${c.basePath}/`));
    if (chain !== undefined) {
      toNodeHandler(chain.handler)(req, res);
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end(listing);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${port}`;
  const on =
    model instanceof ChatOpenAICompatible
      ? `the model at ${baseURL ?? ''}`
      : `the scripted model, ${delay} ms per token`;
  const kept = runStore instanceof RedisRunStore ? `runs kept in Redis at ${redisUrl ?? ''}` : 'runs kept in memory';
  console.log(`rxchain demo chains on ${origin} (${on}; ${kept}; Ctrl-C to stop)\n`);
  for (const { basePath, example } of chains) {
    const body = JSON.stringify({ input: example }).replace(/'/g, `'\\''`);
    console.log(`curl -N ${origin}${basePath}/stream -H 'content-type: application/json' -d '${body}'`);
  }
  const first = chains[0];
  if (first !== undefined) {
    const body = JSON.stringify({ input: first.example });
    console.log(`curl ${origin}${first.basePath}/invoke -H 'content-type: application/json' -d '${body}'`);
    console.log(
      `curl -N ${origin}${first.basePath}/stream_events -H 'content-type: application/json' -d '${JSON.stringify({ input: first.example, include_types: ['chat_model'] })}'`,
    );
    console.log(`curl ${origin}${first.basePath}/input_schema`);
    console.log(`# resume a dropped stream: the run_id of its metadata frame, the last id you saw`);
    console.log(`curl -N ${origin}${first.basePath}/runs/RUN_ID/stream -H 'last-event-id: 5'`);
  }
  const stop = (): void => {
    console.log('\nstopping');
    server.closeAllConnections();
    server.close();
    if (runStore instanceof RedisRunStore) void runStore.close();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
