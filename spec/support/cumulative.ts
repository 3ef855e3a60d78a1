import { scan, type Observable } from 'rxjs';
import { lastChunkAccumulator, Runnable, type OutputAccumulator, type RunContext } from 'rxchain';

/** A parser-like step whose chunks are cumulative (each chunk is the whole text so far). */
export class JsonLikeCumulative extends Runnable<string, string> {
  override outputAccumulator(): OutputAccumulator<string> {
    return lastChunkAccumulator<string>();
  }

  protected _step(input$: Observable<string>, _run: RunContext): Observable<string> {
    return input$.pipe(scan((text, chunk) => text + chunk, ''));
  }
}
