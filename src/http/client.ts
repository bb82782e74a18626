import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import { Agent, type Dispatcher, EnvHttpProxyAgent, type FormData, request } from 'undici';
import { pause } from '../cancel.js';
import { ScannerError } from '../errors.js';
import { type Logger, Redactor } from '../logger.js';
import { VERSION } from '../version.js';
import { clause } from '../wording.js';
import { readCaFile } from './ca-file.js';
import {
  agentProxies,
  bypassesByRange,
  describeProxyAnswer,
  describeProxyError,
  type Proxy,
  proxyFor,
  proxyStatus,
} from './proxy.js';

const USER_AGENT = `sca-bridge/${VERSION}`;

export interface HttpOptions {
  /** Base URL every relative path is resolved against. */
  baseUrl: string;
  /** Headers sent with every request (authentication); their values are secrets. */
  headers?: Record<string, string>;
  /**
   * Other values never to appear in this client's messages (a webhook URL's path, which may hold a token). Unlike
   * credentials, they are not masked for the whole run: a path such as `/sca-bridge` is also ordinary text, and
   * would be blanked in every later log line and in the job summary's links.
   */
  secrets?: readonly string[];
  insecure?: boolean;
  caFile?: string;
  /** `HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY` (either case), read by the front door. */
  env?: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  /** Per-request time limit for headers and for body silence. */
  requestTimeoutMs?: number;
  /** Attempts for a call that may be retried (the first included). */
  maxAttempts?: number;
  /** First backoff delay; doubles each retry, with jitter. */
  baseDelayMs?: number;
  /** The input that names this URL, for messages that say what to check (default `api-url`). */
  urlInput?: string;
  /** Messages name only the origin: the path may itself be a secret (chat webhooks carry their token there). */
  originOnly?: boolean;
  /** Replaces the proxy-aware agent (tests hand in undici's MockAgent). */
  dispatcher?: Dispatcher;
  /** The run's cancellation: requests and waits stop, except those that outlive it (`HttpRequest`). */
  signal?: AbortSignal;
  /** Where answers asked to be kept (`HttpRequest.keepAs`) are written; none are without it. */
  keepDir?: string;
}

/** The longest `Retry-After` honoured; a longer one fails the call rather than stall the pipeline. */
const MAX_RETRY_AFTER_MS = 120_000;

/** How long a call that outlives the run's cancellation may still take: CI kills the job seconds later. */
const GRACE_AFTER_CANCEL_MS = 5_000;

/** The end of the grace period: said with the URL of the call it cut off (`cutOff`). */
class GraceOver extends Error {
  constructor() {
    super(
      `did not answer within the ${GRACE_AFTER_CANCEL_MS / 1000} s a call may still take once the job is stopped.`,
    );
  }
}

/** One grace period per run, shared by its calls: they all end by the stop plus `GRACE_AFTER_CANCEL_MS`. */
const graces = new WeakMap<AbortSignal, AbortSignal>();

function graceAfter(run: AbortSignal): AbortSignal {
  let grace = graces.get(run);
  if (!grace) {
    const controller = new AbortController();
    const start = () => setTimeout(() => controller.abort(new GraceOver()), GRACE_AFTER_CANCEL_MS).unref();
    if (run.aborted) start();
    else run.addEventListener('abort', start, { once: true });
    grace = controller.signal;
    graces.set(run, grace);
  }
  return grace;
}

/** Why a call stopped: the run's stop as it is, the end of the grace period with the call's URL. */
function cutOff(signal: AbortSignal, shown: string): unknown {
  const reason: unknown = signal.reason;
  return reason instanceof GraceOver ? new ScannerError(`${shown} ${reason.message}`) : reason;
}

/**
 * A call that ran out of its request's `deadline`: it had no answer by then, or failed with no time left for
 * another attempt. The caller knows what ran out (its `timeout`) and says so: scanners pass it on unwrapped.
 */
/**
 * A request that never reached the server: refused or unresolvable, or stopped at TLS. Unlike a lost answer, it
 * cannot have done anything there (a report creation made no report).
 */
export class NotSent extends ScannerError {}

export class DeadlinePassed extends ScannerError {
  constructor(shown: string, failure?: ScannerError) {
    super(
      failure
        ? `${clause(failure.message)}, with no time left to try again`
        : `${shown} did not answer in the time left`,
    );
  }
}

/** Aborts at `deadline` (epoch ms), rounded up: a timer takes whole milliseconds, and `timeout` need not. */
function expiring(deadline: number | undefined): AbortSignal | undefined {
  return deadline === undefined
    ? undefined
    : AbortSignal.timeout(Math.max(0, Math.ceil(deadline - Date.now())));
}

/** The signal an attempt is sent with: it ends with the first of those given, if any. */
function firstOf(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const given = signals.filter((signal) => signal !== undefined);
  return given.length > 1 ? AbortSignal.any(given) : given[0];
}

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path relative to the base URL, or an absolute URL. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  body?: string | Uint8Array | FormData;
  /**
   * Whether a failed attempt may be sent again: GETs and read-only POSTs. Never a BOM upload or a report
   * creation, which would repeat their effect.
   */
  retry?: boolean;
  /**
   * A call whose outcome the run must know even when it is cancelled: deleting the report it created, or
   * creating one (the deletion needs its id). The cancellation does not cut it off; from then on it has a few
   * seconds and no further attempts.
   */
  outlivesCancel?: boolean;
  /** Keeps a successful answer's body as `<keepAs>.json` in the client's `keepDir` (the raw scanner JSON). */
  keepAs?: string;
  /**
   * The answer must be JSON (`json()` sets it). A 2xx body that starts like JSON but breaks off was cut short on
   * the way: a call that may be retried tries again, as after a dropped connection, rather than fail at once. A
   * complete body that is malformed fails at once: reading it again would give the same.
   */
  expectJson?: boolean;
  /**
   * When the caller stops waiting (epoch ms): a status poll's end of `timeout`. No attempt or backoff starts
   * past it, and an attempt still waiting then is cut off (`DeadlinePassed`): otherwise a server that accepts
   * the connection and never answers holds the run every attempt's time limit and backoff, minutes past it.
   */
  deadline?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed body of an `expectJson` request, so `parseJson` need not parse it twice. */
  data?: unknown;
}

export interface JsonResponse<T> {
  data: T;
  headers: HttpResponse['headers'];
  status: number;
}

/** An answer that is not JSON, for the caller to explain. */
export interface NotJson {
  /** The path asked for (the URL's path, without the query). */
  path: string;
  text: string;
  contentType: string;
  /** Set when the body starts like JSON but does not parse: what to say about an answer cut short or malformed. */
  brokenJson: string | undefined;
}

/** The message for an answer that is not JSON; the client redacts it. */
type ExplainNotJson = (answer: NotJson) => string;

/** Where a redirect points. It is never followed: the token would travel along to wherever that is. */
export interface Redirect {
  /** The target as a message may show it: origin and path (the origin alone for an `originOnly` client). */
  to: string;
  /** The base URL the target implies when it kept the requested path (`http://dt` → `https://dt`). */
  base?: string;
}

/** Whether a body is JSON, the server's own answer: a proxy answers with a page, or nothing. */
function serverJson(body: string): boolean {
  if (!body.trim()) return false;
  try {
    parseText(body);
    return true;
  } catch {
    return false;
  }
}

/**
 * A response with a status the caller did not expect; scanner clients turn it into an actionable message. `proxy`:
 * the proxy the request went through, which may have given the answer itself.
 */
export class HttpStatusError extends ScannerError {
  constructor(
    readonly status: number,
    readonly url: string,
    readonly body: string,
    readonly contentType: string,
    readonly redirect?: Redirect,
    readonly proxy?: Proxy,
  ) {
    const answer = `${url} answered HTTP ${status}${body ? `: ${body.slice(0, 300)}` : ''}`;
    super(proxy ? `${clause(answer)}. ${describeProxyAnswer(url, status, proxy, serverJson(body))}` : answer);
  }

  /**
   * What to add to a message about this answer when it came through a proxy (empty otherwise): that it did, and
   * for an answer the proxy may have given itself, what to check. `own`: the body is the server's own answer, as
   * the caller knows its server (by default: JSON).
   */
  throughProxy(own = serverJson(this.body)): string {
    return this.proxy ? describeProxyAnswer(this.url, this.status, this.proxy, own) : '';
  }

  /** A caller's explanation of this answer, and, when it came through a proxy, what `throughProxy` adds. */
  explained(message: string, own?: boolean): string {
    const proxied = this.throughProxy(own);
    return proxied ? `${message} ${proxied}` : message;
  }
}

/** What to do about a redirect; `why` says what following it would do (the scanners': take the token along). */
export function redirectAdvice(
  redirect: Redirect,
  input: string,
  why = 'the token would travel along',
): string {
  const fix = redirect.base
    ? `set ${input} to ${redirect.base}`
    : `set ${input} to the address the server answers at without a redirect`;
  return `it redirects to ${redirect.to}, and sca-bridge does not follow redirects (${why}): ${fix}`;
}

/**
 * Answers worth another attempt: rate limits, server errors, a timeout the server or a proxy gave up on (408),
 * and the errors a CDN in front of the scanner gives when the origin is briefly unreachable (520–524).
 */
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524]);

/** What a network failure's message depends on besides the error. */
interface NetworkContext {
  /** The input that names the URL. */
  input: string;
  caFile?: string | undefined;
  /** The proxy the request went through. */
  proxy?: Proxy | undefined;
  /** How long a request waits for headers and body, in ms. */
  timeoutMs: number;
}

/** An undici error's code and message, from its cause when it wraps one. */
function codeAndMessage(error: unknown): { code: string; message: string } {
  const err = error as { code?: unknown; cause?: { code?: unknown; message?: string }; message?: string };
  // DOMExceptions carry a numeric legacy code, which says nothing to a user.
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    code: text(err.cause?.code) ?? text(err.code) ?? '',
    // Quoted inside our sentences: without a full stop of its own.
    message: clause(err.cause?.message ?? err.message ?? String(error)),
  };
}

/** A network failure, with what to do; one through a proxy names it, whoever failed. */
function describeNetworkError(error: unknown, url: string, context: NetworkContext): string {
  const { code, message } = codeAndMessage(error);
  const { proxy } = context;
  if (!proxy) return describeFailure(code, message, url, context);
  return (
    describeProxyError(code, message, url, proxy) ??
    `${describeFailure(code, message, url, context)} It went through the proxy ${proxy.origin} (${proxy.variable}).`
  );
}

/** An https:// URL whose port answers plain HTTP: OpenSSL reads the HTTP answer as a record of a wrong version. */
function speaksNoTls(code: string, message: string): boolean {
  return (
    /WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|HTTP_REQUEST/i.test(code) ||
    /wrong version number/i.test(message)
  );
}

/** `a minute`, `30 s`. */
function seconds(ms: number): string {
  return ms === 60_000 ? 'a minute' : `${Math.round(ms / 100) / 10} s`;
}

/** Network error codes a user can act on, with what to do. */
function describeFailure(code: string, message: string, url: string, context: NetworkContext): string {
  const { input, caFile } = context;
  // An unknown issuer, not an expired certificate or another host's: the one failure a CA file could mend.
  if (caFile && /SELF_SIGNED|UNABLE_TO_(VERIFY|GET_ISSUER)/i.test(code)) {
    return `TLS verification of ${url} failed (${code}): the ca-file ${caFile} does not hold the CA that signed the server's certificate. Add that CA's certificate to it, or the server's own when it signed itself (\`openssl s_client -showcerts -connect <host>:<port>\` shows the chain the server sends).`;
  }
  if (speaksNoTls(code, message)) {
    return `${url} does not answer TLS (${code || message}): the server at that port speaks plain HTTP, or another port is meant. Check ${input}: its scheme (http:// or https://) and port.`;
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|TLS|SSL/i.test(code) || /certificate/i.test(message)) {
    return `TLS verification of ${url} failed (${code || message}). Give the server's CA bundle with ca-file, or, only for testing, set insecure: true.`;
  }
  if (code === 'UND_ERR_INVALID_ARG')
    return `sca-bridge could not send the request to ${url} (${message}): a header or the URL holds characters HTTP cannot carry; check the token and ${input}.`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `cannot resolve the host of ${url} (${code}): check ${input}.`;
  if (code === 'ECONNREFUSED')
    return `connection to ${url} refused: check ${input} and that the server is running.`;
  if (
    code === 'ECONNRESET' ||
    code === 'UND_ERR_SOCKET' ||
    /other side closed|socket hang up/i.test(message)
  ) {
    const how = code === 'ECONNRESET' ? 'reset' : 'closed';
    return `the connection to ${url} was ${how} before the answer was complete (${code || message}): the server, or a proxy or load balancer in front of it, dropped it. ${RUN_AGAIN} and their time and size limits.`;
  }
  if (/Timeout/i.test(code) || /timeout/i.test(message))
    return `${url} did not answer in time (${code || message}; a request waits ${seconds(context.timeoutMs)} at most): check that the server is up and not overloaded, and that no firewall or proxy holds the connection.`;
  return `request to ${url} failed (${code ? `${code} ` : ''}${message}). Check ${input} and the network, then run the job again.`;
}

/** A body as JSON; a blank one is `null`. Throws what JSON.parse throws. */
function parseText(text: string): unknown {
  return /\S/.test(text) ? JSON.parse(text) : null;
}

/**
 * The advice that ends the message of a failure another run may not meet (an answer cut short, a dropped
 * connection). It is for the final error: while the client still retries, it says only what happened.
 */
const RUN_AGAIN = 'Run the job again; if it keeps happening, check their logs';

/** A message without its run-again advice, for the log line of an attempt about to be retried. */
function withoutRunAgain(message: string): string {
  const at = message.indexOf(` ${RUN_AGAIN}`);
  return at < 0 ? message : message.slice(0, at);
}

/**
 * Whether a JSON body that did not parse broke off, rather than being malformed: the parser ran out of text
 * (V8's "Unexpected end of JSON input", or an error at or past the text's last character). Trailing text or a
 * NaN is an error inside a complete answer. (A body shorter than its Content-Length never gets here: undici
 * fails the read itself, a network error retried as any other.)
 */
function endedEarly(text: string, error: unknown): boolean {
  const message = (error as Error).message;
  if (/Unexpected end of JSON input/i.test(message)) return true;
  const position = /\bat position (\d+)/.exec(message);
  return position !== null && Number(position[1]) >= text.trimEnd().length;
}

/** What a body that starts like JSON but does not parse tells: cut short on the way (worth another read) or malformed. */
interface JsonFault {
  cutShort: boolean;
  message: string;
}

/**
 * A body that starts like JSON but does not parse: cut short on the way when the parse failed at its end, not
 * sent by the wrong server; malformed when it failed inside a complete answer, which another read would not mend.
 */
function jsonFault(
  path: string,
  response: Pick<HttpResponse, 'text' | 'headers'>,
  error: unknown,
  input: string,
): JsonFault | undefined {
  const { text } = response;
  if (!/^\s*[[{]/.test(text)) return undefined;
  const why = `${Buffer.byteLength(text)} bytes; ${(error as Error).message}`;
  if (endedEarly(text, error)) {
    return {
      cutShort: true,
      message: `${path} sent JSON that is cut short (${why}): the server, or a proxy in front of it, ended the answer early. ${RUN_AGAIN}.`,
    };
  }
  return {
    cutShort: false,
    message: `${path} sent malformed JSON (${why}): the answer is complete but is not valid JSON, so sca-bridge does not read it again. Check that ${input} points at the API, not at a proxy or the web UI; if it does, report it with the server's version.`,
  };
}

/** Whether a failure came before the request reached the server. */
function neverSent(error: unknown): boolean {
  const { code } = codeAndMessage(error);
  return isPermanent(error) || code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
}

/**
 * Failures no retry can mend: a certificate, a server that speaks no TLS, a request undici refuses to send (a
 * header it cannot carry), a proxy that wants credentials.
 */
function isPermanent(error: unknown): boolean {
  const { code, message } = codeAndMessage(error);
  return (
    code === 'UND_ERR_INVALID_ARG' ||
    /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code) ||
    speaksNoTls(code, message) ||
    proxyStatus(message) === 407
  );
}

/** The base URL a redirect's target implies when it kept the path asked for under another base. */
function movedBase(target: URL, url: URL, base: URL): string | undefined {
  if (!url.pathname.startsWith(base.pathname)) return undefined;
  const rest = url.pathname.slice(base.pathname.length);
  if (!target.pathname.endsWith(`/${rest}`)) return undefined;
  const moved = `${target.origin}${target.pathname.slice(0, target.pathname.length - rest.length)}`;
  return moved === base.href ? undefined : moved.replace(/\/+$/, '');
}

function retryAfterMs(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * The one HTTP client of the project: timeouts, bounded retries with backoff, proxy and TLS options. Every
 * message it makes is redacted of its secrets (a server or proxy may echo the token back), so the scanners
 * built on it need not redact.
 */
export class HttpClient {
  private readonly dispatcher: Dispatcher;
  /** Requests that go past the proxy for NO_PROXY's IP ranges. */
  private readonly direct: Dispatcher;
  private readonly base: URL;
  private readonly redactor = new Redactor();
  private readonly requestTimeoutMs: number;

  constructor(private readonly options: HttpOptions) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    const env = options.env ?? {};
    const proxyPasswords = Object.values(env).flatMap((value) => {
      const password = value && URL.parse(value)?.password;
      return password ? [decodeURIComponent(password)] : [];
    });
    // A header's credential is masked bare too: an answer may quote a token without its `Bearer`.
    const credentials = Object.values(options.headers ?? {}).flatMap((value) => {
      const credential = /^\S+ (\S+)$/.exec(value)?.[1];
      return credential ? [value, credential] : [value];
    });
    for (const secret of [...credentials, ...proxyPasswords]) {
      this.redactor.add(secret);
      options.logger.secret(secret);
    }
    for (const secret of options.secrets ?? []) this.redactor.add(secret);
    const tls = {
      ...(options.insecure ? { rejectUnauthorized: false } : {}),
      ...(options.caFile ? { ca: [...rootCertificates, readCaFile(options.caFile)] } : {}),
    };
    const timeout = this.requestTimeoutMs;
    const agent = { connect: tls, headersTimeout: timeout, bodyTimeout: timeout };
    // undici's agent knows NO_PROXY's host names only: a request to an IP in one of its ranges goes direct here.
    const direct = (this.direct = new Agent(agent));
    this.dispatcher =
      options.dispatcher ??
      new EnvHttpProxyAgent({ ...agentProxies(env), ...agent, requestTls: tls }).compose(
        (dispatch) => (opts, handler) =>
          opts.origin && bypassesByRange(new URL(opts.origin), env)
            ? direct.dispatch(opts, handler)
            : dispatch(opts, handler),
      );
    // Over plain http there are no certificates to skip.
    if (options.insecure && this.base.protocol === 'https:') {
      options.logger.warn(
        `insecure: TLS certificates of ${this.base.origin} are NOT verified. Anyone on the network path can read what is sent${options.urlInput === 'webhook-url' ? ' (the run summary)' : ' (the token with it)'} and answer in the server's name; use ca-file instead.`,
      );
    }
    if (this.base.protocol === 'http:' && options.headers && Object.keys(options.headers).length) {
      options.logger.warn(`The token is sent over plain http to ${this.base.origin}; use https.`);
    }
  }

  url(path: string, query?: HttpRequest['query']): URL {
    const url = new URL(path.replace(/^\//, ''), this.base);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  /** Sends a request; retries per `retry`; throws HttpStatusError for any status outside 2xx. */
  async send(req: HttpRequest): Promise<HttpResponse> {
    const url = this.url(req.path, req.query);
    const shown = this.options.originOnly ? url.origin : `${url.origin}${url.pathname}`;
    const run = this.options.signal;
    const signal = run && req.outlivesCancel ? graceAfter(run) : run;
    const { deadline } = req;
    const expiry = expiring(deadline);
    const attempts = req.retry ? (this.options.maxAttempts ?? 4) : 1;
    // Between attempts a stop ends the wait: a call cut off throws the stop, one that outlives it gives up
    // at the next attempt with its last error. A wait that would end past the deadline is not begun.
    const backOff = async (error: ScannerError, attempt: number, retryAfter: number | undefined) => {
      if (attempt >= attempts) return;
      const delay = retryAfter ?? this.backoff(attempt);
      if (deadline !== undefined && Date.now() + delay >= deadline) throw new DeadlinePassed(shown, error);
      await this.pause(error, attempt, attempts, delay).catch((stop: unknown) => {
        if (!req.outlivesCancel) throw stop;
      });
    };
    const proxy = this.proxyOf(url);
    let lastError: ScannerError | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      // Once the run is stopped, a call that outlives it gets no further attempt.
      if (lastError && req.outlivesCancel && run?.aborted) throw lastError;
      if (signal?.aborted) throw cutOff(signal, shown);
      if (expiry?.aborted) throw new DeadlinePassed(shown);
      let response: HttpResponse;
      try {
        response = await this.once(url, req, firstOf(signal, expiry));
      } catch (error) {
        // A stop is said as a stop even when the deadline came too: the job is ending, not the wait.
        if (signal?.aborted) throw cutOff(signal, shown);
        if (expiry?.aborted) throw new DeadlinePassed(shown);
        lastError = new (neverSent(error) ? NotSent : ScannerError)(
          this.redact(
            describeNetworkError(error, shown, {
              input: this.options.urlInput ?? 'api-url',
              caFile: this.options.caFile,
              proxy,
              timeoutMs: this.requestTimeoutMs,
            }),
          ),
        );
        if (isPermanent(error)) throw lastError;
        await backOff(lastError, attempt, undefined);
        continue;
      }
      if (response.status >= 200 && response.status < 300) {
        const fault = req.expectJson ? this.parseBody(url, response) : undefined;
        // Only a read cut short is sent again; any other answer that does not parse is left for parseJson to explain.
        if (fault?.cutShort && req.retry) {
          lastError = new ScannerError(this.redact(fault.message));
          await backOff(lastError, attempt, undefined);
          continue;
        }
        if (req.keepAs) this.keep(req.keepAs, response.text);
        return response;
      }
      lastError = new HttpStatusError(
        response.status,
        shown,
        this.redact(response.text.trim()),
        String(response.headers['content-type'] ?? ''),
        this.redirect(url, response),
        proxy,
      );
      if (!RETRY_STATUSES.has(response.status)) throw lastError;
      const after = retryAfterMs(response.headers['retry-after']);
      if (attempt < attempts && after !== undefined && after > MAX_RETRY_AFTER_MS) {
        throw new ScannerError(
          `${shown} asked to retry after ${Math.round(after / 1000)} s (HTTP ${response.status}), longer than sca-bridge waits (${MAX_RETRY_AFTER_MS / 1000} s); try again later.`,
        );
      }
      await backOff(lastError, attempt, after);
    }
    if (lastError instanceof HttpStatusError || attempts === 1) throw lastError;
    throw new ScannerError(`after ${attempts} attempts, ${lastError?.message}`);
  }

  /**
   * Parses an `expectJson` answer into `response.data`; returns what to say when its body starts like JSON but
   * does not parse (cut short or malformed), and nothing for a body that parsed or is no JSON at all.
   */
  private parseBody(url: URL, response: HttpResponse): JsonFault | undefined {
    try {
      response.data = parseText(response.text);
      return undefined;
    } catch (error) {
      return jsonFault(url.pathname, response, error, this.options.urlInput ?? 'api-url');
    }
  }

  /** A 3xx's `Location`, redacted, and the base URL it implies. */
  private redirect(url: URL, response: HttpResponse): Redirect | undefined {
    const location = [response.headers.location].flat()[0];
    const target =
      response.status >= 300 && response.status < 400 && location && URL.parse(location, url.href);
    if (!target) return undefined;
    if (this.options.originOnly) return { to: target.origin };
    const base = movedBase(target, url, this.base);
    return {
      to: this.redact(`${target.origin}${target.pathname}`),
      ...(base ? { base: this.redact(base) } : {}),
    };
  }

  /** Keeps an answer for the artifact; a copy that cannot be written (a full disk) costs a warning, not the scan. */
  private keep(name: string, text: string): void {
    if (!this.options.keepDir) return;
    const file = path.join(this.options.keepDir, `${name}.json`);
    try {
      writeFileSync(file, this.redact(text));
    } catch (error) {
      this.options.logger.warn(`Could not keep ${file} for the artifact: ${(error as Error).message}`);
    }
  }

  private async once(url: URL, req: HttpRequest, signal: AbortSignal | undefined): Promise<HttpResponse> {
    const response = await request(url, {
      method: req.method ?? 'GET',
      // GitHub's API refuses a request without a User-Agent (HTTP 403); every server may as well know us.
      headers: {
        accept: 'application/json',
        'user-agent': USER_AGENT,
        ...this.options.headers,
        ...req.headers,
      },
      body: req.body as Dispatcher.DispatchOptions['body'],
      dispatcher: this.dispatcher,
      ...(signal ? { signal } : {}),
    });
    // Reading the whole body here makes a reset or a short body a network error, retried like one.
    const text = await response.body.text();
    return { status: response.statusCode, headers: response.headers as HttpResponse['headers'], text };
  }

  /** The wait after attempt `attempt` when the server gave no `Retry-After`: exponential, with jitter. */
  private backoff(attempt: number): number {
    const backoff = (this.options.baseDelayMs ?? 1000) * 2 ** (attempt - 1);
    return backoff * (0.75 + Math.random() * 0.5);
  }

  /** Waits `delay` before the next attempt, saying why. */
  private async pause(error: Error, attempt: number, attempts: number, delay: number): Promise<void> {
    this.options.logger.info(
      `${clause(withoutRunAgain(error.message))}; retrying in ${(delay / 1000).toFixed(1)} s (${attempt}/${attempts - 1})`,
    );
    await this.wait(delay);
  }

  /** Waits `ms` (between polls, between attempts), unless the run is stopped first: then it throws the stop. */
  wait(ms: number): Promise<void> {
    return pause(ms, this.options.signal);
  }

  /** Sends a request and parses its JSON body; a body that is not JSON is a scanner failure. */
  async json<T = unknown>(req: HttpRequest): Promise<JsonResponse<T>> {
    return this.parseJson<T>(req, await this.send({ ...req, expectJson: true }));
  }

  /**
   * Parses the JSON body of `req`'s answer (an empty or blank body is `null`); a body that is not JSON is a scanner
   * failure, said by `explain` when the caller knows its server better.
   */
  parseJson<T = unknown>(
    req: HttpRequest,
    response: HttpResponse,
    explain: ExplainNotJson = (answer) => this.notJson(answer),
  ): JsonResponse<T> {
    try {
      return {
        data: (response.data !== undefined ? response.data : parseText(response.text)) as T,
        headers: response.headers,
        status: response.status,
      };
    } catch (error) {
      const url = this.url(req.path);
      const { text } = response;
      const contentType = String(response.headers['content-type'] ?? '');
      const message = explain({
        path: url.pathname,
        text,
        contentType,
        brokenJson: jsonFault(url.pathname, response, error, this.options.urlInput ?? 'api-url')?.message,
      });
      // A proxy's block page may come with 200: the proxy is then named, as for an error status.
      const proxy = this.proxyOf(url);
      const proxied = proxy ? ` ${describeProxyAnswer(url.href, response.status, proxy, false)}` : '';
      throw new ScannerError(this.redact(`${message}${proxied}`));
    }
  }

  private notJson({ path, text, brokenJson }: NotJson): string {
    return (
      brokenJson ??
      `${path} did not return JSON (got "${text.slice(0, 80)}…"): check that ${this.options.urlInput ?? 'api-url'} points at the API, not the web UI.`
    );
  }

  /** The proxy a request to `url` goes through; a dispatcher handed in (tests) goes through none. */
  private proxyOf(url: URL): Proxy | undefined {
    return this.options.dispatcher ? undefined : proxyFor(url, this.options.env ?? {});
  }

  /** Masks this client's secrets in a text made from what a server answered. */
  redact(text: string): string {
    return this.redactor.redact(text);
  }

  async close(): Promise<void> {
    await Promise.all([this.dispatcher.close(), this.direct.close()]);
  }
}
