import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the checker's own CommonJS config
const { layers } = require(join(root, '.dependency-cruiser.cjs')) as { layers: string[][] };

/** The `| layer | \`folder/\` | ... |` rows of ARCHITECTURE.md's layer table. */
function documentedLayers(): [number, string][] {
  const text = readFileSync(join(root, 'ARCHITECTURE.md'), 'utf8');
  return [...text.matchAll(/^\| (\d+) +\| `([\w/]+)\/` +\|/gm)].map((m) => [Number(m[1]), m[2] as string]);
}

/** Every folder directly under lib/, and every provider folder under lib/models/. */
function folders(): string[] {
  const dirs = (path: string): string[] => readdirSync(path).filter((name) => statSync(join(path, name)).isDirectory());
  const top = dirs(join(root, 'lib'));
  const providers = dirs(join(root, 'lib', 'models'))
    .filter((name) => name !== 'internal')
    .map((name) => `models/${name}`);
  return [...top, ...providers].sort();
}

describe('ARCHITECTURE.md', () => {
  it('should list the layers of .dependency-cruiser.cjs, folder for folder', () => {
    const configured = layers.flatMap((folderList, layer) =>
      folderList.map((folder): [number, string] => [layer, folder]),
    );
    expect(documentedLayers().sort()).toEqual(configured.sort());
  });

  it('should give every folder of lib/ a layer', () => {
    const layered = new Set(layers.flat());
    expect(folders().filter((folder) => !layered.has(folder))).toEqual([]);
  });
});
