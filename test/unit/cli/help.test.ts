import { describe, expect, it } from 'vitest';
import { COMMAND_FLAGS } from '../../../src/cli/args.js';
import { HELP, helpFor } from '../../../src/cli/help.js';

describe('a command’s own help', () => {
  it.each(Object.entries(COMMAND_FLAGS))('names every flag %s takes, and its usage', (command, takes) => {
    const help = helpFor(command);
    expect(help).toMatch(new RegExp(`^Usage: sca-bridge ${command} `));
    if (takes.files) expect(help).toContain(takes.files);
    // Not followed by a word character or a dash: `--project` is not found in `--project-name`.
    for (const flag of takes.flags) expect(help).toMatch(new RegExp(`--(no-)?${flag}(?![\\w-])`));
  });

  it('is the whole help for scan, import and no command: they take every flag', () => {
    for (const command of ['scan', 'import', undefined]) expect(helpFor(command)).toBe(HELP);
  });
});
