import { Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { coalesce } from 'rxchain';
import { defer, Observable, scan, switchMap, type Subscription } from 'rxjs';

/**
 * Starts a run of a resumable served chain (`toFetchHandler(chain, { resumable })`, as
 * `npm run serve` serves the joke) and follows it with the browser's own `EventSource`:
 * when the connection drops, the browser reconnects by itself with `Last-Event-ID` and
 * the server goes on from the last frame it had sent. Emits the output chunks.
 */
export function followRun<I>(base: string, input: I, onReconnect: () => void): Observable<string> {
  return defer(async () => {
    const started = await fetch(`${base}/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input }),
    });
    if (!started.ok || started.body === null) throw new Error(`POST ${base}/stream answered ${started.status}`);
    // The first frame is `event: metadata` with the run's id; the run goes on without us.
    const reader = started.body.getReader();
    const decoder = new TextDecoder();
    let head = '';
    let runId: string | undefined;
    while (runId === undefined) {
      const { done, value } = await reader.read();
      if (done) throw new Error('the stream ended before its metadata frame');
      head += decoder.decode(value, { stream: true });
      runId = /"run_id":"([^"]+)"/.exec(head)?.[1];
    }
    await reader.cancel();
    return runId;
  }).pipe(
    switchMap(
      (runId) =>
        new Observable<string>((subscriber) => {
          const source = new EventSource(`${base}/runs/${encodeURIComponent(runId)}/stream`);
          source.addEventListener('data', (frame) => subscriber.next(JSON.parse(frame.data) as string));
          source.addEventListener('end', () => subscriber.complete());
          source.addEventListener('error', (event) => {
            // A frame named `error` is the run's own failure; a plain event is a lost connection.
            if (event instanceof MessageEvent) {
              subscriber.error(new Error((JSON.parse(event.data as string) as { message: string }).message));
            } else if (source.readyState === EventSource.CONNECTING) {
              onReconnect();
            }
          });
          // Completing, failing or unsubscribing closes the EventSource: no reconnect after.
          return () => source.close();
        }),
    ),
  );
}

/** A served joke that survives a dropped connection, its text painted once per frame. */
@Component({
  selector: 'app-resumable-joke',
  template: `
    <h2>A joke from the server that survives a dropped connection</h2>
    <input #topic data-testid="resumable-topic" value="rivers" aria-label="Topic" />
    <button data-testid="resumable-ask" (click)="ask(topic.value)">Ask the server</button>
    <p class="output" data-testid="resumable-text">{{ text() }}</p>
    <small class="status" data-testid="resumable-reconnects">reconnected {{ reconnects() }} times</small>
    @if (error(); as message) {
      <small class="status" data-testid="resumable-error">{{ message }}</small>
    }
  `,
})
export class ResumableJoke {
  protected readonly text = signal('');
  protected readonly reconnects = signal(0);
  protected readonly error = signal<string | undefined>(undefined);
  readonly #destroyRef = inject(DestroyRef);
  readonly #base = new URL('resumable/joke', document.baseURI).href;
  #run: Subscription | undefined;

  protected ask(topic: string): void {
    this.#run?.unsubscribe();
    this.text.set('');
    this.reconnects.set(0);
    this.error.set(undefined);
    this.#run = followRun(this.#base, { topic }, () => this.reconnects.update((n) => n + 1))
      .pipe(
        // However fast tokens come, the view changes at most once per animation frame.
        coalesce('frame'),
        scan((text, chunk) => text + chunk, ''),
        takeUntilDestroyed(this.#destroyRef),
      )
      .subscribe({
        next: (text) => this.text.set(text),
        error: (error: unknown) => this.error.set(error instanceof Error ? error.message : String(error)),
      });
  }
}
