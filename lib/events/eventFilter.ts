import { RESTART_EVENT, type LifecycleRecord, type RunInfo } from '../core/RunEvent.js';
import type { StreamEventFilters } from './StreamEvent.js';

/** Decides whether a record passes the filters. */
export type RecordFilter = (record: LifecycleRecord, runType: string) => boolean;

const hasAny = (list: readonly string[] | undefined): list is readonly string[] =>
  list !== undefined && list.length > 0;

function runMatches(
  run: RunInfo,
  runType: string,
  names: readonly string[] | undefined,
  types: readonly string[] | undefined,
  tags: readonly string[] | undefined,
): boolean {
  return (
    (names?.includes(run.name) ?? false) ||
    (types?.includes(runType) ?? false) ||
    (tags !== undefined && run.tags.some((tag) => tags.includes(tag)))
  );
}

/**
 * Builds the filter LangChain's filters describe: with no include filter every run is
 * included, else a run must match one of them (name, type, or any tag); then a run
 * matching any exclude filter is dropped. Tags are inherited, so a tag filter also keeps
 * (or drops) everything nested in a tagged run.
 *
 * A custom event is matched both by its own name and by the run that dispatched it: it
 * is included if its name is in `includeNames` or its run is included, and dropped if its
 * name is in `excludeNames` or its run is excluded.
 *
 * @param filters - the filters, or undefined for none.
 * @returns the predicate, or undefined when nothing is filtered.
 */
export function eventFilter(filters: StreamEventFilters | undefined): RecordFilter | undefined {
  if (filters === undefined) return undefined;
  const { includeNames, includeTypes, includeTags, excludeNames, excludeTypes, excludeTags } = filters;
  const anyInclude = hasAny(includeNames) || hasAny(includeTypes) || hasAny(includeTags);
  const anyExclude = hasAny(excludeNames) || hasAny(excludeTypes) || hasAny(excludeTags);
  if (!anyInclude && !anyExclude) return undefined;
  // What the filters say about a run depends on the run alone: decided at its first
  // record, then looked up (a long stream has thousands of records per run).
  const verdicts = new WeakMap<RunInfo, number>();
  const verdictOf = (run: RunInfo, runType: string): number => {
    let verdict = verdicts.get(run);
    if (verdict === undefined) {
      verdict =
        (!anyInclude || runMatches(run, runType, includeNames, includeTypes, includeTags) ? INCLUDED : 0) |
        (anyExclude && runMatches(run, runType, excludeNames, excludeTypes, excludeTags) ? EXCLUDED : 0);
      verdicts.set(run, verdict);
    }
    return verdict;
  };
  return (record, runType) => {
    const verdict = verdictOf(record.run, runType);
    const customName = record.type === 'custom' ? record.name : record.type === 'restart' ? RESTART_EVENT : undefined;
    if (customName === undefined) return verdict === INCLUDED;
    const included = (verdict & INCLUDED) !== 0 || (includeNames?.includes(customName) ?? false);
    if (!included) return false;
    if (excludeNames?.includes(customName) ?? false) return false;
    return (verdict & EXCLUDED) === 0;
  };
}

const INCLUDED = 1;
const EXCLUDED = 2;
