import { jsonTokens } from './workloads/w4-json.mjs';
import { RxBenchModel } from './lib/subjects.mjs';
import * as rx from 'rxchain';
const diff = process.argv[2] === 'diff';
const sizes = [5, 20, 80].map((kb) => ({ kb, tokens: jsonTokens(kb * 1024).tokens }));
function once(tokens) {
  const chain = new RxBenchModel(tokens).pipe(new rx.JsonOutputParser({ diff }));
  const t = performance.now();
  chain.stream$('').subscribe({});
  return performance.now() - t;
}
const times = sizes.map(() => []);
for (let r = 0; r < 60; r++) sizes.forEach((s, i) => { const reps = Math.max(1, Math.round(16 / (s.kb / 5))); let t = 0; for (let k = 0; k < reps; k++) t += once(s.tokens); if (r >= 10) times[i].push(t / reps); });
sizes.forEach((s, i) => { const m = times[i].sort((a, b) => a - b)[times[i].length >> 1]; console.log(diff ? 'diff' : 'cum', s.kb, 'KB', (m * 1e6 / s.tokens.length).toFixed(0), 'ns/chunk'); });
