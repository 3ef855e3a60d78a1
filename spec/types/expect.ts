// Type-level assertions for spec/types/: these files are compiled by `npm run typecheck`
// (tsc --strict over the whole project), never run. An assertion that no longer holds, or
// an `@ts-expect-error` line that starts compiling, fails the build.

/** True when A and B are the same type (not merely assignable either way). */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when its argument is `true`. */
export function assertType<T extends true>(): T | undefined {
  return undefined;
}

/** An object type with its intersections flattened, for comparing with `Equal`. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};
