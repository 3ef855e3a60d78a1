import type { Route } from '../wire.js';
import { playgroundResponse } from './playgroundPage.js';
import { jsonResponse } from './responses.js';
import { feedbackDisabled, type ServedSchemas } from './servedSchemas.js';

/** The routes that run the runnable and so read a JSON body. */
export type BodyRoute = Exclude<Route, FixedRoute>;

type FixedRoute = 'input_schema' | 'output_schema' | 'config_schema' | 'playground' | 'feedback';

/**
 * The answer of a route that needs no body and runs nothing (schemas, playground,
 * feedback), or undefined for the others and for a GET route asked with another method
 * (which then gets its 405).
 */
export function fixedAnswer(
  route: Route,
  method: string,
  schemas: ServedSchemas,
  basePath: string,
): Response | undefined {
  // LangServe's playground asks with HEAD whether feedback is on; POST sends it.
  if (route === 'feedback') return feedbackDisabled();
  if (method !== 'GET') return undefined;
  switch (route) {
    case 'input_schema':
      return jsonResponse(200, schemas.input);
    case 'output_schema':
      return jsonResponse(200, schemas.output);
    case 'config_schema':
      return jsonResponse(200, schemas.config);
    case 'playground':
      return playgroundResponse(basePath);
    default:
      return undefined;
  }
}
