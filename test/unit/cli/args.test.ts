import { describe, expect, it } from 'vitest';
import { closestFlag, COMMAND_FLAGS, looseArgs, parseCliArgs, refuseFlags } from '../../../src/cli/args.js';
import { UserError } from '../../../src/errors.js';

/** The message parseCliArgs refuses a command line with. */
function refusal(argv: string[]): string {
  try {
    parseCliArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
}

describe('an unknown flag', () => {
  it.each([
    ['--fail_on', '--fail-on'],
    ['--failon', '--fail-on'],
    ['--Fail-On', '--fail-on'],
    ['--fial-on', '--fail-on'],
    ['--min_severity', '--min-severity'],
    ['--jsn', '--json'],
    ['--no_insecure', '--no-insecure'],
    ['--sarif', '--sarif-file'],
  ])('%s is taken for %s', (written, meant) => {
    expect(closestFlag(written)).toBe(meant);
    expect(refusal(['import', 'x.json', written])).toBe(`Unknown flag ${written}; did you mean ${meant}?`);
  });

  it.each(['--bogus', '--no-timeout', '-x', '--include'])('%s is near no flag', (written) => {
    expect(closestFlag(written)).toBeUndefined();
    expect(refusal(['import', written])).toBe(
      `Unknown flag ${written}. Run \`sca-bridge --help\` for the flags (a file whose name starts with - goes after --).`,
    );
  });
});

describe("node's other refusals", () => {
  it.each([
    [['--timeout', '-1'], "Option '--timeout' argument is ambiguous."],
    [['--timeout'], "Option '--timeout <value>' argument missing"],
    [['--insecure=true'], "Option '--insecure' does not take an argument"],
  ])('%j: one line, one full stop between sentences', (argv, start) => {
    const message = refusal(['import', 'x.json', ...argv]);
    expect(message.startsWith(start)).toBe(true);
    expect(message).not.toContain('\n');
    expect(message).not.toMatch(/\.\./);
    expect(message).toMatch(/\. Run `sca-bridge --help` for the flags\.$/);
  });
});

describe('a flag of one value given more than once', () => {
  it.each([
    [
      ['--fail-on', 'critical:0', '--fail-on', 'high:5,low:9'],
      '--fail-on is given more than once ("critical:0" and "high:5,low:9"); it takes one value, and only the last would count: give the budgets once, comma-separated: --fail-on critical:0,high:5,low:9.',
    ],
    [
      ['--fail-on', 'critical:0', '--fail-on', 'critical:2'],
      '--fail-on is given more than once ("critical:0" and "critical:2"); it takes one value, and only the last would count: give one rule: a severity, any, none, or budgets comma-separated such as critical:0,high:5.',
    ],
    [
      ['--fail-on=high', '--fail-on', ''],
      '--fail-on is given more than once ("high" and ""); it takes one value, and only the last would count: give one rule: a severity, any, none, or budgets comma-separated such as critical:0,high:5.',
    ],
    [
      ['--min-severity', 'high', '--min-severity', 'low', '--min-severity', 'info'],
      '--min-severity is given more than once ("high", "low" and "info"); it takes one value, and only the last would count: give it once.',
    ],
    [
      ['--token-file', 'a', '--token-file', 'b'],
      '--token-file is given more than once ("a" and "b"); it takes one value, and only the last would count: give it once.',
    ],
    [
      ['--webhook-url', 'https://hooks.example.test/T1', '--webhook-url', 'https://hooks.example.test/T2'],
      '--webhook-url is given more than once with different values (not shown: a URL may carry a token); it takes one value, and only the last would count: give it once.',
    ],
    [
      ['--no-fail-on-policy-violation', '--fail-on-policy-violation'],
      '--no-fail-on-policy-violation and --fail-on-policy-violation are both given, and only the last would count; give one.',
    ],
  ])('%j is refused, naming the flag, its values and what to do', (argv, message) => {
    expect(refusal(['import', 'x.json', ...argv])).toBe(message);
  });

  it('is taken when its value is the same each time, and lists and switches written twice stay as they were', () => {
    const args = parseCliArgs([
      'import',
      'x.json',
      '--sarif-file=a.sarif',
      '--sarif-file',
      'a.sarif',
      '--json',
      '--json',
      '-h',
      '--help',
      '--watches',
      'a',
      '--watches',
      'b',
      '--import-file',
      'y.json',
      '--import-file',
      'z.json',
      '--include-path-patterns',
      'a/**',
      '--include-path-patterns',
      'b/**',
      '--metadata',
      'k=1',
      '--metadata',
      'k=2',
    ]);
    expect(args.inputs).toMatchObject({
      'sarif-file': 'a.sarif',
      watches: ['a', 'b'],
      'import-file': ['y.json', 'z.json'],
      'include-path-patterns': ['a/**', 'b/**'],
      metadata: ['k=1', 'k=2'],
    });
    expect([args.json, args.help]).toEqual([true, true]);
  });
});

describe('a secret given as a flag', () => {
  it.each([
    ['--token=abc', 'SCA_BRIDGE_TOKEN'],
    ['--TOKEN=abc', 'SCA_BRIDGE_TOKEN'],
    ['--Token', 'SCA_BRIDGE_TOKEN'],
    ['--webhook-secret=abc', 'SCA_BRIDGE_WEBHOOK_SECRET'],
    ['--webhook_secret=abc', 'SCA_BRIDGE_WEBHOOK_SECRET'],
  ])('%s is refused whatever its spelling, pointing at %s, never at another flag', (written, variable) => {
    const message = refusal(['import', 'x.json', written]);
    expect(message).toContain(variable);
    expect(message).not.toContain('did you mean');
    expect(message).not.toContain('abc');
  });
});

describe('the flags a command reads', () => {
  /** A flag as a user gives it: with a value when it takes one, bare when it is a switch. */
  function given(flag: string): string[] {
    try {
      parseCliArgs([`--${flag}=x`]);
      return [`--${flag}=x`];
    } catch {
      return [`--${flag}`];
    }
  }

  it.each(Object.entries(COMMAND_FLAGS))('are all taken by %s, with --verbose', (command, takes) => {
    const argv = [command, ...takes.flags.flatMap(given), '--verbose'];
    expect(() => refuseFlags(parseCliArgs(argv))).not.toThrow();
  });
});

describe('a command line that cannot be parsed, read leniently for the webhook and --json', () => {
  const url = 'https://hooks.example.com/in';

  it('takes the command, --json and the inputs sending the webhook reads', () => {
    expect(
      looseArgs([
        'import',
        'x.json',
        '--bogus',
        '--json',
        '--webhook-url',
        url,
        '--insecure',
        '--ca-file',
        'ca.pem',
      ]),
    ).toEqual({
      command: 'import',
      json: true,
      inputs: { 'webhook-url': url, insecure: 'true', 'ca-file': 'ca.pem' },
    });
    expect(looseArgs(['scan', '--no-insecure', `--webhook-url=${url}`]).inputs).toEqual({
      insecure: 'false',
      'webhook-url': url,
    });
  });

  it('takes no webhook input that is given twice otherwise: it may be what was refused', () => {
    expect(looseArgs(['import', '--webhook-url', url, '--webhook-url', `${url}2`, '--json'])).toEqual({
      command: 'import',
      json: true,
      inputs: {},
    });
    expect(looseArgs(['import', '--no-insecure', '--webhook-url', url, '--insecure']).inputs).toEqual({});
    expect(
      looseArgs(['import', '--ca-file', 'a.pem', '--webhook-url', url, '--ca-file', 'b.pem']).inputs,
    ).toEqual({});
    // The same value again is no conflict.
    expect(looseArgs(['import', '--insecure', '--webhook-url', url, '--insecure']).inputs).toEqual({
      insecure: 'true',
      'webhook-url': url,
    });
  });
});
