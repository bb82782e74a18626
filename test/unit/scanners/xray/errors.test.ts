import { describe, expect, it } from 'vitest';
import { ScannerError, UserError } from '../../../../src/errors.js';
import { HttpStatusError } from '../../../../src/http/client.js';
import { explainXrayError, jfrogErrorText } from '../../../../src/scanners/xray/errors.js';

const URL = 'https://acme.jfrog.io/xray/api/v1/reports/vulnerabilities';

function explain(
  status: number,
  body: string,
  operation: Parameters<typeof explainXrayError>[1]['operation'],
) {
  return explainXrayError(new HttpStatusError(status, URL, body, 'application/json'), {
    operation,
    doing: 'Doing it',
    repoKey: 'npm-local',
  }).message;
}

describe('Xray error messages', () => {
  it('reads both JFrog error body shapes, and plain text, but not HTML', () => {
    expect(jfrogErrorText('{"error": "Bad Credentials"}')).toBe('Bad Credentials');
    expect(jfrogErrorText('{"errors":[{"status":401,"message":"Bad credentials"}]}')).toBe('Bad credentials');
    expect(
      jfrogErrorText(
        '{"errors":[{"status":403,"message":"a"},{"status":403,"message":"b"},{"message":"a"}]}',
      ),
    ).toBe('a; b');
    expect(jfrogErrorText('{"message":"Report feature is disabled"}')).toBe('Report feature is disabled');
    expect(jfrogErrorText('upstream timed out')).toBe('upstream timed out');
    expect(jfrogErrorText('<!DOCTYPE html><html>502</html>')).toBeUndefined();
    expect(jfrogErrorText('{"info":"x"}')).toBeUndefined();
    expect(jfrogErrorText('')).toBeUndefined();
  });

  it('says what to do for each status', () => {
    expect(explain(401, `{"error":"Found invalid token"}`, 'auth-check')).toBe(
      `Doing it (${URL}): JFrog refused the token (HTTP 401: Found invalid token). The token is invalid, expired or revoked: create a new access token (JFrog Platform: Administration → User Management → Access Tokens, or Edit Profile → Generate an Identity Token) for a user with Xray Read and Manage Reports, and pass it as SCA_BRIDGE_TOKEN (CLI), the token input (GitHub Action) or the masked CI/CD variable SCA_BRIDGE_TOKEN (GitLab).`,
    );
    expect(explain(403, '', 'create-report')).toBe(
      `Doing it (${URL}): permission denied (HTTP 403): the token's user lacks a permission: it needs Xray Read on the repository npm-local (a permission target with Xray "Read") and the Manage Reports role (Administration → User Management → Roles / Permissions → Xray: Manage Reports).`,
    );
    expect(explain(400, '{"error":"no such repo"}', 'create-report')).toContain(
      'Xray refused the report for the repository "npm-local" (HTTP 400: no such repo). Check repo-key',
    );
    expect(explain(412, '{"error":"Report feature is disabled"}', 'create-report')).toBe(
      `Doing it (${URL}): Xray's reports feature is disabled (HTTP 412: Report feature is disabled); ask your JFrog administrator to enable Xray reports.`,
    );
    expect(explain(429, '{"error":"Too many reports"}', 'create-report')).toContain(
      'Xray refused a new report (HTTP 429: Too many reports): too many reports are being generated. sca-bridge does not retry a report creation blindly',
    );
    expect(explain(502, '<html>bad gateway</html>', 'report-content')).toBe(
      `Doing it (${URL}): the server failed (HTTP 502) after sca-bridge's retries. Xray may be overloaded or restarting; try again later, or ask your JFrog administrator to check Xray's logs.`,
    );
    expect(explain(404, '{"error":"Report not found"}', 'report-content')).toContain(
      'the report is gone (HTTP 404: Report not found); someone deleted it',
    );
    expect(explain(418, 'teapot', 'report-status')).toBe(
      `Doing it (${URL}): unexpected answer (HTTP 418: teapot).`,
    );
  });

  it('a refused violations report without watches: the Xray version and fail-on-policy-violation', () => {
    const refused = explainXrayError(new HttpStatusError(404, URL, 'page not found', 'text/plain'), {
      operation: 'create-report',
      doing: 'Doing it',
      repoKey: 'npm-local',
      report: 'violations',
      watches: [],
    });
    expect(refused.message).toBe(
      `Doing it (${URL}): Xray refused the violations report that fail-on-policy-violation reads (HTTP 404: page not found). Violations reports need Xray 3.11 or later. To scan without them, set fail-on-policy-violation: false.`,
    );
  });

  it('a redirect says where it points and which api-url to set', () => {
    const moved = new HttpStatusError(308, URL, '', '', {
      to: 'https://acme.jfrog.io/xray/api/v1/reports/vulnerabilities',
      base: 'https://acme.jfrog.io',
    });
    expect(explainXrayError(moved, { operation: 'create-report', doing: 'Doing it' }).message).toBe(
      `Doing it (${URL}): answered with a redirect (HTTP 308): it redirects to https://acme.jfrog.io/xray/api/v1/reports/vulnerabilities, and sca-bridge does not follow redirects (the token would travel along): set api-url to https://acme.jfrog.io.`,
    );
  });

  it('keeps network messages (TLS: ca-file or insecure), and passes other errors through', () => {
    const tls = new ScannerError(
      "TLS verification of https://acme.jfrog.io/xray/api/v1/system/version failed (SELF_SIGNED_CERT_IN_CHAIN). Give the server's CA bundle with ca-file, or, only for testing, set insecure: true.",
    );
    const explained = explainXrayError(tls, {
      operation: 'version',
      doing: 'Reading the Xray version',
    });
    expect(explained).toBeInstanceOf(ScannerError);
    expect(explained.message).toBe(`Reading the Xray version: ${tls.message}`);
    const bad = new UserError('Input ca-file: cannot read x.pem');
    expect(explainXrayError(bad, { operation: 'version', doing: 'x' })).toBe(bad);
  });
});
