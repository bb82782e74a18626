import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { Log } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { tempDir } from '../helpers/cli.js';
import { expectSchemaValid, schemaErrors } from '../helpers/schemas.js';
import { announceSkip, REPO_ROOT, sharedAvailable } from '../helpers/shared.js';

// The component runs under gitlab-ci-local (a devDependency) with its shell executor: no Docker; the jobs' `image`
// is ignored and their scripts run here, with the repository's built CLI. gitlab-ci-local needs git and rsync.

const TEMPLATE = path.join(REPO_ROOT, 'gitlab/templates/sca-bridge.yml');
const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/gitlab');
const GITLAB_CI_LOCAL = path.join(REPO_ROOT, 'node_modules/gitlab-ci-local/dist/index.js');
const BUILT_CLI = path.join(REPO_ROOT, 'dist/cli.js');
const PACKAGE_VERSION = (
  JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

/** A word the shell reads back unchanged. */
const shellWord = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
/** The `cli` input of these tests: this Node.js running the repository's built CLI. */
const CLI_INPUT = `${shellWord(process.execPath)} ${shellWord(BUILT_CLI)}`;

/** How a component project includes its own component (GitLab's documented self-test). */
const COMPONENT = '$CI_SERVER_FQDN/$CI_PROJECT_PATH/sca-bridge@$CI_COMMIT_SHA';

/** What the scan job publishes, as gitlab-ci-local exports it to .gitlab-ci-local/artifacts/<job>/. */
const REPORT_FILES = [
  'gl-code-quality-report.json',
  'gl-dependency-scanning-report.json',
  'sca-bridge-summary.json',
  'sca-bridge.sarif',
];

/** The inputs of SPEC §3 in snake_case, without the token, the webhook secret and the GitHub-only ones. */
const SPEC_INPUTS = [
  'mode',
  'scanner',
  'api_url',
  'ui_url',
  'insecure',
  'ca_file',
  'timeout',
  'poll_interval',
  'import_file',
  'import_format',
  'project',
  'project_name',
  'project_version',
  'parent_project',
  'is_latest',
  'sbom',
  'auto_create',
  'repo_key',
  'project_key',
  'watches',
  'keep_report',
  'branch',
  'include_path_patterns',
  'exclude_path_patterns',
  'environment',
  'scan_tag',
  'metadata',
  'min_severity',
  'fail_on',
  'fail_on_policy_violation',
  'include_suppressed',
  'working_directory',
  'sarif_file',
  'category',
  'webhook_url',
];
const COMPONENT_INPUTS = ['stage', 'job_prefix', 'image', 'cli', 'publish_sarif'];

interface Summary {
  status: string;
  scanner: string;
  project: string;
  branch: string;
  environment: string | null;
  metadata: Record<string, string>;
  counts: Record<string, number>;
  gate: { result: string; failOn: string; reasons: string[]; failOnPolicyViolation: boolean };
  sarifFile: string;
  error?: { message: string; exitCode: number };
}

interface Job {
  stage: string;
  image: { name: string };
  needs?: { job: string; artifacts: boolean }[];
  variables?: Record<string, string | { value: string; expand: boolean }>;
  cache?: { key: string; paths: string[]; policy: string }[];
  script: string[];
  artifacts?: { when?: string; paths?: string[]; reports?: Record<string, string> };
}

interface CodeQualityIssue {
  check_name: string;
  severity: string;
  fingerprint: string;
  location: { path: string; lines: { begin: number } };
}

interface Input {
  type?: string;
  default?: unknown;
  options?: unknown[];
  regex?: string;
  description?: string;
}

interface Run {
  code: number | null;
  stdout: string;
  /** stdout and stderr together. */
  output: string;
}

const scratchDirs: string[] = [];
function scratch(prefix: string): string {
  const dir = tempDir(prefix);
  scratchDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string | undefined>,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, output: `${stdout}${stderr}` }));
  });
}

/**
 * A component project as GitLab expects one (templates/sca-bridge.yml beside the code), committed, with an
 * `origin` remote: gitlab-ci-local resolves an `include: component:` of the project's own path at its HEAD
 * commit to the local templates/ folder. The .gitlab-ci.yml stays uncommitted (gitlab-ci-local reads it from
 * the working tree).
 */
async function sampleProject(ci: Record<string, unknown>): Promise<string> {
  const dir = scratch('sca-bridge-gitlab-');
  cpSync(path.join(FIXTURES, 'project'), dir, { recursive: true });
  mkdirSync(path.join(dir, 'reports'));
  cpSync(
    path.join(FIXTURES, 'dependency-track.fpf.json'),
    path.join(dir, 'reports/dependency-track.fpf.json'),
  );
  mkdirSync(path.join(dir, 'templates'));
  cpSync(TEMPLATE, path.join(dir, 'templates/sca-bridge.yml'));
  const env = { PATH: process.env.PATH, HOME: dir, GIT_CONFIG_NOSYSTEM: '1' };
  for (const args of [
    ['init', '-q', '-b', 'main'],
    ['add', '-A'],
    ['-c', 'user.name=sca-bridge tests', '-c', 'user.email=tests@example.com', 'commit', '-q', '-m', 'Shop'],
    ['remote', 'add', 'origin', 'https://gitlab.example.com/acme/shop.git'],
    // gitlab-ci-local asks the remote for its default branch.
    ['update-ref', 'refs/remotes/origin/main', 'HEAD'],
    ['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main'],
  ]) {
    const result = await run('git', args, dir, env);
    if (result.code !== 0) throw new Error(`git ${args.join(' ')}: ${result.output}`);
  }
  writeFileSync(path.join(dir, '.gitlab-ci.yml'), stringify(ci));
  return dir;
}

function includeComponent(inputs: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { ...extra, include: [{ component: COMPONENT, inputs }] };
}

/** gitlab-ci-local in `dir`, with this Node.js first on PATH (the jobs' `node`) and an empty home. */
function gitlabCiLocal(dir: string, args: readonly string[]): Promise<Run> {
  return run(process.execPath, [GITLAB_CI_LOCAL, '--no-color', ...args], dir, {
    PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
    HOME: scratch('sca-bridge-gitlab-home-'),
  });
}

/**
 * Runs the pipeline. --force-shell-executor: jobs with an `image` run in the shell (no Docker here).
 * --shell-isolation: each job runs in its own copy of the project (.gitlab-ci-local/builds/<job>) and gets files
 * from other jobs only through artifacts, as on a runner. --no-artifacts-to-source keeps the project clean.
 * gitlab-ci-local sets CI_PROJECT_DIR to the Docker path (/builds/acme/shop) even for shell jobs; a runner sets
 * it to the job's directory, so the test does the same for the scan job.
 */
function runPipeline(dir: string, jobPrefix = 'sca-bridge', variables: string[] = []): Promise<Run> {
  const scanDir = path.join(dir, '.gitlab-ci-local/builds', `${jobPrefix}-scan`);
  return gitlabCiLocal(dir, [
    '--force-shell-executor',
    '--shell-isolation',
    '--no-artifacts-to-source',
    ...[`CI_PROJECT_DIR=${scanDir}`, ...variables].flatMap((variable) => ['--variable', variable]),
  ]);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

const artifactDir = (dir: string, job: string) => path.join(dir, '.gitlab-ci-local/artifacts', job);
const readArtifact = <T>(dir: string, job: string, file: string): T =>
  JSON.parse(readFileSync(path.join(artifactDir(dir, job), file), 'utf8')) as T;
const jobLog = (dir: string, job: string) =>
  readFileSync(path.join(dir, '.gitlab-ci-local/output', `${job}.log`), 'utf8');
const expandedConfig = (dir: string) =>
  parse(readFileSync(path.join(dir, '.gitlab-ci-local/expanded-gitlab-ci.yml'), 'utf8')) as Record<
    string,
    Job
  >;

function templateDocuments(): [{ spec: { inputs: Record<string, Input> } }, Record<string, unknown>, string] {
  const text = readFileSync(TEMPLATE, 'utf8');
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents)) throw new Error('the template is not YAML');
  expect(documents).toHaveLength(2);
  for (const document of documents) expect(document.errors).toEqual([]);
  const [header, jobs] = documents.map((document) => document.toJS() as unknown);
  return [
    header as { spec: { inputs: Record<string, Input> } },
    jobs as Record<string, unknown>,
    text.slice(text.indexOf('\n---\n')),
  ];
}

/** Escapes Ruby's `String#inspect` writes for a UTF-8 string (rb_str_inspect), other than JSON's. */
const RUBY_NAMED: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\f': '\\f',
  '\v': '\\v',
  '\b': '\\b',
  '\x07': '\\a',
  '\x1b': '\\e',
};

/** A string as Ruby's `inspect` writes it: named escapes, `\#` before `{`, `$`, `@`, `\uXXXX` or `\u{X}` for the rest it cannot print. */
function rubyString(text: string): string {
  const chars = [...text];
  const escaped = chars.map((c, i) => {
    if (c === '#' && '{$@'.includes(chars[i + 1] ?? ' ')) return '\\#';
    const named = RUBY_NAMED[c];
    if (named) return named;
    if (!/[\p{Cc}\p{Cf}]/u.test(c)) return c;
    const hex = (c.codePointAt(0) ?? 0).toString(16).toUpperCase();
    return hex.length > 4 ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
  });
  return `"${escaped.join('')}"`;
}

describe('the component template', () => {
  it("keeps awkward values whole when GitLab interpolates inputs into the YAML's text before reading it", () => {
    const [header, , jobsText] = templateDocuments();
    // Text interpolation (GitLab's ci_text_interpolation): each input's text put in place, an array of
    // strings as Ruby's inspect writes it.
    const rubyInspect = (list: unknown[]) => `[${list.map((item) => rubyString(String(item))).join(', ')}]`;
    const values: Record<string, unknown> = Object.fromEntries(
      Object.entries(header.spec.inputs).map(([name, input]) => [name, input.default ?? '']),
    );
    Object.assign(values, {
      // A cli that starts with a quote: pasted into a plain scalar, it would make a quoted one of the line.
      cli: "'/opt/node 24/bin/node' /opt/sca-bridge/dist/cli.js",
      environment: "Bob's env: # not a comment, \"quoted\" and 'single'",
      project_name: '- looks like a list',
      metadata: [
        "owner=O'Brien",
        'team="payments"',
        'note=#{not ruby} #$$x \\#@y',
        // A variable whose value is no JSON text: a `"` and a `\` that a `\t` or `\n` follows.
        'title=$RELEASE_TITLE',
        'cost=$${COST}',
        'controls=a\x07b\x1bc\vd\x7fe\tf',
        'tag=\u{e0001}x café',
      ],
    });
    const text = jobsText.replace(/\$\[\[ inputs\.(\w+) \]\]/g, (_match, name: string) => {
      const value = values[name];
      return Array.isArray(value) ? rubyInspect(value) : String(value);
    });
    const jobs = parse(text.replace(/^\n---\n/, '')) as Record<string, Job>;
    const scan = jobs[`${String(values.job_prefix)}-scan`];
    const variables = scan?.variables ?? {};
    const lists = variables.SCA_BRIDGE_INPUT_LISTS;
    // GitLab leaves it unexpanded: the reader expands each item, after the JSON is read.
    expect(lists).toMatchObject({ expand: false });
    expect(variables.SCA_BRIDGE_INPUT_ENVIRONMENT).toBe(values.environment);
    expect(variables.SCA_BRIDGE_INPUT_PROJECT_NAME).toBe(values.project_name);
    expect(scan?.script[0]).toContain(`${String(values.cli)} "$@" --json`);
    expect(jobs[`${String(values.job_prefix)}-gate`]?.script).toEqual([
      `${String(values.cli)} gate sca-bridge-summary.json`,
    ]);
    // The job's own reading of the list inputs, run as its script runs it.
    const script = (scan?.script ?? []).join('\n');
    const reader = /node -e '([^']*)' '([^']*)'/.exec(script);
    expect(reader).not.toBeNull();
    const args = execFileSync(process.execPath, ['-e', reader?.[1] ?? '', reader?.[2] ?? ''], {
      env: {
        SCA_BRIDGE_INPUT_LISTS: typeof lists === 'object' ? lists.value : lists,
        RELEASE_TITLE: 'Fix "quoted" path C:\\temp\\new',
        COST: 'unused',
      },
      encoding: 'utf8',
    });
    expect(args.split('\n').filter((arg) => arg.startsWith('--metadata='))).toEqual([
      "--metadata=owner=O'Brien",
      '--metadata=team="payments"',
      '--metadata=note=#{not ruby} #$x \\#@y',
      '--metadata=title=Fix "quoted" path C:\\temp\\new',
      '--metadata=cost=${COST}',
      '--metadata=controls=a\x07b\x1bc\vd\x7fe\tf',
      '--metadata=tag=\u{e0001}x café',
    ]);
  });

  it('fails the scan job with its own message when the image has no node (exit 2), before reading any input', () => {
    const [, jobs] = templateDocuments();
    const scan = jobs['$[[ inputs.job_prefix ]]-scan'] as Job;
    // No PATH to find node in; bash's builtins still run. The script stops before the first input it reads.
    const result = spawnSync('/bin/bash', ['--norc', '--noprofile', '-c', scan.script.join('\n')], {
      env: { PATH: scratch('sca-bridge-no-node-') },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      "sca-bridge: the job's image has no node command; set the image input to one with Node.js 22.19 or newer.\n",
    );
  });

  it('declares the SPEC inputs in snake_case and the component inputs, and uses every one of them', () => {
    const [header, , jobsText] = templateDocuments();
    const inputs = header.spec.inputs;
    expect(Object.keys(inputs).sort()).toEqual([...SPEC_INPUTS, ...COMPONENT_INPUTS].sort());
    for (const name of Object.keys(inputs)) {
      expect(jobsText, `input ${name} is used`).toContain(`$[[ inputs.${name} ]]`);
      expect(inputs[name]?.description, `input ${name} has a description`).toMatch(/\w/);
    }
  });

  it('types the inputs, enumerates the closed sets and checks fail_on with a regex', () => {
    const { inputs } = templateDocuments()[0].spec;
    const typed = (type: string) =>
      Object.entries(inputs)
        .filter(([, input]) => input.type === type)
        .map(([name]) => name)
        .sort();
    expect(typed('boolean')).toEqual([
      'auto_create',
      'fail_on_policy_violation',
      'include_suppressed',
      'insecure',
      'is_latest',
      'keep_report',
      'publish_sarif',
    ]);
    expect(typed('number')).toEqual(['poll_interval', 'timeout']);
    expect(typed('array')).toEqual([
      'exclude_path_patterns',
      'import_file',
      'include_path_patterns',
      'metadata',
      'watches',
    ]);
    expect(inputs.scanner?.options).toEqual(['', 'dependency-track', 'xray']);
    expect(inputs.mode?.options).toEqual(['', 'scan', 'import']);
    expect(inputs.min_severity?.options).toEqual(['critical', 'high', 'medium', 'low', 'info', 'unknown']);
    expect(inputs.import_format?.options).toEqual([
      'auto',
      'dtrack-fpf',
      'dtrack-findings',
      'xray-report',
      'xray-scans-export',
      'xray-summary',
      'xray-cli-json',
      'xray-simple-json',
    ]);
    const failOn = new RegExp(inputs.fail_on?.regex ?? '(?!)');
    // What the CLI takes (parseFailOn), in any case and spacing.
    for (const ok of [
      'none',
      'any',
      'critical',
      'high',
      'medium',
      'low',
      'High',
      'NONE',
      'critical:0',
      'critical:0,high:5',
      'high:2, low:10',
      'Critical:0, HIGH:5',
      ' critical : 0 , info:3,',
      ',critical:0',
      // Tabs, doubled commas.
      '\tcritical:0,,high:5',
    ]) {
      expect(failOn.test(ok), ok).toBe(true);
    }
    for (const bad of [
      '',
      'info',
      'unknown',
      'high,critical',
      'critical:',
      'critical:-1',
      'severe:1',
      'high; rm -rf /',
      'HIGH\nid',
      ',',
      'critical:0\nid',
      'critical:0\nhigh:5',
    ]) {
      expect(failOn.test(bad), bad).toBe(false);
    }
    // The SARIF path is also an artifact path: an empty one would archive the whole project.
    const sarifFile = new RegExp(inputs.sarif_file?.regex ?? '(?!)');
    expect(['', ' '].map((path) => sarifFile.test(path))).toEqual([false, false]);
    expect(sarifFile.test('out/x.sarif')).toBe(true);
    // Defaults: the SPEC's, and a CLI pinned to this package's version.
    expect(inputs.fail_on?.default).toBe('none');
    expect(inputs.timeout?.default).toBe(600);
    expect(inputs.poll_interval?.default).toBe(5);
    expect(inputs.auto_create?.default).toBe(true);
    expect(inputs.sarif_file?.default).toBe('sca-bridge.sarif');
    expect(inputs.publish_sarif?.default).toBe(false);
    expect(inputs.image?.default).toBe('node:24-slim');
    expect(inputs.cli?.default).toBe(`npx --yes sca-bridge@${PACKAGE_VERSION}`);
  });

  describe.skipIf(!sharedAvailable())("against GitLab's CI schema", () => {
    announceSkip("the component template against GitLab's CI schema");

    it('validates both documents (the spec header and the jobs), as the pipeline editor does', () => {
      const [header, jobs] = templateDocuments();
      expect(schemaErrors('gitlab-ci.json', header)).toEqual([]);
      expect(schemaErrors('gitlab-ci.json', jobs)).toEqual([]);
      // And the schema can refuse: a number input with a text default, a job with an unknown artifacts:when.
      const badHeader = structuredClone(header);
      (badHeader.spec.inputs.timeout as Input).default = 'ten minutes';
      expect(schemaErrors('gitlab-ci.json', badHeader)).toContain(
        '/spec/inputs/timeout/default must be number,null',
      );
      const badJobs = structuredClone(jobs) as Record<string, { artifacts: { when: string } }>;
      (badJobs['$[[ inputs.job_prefix ]]-scan'] as { artifacts: { when: string } }).artifacts.when =
        'sometimes';
      expect(schemaErrors('gitlab-ci.json', badJobs)).toEqual([
        '/$[[ inputs.job_prefix ]]-scan/artifacts/when must be equal to one of the allowed values',
      ]);
    });
  });
});

describe('the component under gitlab-ci-local', () => {
  beforeAll(async () => {
    // gitlab-ci-local copies the project into each job's directory with rsync.
    const rsync = await run('rsync', ['--version'], REPO_ROOT, { PATH: process.env.PATH }).catch(
      () => undefined,
    );
    if (rsync?.code !== 0)
      throw new Error('gitlab-ci-local needs rsync: install it (apt-get install -y rsync).');
  });

  it('expands with its defaults: two jobs, the pinned npm CLI, no SARIF report', async () => {
    const dir = await sampleProject(includeComponent({ import_file: ['reports/*.json'] }));
    const preview = await gitlabCiLocal(dir, ['--preview']);
    expect(preview.code, preview.output).toBe(0);
    const config = parse(preview.stdout) as Record<string, Job>;
    expect(Object.keys(config).filter((key) => (config[key] as Partial<Job>).script !== undefined)).toEqual([
      'sca-bridge-scan',
      'sca-bridge-gate',
    ]);
    const scan = config['sca-bridge-scan'] as Job;
    const gate = config['sca-bridge-gate'] as Job;
    expect(scan.stage).toBe('test');
    expect(scan.image).toEqual({ name: 'node:24-slim' });
    expect(scan.artifacts).toEqual({
      reports: {
        dependency_scanning: 'gl-dependency-scanning-report.json',
        codequality: 'gl-code-quality-report.json',
      },
      when: 'always',
      paths: [
        'sca-bridge-summary.json',
        'sca-bridge.sarif',
        'gl-dependency-scanning-report.json',
        'gl-code-quality-report.json',
      ],
    });
    expect(scan.variables?.SCA_BRIDGE_INPUT_FAIL_ON).toBe('none');
    expect(scan.variables?.SCA_BRIDGE_INPUT_MIN_SEVERITY).toBe('unknown');
    // gitlab-ci-local writes `expand: false` variables as their text, each `$` doubled (none here).
    expect(JSON.parse(String(scan.variables?.SCA_BRIDGE_INPUT_LISTS))).toEqual({
      'import-file': ['reports/*.json'],
      watches: [],
      'include-path-patterns': [],
      'exclude-path-patterns': [],
      metadata: [],
    });
    expect(scan.script).toHaveLength(1);
    expect(scan.script[0]).toContain(`npx --yes sca-bridge@${PACKAGE_VERSION} "$@" --json \\\n`);
    expect(scan.script[0]).toContain("'--timeout=600' '--poll-interval=5'");
    expect(gate).toMatchObject({
      stage: 'test',
      image: { name: 'node:24-slim' },
      needs: [{ job: 'sca-bridge-scan', artifacts: true }],
      script: [`npx --yes sca-bridge@${PACKAGE_VERSION} gate sca-bridge-summary.json`],
    });
    // npx's download kept in npm's cache between pipelines, in the project folder (GitLab caches nothing
    // else), keyed on the version; the scan job saves it, the gate job reads it.
    const npmCache = { key: `sca-bridge-npm-${PACKAGE_VERSION}`, paths: ['.sca-bridge-npm/'] };
    for (const job of [scan, gate]) {
      expect(job.variables?.npm_config_cache).toBe('$CI_PROJECT_DIR/.sca-bridge-npm');
    }
    expect(scan.cache).toEqual([expect.objectContaining({ ...npmCache, policy: 'pull-push' })]);
    expect(gate.cache).toEqual([expect.objectContaining({ ...npmCache, policy: 'pull' })]);
    // Both keep the checkout: a project's default before_script, .npmrc or checked-in cli may need it.
    expect(gate.variables?.GIT_STRATEGY).toBeUndefined();
    expect(scan.variables?.GIT_STRATEGY).toBeUndefined();
  });

  it('runs the scan job green and the gate job red when the gate fails; the reports are artifacts', async () => {
    // Values a shell would act on, to show they reach the CLI as plain text, and values that start with a
    // dash, which a CLI would take for an option when they follow their flag as a separate argument.
    const environment = "-Bob's staging; echo INJECTED";
    const dir = await sampleProject(
      includeComponent({
        cli: CLI_INPUT,
        import_file: ['reports/*.json'],
        fail_on: 'high',
        environment,
        exclude_path_patterns: ['-legacy/**'],
        metadata: ['team=payments', `owner=O'Brien & "Sons" \`id\``],
      }),
    );
    const pipeline = await runPipeline(dir);
    expect(pipeline.code, pipeline.output).toBe(1);
    expect(pipeline.output).toContain(' PASS  sca-bridge-scan\n');
    expect(pipeline.output).toContain(' FAIL  sca-bridge-gate\n');

    // The inputs as GitLab interpolated them.
    const config = expandedConfig(dir);
    const scan = config['sca-bridge-scan'] as Job;
    expect(scan.variables?.SCA_BRIDGE_INPUT_FAIL_ON).toBe('high');
    expect(scan.variables?.SCA_BRIDGE_INPUT_ENVIRONMENT).toBe(environment);
    expect(scan.script[0]).toContain(`${CLI_INPUT} "$@" --json \\\n`);
    expect(scan.artifacts?.reports).toEqual({
      dependency_scanning: 'gl-dependency-scanning-report.json',
      codequality: 'gl-code-quality-report.json',
    });

    // The scan job ran the built CLI, which imported the export and failed the gate, and still succeeded.
    const scanLog = jobLog(dir, 'sca-bridge-scan');
    expect(scanLog).toContain('reports/dependency-track.fpf.json: dtrack-fpf, 3 findings\n');
    expect(scanLog).toContain(
      '3 findings: 1 critical, 1 high, 0 medium, 1 low, 0 info, 0 unknown; 0 suppressed.\n',
    );
    expect(scanLog).toContain('error: Gate failed: 2 findings of severity high or above (fail-on: high)\n');
    expect(scanLog).toContain(
      'sca-bridge: the scan ran and the gate failed; the sca-bridge-gate job fails the pipeline.\n',
    );
    expect(scanLog.split('\n')).not.toContain('INJECTED');

    // Its artifacts: the reports, the SARIF and the run summary, each valid.
    expect(filesUnder(artifactDir(dir, 'sca-bridge-scan'))).toEqual(REPORT_FILES);
    const summary = readArtifact<Summary>(dir, 'sca-bridge-scan', 'sca-bridge-summary.json');
    expect(summary).toMatchObject({
      status: 'failed',
      scanner: 'dependency-track',
      project: 'shop',
      branch: 'main',
      environment,
      metadata: { team: 'payments', owner: `O'Brien & "Sons" \`id\`` },
      counts: { total: 3, critical: 1, high: 1, medium: 0, low: 1, info: 0, unknown: 0, suppressed: 0 },
      gate: { result: 'failed', failOn: 'high', failOnPolicyViolation: false },
      sarifFile: 'sca-bridge.sarif',
    });
    const codeQuality = readArtifact<CodeQualityIssue[]>(
      dir,
      'sca-bridge-scan',
      'gl-code-quality-report.json',
    );
    expect(codeQuality.map((issue) => [issue.check_name, issue.severity, issue.location])).toEqual([
      ['CVE-2021-44906', 'blocker', { path: 'package.json', lines: { begin: 8 } }],
      ['CVE-2021-23337', 'critical', { path: 'package.json', lines: { begin: 7 } }],
      ['CVE-2024-43796', 'minor', { path: 'package.json', lines: { begin: 6 } }],
    ]);
    expect(new Set(codeQuality.map((issue) => issue.fingerprint)).size).toBe(3);
    const dependencyScanning = readArtifact<{ vulnerabilities: { identifiers: { value: string }[] }[] }>(
      dir,
      'sca-bridge-scan',
      'gl-dependency-scanning-report.json',
    );
    expect(dependencyScanning.vulnerabilities.map((v) => v.identifiers.map((i) => i.value))).toEqual([
      ['CVE-2021-44906', 'GHSA-xvch-5gv4-984h', '1321'],
      ['CVE-2021-23337', 'GHSA-35jh-r3h4-6jhm', '77'],
      ['CVE-2024-43796', 'GHSA-qw6h-vgh9-j6wx', '79'],
    ]);
    const sarif = readArtifact<Log>(dir, 'sca-bridge-scan', 'sca-bridge.sarif');
    expect(sarif.runs[0]?.results).toHaveLength(3);
    for (const schema of [
      'gitlab-dependency-scanning-report-format-15.2.1.json',
      'gitlab-dependency-scanning-report-format-15.1.5.json',
    ]) {
      expectSchemaValid(schema, dependencyScanning);
    }
    expectSchemaValid('sarif-schema-2.1.0.json', sarif);

    // The gate job got the run summary through the artifacts (the project itself has none) and failed.
    expect(existsSync(path.join(dir, 'sca-bridge-summary.json'))).toBe(false);
    const gateSummary = path.join(dir, '.gitlab-ci-local/builds/sca-bridge-gate/sca-bridge-summary.json');
    expect(existsSync(gateSummary)).toBe(true);
    // Readable by group and others, as a file the job writes: a gate job whose image runs as another user
    // than the one that unpacked the artifacts reads it (mktemp's file is its owner's alone, 0600).
    for (const file of [
      path.join(artifactDir(dir, 'sca-bridge-scan'), 'sca-bridge-summary.json'),
      gateSummary,
    ]) {
      expect(statSync(file).mode & 0o044, file).toBe(0o044);
    }
    const gateLog = jobLog(dir, 'sca-bridge-gate');
    expect(gateLog).toContain(`$ ${CLI_INPUT} gate sca-bridge-summary.json\n`);
    expect(gateLog).toContain('error: Gate failed: 2 findings of severity high or above (fail-on: high)\n');
  });

  it('passes both jobs when the gate passes, with its own job names, stage, filters, switches and SARIF report', async () => {
    const dir = await sampleProject(
      includeComponent(
        {
          cli: CLI_INPUT,
          job_prefix: 'deps',
          stage: 'security',
          import_file: ['reports/dependency-track.fpf.json'],
          min_severity: 'high',
          fail_on: 'critical:1',
          fail_on_policy_violation: true,
          publish_sarif: true,
          sarif_file: 'out/shop.sarif',
          timeout: 30,
          // A variable's value with a `"` and `\`s, which JSON text would not hold as it is; `$$` a plain `$`.
          metadata: ['title=$RELEASE_TITLE', 'cost=$$5'],
        },
        { stages: ['build', 'security'] },
      ),
    );
    const pipeline = await runPipeline(dir, 'deps', ['RELEASE_TITLE=Fix "quoted" path C:\\temp\\new']);
    expect(pipeline.code, pipeline.output).toBe(0);
    expect(pipeline.output).toContain(' PASS  deps-scan\n');
    expect(pipeline.output).toContain(' PASS  deps-gate\n');

    const config = expandedConfig(dir);
    expect(Object.keys(config).filter((key) => (config[key] as Partial<Job>).script !== undefined)).toEqual([
      'deps-scan',
      'deps-gate',
    ]);
    const scan = config['deps-scan'] as Job;
    expect(scan.stage).toBe('security');
    // gitlab-ci-local writes needs in their long form (optional: false is GitLab's default).
    expect((config['deps-gate'] as Job).needs).toEqual([
      { job: 'deps-scan', artifacts: true, optional: false },
    ]);
    expect(scan.artifacts).toEqual({
      reports: {
        dependency_scanning: 'gl-dependency-scanning-report.json',
        codequality: 'gl-code-quality-report.json',
        sarif: 'out/shop.sarif',
      },
      when: 'always',
      paths: [
        'sca-bridge-summary.json',
        'out/shop.sarif',
        'gl-dependency-scanning-report.json',
        'gl-code-quality-report.json',
      ],
    });
    expect(scan.script[0]).toContain("'--timeout=30' '--poll-interval=5'");

    expect(jobLog(dir, 'deps-scan')).toContain('sca-bridge: the scan ran and the gate passed.\n');
    expect(filesUnder(artifactDir(dir, 'deps-scan'))).toEqual([
      'gl-code-quality-report.json',
      'gl-dependency-scanning-report.json',
      'out/shop.sarif',
      'sca-bridge-summary.json',
    ]);
    const summary = readArtifact<Summary>(dir, 'deps-scan', 'sca-bridge-summary.json');
    expect(summary).toMatchObject({
      status: 'passed',
      counts: { total: 2, critical: 1, high: 1, medium: 0, low: 0, info: 0, unknown: 0, suppressed: 0 },
      gate: { result: 'passed', failOn: 'critical:1', reasons: [], failOnPolicyViolation: true },
      sarifFile: 'out/shop.sarif',
      metadata: { title: 'Fix "quoted" path C:\\temp\\new', cost: '$5' },
    });
    const codeQuality = readArtifact<unknown[]>(dir, 'deps-scan', 'gl-code-quality-report.json');
    expect(codeQuality).toHaveLength(2);
    expect(schemaErrors('test/schemas/gitlab-code-quality.schema.json', codeQuality)).toEqual([]);
    expect(jobLog(dir, 'deps-gate')).toContain('Gate passed.\n');
  });

  it('fails the scan job when the scan itself fails, and never runs the gate', async () => {
    // No import_file, so mode is scan; no SCA_BRIDGE_TOKEN in the environment: exit 2 before any network call.
    const dir = await sampleProject(
      includeComponent({ cli: CLI_INPUT, scanner: 'dependency-track', api_url: 'https://dt.example.test' }),
    );
    const pipeline = await runPipeline(dir);
    expect(pipeline.code, pipeline.output).toBe(1);
    expect(pipeline.output).toContain(' FAIL  sca-bridge-scan\n');
    expect(pipeline.output).not.toContain('sca-bridge-gate starting');
    expect(existsSync(path.join(dir, '.gitlab-ci-local/output/sca-bridge-gate.log'))).toBe(false);
    const scanLog = jobLog(dir, 'sca-bridge-scan');
    expect(scanLog).toContain('error: Input token: no token given.');
    expect(scanLog).toContain(
      'sca-bridge: the scan failed (exit 2: 2 bad input, 3 scanner or network failure, 4 internal error).\n',
    );
    // The run summary is still an artifact (when: always), saying what went wrong.
    const summary = readArtifact<Summary>(dir, 'sca-bridge-scan', 'sca-bridge-summary.json');
    expect(summary.status).toBe('error');
    expect(summary.error?.exitCode).toBe(2);
  });

  it('fails the scan job with its own message when the cli command is not found (exit 127)', async () => {
    const dir = await sampleProject(
      includeComponent({ cli: 'sca-bridge-not-installed', import_file: ['reports/*.json'] }),
    );
    const pipeline = await runPipeline(dir);
    expect(pipeline.code, pipeline.output).toBe(1);
    expect(pipeline.output).toContain(' FAIL  sca-bridge-scan\n');
    expect(jobLog(dir, 'sca-bridge-scan')).toContain(
      "sca-bridge: the cli input's command was not found or cannot run (exit 127); check the cli input, and that the image has npm for the default one.\n",
    );
  });

  it('fails the scan job when the CLI cannot start, though its exit code (1) looks like a failed gate', async () => {
    // What npx does when it cannot fetch the package: exit 1, nothing on stdout.
    const dir = await sampleProject(includeComponent({ cli: 'false', import_file: ['reports/*.json'] }));
    const pipeline = await runPipeline(dir);
    expect(pipeline.code, pipeline.output).toBe(1);
    expect(pipeline.output).toContain(' FAIL  sca-bridge-scan\n');
    expect(existsSync(path.join(dir, '.gitlab-ci-local/output/sca-bridge-gate.log'))).toBe(false);
    expect(jobLog(dir, 'sca-bridge-scan')).toContain(
      'sca-bridge: the command exited 1 without a run summary; check the cli input and the log above.\n',
    );
  });

  it.each([
    [
      'a scan-only input on an import',
      { api_url: 'https://dt.example.test', keep_report: true },
      "error: Inputs api-url, keep-report: a scan's, which an import does not read",
    ],
    [
      'a negative timeout, the value of its flag rather than an option',
      { timeout: -1 },
      'error: Input timeout: expected a number of seconds greater than 0 and at most 86400, got "-1".',
    ],
  ])('fails the scan job on %s, naming the input (exit 2)', async (_what, inputs, message) => {
    const dir = await sampleProject(
      includeComponent({ cli: CLI_INPUT, import_file: ['reports/*.json'], ...inputs }),
    );
    const pipeline = await runPipeline(dir);
    expect(pipeline.code, pipeline.output).toBe(1);
    expect(pipeline.output).toContain(' FAIL  sca-bridge-scan\n');
    const scanLog = jobLog(dir, 'sca-bridge-scan');
    expect(scanLog).toContain(message);
    expect(scanLog).not.toContain('ambiguous');
    expect(scanLog).toContain('sca-bridge: the scan failed (exit 2: 2 bad input,');
  });

  it('runs the npm package as published, one package and nothing fetched, npm caching it for the gate job', async () => {
    // The package as `npm pack` makes it, run through npm exec as the default cli's npx runs it, with npm
    // offline: a dependency to fetch would fail the job (ENOTCACHED). The bundle in dist/ needs none.
    const packDir = scratch('sca-bridge-pack-');
    const pack = await run(
      'npm',
      ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir],
      REPO_ROOT,
      {
        PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
        HOME: packDir,
      },
    );
    expect(pack.code, pack.output).toBe(0);
    const [{ filename }] = JSON.parse(pack.stdout) as [{ filename: string }];
    const dir = await sampleProject(
      includeComponent({
        cli: `npm exec --yes --package=${shellWord(path.join(packDir, filename))} -- sca-bridge`,
        import_file: ['reports/*.json'],
      }),
    );
    const pipeline = await runPipeline(dir, 'sca-bridge', ['npm_config_offline=true']);
    expect(pipeline.code, pipeline.output).toBe(0);
    expect(jobLog(dir, 'sca-bridge-scan')).toContain(
      'reports/dependency-track.fpf.json: dtrack-fpf, 3 findings\n',
    );
    expect(jobLog(dir, 'sca-bridge-gate')).toContain('Gate passed.\n');
    // npm's cache in the project folder: npx installed sca-bridge alone.
    const npmCache = path.join(dir, '.gitlab-ci-local/builds/sca-bridge-scan/.sca-bridge-npm');
    const installs = readdirSync(path.join(npmCache, '_npx')).map((hash) =>
      readdirSync(path.join(npmCache, '_npx', hash, 'node_modules')).filter((name) => !name.startsWith('.')),
    );
    expect(installs).toEqual([['sca-bridge']]);
    // Saved under the version's key by the scan job and brought into the gate job's folder.
    const key = `sca-bridge-npm-${PACKAGE_VERSION}`;
    expect(existsSync(path.join(dir, '.gitlab-ci-local/cache', key, '.sca-bridge-npm/_cacache'))).toBe(true);
    expect(pipeline.output).toMatch(new RegExp(`sca-bridge-gate +imported cache '${key}'`));
    expect(existsSync(path.join(dir, '.gitlab-ci-local/builds/sca-bridge-gate/.sca-bridge-npm/_npx'))).toBe(
      true,
    );
  });

  it.each([
    [
      'scanner',
      'snyk',
      '`scanner` input: `snyk` cannot be used because it is not in the list of allowed options.',
    ],
    [
      'fail_on',
      'high,critical',
      `\`fail_on\` input: \`high,critical\` does not match required regex: ${templateDocuments()[0].spec.inputs.fail_on?.regex}.`,
    ],
    ['timeout', 'ten minutes', '`timeout` input: provided value is not a number.'],
    ['import_file', 'reports/*.json', '`import_file` input: provided value is not a array.'],
  ])('refuses the input %s: %j before any job runs', async (name, value, message) => {
    const dir = await sampleProject(includeComponent({ cli: CLI_INPUT, [name]: value }));
    const pipeline = await runPipeline(dir);
    expect(pipeline.code).toBe(1);
    expect(pipeline.output).toContain(
      `This GitLab CI configuration is invalid: \`templates/sca-bridge.yml\`: ${message}\n`,
    );
    expect(existsSync(path.join(dir, '.gitlab-ci-local/output'))).toBe(false);
  });
});
