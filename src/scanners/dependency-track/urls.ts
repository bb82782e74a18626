import type { Config } from '../../config.js';

/**
 * The server's root from `api-url`, given with or without a trailing `/api` (or `/api/v1`): every API path
 * (`api/version`, `api/v1/…`) is resolved against it.
 */
export function serverRoot(apiUrl: string): string {
  const url = new URL(apiUrl);
  url.pathname = url.pathname.replace(/\/+$/, '').replace(/\/api(?:\/v1)?$/i, '');
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

/**
 * The web UI's base for links: `ui-url`, else the server root. The UI may live elsewhere (the default
 * compose setup serves the API on port 8081 and the UI on 8080): `ui-url` says where.
 */
export function uiBase(config: Pick<Config, 'uiUrl' | 'apiUrl'>): string {
  if (config.uiUrl) return config.uiUrl.replace(/\/+$/, '');
  return serverRoot(config.apiUrl ?? '');
}
