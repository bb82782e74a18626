import { describe, expect, it } from 'vitest';
import { commandsStopped, redactDeep, Redactor, StreamLogger } from '../../src/logger.js';

describe('commandsStopped', () => {
  it('leaves a message that holds no command as it is', () => {
    expect(commandsStopped('Connection OK: Dependency-Track 4.13.2 (team "ops").')).toEqual([
      'Connection OK: Dependency-Track 4.13.2 (team "ops").',
    ]);
  });

  it.each([
    ['`::` at a line start', 'busy\n::add-mask::main'],
    // .NET's TrimStart strips U+0085 before the runner looks for `::`; JavaScript's \s does not know it.
    ['`::` after U+0085', 'busy\n\u0085::error::PWN'],
    ['`::` after U+FEFF or any other character', 'busy\n\ufeff::error::PWN'],
    ['`##[` anywhere', 'busy ##[add-mask]main'],
  ])('stops commands around a message with %s, under a token used once', (_, message) => {
    const [start, printed, end, ...rest] = commandsStopped(message);
    expect(rest).toEqual([]);
    expect(printed).toBe(message);
    const token = /^::stop-commands::([0-9a-f-]{36})$/.exec(start ?? '')?.[1];
    expect(end).toBe(`::${token}::`);
    expect(commandsStopped(message)[0]).not.toBe(start);
  });
});

describe('StreamLogger', () => {
  function logged(inGitHubActions: boolean): string {
    let out = '';
    const logger = new StreamLogger((text) => (out += text), false, inGitHubActions);
    logger.secret('secret-0123456789');
    logger.warn('from the server: \n::add-mask::main secret-0123456789');
    logger.info('plain');
    return out;
  }

  it('stops commands in a GitHub run: step, with the level and secrets masked inside the block', () => {
    const lines = logged(true).split('\n');
    expect(lines[0]).toMatch(/^::stop-commands::/);
    expect(lines.slice(1, 3)).toEqual(['warning: from the server: ', '::add-mask::main ***']);
    expect(lines[3]).toBe(`::${lines[0]?.slice('::stop-commands::'.length)}::`);
    expect(lines.slice(4)).toEqual(['plain', '']);
  });

  it('prints as it always did elsewhere', () => {
    expect(logged(false)).toBe('warning: from the server: \n::add-mask::main ***\nplain\n');
  });
});

describe('Redactor.redactBytes', () => {
  it('masks every secret in bytes, longest first, and returns bytes that hold none as they are', () => {
    const redactor = new Redactor(['tok-0123456789', 'Bearer tok-0123456789']);
    const bytes = Buffer.from('a Bearer tok-0123456789 b tok-0123456789 c tok-0123456789');
    expect(redactor.redactBytes(bytes).toString()).toBe('a *** b *** c ***');
    const clean = Buffer.from('{"rows": []}');
    expect(redactor.redactBytes(clean)).toBe(clean);
  });
});

describe('redactDeep', () => {
  const redact = (text: string) => text.split('tok-123456').join('***');

  it('masks every string however deep, copying only what changed', () => {
    const clean = { ids: ['CVE-2021-1'], component: { name: 'lodash' } };
    const finding = {
      ...clean,
      description: 'echoed tok-123456',
      paths: [['a', 'tok-123456/b']],
      score: 7.5,
    };
    const masked = redactDeep(finding, redact);
    expect(masked).toEqual({ ...clean, description: 'echoed ***', paths: [['a', '***/b']], score: 7.5 });
    // Unchanged parts are the same objects; the input is left as it was.
    expect(masked.component).toBe(finding.component);
    expect(masked.ids).toBe(finding.ids);
    expect(finding.description).toBe('echoed tok-123456');
    expect(redactDeep(clean, redact)).toBe(clean);
  });
});

describe('Redactor', () => {
  it('masks a secret added after it has redacted, longest first', () => {
    const redactor = new Redactor(['abcd']);
    expect(redactor.redact('x abcdef y')).toBe('x ***ef y');
    redactor.add('abcdef');
    expect(redactor.redact('x abcdef y')).toBe('x *** y');
    expect(redactor.redact('nothing here')).toBe('nothing here');
  });
});
