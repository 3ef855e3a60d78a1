import { rxJokeChain } from './lib/subjects.mjs';
import { tokens } from './lib/harness.mjs';
const n = 20000; const chain = rxJokeChain(tokens(n));
const mode = process.argv[2];
async function once() { let c = 0;
  if (mode === 'events') { for await (const e of chain.streamEvents({ topic: 'x' }, { version: 'v2' })) c++; }
  else await new Promise((r) => chain.events$({ topic: 'x' }).subscribe({ next: () => c++, complete: r })); }
for (let i = 0; i < 60; i++) await once();
