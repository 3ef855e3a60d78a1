import { type StreamEvent } from 'rxchain';

/**
 * Helpers of the streamEventsV2 conformance specs (ported from langchain-core's
 * runnable_stream_events_v2.test.ts).
 */

export const reverse = (s: string) => s.split('').reverse().join('');

export async function eventsOf(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const event of stream) out.push(event);
  return out;
}
export const labels = (events: readonly StreamEvent[]) => events.map((e) => `${e.event}:${e.name}`);
