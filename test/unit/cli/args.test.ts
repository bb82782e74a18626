import { describe, expect, it } from 'vitest';
import { closestFlag, COMMAND_FLAGS, parseCliArgs, refuseFlags } from '../../../src/cli/args.js';
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
