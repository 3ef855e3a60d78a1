/**
 * `npm run size`: bundles a `prompt | model | parser` app for a browser from rxchain's ESM
 * build (esbuild, minified), once with rxjs left out and once with it, and prints the
 * minified and gzipped sizes: the app with rxchain alone, rxjs (the difference), the
 * total. Fails when the bundle reaches a Node built-in module, rxchain's CommonJS build or
 * a second rxjs.
 */
import { BrowserBundleError, bundleForBrowser, bytesByPackage, jokeAppSource, rxjsCopies } from './browserBundle';

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

function row(label: string, minified: number, gzip: number): string {
  return `${label.padEnd(34)}${kib(minified).padStart(12)}${kib(gzip).padStart(12)}`;
}

async function main(): Promise<void> {
  const alone = await bundleForBrowser({ source: jokeAppSource, external: ['rxjs'] });
  const total = await bundleForBrowser({ source: jokeAppSource });
  console.log('A prompt | model | parser app bundled for a browser (esbuild, ESM, minified):\n');
  console.log(`${''.padEnd(34)}${'minified'.padStart(12)}${'gzip'.padStart(12)}`);
  console.log(row('app + rxchain (rxjs left out)', alone.bytes, alone.gzipBytes));
  console.log(row('rxjs (the difference)', total.bytes - alone.bytes, total.gzipBytes - alone.gzipBytes));
  console.log(row('total', total.bytes, total.gzipBytes));
  const shares = bytesByPackage(total.metafile)
    .map(([name, bytes]) => `${name} ${kib(bytes)}`)
    .join(', ');
  console.log(`\nminified bytes by package: ${shares}`);
  console.log(`rxjs copies: ${rxjsCopies(total.metafile).join(', ')}; no Node built-in module reached.`);
}

main().catch((error: unknown) => {
  if (error instanceof BrowserBundleError) {
    console.error(`npm run size: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
});
