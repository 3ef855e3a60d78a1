import { jsonTokens } from './workloads/w4-json.mjs';
import { rxJsonChain, RxBenchModel } from './lib/subjects.mjs';
import * as rx from 'rxchain';
const mode = process.argv[2] ?? 'stream';
const diff = process.argv[3] === 'diff';
async function once(tokens) {
  const chain = diff ? new RxBenchModel(tokens).pipe(new rx.JsonOutputParser({diff:true})) : rxJsonChain(tokens);
  const t = performance.now();
  if (mode === 'stream') { for await (const v of await chain.stream('')) {} }
  else await new Promise((res) => chain.stream$('').subscribe({ complete: res }));
  return performance.now() - t;
}
for (const kb of [5, 80]) {
  const { tokens } = jsonTokens(kb * 1024);
  const times = [];
  for (let i = 0; i < 41; i++) times.push(await once(tokens));
  times.sort((a, b) => a - b);
  console.log(mode, diff?'diff':'cum', kb, 'KB', tokens.length, 'tokens', times[20].toFixed(2), 'ms', ((times[20] / tokens.length) * 1e6).toFixed(0), 'ns/chunk');
}
