import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const fixture = join(root, 'spec', 'fixtures', 'layering');

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
}

/** Cruises a tree with the project's own rules; returns the violations. */
function cruise(cwd: string): Violation[] {
  const bin = join(root, 'node_modules', '.bin', 'depcruise');
  const config = join(root, '.dependency-cruiser.cjs');
  let out: string;
  try {
    out = execFileSync(bin, ['lib', '--config', config, '--output-type', 'json'], { cwd, encoding: 'utf8' });
  } catch (error) {
    // depcruise exits non-zero when it finds violations; the report is still on stdout.
    out = (error as { stdout: string }).stdout;
  }
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('the layering rules (.dependency-cruiser.cjs)', () => {
  const violations = cruise(fixture);
  const named = (name: string): Violation[] => violations.filter((v) => v.rule.name === name);

  it('should name the rule an upward import breaks', () => {
    expect(named('layer-3-core-imports-upward').map((v) => [v.from, v.to])).toEqual([
      ['lib/core/engine.ts', 'lib/runnables/step.ts'],
    ]);
  });

  it('should catch an import cycle made of type-only imports', () => {
    // A cycle is reported once, from one of its files to the other.
    expect(named('no-circular').map((v) => [v.from, v.to].sort())).toEqual([['lib/events/a.ts', 'lib/events/b.ts']]);
  });

  it('should refuse a folder that has no layer', () => {
    expect(named('no-unlayered-folder').map((v) => v.to)).toEqual(['lib/gadgets/thing.ts']);
  });

  it('should find nothing to report in lib/ itself', () => {
    expect(cruise(root)).toEqual([]);
  });
});
