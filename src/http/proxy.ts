import { BlockList, isIP } from 'node:net';

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

/** A NO_PROXY entry that is an IP range (`10.0.0.0/8`, `::1/128`): the range, or undefined for any other entry. */
function range(entry: string): BlockList | undefined {
  const cidr = /^\[?([0-9a-f.:]+)\]?\/(\d{1,3})$/i.exec(entry);
  const family = cidr ? isIP(cidr[1] ?? '') : 0;
  const prefix = Number(cidr?.[2]);
  if (!cidr || !family || prefix > (family === 4 ? 32 : 128)) return undefined;
  const list = new BlockList();
  list.addSubnet(cidr[1] ?? '', prefix, family === 4 ? 'ipv4' : 'ipv6');
  return list;
}

/** NO_PROXY's entries (commas or spaces between them). */
function noProxyEntries(env: ProxyEnv): string[] {
  const name = first(env, ['NO_PROXY', 'no_proxy']);
  return (env[name ?? ''] ?? '').split(/[,\s]+/).filter(Boolean);
}

/**
 * The options of undici's EnvHttpProxyAgent, from the variables alone (never the process's own environment).
 * Its NO_PROXY matches host names only: the IP ranges are left out, for `bypassesByRange` to route.
 */
export function agentProxies(env: ProxyEnv): { httpProxy: string; httpsProxy: string; noProxy: string } {
  const value = (names: readonly string[]) => env[first(env, names) ?? ''] ?? '';
  const noProxy = noProxyEntries(env).filter((entry) => !range(entry));
  return { httpProxy: value(HTTP), httpsProxy: value(HTTPS), noProxy: noProxy.join(',') };
}

/** A URL's host as NO_PROXY entries are matched against it: lower case, without IPv6 brackets or a final dot. */
function hostOf(url: URL): string {
  return url.hostname
    .replace(/^\[(.+)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
}

/** Whether `host`, an IP address, lies in one of NO_PROXY's IP ranges (a host name never does, as with curl). */
function inRange(entries: readonly string[], host: string): boolean {
  const family = isIP(host);
  if (!family) return false;
  return entries.some((entry) => range(entry)?.check(host, family === 4 ? 'ipv4' : 'ipv6') ?? false);
}

/**
 * Whether a request to `url` goes direct for an IP range in NO_PROXY: undici's agent, which does not know
 * ranges, must not send it through the proxy.
 */
export function bypassesByRange(url: URL, env: ProxyEnv): boolean {
  return inRange(noProxyEntries(env), hostOf(url));
}

/**
 * One NO_PROXY entry: `*`, a host or domain (`example.com`, `.example.com`, `*.example.com`), an IP address,
 * an optional `:port`. IP ranges are matched by `inRange`.
 */
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

/** The proxy a request to `url` goes through, if any: undici's EnvHttpProxyAgent's choice, and NO_PROXY's IP ranges. */
export function proxyFor(url: URL, env: ProxyEnv): Proxy | undefined {
  const variable = first(env, url.protocol === 'https:' ? [...HTTPS, ...HTTP] : HTTP);
  const proxy = variable ? URL.parse(env[variable] ?? '') : null;
  if (!variable || !proxy) return undefined;
  const host = hostOf(url);
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  const entries = noProxyEntries(env);
  return entries.some((entry) => excludes(entry, host, port)) || inRange(entries, host)
    ? undefined
    : { variable, origin: proxy.origin, withCredentials: proxy.username !== '' };
}

/** Statuses of a gateway that could not get an answer from the server: a proxy's own, in JSON too. */
const GATEWAY_STATUSES = new Set([502, 503, 504]);

/**
 * What an HTTP answer that came through `proxy` says about it. `own`: the body is the server's own answer (its
 * JSON, not a page or nothing); unless it is, or it is a gateway's error, the proxy may have answered in the
 * server's stead.
 */
export function describeProxyAnswer(url: string, status: number, proxy: Proxy, own: boolean): string {
  const through = `The answer came through the proxy ${proxy.origin} (${proxy.variable})`;
  if (own && !GATEWAY_STATUSES.has(status)) return `${through}.`;
  const host = URL.parse(url) ? hostOf(new URL(url)) : url;
  return `${through}, which may have refused or failed the request itself: check that the proxy lets requests to ${host} through, or list ${host} in NO_PROXY to reach it directly.`;
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
