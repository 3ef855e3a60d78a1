import * as rx from 'rxchain';
const chunks = Array.from({ length: 20000 }, (_, i) => new rx.AIMessageChunk(` tok${i}`));
for (let r = 0; r < 5; r++) {
  let t = performance.now(); let a = chunks[0];
  for (let i = 1; i < chunks.length; i++) a = a.concat(chunks[i]);
  const t1 = performance.now() - t;
  t = performance.now(); let s = '';
  for (let i = 0; i < chunks.length; i++) s += chunks[i].content;
  console.log('concat', t1.toFixed(2), 'ms; strings', (performance.now() - t).toFixed(2), a.content.length);
}
