import { lastValueFrom, toArray, of } from 'rxjs';
import { dispatchCustomEvent, encodeEventStream, parseEventStream$, RunnableLambda, RunnableSequence, sequentialIds } from 'rxchain';

it('explore', async () => {
  const a = RunnableLambda.from(function upper(x: string) { return x.toUpperCase(); });
  const b = RunnableLambda.from(function exclaim(x: string, config) { dispatchCustomEvent('p', null, config); return `${x}!`; });
  const seq = RunnableSequence.from([a, b]);
  const events = await lastValueFrom(seq.events$('hi', { idGenerator: sequentialIds() }).pipe(toArray()));
  console.log(JSON.stringify(events, null, 0));
  const frames = await lastValueFrom(encodeEventStream(of(...events)).pipe(toArray()));
  const text = frames.map((f) => new TextDecoder().decode(f)).join('');
  console.log(text);
  const parsed = await lastValueFrom(parseEventStream$(new Blob([text]).stream()).pipe(toArray()));
  console.log(JSON.stringify(parsed.filter((e) => e.event === 'on_custom_event')));
});
