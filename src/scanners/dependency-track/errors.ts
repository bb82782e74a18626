import { JobStopped } from '../../cancel.js';
import { ScannerError } from '../../errors.js';
import { shorten } from '../../findings/text.js';
import { DeadlinePassed, HttpStatusError, type NotJson, redirectAdvice } from '../../http/client.js';
import { grantedByText, type Permission, PURPOSE } from './permissions.js';
import { isRecord } from '../../schema.js';
import { clause } from '../../wording.js';

/** A failed call with the HTTP status it failed with, so a flow can react to one (a 404 of a missing route). */
export class DtError extends ScannerError {
  constructor(
    message: string,
    readonly status: number,
    /** A 403 of Dependency-Track's own for the call's permission: the key is valid, its team lacks this. */
    readonly lacks?: Permission,
  ) {
    super(message);
  }
}

/** What a call does, so a failure can say what went wrong and what to do about it. */
export interface Call {
  /** "reading the findings of project shop-web 1.0" */
  what: string;
  /** The permission DT checks for this call (named on 403). */
  permission?: Permission;
  /** The message for a 404 (project not found…); without it a 404 points at api-url. */
  notFound?: (detail: string) => string;
  /**
   * The SBOM upload: never retried, and DT answers 401 when auto-create lacks its permission; `size` as the
   * log says it (`1.1 kB`), for a proxy's 413.
   */
  upload?: { creating: boolean; size: string };
  /** DT answers this call without a key (`/api/version`): a 401 or 403 comes from something in front of it. */
  unauthenticated?: boolean;
}

const TEAMS = 'Administration → Access Management → Teams';
const KEY_HELP =
  'check the API key: the CLI reads it from SCA_BRIDGE_TOKEN or --token-file, the Action from its token input, GitLab from the masked CI/CD variable SCA_BRIDGE_TOKEN';
const UI_NOT_API =
  'api-url seems to point at the web UI, not the API server: in the default setup the API server listens on port 8081 and the UI on 8080; give the API server URL, with or without /api';
const LET_THROUGH =
  'Let requests with an X-Api-Key header through to the API server, or set api-url to an address that reaches the API server directly';
const LOGIN_PROXY = `a login or single sign-on proxy in front of Dependency-Track seems to stop API calls. ${LET_THROUGH}`;

/** A server's text on one line, cut to `max` characters. */
function clip(text: string, max = 500): string {
  return shorten(text.replace(/\s+/g, ' ').trim(), max);
}

/**
 * One error of a list, as text: its path and message when it has them (DT's validation errors; another
 * server's `{status, message}`), else its JSON; never `[object Object]`.
 */
function errorText(error: unknown): string {
  if (!isRecord(error)) return String(error);
  return (
    [error.path, error.message].filter((x) => typeof x === 'string' && x).join(': ') || JSON.stringify(error)
  );
}

/**
 * DT's error bodies as a line a user can read: plain text (most of DT4), RFC 9457 problem+json
 * (`title`, `detail`, `errors[]`: BOM validation since 4.11), or Jersey's array of validation errors.
 */
export function errorDetail(body: string, contentType = ''): string {
  const text = body.trim();
  if (!text) return '';
  if (/json/i.test(contentType) || /^[[{]/.test(text)) {
    try {
      const doc: unknown = JSON.parse(text);
      if (Array.isArray(doc)) {
        return clip(doc.map(errorText).join('; '));
      }
      if (isRecord(doc)) {
        const head = [doc.title, doc.detail].filter((x) => typeof x === 'string' && x).join(': ');
        const errors = Array.isArray(doc.errors) ? doc.errors.map(errorText) : [];
        const shown = errors.slice(0, 10);
        const more = errors.length > shown.length ? ` (and ${errors.length - shown.length} more)` : '';
        const parts = [head || (typeof doc.message === 'string' ? doc.message : ''), ...shown].filter(
          Boolean,
        );
        if (parts.length) return clip(`${parts.join('; ')}${more}`, 1500);
      }
    } catch {
      // not JSON after all: shown as text
    }
  }
  return clip(text);
}

function looksLikeHtml(body: string, contentType = ''): boolean {
  return /html/i.test(contentType) || /^\s*<(!doctype|html)/i.test(body);
}

/**
 * An answer that is not JSON, said for Dependency-Track: a cut-short body; once `/api/version` answered as
 * Dependency-Track (`dtAnswered`: api-url is right), a login proxy in front of it, which lets that
 * unauthenticated call through; before, the web UI's page or another server at api-url.
 */
export function notJson(
  { path, text, contentType, brokenJson }: NotJson,
  call: Call,
  dtAnswered = false,
): string {
  if (brokenJson) return `${brokenJson.replace(/\.$/, '')} (while ${call.what}).`;
  const html = looksLikeHtml(text, contentType);
  if (dtAnswered) {
    const got = html ? 'a web page' : `"${clip(text, 80)}"`;
    return `${path} answered with ${got}, not JSON, while ${call.what}, though /api/version answered as Dependency-Track: ${LOGIN_PROXY}.`;
  }
  if (html) {
    return `${path} answered with a web page, not Dependency-Track's API, while ${call.what}: ${UI_NOT_API}.`;
  }
  return `${path} did not answer JSON while ${call.what} (got "${text.slice(0, 80)}…"): check that api-url is Dependency-Track's API server.`;
}

function endpoint(error: HttpStatusError): string {
  try {
    return new URL(error.url).pathname;
  } catch {
    return error.url;
  }
}

/**
 * A web page where the API answers, read by its status: the UI has no such route (404, 405; not once
 * `/api/version` answered as Dependency-Track), or a login proxy stands in front (401, 403). Other pages keep
 * their status's message: a 5xx or 429 page comes from a failing server or proxy, and a 404 of a call that
 * expects one keeps its meaning (servlet containers render their error pages in HTML).
 */
function webPage(status: number, where: string, call: Call, dtAnswered: boolean): string | undefined {
  if (status === 401 || status === 403) {
    return `Dependency-Track's address answered with a web page (${where}) while ${call.what}: ${LOGIN_PROXY}.`;
  }
  if (!dtAnswered && (status === 405 || (status === 404 && !call.notFound))) {
    return `Dependency-Track answered with a web page (${where}) while ${call.what}: ${UI_NOT_API}.`;
  }
  return undefined;
}

/** What a collection project (DT 4.13+) is, for the messages that meet one: it holds no components itself. */
export const COLLECTION_PROJECT = "a collection project, whose findings are its children's";

/**
 * What to do about DT's 400 to an upload. Most are about the BOM (schema validation since 4.11: "The uploaded
 * BOM is invalid"), and so is one without a word; the others are not, and a hint to check the file would mislead:
 * a collection project (4.13+), a form field DT's validation refused.
 */
function uploadRejected(detail: string): string {
  if (/collection project/i.test(detail)) {
    return ` The project is ${COLLECTION_PROJECT}: upload the SBOM to one of its child projects instead (project, or project-name and project-version).`;
  }
  if (!detail || /invalid|schema|pars/i.test(detail)) {
    return ' Dependency-Track accepts CycloneDX SBOMs (JSON or XML) only; check that the file is valid CycloneDX.';
  }
  return '';
}

/**
 * Turns a failed call into a ScannerError that says what happened and what to do. What the server said comes
 * from the HTTP client already redacted of the key. `dtAnswered`: `/api/version` answered as Dependency-Track,
 * so api-url reaches it and a web page comes from something in front of it, not from the web UI.
 */
export function explain(error: unknown, call: Call, dtAnswered = false): Error {
  // Said by whoever knows more: the stop as it is, a deadline by the wait whose timeout ran out.
  if (error instanceof JobStopped || error instanceof DeadlinePassed) return error;
  if (!(error instanceof HttpStatusError)) {
    if (!(error instanceof ScannerError)) return error instanceof Error ? error : new Error(String(error));
    // What was under way first: the failure's own message often ends with advice, which stays last.
    const during = `While ${call.what}: ${clause(error.message)}.`;
    return new ScannerError(
      call.upload
        ? `${during} An SBOM upload is never retried automatically (Dependency-Track might process it twice): run the job again.`
        : during,
    );
  }
  const status = error.status;
  const where = `HTTP ${status} from ${endpoint(error)}`;
  const html = looksLikeHtml(error.body, error.contentType);
  const detail = html ? '' : errorDetail(error.body, error.contentType);
  // Through a proxy, the proxy may have written it.
  const said = detail ? ` ${error.proxy ? 'The answer' : 'Dependency-Track'} said: "${detail}".` : '';
  // Dependency-Track answers its refusals in JSON or plain text, and a wrong key or a missing permission with
  // nothing (401, 403): those are its own; otherwise (a web page, a server error's text) only JSON is, which
  // the client tells when `own` is left undefined.
  const own = (!!detail && status < 500) || (!error.body.trim() && (status === 401 || status === 403));
  const fail = (message: string, lacks?: Permission) =>
    new DtError(error.explained(message, own ? true : undefined), status, lacks);
  if (error.redirect) {
    return fail(
      `Dependency-Track's address answered with a redirect (${where}) while ${call.what}: ${redirectAdvice(error.redirect, 'api-url')}.`,
    );
  }
  const page = html ? webPage(status, where, call, dtAnswered) : undefined;
  if (page) return fail(page);
  if (status === 413 && call.upload) {
    // DT sets no such limit on the multipart upload (research/dependency-track.md §2): a proxy in front does.
    return fail(
      `A proxy in front of Dependency-Track refused ${call.what} (${where}): the SBOM (${call.upload.size}) is larger than it accepts. Raise its request body limit (nginx: client_max_body_size; ingress-nginx: the nginx.ingress.kubernetes.io/proxy-body-size annotation), then run the job again.`,
    );
  }
  if ((status === 401 || status === 403) && call.unauthenticated) {
    // No API key is asked for here, so the refusal is not about it: a proxy or web server wants credentials.
    return fail(
      `Something in front of Dependency-Track refused ${call.what} (${where}): Dependency-Track answers it without authentication, so the API key is not the cause; a proxy or HTTP basic authentication in front of the API server asks for credentials. ${LET_THROUGH}.${said}`,
    );
  }
  switch (status) {
    case 401: {
      if (call.upload?.creating) {
        const createOnly = /permission to create project/i.test(error.body);
        return fail(
          createOnly
            ? `Dependency-Track refused to create the project (${where}) while ${call.what}: the API key's team needs ${grantedByText('PROJECT_CREATION_UPLOAD')} for auto-create (add it in ${TEAMS}), or create the project first and keep auto-create off.`
            : `Dependency-Track refused the upload (${where}) while ${call.what}: either the API key is wrong (${KEY_HELP}), or its team lacks ${grantedByText('PROJECT_CREATION_UPLOAD')}, which auto-create needs (Dependency-Track answers 401 for that; add it in ${TEAMS}).${said}`,
        );
      }
      return fail(
        `Dependency-Track refused the API key (${where}) while ${call.what}: ${KEY_HELP}. Keys are shown only once, in ${TEAMS}; create a new one if in doubt.`,
      );
    }
    case 403: {
      if (/access to the \w+ project is forbidden|access denied/i.test(detail)) {
        return fail(
          `Dependency-Track denied access to the project (${where}) while ${call.what}: portfolio access control is on and the API key's team is not among the project's teams; add the team to the project (or its parent) in Dependency-Track.${said}`,
        );
      }
      if (call.permission) {
        return fail(
          `Dependency-Track refused ${call.what} (${where}): the API key's team lacks the ${grantedByText(call.permission)} permission, needed to ${PURPOSE[call.permission]}. Add it in ${TEAMS}.${said}`,
          call.permission,
        );
      }
      return fail(
        `Dependency-Track refused ${call.what} (${where}): the API key's team lacks a permission this needs; see the permissions in the README.${said}`,
      );
    }
    case 404:
      if (call.notFound) return fail(call.notFound(detail));
      return fail(
        `Dependency-Track has no ${endpoint(error)} (${where}) while ${call.what}: check api-url (the API server's URL, with or without /api).${said}`,
      );
    case 400:
      return fail(
        `Dependency-Track rejected ${call.what} (${where}).${said || ' It gave no detail.'}${call.upload ? uploadRejected(detail) : ''}`,
      );
    default:
      if (call.upload) {
        return fail(
          `Dependency-Track failed ${call.what} (${where}).${said} The upload is not retried automatically (Dependency-Track might process it twice): check the server's log, then run the job again.`,
        );
      }
      if (status >= 500 || status === 429) {
        return fail(
          `Dependency-Track failed while ${call.what} (${where}, after retries).${said} Check the server (or the proxy in front of it), then run the job again.`,
        );
      }
      return fail(`Dependency-Track answered ${where} while ${call.what}.${said}`);
  }
}
