/** Pieces shared by the commander programs of `irule-lint` and `irule-sim`. */
import type { CommanderError, OutputConfiguration } from 'commander';
import type { CliIo } from './run.js';

/** Commander output routed to the injected streams; its own error printing is off (run() prints one line). */
export function commanderOutput(io: CliIo): OutputConfiguration {
  return {
    writeOut: (s) => io.stdout(s),
    writeErr: (s) => io.stderr(s),
    outputError: () => {},
    getOutHelpWidth: () => 80,
    getErrHelpWidth: () => 80,
    getOutHasColors: () => false,
    getErrHasColors: () => false,
  };
}

/** Commander's message as one line without its `error: ` prefix. */
export function commanderMessage(err: CommanderError): string {
  return err.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim();
}

/** The message of anything thrown. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
