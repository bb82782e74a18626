import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HttpStatusError } from '../../../../src/http/client.js';
import { ScannerError, UserError } from '../../../../src/errors.js';
import { DtError, errorDetail, explain, notJson } from '../../../../src/scanners/dependency-track/errors.js';
import {
  grantedByText,
  missingPermissions,
  neededPermissions,
} from '../../../../src/scanners/dependency-track/permissions.js';
import { notFoundMessage, projectTarget } from '../../../../src/scanners/dependency-track/project.js';
import { serverRoot, uiBase } from '../../../../src/scanners/dependency-track/urls.js';
import { dtProjectUrl } from '../../../../src/importers/dtrack-finding.js';
import { has } from '../../../../src/scanners/dependency-track/version.js';
import { atLeast, parseServerVersion } from '../../../../src/scanners/version.js';
import { dtViolationSchema, mapDtViolation } from '../../../../src/scanners/dependency-track/violations.js';
import { readSbom } from '../../../../src/scanners/dependency-track/upload.js';
import { tempDir } from '../../../helpers/cli.js';
import { fixtureViolations } from '../../../sim/dependency-track.js';

const status = (code: number, body = '', type = 'text/plain') =>
  new HttpStatusError(code, 'https://dt.example.test/api/v1/bom', body, type);

describe('api-url and ui-url', () => {
  it.each([
    ['https://dt.example.test/api', 'https://dt.example.test'],
    ['https://dt.example.test/api/', 'https://dt.example.test'],
    ['https://dt.example.test', 'https://dt.example.test'],
    ['https://dt.example.test/api/v1', 'https://dt.example.test'],
    ['https://example.test/dtrack/api', 'https://example.test/dtrack'],
    ['http://127.0.0.1:8081/API', 'http://127.0.0.1:8081'],
    ['https://example.test/apis', 'https://example.test/apis'],
  ])('%s has the server root %s', (input, root) => {
    expect(serverRoot(input)).toBe(root);
  });

  it('takes ui-url when given, else the server root', () => {
    expect(uiBase({ apiUrl: 'https://dt.example.test/api' })).toBe('https://dt.example.test');
    expect(uiBase({ apiUrl: 'http://dt:8081/api', uiUrl: 'http://dt:8080/' })).toBe('http://dt:8080');
    expect(dtProjectUrl('http://dt:8080/', 'ab-cd')).toBe('http://dt:8080/projects/ab-cd');
  });
});

describe('versions', () => {
  it('parses what /api/version reports and gates features', () => {
    expect(parseServerVersion('4.14.3')).toEqual({ text: '4.14.3', major: 4, minor: 14, patch: 3 });
    expect(parseServerVersion('4.0.0-SNAPSHOT')).toEqual({
      text: '4.0.0-SNAPSHOT',
      major: 4,
      minor: 0,
      patch: 0,
    });
    expect(parseServerVersion('5.0')).toEqual({ text: '5.0', major: 5, minor: 0, patch: 0 });
    expect(parseServerVersion('unknown')).toBeUndefined();
    expect(atLeast(parseServerVersion('4.10.1'), 4, 11)).toBe(false);
    expect(atLeast(parseServerVersion('4.11.0'), 4, 11)).toBe(true);
    expect(atLeast(parseServerVersion('5.0.4'), 4, 12)).toBe(true);
    expect(atLeast(undefined, 4, 11)).toBeUndefined();
    expect(has(parseServerVersion('4.3.6'), 'teamSelf')).toBe(false);
    expect(has(parseServerVersion('4.4.0'), 'teamSelf')).toBe(true);
  });
});

describe('permissions', () => {
  it('test-connection checks the whole flow; scan only what its inputs use', () => {
    expect(neededPermissions({ mode: 'test-connection', autoCreate: true })).toEqual([
      'BOM_UPLOAD',
      'PROJECT_CREATION_UPLOAD',
      'VIEW_PORTFOLIO',
      'VIEW_VULNERABILITY',
      'VIEW_POLICY_VIOLATION',
    ]);
    expect(neededPermissions({ mode: 'test-connection', autoCreate: false })).toEqual([
      'BOM_UPLOAD',
      'VIEW_PORTFOLIO',
      'VIEW_VULNERABILITY',
      'VIEW_POLICY_VIOLATION',
    ]);
    expect(neededPermissions({ mode: 'scan', autoCreate: true })).toEqual([
      'VIEW_PORTFOLIO',
      'VIEW_VULNERABILITY',
      'VIEW_POLICY_VIOLATION',
    ]);
    // A scan checks PROJECT_CREATION_UPLOAD only once its lookup finds no project (the flow's tests).
    expect(neededPermissions({ mode: 'scan', autoCreate: true, sbom: 'bom.json' })).toEqual([
      'BOM_UPLOAD',
      'VIEW_PORTFOLIO',
      'VIEW_VULNERABILITY',
      'VIEW_POLICY_VIOLATION',
    ]);
  });

  it('PORTFOLIO_MANAGEMENT grants project creation', () => {
    const needed = neededPermissions({ mode: 'test-connection', autoCreate: true });
    expect(missingPermissions(['BOM_UPLOAD', 'PORTFOLIO_MANAGEMENT', 'VIEW_PORTFOLIO'], needed)).toEqual([
      'VIEW_VULNERABILITY',
      'VIEW_POLICY_VIOLATION',
    ]);
    expect(missingPermissions([], needed)).toEqual(needed);
  });

  it('PORTFOLIO_MANAGEMENT_CREATE (Dependency-Track 4.13+, 5) grants project creation too', () => {
    const needed = neededPermissions({ mode: 'test-connection', autoCreate: true });
    const granted = ['BOM_UPLOAD', 'PORTFOLIO_MANAGEMENT_CREATE', 'VIEW_PORTFOLIO', 'VIEW_VULNERABILITY'];
    expect(missingPermissions(granted, needed)).toEqual(['VIEW_POLICY_VIOLATION']);
    expect(grantedByText('PROJECT_CREATION_UPLOAD')).toBe(
      'PROJECT_CREATION_UPLOAD (or PORTFOLIO_MANAGEMENT or PORTFOLIO_MANAGEMENT_CREATE)',
    );
  });
});

describe('project target', () => {
  it('takes a UUID, else name and version (defaulting to the branch)', () => {
    expect(projectTarget({ project: 'abcdef01-2345-4678-9abc-def012345678' })).toEqual({
      kind: 'uuid',
      uuid: 'abcdef01-2345-4678-9abc-def012345678',
    });
    expect(projectTarget({ projectName: 'shop', branch: 'main' })).toEqual({
      kind: 'name',
      name: 'shop',
      version: 'main',
    });
    expect(projectTarget({ projectName: 'shop', projectVersion: '1.0', branch: 'main' })).toEqual({
      kind: 'name',
      name: 'shop',
      version: '1.0',
    });
  });

  it('refuses bad or missing input with the input named (exit 2)', () => {
    expect(() => projectTarget({ project: 'shop-web' })).toThrow(UserError);
    expect(() => projectTarget({ project: 'shop-web' })).toThrow(
      /^Input project: expected a Dependency-Track project UUID/,
    );
    expect(() => projectTarget({})).toThrow(/^Input project-name: name the Dependency-Track project/);
    expect(() => projectTarget({ projectName: 'shop' })).toThrow(/^Input project-version: give the version/);
  });

  it('says how to fix a project that does not exist', () => {
    expect(notFoundMessage({ kind: 'name', name: 'shop', version: '1' }, true)).toBe(
      'Dependency-Track has no project named "shop" with version "1" (names and versions must match exactly): check project-name and project-version (it defaults to the branch; a project without a version is named by its UUID, with project); or, to let Dependency-Track create it on upload, use project-name and project-version with auto-create: true (the API key\'s team then needs PROJECT_CREATION_UPLOAD).',
    ); // A UUID cannot be created: the fix is a name and version to create, not an sbom for the UUID.
    const uuid = '00000000-0000-0000-0000-000000000000';
    expect(notFoundMessage({ kind: 'uuid', uuid }, false)).toBe(
      `Dependency-Track has no project with UUID ${uuid}: check the project input; or, to let Dependency-Track create it on upload, use project-name and project-version with auto-create: true and an sbom (the API key's team then needs PROJECT_CREATION_UPLOAD).`,
    );
  });
});

describe('error details', () => {
  it('reads problem+json, validation arrays and plain text', () => {
    expect(
      errorDetail(
        JSON.stringify({
          status: 400,
          title: 'The uploaded BOM is invalid',
          detail: 'Schema validation failed',
          errors: ['$.components[0].type: bad'],
        }),
        'application/problem+json',
      ),
    ).toBe('The uploaded BOM is invalid: Schema validation failed; $.components[0].type: bad');
    expect(
      errorDetail(
        JSON.stringify([{ message: 'must match', path: 'project', invalidValue: 'x' }]),
        'application/json',
      ),
    ).toBe('project: must match');
    // Another server's errors as objects (JFrog's `{errors: [{status, message}]}`): their messages, never [object Object].
    expect(
      errorDetail(
        JSON.stringify({ errors: [{ status: 404, message: 'Not Found' }, { code: 7 }] }),
        'application/json',
      ),
    ).toBe('Not Found; {"code":7}');
    expect(errorDetail('BOM cannot be uploaded to collection project.\n', 'text/plain')).toBe(
      'BOM cannot be uploaded to collection project.',
    );
    expect(errorDetail('', '')).toBe('');
    const many = Array.from({ length: 13 }, (_, i) => `e${i}`);
    expect(errorDetail(JSON.stringify({ title: 'T', errors: many }), 'application/problem+json')).toBe(
      'T; e0; e1; e2; e3; e4; e5; e6; e7; e8; e9 (and 3 more)',
    );
  });
});

describe('explain', () => {
  it('401: the key, with where it is read from', () => {
    const error = explain(status(401), { what: 'checking the API key' });
    expect(error).toBeInstanceOf(DtError);
    expect((error as DtError).status).toBe(401);
    expect(error.message).toBe(
      'Dependency-Track refused the API key (HTTP 401 from /api/v1/bom) while checking the API key: check the API key: the CLI reads it from SCA_BRIDGE_TOKEN or --token-file, the Action from its token input, GitLab from the masked CI/CD variable SCA_BRIDGE_TOKEN. Keys are shown only once, in Administration → Access Management → Teams; create a new one if in doubt.',
    );
  });

  it('401 on an upload that creates the project: the creation permission', () => {
    const error = explain(status(401, 'The principal does not have permission to create project.'), {
      what: 'uploading',
      upload: { creating: true, size: '1.1 kB' },
    });
    expect(error.message).toBe(
      "Dependency-Track refused to create the project (HTTP 401 from /api/v1/bom) while uploading: the API key's team needs PROJECT_CREATION_UPLOAD (or PORTFOLIO_MANAGEMENT or PORTFOLIO_MANAGEMENT_CREATE) for auto-create (add it in Administration → Access Management → Teams), or create the project first and keep auto-create off.",
    );
    const silent = explain(status(401), { what: 'uploading', upload: { creating: true, size: '1.1 kB' } });
    expect(silent.message).toContain('either the API key is wrong');
    expect(silent.message).toContain(
      'or its team lacks PROJECT_CREATION_UPLOAD (or PORTFOLIO_MANAGEMENT or PORTFOLIO_MANAGEMENT_CREATE)',
    );
  });

  it('403: the permission the call needs, or the project ACL', () => {
    expect(
      explain(status(403), { what: 'reading the findings', permission: 'VIEW_VULNERABILITY' }).message,
    ).toBe(
      "Dependency-Track refused reading the findings (HTTP 403 from /api/v1/bom): the API key's team lacks the VIEW_VULNERABILITY permission, needed to read the findings. Add it in Administration → Access Management → Teams.",
    );
    expect(
      explain(status(403, 'Access to the specified project is forbidden'), {
        what: 'reading the findings',
        permission: 'VIEW_VULNERABILITY',
      }).message,
    ).toMatch(
      /^Dependency-Track denied access to the project \(HTTP 403 from \/api\/v1\/bom\) while reading the findings: portfolio access control is on/,
    );
  });

  it("400 on upload: DT's detail and what DT accepts", () => {
    const body = JSON.stringify({
      title: 'The uploaded BOM is invalid',
      detail: 'Schema validation failed',
      errors: ['$.x: bad'],
    });
    expect(
      explain(status(400, body, 'application/problem+json'), {
        what: 'uploading bom.json',
        upload: { creating: false, size: '1.1 kB' },
      }).message,
    ).toBe(
      'Dependency-Track rejected uploading bom.json (HTTP 400 from /api/v1/bom). Dependency-Track said: "The uploaded BOM is invalid: Schema validation failed; $.x: bad". Dependency-Track accepts CycloneDX SBOMs (JSON or XML) only; check that the file is valid CycloneDX.',
    );
  });

  it('400 on upload about something else than the BOM: no hint to check the file', () => {
    const upload = { what: 'uploading bom.json', upload: { creating: false, size: '1.1 kB' } };
    expect(explain(status(400, 'BOM cannot be uploaded to collection project.'), upload).message).toBe(
      'Dependency-Track rejected uploading bom.json (HTTP 400 from /api/v1/bom). Dependency-Track said: "BOM cannot be uploaded to collection project.". The project is a collection project, whose findings are its children\'s: upload the SBOM to one of its child projects instead (project, or project-name and project-version).',
    );
    const field = JSON.stringify([
      { message: 'The project version may only contain printable characters', path: 'projectVersion' },
    ]);
    expect(explain(status(400, field, 'application/json'), upload).message).toBe(
      'Dependency-Track rejected uploading bom.json (HTTP 400 from /api/v1/bom). Dependency-Track said: "projectVersion: The project version may only contain printable characters".',
    );
    // Without a word from DT, the BOM is the likely cause.
    expect(explain(status(400), upload).message).toBe(
      'Dependency-Track rejected uploading bom.json (HTTP 400 from /api/v1/bom). It gave no detail. Dependency-Track accepts CycloneDX SBOMs (JSON or XML) only; check that the file is valid CycloneDX.',
    );
  });

  it('5xx on upload: says it is not retried; on reads: after retries', () => {
    expect(
      explain(status(500, 'boom'), { what: 'uploading', upload: { creating: false, size: '1.1 kB' } })
        .message,
    ).toBe(
      'Dependency-Track failed uploading (HTTP 500 from /api/v1/bom). Dependency-Track said: "boom". The upload is not retried automatically (Dependency-Track might process it twice): check the server\'s log, then run the job again.',
    );
    expect(explain(status(503), { what: 'reading' }).message).toBe(
      'Dependency-Track failed while reading (HTTP 503 from /api/v1/bom, after retries). Check the server (or the proxy in front of it), then run the job again.',
    );
  });

  it("a proxy's 413 on upload: the SBOM's size and the proxy's body limit to raise", () => {
    const nginx =
      '<html><head><title>413 Request Entity Too Large</title></head><body><center><h1>413 Request Entity Too Large</h1></center><hr><center>nginx/1.25.3</center></body></html>';
    expect(
      explain(status(413, nginx, 'text/html'), {
        what: 'uploading bom.json',
        upload: { creating: false, size: '20480.0 kB' },
      }).message,
    ).toBe(
      'A proxy in front of Dependency-Track refused uploading bom.json (HTTP 413 from /api/v1/bom): the SBOM (20480.0 kB) is larger than it accepts. Raise its request body limit (nginx: client_max_body_size; ingress-nginx: the nginx.ingress.kubernetes.io/proxy-body-size annotation), then run the job again.',
    );
  });

  it('a web page means api-url points at the UI; a 404 page keeps its own meaning', () => {
    const page = '<!doctype html><html><body>app</body></html>';
    expect(explain(status(405, page, 'text/html'), { what: 'uploading' }).message).toBe(
      'Dependency-Track answered with a web page (HTTP 405 from /api/v1/bom) while uploading: api-url seems to point at the web UI, not the API server: in the default setup the API server listens on port 8081 and the UI on 8080; give the API server URL, with or without /api.',
    );
    expect(explain(status(404, page, 'text/html'), { what: 'reading' }).message).toContain(
      'api-url seems to point at the web UI',
    );
    expect(
      explain(status(404, page, 'text/html'), { what: 'x', notFound: (d) => `gone [${d}]` }).message,
    ).toBe('gone []');
  });

  it("a proxy's 5xx or 429 page is a server failure, a 401 or 403 page a login proxy, not the web UI", () => {
    const badGateway =
      '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
    expect(explain(status(502, badGateway, 'text/html'), { what: 'reading the findings' }).message).toBe(
      'Dependency-Track failed while reading the findings (HTTP 502 from /api/v1/bom, after retries). Check the server (or the proxy in front of it), then run the job again.',
    );
    expect(explain(status(429, badGateway, 'text/html'), { what: 'reading' }).message).toContain(
      'Dependency-Track failed while reading (HTTP 429 from /api/v1/bom, after retries).',
    );
    const login = '<!DOCTYPE html><html><body><form action="/oauth2/sign_in"></form></body></html>';
    for (const code of [401, 403]) {
      expect(explain(status(code, login, 'text/html'), { what: 'checking the API key' }).message).toBe(
        `Dependency-Track's address answered with a web page (HTTP ${code} from /api/v1/bom) while checking the API key: a login or single sign-on proxy in front of Dependency-Track seems to stop API calls. Let requests with an X-Api-Key header through to the API server, or set api-url to an address that reaches the API server directly.`,
      );
    }
  });

  it('once /api/version answered as Dependency-Track, a page or text in place of JSON is a login proxy, not the web UI', () => {
    const okta = '<!DOCTYPE html><html><head><title>Sign in - Okta</title></head></html>';
    const answer = (text: string, contentType: string) => ({
      path: '/api/v1/team/self',
      text,
      contentType,
      brokenJson: undefined,
    });
    const call = { what: 'checking the API key' };
    const proxy =
      'though /api/version answered as Dependency-Track: a login or single sign-on proxy in front of Dependency-Track seems to stop API calls. Let requests with an X-Api-Key header through to the API server, or set api-url to an address that reaches the API server directly.';
    expect(notJson(answer(okta, 'text/html; charset=utf-8'), call, true)).toBe(
      `/api/v1/team/self answered with a web page, not JSON, while checking the API key, ${proxy}`,
    );
    expect(notJson(answer('Please sign in', 'text/plain'), call, true)).toBe(
      `/api/v1/team/self answered with "Please sign in", not JSON, while checking the API key, ${proxy}`,
    );
    // Before, a page is the web UI's (its container serves index.html on every path).
    expect(notJson(answer(okta, 'text/html'), call)).toContain('api-url seems to point at the web UI');
    // A 404 or 405 page is no longer the UI's either: the status says what it means.
    const page = explain(status(404, okta, 'text/html'), { what: 'reading' }, true).message;
    expect(page).toMatch(
      /^Dependency-Track has no \/api\/v1\/bom \(HTTP 404 from \/api\/v1\/bom\) while reading/,
    );
    expect(page).not.toContain('web UI');
  });

  it('a 401 or 403 from /api/version, which Dependency-Track answers without a key, is a proxy, not the key', () => {
    const call = { what: "reading Dependency-Track's version (GET /api/version)", unauthenticated: true };
    for (const code of [401, 403]) {
      const message = explain(status(code), call).message;
      expect(message).toBe(
        `Something in front of Dependency-Track refused reading Dependency-Track's version (GET /api/version) (HTTP ${code} from /api/v1/bom): Dependency-Track answers it without authentication, so the API key is not the cause; a proxy or HTTP basic authentication in front of the API server asks for credentials. Let requests with an X-Api-Key header through to the API server, or set api-url to an address that reaches the API server directly.`,
      );
      expect(message).not.toContain('SCA_BRIDGE_TOKEN');
    }
  });

  it('a redirect says where it points and which api-url to set, also as a web page', () => {
    const moved = new HttpStatusError(
      301,
      'http://dt.example.test/api/version',
      '<html>Moved</html>',
      'text/html',
      {
        to: 'https://dt.example.test/api/version',
        base: 'https://dt.example.test',
      },
    );
    expect(explain(moved, { what: 'reading the version' }).message).toBe(
      "Dependency-Track's address answered with a redirect (HTTP 301 from /api/version) while reading the version: it redirects to https://dt.example.test/api/version, and sca-bridge does not follow redirects (the token would travel along): set api-url to https://dt.example.test.",
    );
  });

  it('a network failure during an upload says the upload is not retried', () => {
    const network = explain(new ScannerError('request failed'), {
      what: 'uploading',
      upload: { creating: false, size: '1.1 kB' },
    });
    expect(network.message).toBe(
      'While uploading: request failed. An SBOM upload is never retried automatically (Dependency-Track might process it twice): run the job again.',
    );
  });
});

describe('policy violations', () => {
  it('maps state, suppression, type, policy, component and subject', () => {
    const mapped = fixtureViolations().map((row) => mapDtViolation(dtViolationSchema.parse(row)));
    expect(mapped).toEqual([
      {
        scanner: 'dependency-track',
        type: 'LICENSE',
        policy: 'Forbidden licences',
        state: 'FAIL',
        component: 'left-pad@1.3.0',
        subject: 'WTFPL',
        suppressed: false,
      },
      {
        scanner: 'dependency-track',
        type: 'OPERATIONAL',
        policy: 'Outdated HTTP client',
        state: 'WARN',
        component: 'axios@0.21.1',
        subject: 'COORDINATES MATCHES {"group":"","name":"axios","version":"<1.0.0"}',
        suppressed: false,
      },
      {
        scanner: 'dependency-track',
        type: 'SECURITY',
        policy: 'No critical vulnerabilities',
        state: 'FAIL',
        component: 'minimist@1.2.5',
        subject: 'SEVERITY IS CRITICAL',
        suppressed: true,
      },
      {
        scanner: 'dependency-track',
        type: 'SECURITY',
        policy: 'Known ReDoS',
        state: 'INFO',
        component: 'debug@2.6.8',
        subject: 'VULNERABILITY_ID IS CVE-2017-16137',
        suppressed: false,
      },
    ]);
  });

  it('names Maven components group:artifact and survives missing fields', () => {
    expect(
      mapDtViolation(
        dtViolationSchema.parse({
          type: 'OPERATIONAL',
          component: {
            group: 'joda-time',
            name: 'joda-time',
            version: '2.9.2',
            purl: 'pkg:maven/joda-time/joda-time@2.9.2?type=jar',
          },
          policyCondition: { policy: { name: 'P', violationState: 'warn' } },
        }),
      ),
    ).toEqual({
      scanner: 'dependency-track',
      type: 'OPERATIONAL',
      policy: 'P',
      state: 'WARN',
      component: 'joda-time:joda-time@2.9.2',
      suppressed: false,
    });
    expect(mapDtViolation(dtViolationSchema.parse({}))).toEqual({
      scanner: 'dependency-track',
      type: 'UNKNOWN',
      policy: 'unnamed policy',
      state: 'INFO',
      component: 'unknown',
      suppressed: false,
    });
  });
});

describe('sbom: CycloneDX only, told before any request', () => {
  const dir = tempDir('sca-bridge-sbom-');
  const file = (name: string, content: string | Buffer) => {
    const at = path.join(dir, name);
    writeFileSync(at, content);
    return at;
  };
  const refusal = (name: string, content: string) =>
    readSbom(file(name, content)).then(
      () => expect.fail(`${name} was accepted`),
      (error: unknown) => error as Error,
    );

  it.each([
    ['default namespace', '<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1"><components/></bom>'],
    [
      'declaration, comments and a doctype first',
      `<?xml version="1.0" encoding="UTF-8"?>\n<!-- ${'licence '.repeat(2000)}-->\n<!DOCTYPE bom>\n<bom serialNumber="urn:uuid:1" xmlns='http://cyclonedx.org/schema/bom/1.6'/>`,
    ],
    ['a prefixed root', '<cdx:bom xmlns:cdx="http://cyclonedx.org/schema/bom/1.4" version="1"></cdx:bom>'],
  ])('takes CycloneDX XML: %s', async (_, xml) => {
    const sbom = await readSbom(file('bom.xml', xml));
    expect(sbom.type).toBe('application/xml');
  });

  it('takes CycloneDX XML after a UTF-8 byte-order mark, and sends it without the mark', async () => {
    const xml = '<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.5"/>';
    const sbom = await readSbom(
      file('marked.xml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)])),
    );
    expect(Buffer.from(sbom.bytes).toString('utf8')).toBe(xml);
  });

  it.each([
    [
      'a Maven pom.xml',
      '<?xml version="1.0"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion></project>',
      'its root element is <project>, not <bom>',
    ],
    [
      'SPDX RDF/XML',
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:spdx="http://spdx.org/rdf/terms#"/>',
      'its root element is <rdf:RDF>, not <bom>',
    ],
    [
      'a bom in no namespace',
      '<bom version="1"/>',
      'its root element <bom> is not in the CycloneDX namespace http://cyclonedx.org/schema/bom/…',
    ],
    [
      "a prefixed bom whose prefix is not CycloneDX's",
      '<x:bom xmlns="http://cyclonedx.org/schema/bom/1.5" xmlns:x="urn:other"/>',
      'its root element <x:bom> is not in the CycloneDX namespace http://cyclonedx.org/schema/bom/…',
    ],
    ['only a comment', '<!-- nothing -->', 'no root element in its first 64 kB'],
  ])('refuses XML that is not CycloneDX (exit 2), naming sbom and the fix: %s', async (_, xml, why) => {
    const at = path.join(dir, 'not-a-bom.xml');
    const error = await refusal('not-a-bom.xml', xml);
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe(
      `Input sbom: ${at} is XML but not a CycloneDX SBOM (${why}); Dependency-Track accepts CycloneDX only. Generate a CycloneDX SBOM (for example with cdxgen, syft -o cyclonedx-json, @cyclonedx/cyclonedx-npm, or the CycloneDX Maven plugin's makeAggregateBom goal).`,
    );
  });

  it('JSON needs bomFormat CycloneDX', async () => {
    expect((await readSbom(file('ok.json', '{"bomFormat": "CycloneDX", "specVersion": "1.6"}'))).type).toBe(
      'application/json',
    );
    const error = await refusal('package.json', '{"name": "shop", "version": "1.0.0"}');
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(
      /^Input sbom: .*package\.json is neither CycloneDX JSON \(an object with "bomFormat": "CycloneDX"\) nor XML\. Generate a CycloneDX SBOM/,
    );
  });
});
