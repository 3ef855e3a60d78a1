/**
 * The layering of ARCHITECTURE.md, checked by `npm run lint`: a module under lib/ imports
 * only from its own folder and from folders of a lower layer; no import cycle anywhere
 * (type-only imports included); nothing in lib/ imports the public index; the index
 * re-exports no internal module. Keep this table and ARCHITECTURE.md's in step.
 */
const LAYERS = [
  ['errors'],
  ['messages', 'documents', 'codecs'],
  ['adapters', 'runstore'],
  ['core'],
  ['events', 'operators'],
  ['runlog'],
  ['runs'],
  ['runnables'],
  ['prompts', 'parsers', 'tools', 'embeddings', 'retrievers'],
  ['models', 'vectorstores'],
  ['models/openai', 'models/anthropic'],
  ['serving'],
  ['testing', 'redis'],
];

// A folder's own files: models/ does not include the providers' folders below it.
const PROVIDERS = LAYERS.flat().filter((folder) => folder.startsWith('models/'));
const own = (folder) =>
  folder === 'models' ? `^lib/models/(?!${PROVIDERS.map((p) => p.slice(7)).join('|')})` : `^lib/${folder}/`;

const layerRules = LAYERS.flatMap((folders, layer) =>
  folders.flatMap((folder) => {
    const higher = LAYERS.slice(layer)
      .flat()
      .filter((other) => other !== folder);
    if (higher.length === 0) return [];
    return {
      name: `layer-${layer}-${folder.replace(/[^a-z]/g, '')}-imports-upward`,
      comment: `lib/${folder} (layer ${layer}) may import only its own folder and lower layers; ${higher.join(', ')} are not lower.`,
      severity: 'error',
      from: { path: own(folder) },
      to: { path: higher.map((other) => own(other)) },
    };
  }),
);

const config = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycle, type-only imports included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-import-of-the-index',
      comment: 'lib/index.ts is the public surface; inside lib/, import the defining file.',
      severity: 'error',
      from: { path: '^lib/', pathNot: '^lib/index\\.ts$' },
      to: { path: '^lib/index\\.ts$' },
    },
    {
      name: 'no-internal-in-the-index',
      comment: 'Nothing under lib/*/internal is public.',
      severity: 'error',
      from: { path: '^lib/(index|testing/index|redis/index)\\.ts$' },
      to: { path: '/internal/' },
    },
    {
      name: 'no-unlayered-folder',
      comment: 'Every folder of lib/ has a layer in .dependency-cruiser.cjs and ARCHITECTURE.md.',
      severity: 'error',
      from: { path: '^lib/' },
      to: {
        path: '^lib/[^/]+/',
        pathNot: `^lib/(${LAYERS.flat()
          .filter((f) => !f.includes('/'))
          .join('|')})/`,
      },
    },
    ...layerRules,
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
  },
};

module.exports = config;
// The table itself, for the spec that holds ARCHITECTURE.md to it (not a config key).
Object.defineProperty(module.exports, 'layers', { value: LAYERS, enumerable: false });
