/**
 * The demo page (`npm run demo`): the guide's chains, run in the browser. In local mode
 * the chains run in the page on the scripted model; in server mode the same chains run
 * on the demo server and the page calls them through `RemoteRunnable`. One run's
 * `events$()` feeds every panel: the root run's stream chunks (the chunks `stream$()`
 * would emit) are the output, and every run's events build the run tree. Stop
 * unsubscribes: the model stops, and in server mode the HTTP request is aborted, which
 * ends the run on the server.
 */
import { RemoteRunnable, type StreamEvent } from 'rxchain';
import type { Observable, Subscription } from 'rxjs';
import { countriesChain, jokeChain, retrievalChain, scriptedModel } from '../servedChains';
import { chunkText, formatDuration, highlightJson, preview } from './format';
import { RunTree, type RunNode } from './runTree';

type Mode = 'local' | 'server';
type ChainId = 'joke' | 'countries' | 'rag';
type PageStatus = 'idle' | 'running' | 'done' | 'stopped' | 'error';

interface ChainView {
  readonly inputLabel: string;
  readonly defaultInput: string;
  readonly output: 'text' | 'json';
  /** The chain's input, from the text field. */
  toInput(text: string): unknown;
  /** How the run is made, for the line under the controls. */
  code(mode: Mode, input: string): string;
}

const CHAINS: Record<ChainId, ChainView> = {
  joke: {
    inputLabel: 'topic',
    defaultInput: 'parrots',
    output: 'text',
    toInput: (topic) => ({ topic }),
    code: (mode, topic) =>
      `${mode === 'local' ? 'jokeChain(model)' : "new RemoteRunnable({ url: '/joke' })"}.events$({ topic: ${JSON.stringify(topic)} })`,
  },
  countries: {
    inputLabel: 'continent',
    defaultInput: 'Europe',
    output: 'json',
    toInput: (continent) => ({ continent }),
    code: (mode, continent) =>
      `${mode === 'local' ? 'prompt.pipe(model).pipe(new JsonOutputParser())' : "new RemoteRunnable({ url: '/countries', cumulative: true })"}.events$({ continent: ${JSON.stringify(continent)} })`,
  },
  rag: {
    inputLabel: 'question',
    defaultInput: 'where did harrison work?',
    output: 'text',
    toInput: (question) => question,
    code: (mode, question) =>
      `${mode === 'local' ? 'RunnableSequence.from([{ context: retriever, question }, prompt, model, parser])' : "new RemoteRunnable({ url: '/rag' })"}.events$(${JSON.stringify(question)})`,
  },
};

const params = new URLSearchParams(location.search);
const delay = Number(params.get('delay') ?? 70);
const state = {
  mode: (params.get('mode') === 'server' ? 'server' : 'local') as Mode,
  chain: (params.get('chain') as ChainId | null) ?? 'joke',
  status: 'idle' as PageStatus,
  run: undefined as Subscription | undefined,
  /** Counts the runs started, so a run whose events arrive after a newer start is dropped. */
  started: 0,
  chunks: 0,
};
if (!(state.chain in CHAINS)) state.chain = 'joke';

function $<T extends HTMLElement = HTMLElement>(testid: string): T {
  const element = document.querySelector<T>(`[data-testid="${testid}"]`);
  if (element === null) throw new Error(`The page has no [data-testid="${testid}"].`);
  return element;
}

const ui = {
  input: $<HTMLInputElement>('input'),
  inputLabel: $('input-label'),
  run: $<HTMLButtonElement>('run'),
  stop: $<HTMLButtonElement>('stop'),
  status: $('status'),
  how: $('how'),
  output: $('output'),
  text: $('output-text'),
  json: $('output-json'),
  textBox: $('output-text-box'),
  error: $('error'),
  count: $('chunk-count'),
  details: $('details-body'),
  treeEmpty: $('tree-empty'),
};

const tree = new RunTree($<HTMLUListElement>('run-tree'), (node) => showDetails(node));

// The local chains, on one scripted model that waits `delay` ms between tokens.
const model = scriptedModel(delay);
const local = {
  joke: jokeChain(model),
  countries: countriesChain(model),
  rag: retrievalChain(model),
};

function remote<I, O>(id: ChainId, cumulative = false): RemoteRunnable<I, O> {
  return new RemoteRunnable<I, O>({ url: new URL(`/${id}`, location.href).href, cumulative });
}

/** One run of chain `id` in the current mode, as its v2 events. */
async function events$(id: ChainId, input: unknown): Promise<Observable<StreamEvent>> {
  if (state.mode === 'server') return remote(id, id === 'countries').events$(input);
  if (id === 'joke') return local.joke.events$(input as { topic: string });
  if (id === 'countries') return local.countries.events$(input as { continent: string });
  return (await local.rag).events$(input as string);
}

function setStatus(status: PageStatus): void {
  state.status = status;
  ui.status.textContent = status;
  ui.status.dataset['status'] = status;
  ui.output.classList.toggle('streaming', status === 'running');
  ui.run.disabled = status === 'running';
  ui.stop.disabled = status !== 'running';
}

function syncControls(): void {
  const view = CHAINS[state.chain];
  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-mode]'))) {
    button.setAttribute('aria-checked', String(button.dataset['mode'] === state.mode));
  }
  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-chain]'))) {
    button.classList.toggle('active', button.dataset['chain'] === state.chain);
  }
  ui.inputLabel.textContent = view.inputLabel;
  ui.how.textContent = `${view.code(state.mode, ui.input.value)}   ·   ${
    state.mode === 'local'
      ? `ScriptedChatModel in this page, ${delay} ms per token`
      : `POST ${location.origin}/${state.chain}/stream_events, served by toFetchHandler`
  }`;
  const url = new URL(location.href);
  url.searchParams.set('mode', state.mode);
  url.searchParams.set('chain', state.chain);
  history.replaceState(null, '', url);
}

function showDetails(node: RunNode): void {
  const rows: [string, string][] = [
    ['name', node.name],
    ['type', node.type],
    ['status', node.status],
    ['duration', formatDuration((node.ended ?? performance.now()) - node.started)],
    ['run id', node.id],
    ['tags', node.tags.join(', ') || '—'],
  ];
  if (node.input !== undefined) rows.push(['input', preview(node.input)]);
  if (node.output !== undefined) rows.push(['output', preview(node.output)]);
  if (node.error !== undefined) rows.push(['error', String(node.error)]);
  const table = document.createElement('dl');
  for (const [key, value] of rows) {
    const dt = document.createElement('dt');
    dt.textContent = key;
    const dd = document.createElement('dd');
    dd.textContent = value;
    dd.dataset['field'] = key;
    table.append(dt, dd);
  }
  const heading = document.createElement('h3');
  heading.textContent = `${node.chunks.length} streamed chunk${node.chunks.length === 1 ? '' : 's'}`;
  const chunks = document.createElement('div');
  chunks.className = 'chunks';
  chunks.dataset['testid'] = 'detail-chunks';
  for (const chunk of node.chunks) {
    const chip = document.createElement('span');
    chip.className = 'chunk';
    chip.dataset['testid'] = 'detail-chunk';
    chip.textContent = chunkText(chunk);
    chunks.append(chip);
  }
  ui.details.replaceChildren(table, heading, chunks);
}

function resetOutput(): void {
  state.chunks = 0;
  ui.count.textContent = '0';
  ui.text.replaceChildren();
  ui.json.replaceChildren();
  ui.error.hidden = true;
  const json = CHAINS[state.chain].output === 'json';
  ui.json.hidden = !json;
  ui.textBox.hidden = json;
  tree.reset();
  ui.treeEmpty.hidden = false;
  ui.details.replaceChildren(
    Object.assign(document.createElement('p'), { className: 'empty', textContent: 'Click a run in the tree.' }),
  );
}

function onEvent(event: StreamEvent): void {
  ui.treeEmpty.hidden = true;
  tree.apply(event, performance.now());
  if (event.parent_ids.length !== 0 || !event.event.endsWith('_stream')) return;
  // The root run's chunks: what stream$() emits for the same input.
  const chunk = event.data.chunk;
  state.chunks += 1;
  ui.count.textContent = String(state.chunks);
  if (CHAINS[state.chain].output === 'json') {
    ui.json.replaceChildren(highlightJson(chunk));
  } else {
    ui.text.querySelector('.fresh')?.classList.remove('fresh');
    const token = document.createElement('span');
    token.className = 'token fresh';
    token.textContent = chunkText(chunk);
    ui.text.append(token);
  }
}

async function run(): Promise<void> {
  stop('idle');
  resetOutput();
  setStatus('running');
  const started = ++state.started;
  const events = await events$(state.chain, CHAINS[state.chain].toInput(ui.input.value));
  if (started !== state.started || state.status !== 'running') return;
  state.run = events.subscribe({
    next: onEvent,
    error: (error: unknown) => {
      state.run = undefined;
      tree.cancelRunning(performance.now());
      ui.error.textContent = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      ui.error.hidden = false;
      setStatus('error');
    },
    complete: () => {
      state.run = undefined;
      setStatus('done');
    },
  });
}

/** Unsubscribes the run in flight, if any: this is what cancels it, here and on the server. */
function stop(status: PageStatus = 'stopped'): void {
  const current = state.run;
  state.run = undefined;
  if (current === undefined && state.status !== 'running') return;
  current?.unsubscribe();
  tree.cancelRunning(performance.now());
  setStatus(status);
}

for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-mode]'))) {
  button.addEventListener('click', () => {
    stop();
    state.started += 1;
    state.mode = button.dataset['mode'] === 'server' ? 'server' : 'local';
    syncControls();
  });
}
for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-chain]'))) {
  button.addEventListener('click', () => {
    stop();
    state.started += 1;
    state.chain = (button.dataset['chain'] as ChainId | undefined) ?? 'joke';
    ui.input.value = CHAINS[state.chain].defaultInput;
    resetOutput();
    setStatus('idle');
    syncControls();
  });
}
ui.input.addEventListener('input', syncControls);
ui.input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && state.status !== 'running') void run();
});
ui.run.addEventListener('click', () => void run());
ui.stop.addEventListener('click', () => stop());

ui.input.value = CHAINS[state.chain].defaultInput;
resetOutput();
syncControls();
setStatus('idle');
document.body.dataset['ready'] = 'true';
