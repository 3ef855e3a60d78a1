import { RunnableLambda, RunnableSequence } from 'rxchain';

export const decoder = new TextDecoder();
export const text = (chunks: readonly Uint8Array[]): string => chunks.map((chunk) => decoder.decode(chunk)).join('');

/** The frames' `data:` payloads, JSON-parsed, and the frame kinds, in order. */
export function framesOf(sse: string): { kind: string; data: unknown }[] {
  expect(sse.endsWith('\n\n')).toBe(true);
  return sse
    .slice(0, -2)
    .split('\n\n')
    .map((frame) => {
      const [eventLine, dataLine, ...rest] = frame.split('\n');
      expect(rest).toEqual([]);
      expect(eventLine).toMatch(/^event: (data|end|error)$/);
      const kind = (eventLine ?? '').slice('event: '.length);
      if (dataLine === undefined) return { kind, data: undefined };
      expect(dataLine.startsWith('data: ')).toBe(true);
      return { kind, data: JSON.parse(dataLine.slice('data: '.length)) as unknown };
    });
}

/** Reads every chunk of a byte stream; resolves with the chunks and how it ended. */
export async function readAll(stream: ReadableStream<Uint8Array>): Promise<{ chunks: Uint8Array[]; error?: unknown }> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { chunks };
      chunks.push(value);
    }
  } catch (error) {
    return { chunks, error };
  }
}

export const upper = RunnableLambda.from(
  function upper(x: string) {
    return x.toUpperCase();
  },
  { name: 'upper' },
);
export const exclaim = RunnableLambda.from(
  function exclaim(x: string) {
    return `${x}!`;
  },
  { name: 'exclaim' },
);
export const shout = () => RunnableSequence.from([upper, exclaim]);

export const SHOUT_FRAMES = [
  'event: data\ndata: {"event":"on_chain_start","name":"RunnableSequence","run_id":"run-1","parent_ids":[],"tags":[],"metadata":{},"data":{"input":"hé"}}\n\n',
  'event: data\ndata: {"event":"on_chain_start","name":"upper","run_id":"run-2","parent_ids":["run-1"],"tags":["seq:step:1"],"metadata":{},"data":{}}\n\n',
  'event: data\ndata: {"event":"on_chain_stream","name":"upper","run_id":"run-2","parent_ids":["run-1"],"tags":["seq:step:1"],"metadata":{},"data":{"chunk":"HÉ"}}\n\n',
  'event: data\ndata: {"event":"on_chain_start","name":"exclaim","run_id":"run-3","parent_ids":["run-1"],"tags":["seq:step:2"],"metadata":{},"data":{}}\n\n',
  'event: data\ndata: {"event":"on_chain_end","name":"upper","run_id":"run-2","parent_ids":["run-1"],"tags":["seq:step:1"],"metadata":{},"data":{"input":"hé","output":"HÉ"}}\n\n',
  'event: data\ndata: {"event":"on_chain_stream","name":"exclaim","run_id":"run-3","parent_ids":["run-1"],"tags":["seq:step:2"],"metadata":{},"data":{"chunk":"HÉ!"}}\n\n',
  'event: data\ndata: {"event":"on_chain_stream","name":"RunnableSequence","run_id":"run-1","parent_ids":[],"tags":[],"metadata":{},"data":{"chunk":"HÉ!"}}\n\n',
  'event: data\ndata: {"event":"on_chain_end","name":"exclaim","run_id":"run-3","parent_ids":["run-1"],"tags":["seq:step:2"],"metadata":{},"data":{"input":"HÉ","output":"HÉ!"}}\n\n',
  'event: data\ndata: {"event":"on_chain_end","name":"RunnableSequence","run_id":"run-1","parent_ids":[],"tags":[],"metadata":{},"data":{"input":"hé","output":"HÉ!"}}\n\n',
  'event: end\n\n',
];
