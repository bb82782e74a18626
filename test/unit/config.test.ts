import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig, parseFailOn, registerSecrets } from '../../src/config.js';
import { UserError } from '../../src/errors.js';
import { tempDir } from '../helpers/cli.js';
import { MemoryLogger } from '../helpers/memory-logger.js';

// Real folders: the working directory must exist.
const REPO = tempDir();
const GH = path.join(REPO, 'gh');
const GITLAB = path.join(REPO, 'builds');
mkdirSync(GH);
mkdirSync(GITLAB);
const ctx = { env: {}, cwd: REPO };

/** The message of the UserError (exit 2) parseConfig refuses `raw` with. */
function refusalOf(mode: 'scan' | 'import', raw: Record<string, string>): string {
  try {
    parseConfig(mode, raw, ctx);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('configuration', () => {
  it('applies the documented defaults', () => {
    const config = parseConfig('import', { 'import-file': 'a.json' }, ctx);
    expect(config).toMatchObject({
      mode: 'import',
      importFiles: ['a.json'],
      importFormat: 'auto',
      timeoutSeconds: 600,
      pollIntervalSeconds: 5,
      autoCreate: true,
      insecure: false,
      minSeverity: 'unknown',
      failOn: { kind: 'none' },
      failOnPolicyViolation: false,
      includeSuppressed: false,
      workingDirectory: REPO,
      sarifFile: 'sca-bridge.sarif',
      annotations: true,
      jobSummary: true,
      uploadSarif: false,
    });
  });

  it('splits lists on newlines and commas, and reads metadata lines', () => {
    const config = parseConfig(
      'import',
      {
        'import-file': ['a.json,b.json', 'c.json\nd.json'],
        watches: 'prod, dev',
        metadata: 'team=web\nowner = sec=ops',
      },
      ctx,
    );
    expect(config.importFiles).toEqual(['a.json', 'b.json', 'c.json', 'd.json']);
    expect(config.watches).toEqual(['prod', 'dev']);
    expect(config.metadata).toEqual({ team: 'web', owner: 'sec=ops' });
  });

  it("names a scanned Dependency-Track project after the repository: CI's, else the checkout's folder", () => {
    const inputs = {
      scanner: 'dependency-track',
      'api-url': 'https://dt.example.com',
      token: 'odt_abc12345',
    };
    const inCi = parseConfig('scan', inputs, { env: { GITHUB_REPOSITORY: 'acme/shop-web' }, cwd: REPO });
    expect(inCi.projectName).toBe('shop-web');
    // The checkout of the working directory, not of wherever the command runs.
    const roots: Record<string, string> = { [REPO]: '/home/me/shop-api', [GH]: '/home/me/shop-web' };
    const local = parseConfig(
      'scan',
      { ...inputs, 'working-directory': GH },
      {
        env: {},
        cwd: REPO,
        gitRoot: (directory) => roots[directory],
      },
    );
    expect(local.projectName).toBe('shop-web');
    // Another CI checks out into a folder of its own (`s`, `build`): the origin remote names the repository.
    const remotes = [
      'git@github.com:acme/shop-api.git',
      'https://dev.azure.com/acme/web/_git/shop-api',
      'ssh://git@bitbucket.org/acme/shop-api.git/',
    ];
    for (const origin of remotes) {
      const other = parseConfig('scan', inputs, {
        env: {},
        cwd: REPO,
        gitRoot: () => '/agent/_work/1/s',
        gitOrigin: (directory) => (directory === REPO ? origin : undefined),
      });
      expect(other.projectName).toBe('shop-api');
    }
  });

  it("takes the repository root from CI's checkout, or from git when the checkout is a subfolder of it", () => {
    const workspace = tempDir();
    const sub = path.join(workspace, 'shop', 'web');
    mkdirSync(sub, { recursive: true });
    const env = { GITHUB_WORKSPACE: workspace };
    const config = (gitRoot: (directory: string) => string | undefined) =>
      parseConfig('import', { 'import-file': 'a', 'working-directory': sub }, { env, cwd: REPO, gitRoot });
    // `actions/checkout` with `path: shop`: the workspace is no checkout, git names the repository.
    expect(config(() => path.join(workspace, 'shop')).repositoryRoot).toBe(path.join(workspace, 'shop'));
    // No git at all: the workspace.
    expect(config(() => undefined).repositoryRoot).toBe(workspace);
    // The workspace is the checkout and `shop` a submodule of it: paths stay the outer repository's.
    mkdirSync(path.join(workspace, '.git'));
    expect(config(() => path.join(workspace, 'shop')).repositoryRoot).toBe(workspace);
  });

  it('takes the branch and working directory from CI', () => {
    const github = parseConfig(
      'import',
      { 'import-file': 'a' },
      {
        env: { GITHUB_HEAD_REF: 'feature', GITHUB_REF_NAME: '12/merge', GITHUB_WORKSPACE: GH },
        cwd: REPO,
      },
    );
    expect(github).toMatchObject({ branch: 'feature', workingDirectory: GH });
    const gitlab = parseConfig(
      'import',
      { 'import-file': 'a' },
      { env: { CI_COMMIT_REF_NAME: 'main', CI_PROJECT_DIR: GITLAB }, cwd: REPO },
    );
    expect(gitlab).toMatchObject({ branch: 'main', workingDirectory: GITLAB });
    const local = parseConfig(
      'import',
      { 'import-file': 'a' },
      { env: {}, cwd: REPO, gitBranch: (directory) => (directory === REPO ? 'dev' : undefined) },
    );
    expect(local.branch).toBe('dev');
  });

  it('reads an empty GITHUB_WORKSPACE or CI_PROJECT_DIR as unset', () => {
    const read = (env: Record<string, string>) =>
      parseConfig('import', { 'import-file': 'a' }, { env, cwd: REPO, gitRoot: () => undefined });
    expect(read({ GITHUB_WORKSPACE: '' })).toMatchObject({ workingDirectory: REPO, repositoryRoot: REPO });
    expect(read({ GITHUB_WORKSPACE: '', CI_PROJECT_DIR: GITLAB })).toMatchObject({
      workingDirectory: GITLAB,
      repositoryRoot: GITLAB,
    });
    expect(read({ CI_PROJECT_DIR: '' })).toMatchObject({ workingDirectory: REPO, repositoryRoot: REPO });
  });

  it.each(['GITHUB_WORKSPACE', 'CI_PROJECT_DIR'])(
    'names %s when it is the working directory and no directory',
    (variable) => {
      const read = () =>
        parseConfig('import', { 'import-file': 'a' }, { env: { [variable]: '/nonexistent/ws' }, cwd: REPO });
      expect(read).toThrow(UserError);
      expect(read).toThrow(
        `${variable}: "/nonexistent/ws" is not a directory; set it to the repository folder findings are placed in, or give working-directory.`,
      );
    },
  );

  it.each([
    [{ insecure: 'yes' }, 'Input insecure: expected true or false, got "yes"'],
    [{ timeout: '-3' }, 'Input timeout: expected a number of seconds greater than 0'],
    [{ timeout: '3000000' }, 'Input timeout: expected a number of seconds greater than 0 and at most 86400'],
    [
      { 'poll-interval': '7200' },
      'Input poll-interval: expected a number of seconds greater than 0 and at most 3600',
    ],
    [{ 'import-format': 'csv' }, 'Input import-format: expected one of auto, dtrack-fpf'],
    [{ 'api-url': 'ftp://x' }, 'Input api-url: expected an http(s) URL'],
    [{ metadata: 'novalue' }, 'Input metadata: expected key=value lines'],
    [{ metadata: 'owner=a\nticket=J-1\n owner = b' }, 'Input metadata: the key "owner" is given twice'],
    [{ scanner: 'snyk' }, 'Input scanner: expected one of dependency-track, xray'],
    [
      { 'api-url': 'https://admin:pw@dt.example.com' },
      'Input api-url: the URL carries a user name or password',
    ],
    [
      { 'ui-url': 'https://dt.example.com/?token=x' },
      'Input ui-url: "https://dt.example.com/?token=x" has a query or fragment, and sca-bridge adds paths to this address',
    ],
    [
      { 'ui-url': 'https://dt.example.com/#/' },
      'Input ui-url: "https://dt.example.com/#/" has a query or fragment',
    ],
    [
      { 'ui-url': 'https://dt.example.com/?' },
      'Input ui-url: "https://dt.example.com/?" has a query or fragment',
    ],
    // Credentials are refused before the query is, whose message quotes the URL: the password never in it.
    [
      { 'ui-url': 'https://admin:s3cret-pw@dt.example.com/?x=1' },
      'Input ui-url: the URL carries a user name or password',
    ],
    [{ 'ca-file': '/nonexistent/ca.pem' }, 'Input ca-file: cannot read "/nonexistent/ca.pem"'],
    [
      { 'working-directory': '/nonexistent/repo' },
      'Input working-directory: "/nonexistent/repo" is not a directory',
    ],
  ])('names the input and the fix for %j', (raw, message) => {
    expect(() => parseConfig('import', { 'import-file': 'a', ...raw }, ctx)).toThrow(UserError);
    expect(() => parseConfig('import', { 'import-file': 'a', ...raw }, ctx)).toThrow(message);
  });

  it("takes an api-url with a query, which finding the API's root drops, unlike a ui-url", () => {
    const config = parseConfig(
      'scan',
      {
        scanner: 'xray',
        'api-url': 'https://acme.jfrog.io/xray/?x=1#top',
        token: 't0ken',
        'repo-key': 'npm-local',
      },
      ctx,
    );
    expect(config.apiUrl).toBe('https://acme.jfrog.io/xray/?x=1#top');
  });

  it('never echoes a webhook URL or a proxy it refuses (their paths and passwords are secrets)', () => {
    const refused = (raw: Record<string, string>, env: Record<string, string> = {}) => {
      try {
        parseConfig('import', { 'import-file': 'a', ...raw }, { ...ctx, env });
      } catch (error) {
        expect(error).toBeInstanceOf(UserError);
        return (error as Error).message;
      }
      throw new Error('not refused');
    };
    const webhook = refused({ 'webhook-url': 'hooks.example.com/services/T0/B0/SECRETPATH' });
    expect(webhook).toContain('Input webhook-url: expected an http(s) URL');
    expect(webhook).not.toContain('SECRETPATH');
    // A webhook makes the run one that uses the proxy.
    const hook = { 'webhook-url': 'https://hooks.example.com/x' };
    const proxy = refused(hook, { HTTPS_PROXY: 'socks5://user:s3cr3t@proxy.corp:1080' });
    expect(proxy).toBe('HTTPS_PROXY: expected a proxy URL such as http://proxy.example.com:3128.');
    // A password with a bare % would crash where it is decoded.
    const unencoded = refused(hook, { HTTPS_PROXY: 'http://user:50%off@proxy.corp:3128' });
    expect(unencoded).toBe(
      "HTTPS_PROXY: the proxy's user name or password is not URL-encoded; write % as %25, @ as %40 and : as %3A.",
    );
    expect(unencoded).not.toContain('50%off');
  });

  it('reads a proxy without a scheme as http, and leaves the proxy of a run that makes no request unchecked', () => {
    const env = {
      https_proxy: 'proxy.corp:3128',
      NO_PROXY: 'localhost',
      HTTP_PROXY: 'socks5://proxy.corp:1080',
    };
    const scan = parseConfig(
      'test-connection',
      { scanner: 'xray', 'api-url': 'https://xray.example.com', token: 't0ken' },
      { ...ctx, env: { ...env, HTTP_PROXY: 'https://proxy.corp:3129' } },
    );
    expect(scan.proxyEnv).toEqual({
      https_proxy: 'http://proxy.corp:3128',
      HTTP_PROXY: 'https://proxy.corp:3129',
      NO_PROXY: 'localhost',
    });
    // An offline import is not stopped by a proxy it never uses.
    expect(parseConfig('import', { 'import-file': 'a' }, { ...ctx, env }).mode).toBe('import');
    expect(() =>
      parseConfig('import', { 'import-file': 'a', 'upload-sarif': 'true' }, { ...ctx, env }),
    ).toThrow('HTTP_PROXY: expected a proxy URL');
  });

  it.each([
    ['abcdefgh\nsecondline-secret', 'a line break'],
    ['odt_abc\u0007secret', 'a control character'],
    ['odt_abc\u2019secret', 'a character that is not ASCII'],
  ])('refuses a token no HTTP header can carry (%j), without showing it', (token, flaw) => {
    const scan = () =>
      parseConfig(
        'test-connection',
        { scanner: 'dependency-track', 'api-url': 'https://dt.example.com', token },
        ctx,
      );
    expect(scan).toThrow(UserError);
    expect(scan).toThrow(`Input token: the token holds ${flaw}`);
    expect(scan).toThrow(/SCA_BRIDGE_TOKEN or the file given to --token-file.*the token input's secret/);
    expect(scan).not.toThrow(/odt_abc|abcdefgh/);
  });

  it("leaves the token alone in modes that send none (a gate job may see the scan job's variable)", () => {
    expect(parseConfig('import', { 'import-file': 'a', token: 'odt_abc\u2019def' }, ctx).mode).toBe('import');
  });

  it("refuses a scan given the other scanner's inputs, which it would drop (exit 2)", () => {
    const base = { 'api-url': 'https://x.example.com', token: 'tok-0123456789' };
    const refusal = (raw: Record<string, string>) => refusalOf('scan', { ...base, ...raw });
    expect(
      refusal({
        scanner: 'xray',
        'repo-key': 'npm-local',
        project: '3b0e9f5c-2a3d-4c1e-9f7a-0d5e6b7c8a9b',
        'is-latest': 'true',
      }),
    ).toBe(
      "Inputs project, is-latest: Dependency-Track's, which an Xray scan does not read; leave them out, or set scanner: dependency-track.",
    );
    expect(
      refusal({
        scanner: 'dependency-track',
        'project-name': 'shop',
        'project-version': '1',
        watches: 'prod',
      }),
    ).toBe(
      "Input watches: Xray's, which a Dependency-Track scan does not read; leave it out, or set scanner: xray.",
    );
    // An export's format is an import's: a scan reads none.
    expect(refusal({ scanner: 'xray', 'repo-key': 'npm-local', 'import-format': 'xray-report' })).toBe(
      "Input import-format: an import's, which a scan does not read (it reads findings through the scanner's API, never an export); leave it out, or import the export (mode import; CLI: `sca-bridge import <file>`).",
    );
    // One Dependency-Track project, named one way.
    const uuid = '3b0e9f5c-2a3d-4c1e-9f7a-0d5e6b7c8a9b';
    expect(
      refusal({
        scanner: 'dependency-track',
        project: uuid,
        'project-name': 'other',
        'project-version': '9',
      }),
    ).toBe(
      'Inputs project and project-name, project-version both name the Dependency-Track project: give its UUID (project), or its name and version (project-name, project-version), not both.',
    );
    expect(() =>
      parseConfig(
        'test-connection',
        { ...base, scanner: 'dependency-track', project: uuid, 'project-version': '1' },
        ctx,
      ),
    ).toThrow('Inputs project and project-version both name the Dependency-Track project');
    // A blank --import-file (an unset variable a wrapper passes along) names no export a scan would drop.
    expect(
      parseConfig('scan', { ...base, scanner: 'xray', 'repo-key': 'npm-local', 'import-file': [''] }, ctx)
        .mode,
    ).toBe('scan');
    // Inputs both read, and switches left at their defaults, pass.
    expect(
      parseConfig(
        'scan',
        { ...base, scanner: 'xray', 'repo-key': 'npm-local', 'keep-report': 'false', 'project-name': 'shop' },
        ctx,
      ).scanner,
    ).toBe('xray');
  });

  it('reads a project UUID in lower case, as Dependency-Track writes it: one project, one label and category', () => {
    const config = parseConfig(
      'import',
      { 'import-file': 'dt.json', project: 'ABCDEF01-2345-4678-9ABC-DEF012345678' },
      ctx,
    );
    expect(config.project).toBe('abcdef01-2345-4678-9abc-def012345678');
    // What is not a UUID is left as given, for the scan's refusal to quote.
    expect(parseConfig('import', { 'import-file': 'dt.json', project: 'Shop' }, ctx).project).toBe('Shop');
  });

  it('refuses an artifact-name @actions/artifact would refuse, naming its characters and a name it takes', () => {
    const refusal = (name: string) => () =>
      parseConfig('import', { 'import-file': 'a.json', 'artifact-name': name }, ctx);
    expect(refusal('reports/sca')).toThrow(
      new UserError(
        `Input artifact-name: "reports/sca" holds forward slash /, which GitHub's artifact names cannot hold; name it without (reports_sca), or leave it out for sca-bridge-<scanner>.`,
      ),
    );
    expect(refusal('a:b|c')).toThrow(/holds colon :, vertical bar \|, which .* \(a_b_c\)/);
    for (const name of ['x"y', 'x<y', 'x>y', 'x*y', 'x?y', 'x\\y', 'x\ny', 'x\ry'])
      expect(refusal(name)).toThrow(/^Input artifact-name: /);
    expect(
      parseConfig('import', { 'import-file': 'a.json', 'artifact-name': 'sca reports-1.0_x' }, ctx),
    ).toMatchObject({
      artifactName: 'sca reports-1.0_x',
    });
  });

  it('refuses an import given what only a scan reads, naming it and the fix (exit 2)', () => {
    const refusal = (raw: Record<string, string>) => refusalOf('import', { 'import-file': 'a.json', ...raw });
    // The reviewer's run: a scan's inputs on an import, which ignored them.
    expect(
      refusal({
        'api-url': 'https://x.example.com',
        'repo-key': 'k',
        watches: 'w',
        'keep-report': 'true',
        insecure: 'true',
      }),
    ).toBe(
      "Inputs api-url, keep-report: a scan's, which an import does not read (it reads exported files, never the scanner's API; links into the scanner's UI take ui-url); leave them out, or scan (mode scan; CLI: `sca-bridge scan`).",
    );
    expect(
      refusal({ 'project-key': 'shop', 'parent-project': 'p', 'is-latest': 'true', 'auto-create': 'false' }),
    ).toMatch(/^Inputs project-key, parent-project, is-latest, auto-create: a scan's, which an import/);
    // Off values are accepted where they are not read, as a reusable workflow passes them to every run.
    expect(
      parseConfig('import', { 'import-file': 'a.json', 'is-latest': 'false', 'keep-report': 'false' }, ctx),
    ).toMatchObject({ isLatest: false, keepReport: false });
    // TLS applies to the webhook, the one request an import makes.
    expect(refusal({ insecure: 'true' })).toBe(
      'Input insecure: TLS settings of the requests a run makes, and an import makes none without webhook-url; leave it out.',
    );
    const caFile = path.join(REPO, 'ca.pem');
    writeFileSync(caFile, '');
    expect(refusal({ insecure: 'true', 'ca-file': caFile })).toMatch(
      /^Inputs insecure, ca-file: TLS settings/,
    );
    const withWebhook = { insecure: 'true', 'ca-file': caFile, 'webhook-url': 'https://hooks.example.com/x' };
    // With the webhook, the ca-file is read now, not when the run has ended: an empty one is refused.
    expect(refusal(withWebhook)).toMatch(
      /^Input ca-file: .*ca\.pem holds no PEM certificate; give a PEM bundle/,
    );
    copyFileSync(fileURLToPath(new URL('../fixtures/tls/cert.pem', import.meta.url)), caFile);
    expect(parseConfig('import', { 'import-file': 'a.json', ...withWebhook }, ctx).insecure).toBe(true);
    // With the scanner named, the other scanner's inputs are refused as a scan refuses them.
    expect(refusal({ scanner: 'dependency-track', 'repo-key': 'k', watches: 'w' })).toBe(
      "Inputs repo-key, watches: Xray's, which a Dependency-Track import does not read; leave them out, or import Xray exports.",
    );
    expect(refusal({ scanner: 'xray', 'project-version': '1' })).toBe(
      "Input project-version: Dependency-Track's, which an Xray import does not read; leave it out, or import Dependency-Track exports.",
    );
    // What an import reads passes: labels, watches of imported Xray violations, the SBOM it places findings in,
    // ui-url, the waits at any value (upload-sarif), switches left at their defaults, and the token (a CI
    // variable a scan job of the same project uses).
    const sbom = path.join(REPO, 'bom.json');
    writeFileSync(sbom, '{}');
    const read = {
      'project-name': 'shop',
      'project-version': '1',
      project: '3b0e9f5c-2a3d-4c1e-9f7a-0d5e6b7c8a9b',
      'repo-key': 'npm-local',
      watches: 'prod',
      sbom,
      'ui-url': 'https://dt.example.com',
      timeout: '30',
      'poll-interval': '1',
      'auto-create': 'true',
      'keep-report': 'false',
      insecure: 'false',
      token: 'tok-0123456789',
    };
    expect(parseConfig('import', { 'import-file': 'a.json', ...read }, ctx).watches).toEqual(['prod']);
    expect(
      parseConfig('import', { 'import-file': 'a.json', scanner: 'xray', watches: 'prod' }, ctx).mode,
    ).toBe('import');
    // An Xray import places findings by the SBOM as well.
    expect(parseConfig('import', { 'import-file': 'a.json', scanner: 'xray', sbom }, ctx).sbom).toBe(sbom);
  });

  it('reads fail-on rules', () => {
    expect(parseFailOn('HIGH')).toEqual({ kind: 'threshold', severity: 'high' });
    expect(parseFailOn('any')).toEqual({ kind: 'any' });
    expect(parseFailOn('critical:0, high:5')).toEqual({ kind: 'budgets', budgets: { critical: 0, high: 5 } });
    expect(() => parseFailOn('info')).toThrow('Input fail-on');
    expect(() => parseFailOn('high:-1')).toThrow('Input fail-on');
    expect(() => parseFailOn('critical:0,critical:5')).toThrow(
      'Input fail-on: critical is given two budgets',
    );
    // Commas alone: no budget at all, which would be a gate that never fails.
    expect(parseFailOn(',critical:0,')).toEqual({ kind: 'budgets', budgets: { critical: 0 } });
    for (const commas of [',', ' , ,', ',\n,'])
      expect(() => parseFailOn(commas)).toThrow(`Input fail-on: "${commas}" names no severity`);
  });
});

describe('list inputs', () => {
  it('keeps a brace glob whole and splits metadata on lines only', () => {
    const config = parseConfig(
      'import',
      {
        'import-file': 'a',
        'include-path-patterns': 'src/**/{a,b}/**,lib/**',
        metadata: 'labels=a,b\nteam=web',
      },
      { env: {}, cwd: REPO },
    );
    expect(config.includePathPatterns).toEqual(['src/**/{a,b}/**', 'lib/**']);
    expect(config.metadata).toEqual({ labels: 'a,b', team: 'web' });
  });

  it('keeps a metadata key named __proto__ as a label like any other', () => {
    const config = parseConfig(
      'import',
      { 'import-file': 'a', metadata: '__proto__=x\nteam=web' },
      { env: {}, cwd: REPO },
    );
    expect(Object.entries(config.metadata)).toEqual([
      ['__proto__', 'x'],
      ['team', 'web'],
    ]);
    expect(JSON.stringify(config.metadata)).toBe('{"__proto__":"x","team":"web"}');
  });
});

describe('registerSecrets', () => {
  it('masks every secret input, and a webhook URL also as Config keeps it, without its trailing slash', () => {
    const logger = new MemoryLogger();
    registerSecrets(
      {
        token: ' dt-token-1234 ',
        'webhook-secret': 'hook-secret',
        'github-token': 'ghs_1234',
        'webhook-url': 'https://chat.example.com/hooks/T0KEN/',
        'api-url': 'https://dtrack.example.com',
      },
      logger,
    );
    expect(logger.secrets).toEqual([
      'dt-token-1234',
      'hook-secret',
      'ghs_1234',
      'https://chat.example.com/hooks/T0KEN/',
      'https://chat.example.com/hooks/T0KEN',
    ]);
  });

  it('leaves the origin of a webhook URL with no path unmasked: it is what the logs show of the URL', () => {
    const logger = new MemoryLogger();
    registerSecrets({ 'webhook-url': 'http://127.0.0.1:18080/' }, logger);
    registerSecrets({ 'webhook-url': 'http://127.0.0.1:18080' }, logger);
    expect(logger.secrets).toEqual([]);
  });
});
