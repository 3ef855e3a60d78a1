import { rxJokeChain } from './lib/subjects.mjs';
import { tokens } from './lib/harness.mjs';
const chain = rxJokeChain(tokens(20000));
const mode = process.argv[2];
const R = 40;
const t = performance.now();
for (let r = 0; r < R; r++) {
  if (mode === 'events') { for await (const e of chain.streamEvents({ topic: 'x' }, { version: 'v2' })); }
  else if (mode === 'events$') { await new Promise((res) => chain.events$({ topic: 'x' }).subscribe({ complete: res })); }
  else if (mode === 'stream$') { await new Promise((res) => chain.stream$({ topic: 'x' }).subscribe({ complete: res })); }
  else { for await (const e of await chain.stream({ topic: 'x' })); }
}
console.log(mode, ((performance.now() - t) / R).toFixed(2), 'ms/run');
