import { AsyncPipe } from '@angular/common';
import { Component, signal } from '@angular/core';
import { coalesce } from 'rxchain';
import { scan, Subject, switchMap, takeUntil, tap } from 'rxjs';
import { jokeChain } from './chains';

/** A joke streamed into the view through the async pipe, with a Stop button. */
@Component({
  selector: 'app-joke',
  imports: [AsyncPipe],
  template: `
    <h2>A joke, through the async pipe</h2>
    <input #topic data-testid="joke-topic" value="parrots" aria-label="Topic" />
    <button data-testid="joke-tell" (click)="tell(topic.value)">Tell me a joke</button>
    <button data-testid="joke-stop" (click)="stop()" [disabled]="status() !== 'streaming'">Stop</button>
    <p class="output" data-testid="joke-text">{{ joke$ | async }}</p>
    <small class="status" data-testid="joke-status">{{ status() }}</small>
  `,
})
export class Joke {
  protected readonly status = signal<'idle' | 'streaming' | 'done' | 'stopped'>('idle');
  readonly #topics = new Subject<string>();
  readonly #stop = new Subject<void>();

  // One run per topic; a new topic switches to a new run, which cancels the last one.
  // The async pipe subscribes when the view appears and unsubscribes when it goes away,
  // which cancels a run still streaming: the model stops, no timer is left behind.
  // `text$` is the model's text as it streams; coalesce('frame') joins what arrives within
  // one animation frame, so a fast model changes the view at most once per frame.
  protected readonly joke$ = this.#topics.pipe(
    switchMap((topic) =>
      jokeChain.start({ topic }).text$.pipe(
        coalesce('frame'),
        scan((text, token) => text + token, ''),
        tap({ complete: () => this.status.set('done') }),
        takeUntil(this.#stop),
      ),
    ),
  );

  protected tell(topic: string): void {
    this.status.set('streaming');
    this.#topics.next(topic);
  }

  // Unsubscribing is how a run is cancelled: takeUntil lets go of the run, and the
  // text shown so far stays as it is.
  protected stop(): void {
    this.#stop.next();
    this.status.set('stopped');
  }
}
