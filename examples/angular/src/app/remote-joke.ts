import { Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RemoteRunnable } from 'rxchain';
import type { Subscription } from 'rxjs';

/**
 * A chain served by `toFetchHandler` (`npm run serve` at the repository root), streamed
 * over SSE by `RemoteRunnable`. `ng serve` proxies `/joke` to it (proxy.conf.json).
 */
@Component({
  selector: 'app-remote-joke',
  template: `
    <h2>A joke from the server, over SSE</h2>
    <input #topic data-testid="remote-topic" value="servers" aria-label="Topic" />
    <button data-testid="remote-ask" (click)="ask(topic.value)">Ask the server</button>
    <p class="output" data-testid="remote-text">{{ text() }}</p>
    @if (error(); as message) {
      <small class="status" data-testid="remote-error">{{ message }}</small>
    }
  `,
})
export class RemoteJoke {
  protected readonly text = signal('');
  protected readonly error = signal<string | undefined>(undefined);
  readonly #destroyRef = inject(DestroyRef);
  readonly #joke = new RemoteRunnable<{ topic: string }, string>({ url: new URL('joke', document.baseURI).href });
  #run: Subscription | undefined;

  protected ask(topic: string): void {
    this.#run?.unsubscribe();
    this.text.set('');
    this.error.set(undefined);
    // Destroying the component unsubscribes, which aborts the fetch: the server sees the
    // request closed and cancels its run.
    this.#run = this.#joke
      .stream$({ topic })
      .pipe(takeUntilDestroyed(this.#destroyRef))
      .subscribe({
        next: (token) => this.text.update((text) => text + token),
        error: (error: unknown) => this.error.set(error instanceof Error ? error.message : String(error)),
      });
  }
}
