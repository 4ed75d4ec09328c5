import { processIO, wantsHelp, type CliIO } from './command.ts';
import { commands } from './commands/index.ts';

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: layan <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `layan <command> --help` for the options of one command.',
  ].join('\n');
}

/** Runs one CLI invocation and returns its exit code. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || wantsHelp([name])) {
    io.stdout(overview());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`layan: unknown command "${name}"\n\n${overview()}`);
    return 2;
  }
  if (wantsHelp(rest)) {
    io.stdout(command.usage);
    return 0;
  }
  return command.run(rest, io);
}
