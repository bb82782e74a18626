import { createHmac, randomUUID } from 'node:crypto';
import type { WebhookConfig } from '../config.js';
import { HttpClient, HttpStatusError, redirectAdvice } from '../http/client.js';
import { type Logger, redactDeep } from '../logger.js';
import type { RunSummary } from '../report/run-summary.js';
import { clause } from '../wording.js';

const WEBHOOK_EVENT = 'sca-bridge.scan.completed';

/** The body: the run summary of SPEC §4 plus `event`; tokens never enter a summary. */
function webhookBody(summary: RunSummary): string {
  return JSON.stringify({ event: WEBHOOK_EVENT, ...summary });
}

export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** The shortest value masked as a secret: a token (a chat webhook's, an ntfy topic) takes more than `/hook`. */
const SECRET_PATH_MIN = 8;

/** Query parameters whose values are credentials by their name (`?key=…`, `&sig=…`, `access_token=…`). */
const SECRET_PARAM = /token|key|secret|sig|auth|pass|pwd|cred|code|session/i;

/** A value that looks generated rather than a word: long, letters and digits mixed, no blanks. */
function looksGenerated(value: string): boolean {
  return value.length >= 16 && /\d/.test(value) && /[a-z]/i.test(value) && !/\s/.test(value);
}

/**
 * The parts of a webhook URL that may hold its token, each masked on its own, since a receiver may echo any
 * one of them: the path with its query, the path, and the query values named or shaped like credentials. A
 * value such as `?source=sca-bridge` is not one: masking it would blank that word in every later log line
 * of the job and in the job summary.
 */
function secretPath(url: URL): string[] {
  const values = [...url.searchParams].flatMap(([name, value]) =>
    SECRET_PARAM.test(name) || looksGenerated(value) ? [value] : [],
  );
  const parts = [`${url.pathname}${url.search}`, url.pathname, ...values];
  return [...new Set(parts.filter((part) => part.length >= SECRET_PATH_MIN))];
}

/** What to do about a receiver's refusal, where its status says. */
function statusAdvice(error: HttpStatusError): string | undefined {
  if (error.redirect)
    return redirectAdvice(
      error.redirect,
      'webhook-url',
      'a redirected POST may arrive without its body, or elsewhere',
    );
  if (error.status === 401 || error.status === 403)
    return "the receiver refused the delivery: check webhook-url (a chat webhook's URL holds its token) and the secret it checks signatures with";
  if (error.status === 404 || error.status === 405 || error.status === 410)
    return 'the receiver has no hook at that path: check webhook-url';
  return undefined;
}

/**
 * POSTs the run summary when the run ends, on success, gate failure and error alike. Retried on network
 * errors and 5xx; a failure is a warning, never a lost scan result.
 */
export async function sendWebhook(config: WebhookConfig, summary: RunSummary, logger: Logger): Promise<void> {
  if (!config.webhookUrl) return;
  // The path may carry a token of its own (chat webhooks do): only the origin is ever printed, and the front
  // door masks the URL should a server echo it.
  const url = new URL(config.webhookUrl);
  // Masked value by value, never as text: a secret that is also a word of the summary (a key such as `high`)
  // would otherwise leave a body that is no longer the run summary, or no longer JSON.
  const body = webhookBody(redactDeep(summary, (text) => logger.redact(text)));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-sca-bridge-event': WEBHOOK_EVENT,
    'x-sca-bridge-delivery': randomUUID(),
    ...(config.webhookSecret ? { 'x-sca-bridge-signature-256': signature(config.webhookSecret, body) } : {}),
  };
  let client: HttpClient | undefined;
  try {
    client = new HttpClient({
      baseUrl: url.origin,
      urlInput: 'webhook-url',
      originOnly: true,
      // A receiver may echo the path (`Cannot POST /hooks/<token>`) in the answer an error quotes. A path too
      // short to hold a token (`/`, `/hook`) is no secret, and masking it would garble every log line after.
      secrets: secretPath(url),
      insecure: config.insecure,
      ...(config.caFile ? { caFile: config.caFile } : {}),
      env: config.proxyEnv,
      logger,
      requestTimeoutMs: 30_000,
      maxAttempts: 3,
    });
    await client.send({ method: 'POST', path: `${url.pathname}${url.search}`, headers, body, retry: true });
    logger.info(`Webhook delivered to ${url.origin}.`);
  } catch (error) {
    const advice = error instanceof HttpStatusError ? statusAdvice(error) : undefined;
    logger.warn(
      `The webhook to ${url.origin} failed: ${clause((error as Error).message)}${advice ? `; ${advice}` : ''}. The scan result itself is unaffected.`,
    );
  } finally {
    await client?.close();
  }
}
