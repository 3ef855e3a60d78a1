import { DecimalPipe } from '@angular/common';
import { Component } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Subject, switchMap } from 'rxjs';
import { countriesChain } from './chains';

/** JSON that renders while the model is still writing it, through `toSignal`. */
@Component({
  selector: 'app-countries',
  imports: [DecimalPipe],
  template: `
    <h2>Countries, through toSignal</h2>
    <button data-testid="countries-list" (click)="continents.next('Europe')">List countries of Europe</button>
    <ul data-testid="countries">
      @for (country of countries()?.countries ?? []; track $index) {
        <li>{{ country.name }}: {{ country.population | number }}</li>
      }
    </ul>
  `,
})
export class Countries {
  protected readonly continents = new Subject<string>();

  // Every chunk of the JSON parser is the whole object so far, so the signal always
  // holds the latest partial list. toSignal subscribes now and unsubscribes when the
  // component is destroyed, cancelling a run in flight.
  protected readonly countries = toSignal(
    this.continents.pipe(switchMap((continent) => countriesChain.stream$({ continent }))),
  );
}
