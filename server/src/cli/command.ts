/** Output sinks for a command, so tests can run commands in-process and read what they print. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * One `layan <name>` command. `run` returns the exit code instead of calling process.exit, so a
 * command can be tested in-process and `main` decides when the process ends.
 */
export interface Command {
  name: string;
  /** One line shown in `layan --help`. */
  summary: string;
  /** The full text of `layan <name> --help`. */
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

export const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** True when the arguments ask for help. */
export function wantsHelp(args: string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}

/** Prints a JSON value the way every domain command does: two-space indented, one document. */
export function printJson(io: CliIO, value: unknown): void {
  io.stdout(JSON.stringify(value, null, 2));
}
