import { JobStopped } from '../../cancel.js';
import { ScannerError } from '../../errors.js';
import { DeadlinePassed, HttpStatusError, redirectAdvice } from '../../http/client.js';
import { isRecord } from '../../schema.js';
import { atLeast, parseServerVersion } from '../version.js';

/** What a call was doing, so a failure can say what to do about it. */
export type XrayOperation =
  | 'version'
  | 'auth-check'
  | 'repositories'
  | 'create-report'
  | 'find-report'
  | 'report-status'
  | 'report-content'
  | 'delete-report';

export interface ErrorContext {
  operation: XrayOperation;
  /** `Creating the vulnerabilities report`, … */
  doing: string;
  repoKey?: string | undefined;
  projectKey?: string | undefined;
  /** The report a `create-report` call asks for. */
  report?: 'vulnerabilities' | 'violations';
  /** The `watches` input, which restricts the violations report. */
  watches?: readonly string[];
  /** Whether a `create-report` call sent include or exclude path patterns. */
  pathPatterns?: boolean;
  /** What a `report-content` call asked for (`page_num=2, num_of_rows=100, order_by=…, direction=asc`). */
  asked?: string;
  /** The Xray version, once the version call answered: a report to JFrog or sca-bridge needs it. */
  xrayVersion?: string | undefined;
}

/** A failed Xray call with the HTTP status it failed with, so a flow can react to one or say it again. */
export class XrayStatusError extends ScannerError {
  constructor(
    readonly http: HttpStatusError,
    readonly context: ErrorContext,
  ) {
    super(http.explained(explainStatus(http, context)));
  }

  get status(): number {
    return this.http.status;
  }

  /** The same failure, said knowing more (the Xray version a call beside it read). */
  knowing(more: Partial<ErrorContext>): XrayStatusError {
    return new XrayStatusError(this.http, { ...this.context, ...more });
  }
}

/** `Please report it …`, with the Xray version when known: what sca-bridge asks did not fit this Xray. */
export function reportIt(version: string | undefined): string {
  return `Please report it to sca-bridge with your Xray version${version ? ` (${version})` : ''}.`;
}

/** Older Xray versions refuse a report that names fields they do not know, such as the path patterns. */
const PATTERNS_FIX =
  'Older Xray versions refuse the include-path-patterns and exclude-path-patterns sca-bridge sends with the report: run the scan again without them, or upgrade Xray.';

/** What to do about a server that fails. */
export const OVERLOADED =
  "Xray may be overloaded or restarting; try again later, or ask your JFrog administrator to check Xray's logs.";

const TOKEN_FIX =
  'create a new access token (JFrog Platform: Administration → User Management → Access Tokens, or Edit Profile → Generate an Identity Token) for a user with Xray Read and Manage Reports, and pass it as SCA_BRIDGE_TOKEN (CLI), the token input (GitHub Action) or the masked CI/CD variable SCA_BRIDGE_TOKEN (GitLab)';

/**
 * The message inside a JFrog error body: Xray writes `{"error": "…"}`, the router and Artifactory
 * `{"errors": [{"status": 401, "message": "…"}]}`; some answers are `{"message": "…"}` or plain text.
 */
export function jfrogErrorText(body: string): string | undefined {
  const text = body.trim();
  if (!text) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // An HTML page (a proxy, a login page) says nothing useful in a one-line message.
    if (/^<(!doctype|html|\?xml)/i.test(text)) return undefined;
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  }
  if (!isRecord(parsed)) return undefined;
  const messages: string[] = [];
  if (typeof parsed.error === 'string') messages.push(parsed.error);
  if (Array.isArray(parsed.errors)) {
    for (const entry of parsed.errors) {
      if (typeof entry === 'string') messages.push(entry);
      else if (isRecord(entry) && typeof entry.message === 'string') messages.push(entry.message);
    }
  }
  if (!messages.length && typeof parsed.message === 'string') messages.push(parsed.message);
  return messages.length ? [...new Set(messages)].join('; ') : undefined;
}

function statusText(status: number, body: string): string {
  const text = jfrogErrorText(body);
  return `HTTP ${status}${text ? `: ${text}` : ''}`;
}

function forbidden(ctx: ErrorContext): string {
  if (ctx.operation === 'repositories') {
    return "the token's user may not list repositories: it needs Read permission on the repositories (a permission target in Administration → User Management → Permissions).";
  }
  const scope = ctx.repoKey ? ` on the repository ${ctx.repoKey}` : '';
  const project = ctx.projectKey
    ? ` In the JFrog Project ${ctx.projectKey}, a Project Admin with the Manage Security Assets privilege may do this instead.`
    : '';
  return `the token's user lacks a permission: it needs Xray Read${scope} (a permission target with Xray "Read") and the Manage Reports role (Administration → User Management → Roles / Permissions → Xray: Manage Reports).${project}`;
}

/** Not repo-key: the vulnerabilities report names the same repository, so the watches or the version are at fault. */
function violationsFix(watches: readonly string[]): string {
  const names = watches.length
    ? `Check watches (${watches.join(', ')}): each must name a watch that exists in Xray, spelled exactly (Xray → Watches & Policies). `
    : '';
  return `${names}Violations reports need Xray 3.11 or later. To scan without them, set fail-on-policy-violation: false.`;
}

function explainStatus(error: HttpStatusError, ctx: ErrorContext): string {
  const { status, body } = error;
  const where = `${ctx.doing} (${error.url})`;
  const answer = statusText(status, body);
  if (status === 401) {
    return `${where}: JFrog refused the token (${answer}). The token is invalid, expired or revoked: ${TOKEN_FIX}.`;
  }
  if (status === 403) return `${where}: permission denied (${answer}): ${forbidden(ctx)}`;
  if (error.redirect) {
    return `${where}: answered with a redirect (HTTP ${status}): ${redirectAdvice(error.redirect, 'api-url')}.`;
  }
  if (ctx.operation === 'create-report') {
    const patterns = ctx.pathPatterns ? `${PATTERNS_FIX} ` : '';
    if ((status === 400 || status === 404) && ctx.report === 'violations') {
      return `${where}: Xray refused the violations report that fail-on-policy-violation reads (${answer}). ${patterns}${violationsFix(ctx.watches ?? [])}`;
    }
    if (status === 400 || status === 404) {
      return `${where}: Xray refused the report for the repository "${ctx.repoKey}" (${answer}). ${patterns}${patterns ? 'Otherwise check' : 'Check'} repo-key: it is the repository key exactly as Artifactory spells it (\`sca-bridge list-repos\` prints the keys the token can see), and the repository must be indexed by Xray (Administration → Xray Settings → Indexed Resources).`;
    }
    if (status === 412) {
      return `${where}: Xray's reports feature is disabled (${answer}); ask your JFrog administrator to enable Xray reports.`;
    }
    if (status === 429) {
      return `${where}: Xray refused a new report (${answer}): too many reports are being generated. sca-bridge does not retry a report creation blindly; try again later, or delete old reports in Xray → Reports.`;
    }
  }
  if (status === 404 && ctx.operation === 'auth-check' && ctx.xrayVersion) {
    // The version call answered at the same base: the URL is right, the Reports API (Xray 3.8+) is what is missing.
    const recent = atLeast(parseServerVersion(ctx.xrayVersion), 3, 8);
    const fix =
      recent === false
        ? 'ask your JFrog administrator to upgrade Xray'
        : `${recent ? 'this version has it, so' : 'if this version has it,'} a proxy or gateway in front of Xray may not pass POST /xray/api/v1/reports on: ask your JFrog administrator`;
    return `${where}: not found (${answer}), though Xray ${ctx.xrayVersion} answered the version call at the same address, so api-url is right. sca-bridge reads Xray through its Reports API, which needs Xray 3.8 or later: ${fix}.`;
  }
  if (status === 404 && (ctx.operation === 'version' || ctx.operation === 'auth-check')) {
    return `${where}: not found (${answer}). api-url must be the JFrog Platform base URL (https://acme.jfrog.io, with or without /xray), and Xray must be installed on it.`;
  }
  if (status === 404 && ctx.operation === 'repositories') {
    return `${where}: not found (${answer}). api-url must be the JFrog Platform base URL (https://acme.jfrog.io) where Artifactory answers under /artifactory.`;
  }
  if (status === 404 && (ctx.operation === 'report-status' || ctx.operation === 'report-content')) {
    return `${where}: the report is gone (${answer}); someone deleted it while sca-bridge was reading it. Run the scan again.`;
  }
  if (status === 400 && ctx.operation === 'report-content') {
    // sca-bridge asks only documented parameters, and only once the report is completed: Xray disagrees.
    return `${where}: Xray refused ${ctx.asked ?? 'the page'} (${answer}), though the report is completed and sca-bridge asks only with parameters Xray documents. ${reportIt(ctx.xrayVersion)}`;
  }
  // A report's creation is sent once (a repeat could create a second report); the flow then looks it up by name.
  if (ctx.operation === 'create-report' && status >= 500) {
    return `${where}: the server failed (${answer}), and a report creation is never sent twice.`;
  }
  if (status >= 500 || status === 429) {
    return `${where}: the server failed (${answer}) after sca-bridge's retries. ${OVERLOADED}`;
  }
  return `${where}: unexpected answer (${answer}).`;
}

/**
 * Turns a failed Xray call into a ScannerError (exit 3) that says what happened and what to do. Other
 * errors (bad input, bugs) pass through unchanged.
 */
export function explainXrayError(error: unknown, ctx: ErrorContext): Error {
  // Said by whoever knows more: the stop as it is, a deadline by the wait whose timeout ran out.
  if (error instanceof JobStopped || error instanceof DeadlinePassed) return error;
  if (error instanceof HttpStatusError) return new XrayStatusError(error, ctx);
  if (error instanceof ScannerError) return new ScannerError(`${ctx.doing}: ${error.message}`);
  return error instanceof Error ? error : new Error(String(error));
}
