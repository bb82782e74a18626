import { setTimeout as sleep } from 'node:timers/promises';
import { ExitCode, ScannerError } from './errors.js';
import type { Logger } from './logger.js';

/** The run was stopped from outside: said as it is, never wrapped in what the call was doing. */
export class JobStopped extends ScannerError {
  constructor(signal: string) {
    super(`The job was stopped (${signal}) before the scan finished; nothing is reported.`);
  }
}

/**
 * Turns the CI system stopping the job into a cancelled run: GitHub's cancel sends SIGINT (then SIGTERM,
 * then kills), GitLab's job timeout SIGTERM. The scanner flow stops waiting, deletes what it created on the
 * server (an Xray report), and the run ends as an error (exit 3) with its summary and webhook. A second
 * signal ends the process at once.
 */
export function cancelOnSignals(logger: Logger): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    // The exit code the cancelled run would have ended with.
    if (controller.signal.aborted) process.exit(ExitCode.ScannerFailure);
    logger.warn(`${name}: the job is being stopped; cancelling the scan and cleaning up.`);
    controller.abort(new JobStopped(name));
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  for (const name of signals) process.on(name, onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const name of signals) process.off(name, onSignal);
    },
  };
}

/** Waits `ms`, unless the run is cancelled first: then it throws the cancellation. */
export async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, undefined, signal ? { signal } : undefined);
  } catch (error) {
    signal?.throwIfAborted();
    throw error;
  }
}
