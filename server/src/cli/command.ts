import { parseArgs, type ParseArgsConfig } from 'node:util';
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

/** Prints a usage error for `layan <name>` to stderr and returns exit code 2. */
export function usageError(io: CliIO, name: string, message: string): number {
  io.stderr(`layan ${name}: ${message}\n\nRun \`layan ${name} --help\` for usage.`);
  return 2;
}

/**
 * `parseArgs` for a command: an unknown or malformed option becomes a usage error (exit code 2,
 * returned as a number) rather than an exception with a stack trace.
 */
export function parseCommandArgs<T extends ParseArgsConfig>(
  io: CliIO,
  name: string,
  config: T,
): ReturnType<typeof parseArgs<T>> | number {
  try {
    return parseArgs(config);
  } catch (error) {
    return usageError(io, name, (error as Error).message);
  }
}
