/**
 * `GET {basePath}/playground/`: one self-contained page (no external scripts) that
 * reads `input_schema`, lets the user edit a JSON input, and streams `/stream` into the
 * page as the chunks come: text and message contents are appended, other chunks shown
 * as JSON.
 */
export function playgroundResponse(basePath: string): Response {
  const html = PAGE.replace('__BASE__', JSON.stringify(basePath).replace(/</g, '\\u003c'));
  return new Response(html, {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'",
    },
  });
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>rxchain playground</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
textarea { width: 100%; min-height: 8rem; font: 14px monospace; }
pre { white-space: pre-wrap; background: #f4f4f4; padding: 1rem; min-height: 4rem; }
.error { color: #b00020; }
</style>
</head>
<body>
<h1>Playground</h1>
<label for="input">Input (JSON)</label>
<textarea id="input">""</textarea>
<p><button id="run">Stream</button> <button id="stop" disabled>Stop</button> <span id="status"></span></p>
<pre id="output"></pre>
<script>
const base = __BASE__;
const input = document.getElementById('input');
const output = document.getElementById('output');
const status = document.getElementById('status');
const run = document.getElementById('run');
const stop = document.getElementById('stop');
let controller;
fetch(base + '/input_schema').then((r) => r.json()).then((schema) => {
  if (schema && schema.properties) {
    const example = {};
    for (const key of Object.keys(schema.properties)) example[key] = '';
    input.value = JSON.stringify(example, null, 2);
  }
}).catch(() => {});
function show(chunk) {
  if (typeof chunk === 'string') output.textContent += chunk;
  else if (chunk && typeof chunk.content === 'string') output.textContent += chunk.content;
  else output.textContent += JSON.stringify(chunk) + '\\n';
}
run.onclick = async () => {
  let body;
  try { body = JSON.stringify({ input: JSON.parse(input.value) }); }
  catch (e) { status.textContent = 'The input is not JSON: ' + e.message; status.className = 'error'; return; }
  output.textContent = ''; status.textContent = 'streaming'; status.className = '';
  controller = new AbortController(); run.disabled = true; stop.disabled = false;
  try {
    const response = await fetch(base + '/stream', { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: controller.signal });
    if (!response.ok) throw new Error('HTTP ' + response.status + ': ' + await response.text());
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.search(/\\r?\\n\\r?\\n/)) >= 0) {
        const frame = buffer.slice(0, end); buffer = buffer.slice(end).replace(/^\\r?\\n\\r?\\n/, '');
        let event = 'message', data = '';
        for (const line of frame.split(/\\r?\\n/)) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data += line.slice(5).replace(/^ /, '');
        }
        if (event === 'data') show(JSON.parse(data));
        else if (event === 'error') throw new Error(data);
      }
    }
    status.textContent = 'done';
  } catch (e) {
    if (e.name !== 'AbortError') { status.textContent = String(e.message || e); status.className = 'error'; }
    else status.textContent = 'stopped';
  } finally { run.disabled = false; stop.disabled = true; }
};
stop.onclick = () => controller && controller.abort();
</script>
</body>
</html>
`;
