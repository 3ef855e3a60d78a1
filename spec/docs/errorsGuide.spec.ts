import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const guide = readFileSync(join(root, 'docs', 'guide', 'errors.md'), 'utf8');
const classes = readdirSync(join(root, 'lib', 'errors'))
  .filter((file) => /^[A-Z]\w*\.ts$/.test(file) && file !== 'RxchainError.ts')
  .map((file) => file.slice(0, -'.ts'.length));

describe('the error guide (docs/guide/errors.md)', () => {
  it('should find the error classes', () => {
    expect(classes).toEqual(expect.arrayContaining(['AbortError', 'TimeoutError', 'ToolInputError']));
  });

  it.each(classes)(
    'should describe %s in the table, with whether it is retryable, and in a section of its own',
    (name) => {
      const row = guide.split('\n').find((line) => new RegExp(`^\\| \`${name}\` +\\|`).test(line));
      expect(row).toBeDefined();
      expect((row as string).split('|').filter((cell) => cell.trim() !== '')).toHaveLength(4);
      expect(guide).toContain(`### \`${name}\``);
    },
  );

  it.each(classes)('should show %s with a block the docs test runs', (name) => {
    const section = guide.split(`### \`${name}\``)[1]?.split('\n### ')[0] ?? '';
    expect(section).toMatch(/```ts\n[\s\S]*\/\/ => [\s\S]*```/);
  });
});
