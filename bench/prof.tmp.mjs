import { rxJokeChain } from './lib/subjects.mjs';
import { tokens } from './lib/harness.mjs';
const n = 20000; const chain = rxJokeChain(tokens(n));
async function once(mode) { let c = 0; const t = performance.now();
  if (mode === 'events') { for await (const e of chain.streamEvents({ topic: 'x' }, { version: 'v2' })) c++; }
  else if (mode === 'events$') { await new Promise((r) => chain.events$({ topic: 'x' }).subscribe({ next: () => c++, complete: r })); }
  else { for await (const e of await chain.stream({ topic: 'x' })) c++; }
  return performance.now() - t; }
for (const mode of ['stream', 'events$', 'events']) { const ts = []; for (let i = 0; i < 15; i++) ts.push(await once(mode)); ts.sort((a,b)=>a-b); console.log(mode, ts[7].toFixed(1), 'ms'); }
