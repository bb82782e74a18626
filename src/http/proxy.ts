/** The proxy variables as the front door read them (either case). */
export type ProxyEnv = Readonly<Record<string, string | undefined>>;

/** The proxy a request goes through: the variable that names it, and its origin (never its password). */
export interface Proxy {
  variable: string;
  origin: string;
  /** The variable gives a user name, so a 407 refuses these credentials rather than asks for some. */
  withCredentials: boolean;
}

// Upper case first; an https URL falls back to HTTP_PROXY, as undici's agent does.
const HTTP = ['HTTP_PROXY', 'http_proxy'];
const HTTPS = ['HTTPS_PROXY', 'https_proxy'];

function first(env: ProxyEnv, names: readonly string[]): string | undefined {
  return names.find((name) => env[name]);
}

/** The options of undici's EnvHttpProxyAgent, from the variables alone (never the process's own environment). */
export function agentProxies(env: ProxyEnv): { httpProxy: string; httpsProxy: string; noProxy: string } {
  const value = (names: readonly string[]) => env[first(env, names) ?? ''] ?? '';
  return { httpProxy: value(HTTP), httpsProxy: value(HTTPS), noProxy: value(['NO_PROXY', 'no_proxy']) };
}

/** One NO_PROXY entry: `*`, a host or domain (`example.com`, `.example.com`, `*.example.com`), an optional `:port`. */
function excludes(entry: string, host: string, port: number): boolean {
  const withPort = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry);
  if (withPort && Number(withPort[2]) !== port) return false;
  const name = (withPort?.[1] ?? entry)
    .replace(/^\[(.+)\]$/, '$1')
    .replace(/^\*?\./, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (name === '*') return true;
  // `*.example.com` means the subdomains only.
  return (host === name && !entry.startsWith('*')) || host.endsWith(`.${name}`);
}

/** The proxy undici's EnvHttpProxyAgent sends a request to `url` through, if any. */
export function proxyFor(url: URL, env: ProxyEnv): Proxy | undefined {
  const variable = first(env, url.protocol === 'https:' ? [...HTTPS, ...HTTP] : HTTP);
  const proxy = variable ? URL.parse(env[variable] ?? '') : null;
  if (!variable || !proxy) return undefined;
  const host = url.hostname
    .replace(/^\[(.+)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  const entries = agentProxies(env)
    .noProxy.split(/[,\s]+/)
    .filter(Boolean);
  return entries.some((entry) => excludes(entry, host, port))
    ? undefined
    : { variable, origin: proxy.origin, withCredentials: proxy.username !== '' };
}

/**
 * The status a proxy refused a request with: undici reports a refused tunnel (https) as "Proxy response
 * (407) !== 200 …" and a refused plain-http request as "Proxy Authentication Required (407)".
 */
export function proxyStatus(message: string): number | undefined {
  const status = /^Proxy .*\((\d{3})\)/.exec(message)?.[1];
  return status ? Number(status) : undefined;
}

const CONNECT_FAILURES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * A failure of the proxy a request goes through, with what to do; undefined for the others. Through a
 * proxy, sca-bridge only ever connects to the proxy: a failure to connect is the proxy's.
 */
export function describeProxyError(
  code: string,
  message: string,
  url: string,
  proxy: Proxy,
): string | undefined {
  const { variable, origin } = proxy;
  const status = proxyStatus(message);
  if (status === 407 && proxy.withCredentials) {
    return `the proxy ${origin} (${variable}) refused the user name and password in ${variable} (HTTP 407) for requests to ${url}: check them (URL-encoded) and that the proxy account may reach that host.`;
  }
  if (status === 407) {
    return `the proxy ${origin} (${variable}) asks for credentials (HTTP 407) before it forwards requests to ${url}: put them in ${variable} as http://user:password@host:port (URL-encode special characters), from a secret.`;
  }
  if (status !== undefined) {
    return `the proxy ${origin} (${variable}) did not forward the request to ${url} (HTTP ${status}): check that the proxy lets requests to that host through, or list the host in NO_PROXY to reach it directly.`;
  }
  if (CONNECT_FAILURES.has(code)) {
    return `cannot reach the proxy ${origin} (${variable}, ${code}) that requests to ${url} go through: check ${variable} and that the proxy is running, or list the host in NO_PROXY to reach it directly.`;
  }
  return undefined;
}
