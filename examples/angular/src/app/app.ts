import { Component, signal } from '@angular/core';
import { Countries } from './countries';
import { Joke } from './joke';
import { RemoteJoke } from './remote-joke';
import { ResumableJoke } from './resumable-joke';

/** The page: four views of streaming chains, which "Hide" destroys (cancelling their runs). */
@Component({
  selector: 'app-root',
  imports: [Joke, Countries, RemoteJoke, ResumableJoke],
  template: `
    <h1>rxchain in Angular</h1>
    <button data-testid="toggle" (click)="shown.set(!shown())">{{ shown() ? 'Hide' : 'Show' }} the views</button>
    @if (shown()) {
      <section><app-joke /></section>
      <section><app-countries /></section>
      <section><app-remote-joke /></section>
      <section><app-resumable-joke /></section>
    }
  `,
})
export class App {
  protected readonly shown = signal(true);
}
