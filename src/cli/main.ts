import { describeError, ExitCode, exitCodeOf, UserError } from '../errors.js';
import { type Logger, StreamLogger } from '../logger.js';
import { VERSION } from '../version.js';
import { parseCliArgs, refuseFlags } from './args.js';
import type { CliIo } from './commands.js';
import { helpFor } from './help.js';

export type { CliIo } from './commands.js';

export async function main(io: CliIo): Promise<number> {
  // In a GitHub `run:` step the runner reads this output for workflow commands, which a server's text must not add.
  const inGitHubActions = io.env.GITHUB_ACTIONS === 'true';
  let logger: Logger = new StreamLogger(io.stderr, false, inGitHubActions);
  let parsed = false;
  try {
    const args = parseCliArgs(io.argv);
    parsed = true;
    logger = new StreamLogger(io.stderr, args.verbose, inGitHubActions);
    if (args.version) {
      io.stdout(`${VERSION}\n`);
      return ExitCode.Ok;
    }
    if (args.help || !args.command) {
      io.stdout(helpFor(args.command));
      return args.command || args.help ? ExitCode.Ok : ExitCode.BadInput;
    }
    refuseFlags(args);
    switch (args.command) {
      case 'import':
      case 'scan':
        return await (await import('./commands.js')).runReport(args.command, args, io, logger);
      case 'test-connection':
        return await (await import('./commands.js')).testConnection(args, io, logger);
      case 'list-repos':
        return await (await import('./commands.js')).listRepos(args, io, logger);
      case 'gate':
        return await (await import('./commands.js')).runGate(args, logger);
      default:
        throw new UserError(
          `Unknown command "${args.command}". Commands: scan, import, test-connection, list-repos, gate. Run \`sca-bridge --help\`.`,
        );
    }
  } catch (error) {
    logger.error(describeError(error));
    if (!parsed) await (await import('./commands.js')).reportUnparsedRun(io, error, logger);
    return exitCodeOf(error);
  }
}
