import { finalize, NEVER, Observable, Subject } from 'rxjs';
import { VirtualTimeScheduler } from 'rxjs';
import { RunnableLambda } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { framesOf, post } from '../support/httpServer';
import { jokeChain, serve, closeServer } from './toFetchHandler.helpers';

afterEach(closeServer);

describe('toFetchHandler', () => {
  describe('cancellation', () => {
    /** A model that sends one token, then waits forever; it reports when it is torn down. */
    function hangingModel() {
      let stopped!: () => void;
      const torndown = new Promise<void>((resolve) => {
        stopped = resolve;
      });
      let started!: () => void;
      const running = new Promise<void>((resolve) => {
        started = resolve;
      });
      const model = new ScriptedChatModel({
        name: 'model',
        responses: [
          new Observable<string>((subscriber) => {
            started();
            subscriber.next('first');
            return NEVER.subscribe(subscriber);
          }).pipe(finalize(() => stopped())),
        ],
      });
      return { model, torndown, running };
    }

    it.each(['stream', 'stream_events'])(
      'should unsubscribe the run when the client of /%s disconnects',
      async (route) => {
        const { model, torndown } = hangingModel();
        const { url, handler } = await serve(model);
        const controller = new AbortController();
        const response = await post(`${url}/${route}`, { input: 'hi' }, { signal: controller.signal });
        const reader = response.body!.getReader();
        const first = await reader.read();
        expect(new TextDecoder().decode(first.value)).toMatch(/^event: (metadata|data)/);
        expect(handler.openRuns).toBe(1);
        controller.abort();
        await reader.read().catch(() => undefined);
        await torndown;
        expect(handler.openRuns).toBe(0);
      },
    );

    it('should unsubscribe the run when the client of /invoke disconnects', async () => {
      const { model, torndown, running } = hangingModel();
      const { url, handler } = await serve(model);
      const controller = new AbortController();
      const pending = post(`${url}/invoke`, { input: 'hi' }, { signal: controller.signal }).catch(
        (error: unknown) => error,
      );
      await running;
      expect(handler.openRuns).toBe(1);
      controller.abort();
      await torndown;
      expect(await pending).toMatchObject({ name: 'AbortError' });
      expect(handler.openRuns).toBe(0);
    });

    it('should end with no open run after runs that completed and failed', async () => {
      const { url, handler } = await serve(jokeChain());
      await Promise.all([
        post(`${url}/invoke`, { input: { topic: 'a' } }).then((r) => r.text()),
        post(`${url}/stream`, { input: { topic: 'b' } }).then((r) => r.text()),
        post(`${url}/stream_events`, { input: {} }).then((r) => r.text()),
        post(`${url}/batch`, { inputs: [{ topic: 'c' }, {}] }).then((r) => r.text()),
      ]);
      expect(handler.openRuns).toBe(0);
    });
  });

  describe('heartbeat', () => {
    it('should send a ": ping" comment every heartbeatInterval while the run is idle, and stop with the stream', async () => {
      const scheduler = new VirtualTimeScheduler(undefined, 35);
      const release = new Subject<string>();
      let subscribed!: () => void;
      const waiting = new Promise<void>((resolve) => {
        subscribed = resolve;
      });
      const slow = RunnableLambda.fromOperator(
        () =>
          new Observable<string>((subscriber) => {
            subscribed();
            return release.subscribe(subscriber);
          }),
      );
      const { url } = await serve(slow, { heartbeatInterval: 10, scheduler });
      const response = await post(`${url}/stream`, { input: 'x' });
      await waiting;
      scheduler.flush(); // virtual time 0 → 35: pings at 10, 20 and 30
      release.next('done');
      release.complete();
      const frames = framesOf(await response.text());
      expect(frames.slice(1)).toEqual([': ping', ': ping', ': ping', 'event: data\ndata: "done"', 'event: end']);
      expect(scheduler.actions).toHaveLength(0);
    });

    it('should send no ping with heartbeatInterval 0', async () => {
      const scheduler = new VirtualTimeScheduler(undefined, 100);
      const { url } = await serve(jokeChain(), { heartbeatInterval: 0, scheduler });
      const text = await (await post(`${url}/stream`, { input: { topic: 'x' } })).text();
      expect(text).not.toContain(': ping');
      expect(scheduler.actions).toHaveLength(0);
    });
  });
});
