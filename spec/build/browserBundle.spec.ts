import { BrowserBundleError, bundleForBrowser, isNodeBuiltin } from '../../scripts/browserBundle';

// The checks `npm run size` and the demo's bundle rely on: a bundle that reaches a Node
// built-in module fails, with a message that names it.
describe('bundleForBrowser', () => {
  it('should fail, naming the module, when the code imports a Node built-in module', async () => {
    const bundle = bundleForBrowser({
      source: "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;",
    });
    await expect(bundle).rejects.toThrow(BrowserBundleError);
    await expect(bundle).rejects.toThrow(/reaches Node's built-in module "node:fs", which a browser does not have/);
  });

  it('should fail on a bare built-in name too', async () => {
    await expect(
      bundleForBrowser({
        source: "import { AsyncLocalStorage } from 'async_hooks';\nexport const als = AsyncLocalStorage;",
      }),
    ).rejects.toThrow(/Node's built-in module "async_hooks"/);
  });

  it('should fail when a built-in module is left external rather than bundled', async () => {
    await expect(
      bundleForBrowser({
        source: "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;",
        external: ['node:fs'],
      }),
    ).rejects.toThrow(/imports Node's built-in module "node:fs"/);
  });

  it('should tell built-in module names from package names', () => {
    expect(['node:fs', 'fs', 'fs/promises', 'async_hooks', 'rxjs', 'zod', 'nanoid'].map(isNodeBuiltin)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
