import { ROUTES, type Route } from '../wire.js';

/** The route `pathname` names under `basePath` (a trailing slash allowed), if any. */
export function routeOf(pathname: string, basePath: string): Route | undefined {
  if (!pathname.startsWith(`${basePath}/`)) return undefined;
  const name = pathname.slice(basePath.length + 1).replace(/\/(index\.html)?$/, '');
  return Object.prototype.hasOwnProperty.call(ROUTES, name) ? (name as Route) : undefined;
}

/** Every route with its method, for a 404's message. */
export function routeList(basePath: string): string {
  return Object.entries(ROUTES)
    .map(([name, method]) => `${method} ${basePath}/${name}`)
    .join(', ');
}
