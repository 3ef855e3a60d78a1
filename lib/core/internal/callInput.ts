import { isObservable, of, type Observable } from 'rxjs';

/**
 * What a call's input becomes for its run: an Observable of input chunks as it is, or
 * a single value as a one-chunk stream that the run also knows up front (so its start
 * can report it).
 */
export function callInput<I>(input: I | Observable<I>): {
  readonly input$: Observable<I>;
  readonly knownInput: { readonly value: unknown } | undefined;
} {
  return isObservable(input)
    ? { input$: input as Observable<I>, knownInput: undefined }
    : { input$: of(input), knownInput: { value: input } };
}
