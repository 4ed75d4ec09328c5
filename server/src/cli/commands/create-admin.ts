import { migrate } from '../../db/migrate.ts';
import { closeDeps, type Deps } from '../../deps.ts';
import { readEnv } from '../../env.ts';
import { AppError } from '../../errors.ts';
import { resolveAuthConfig } from '../../modules/identity/identity.config.ts';
import { createStaff } from '../../modules/identity/identity.staff.service.ts';
import type { CliIO, Command } from '../command.ts';
import { describeDatabase, openForCommand } from '../open.ts';

export interface CreateAdminInput {
  email: string;
  name: string;
  /** Omitted: a password is generated and printed once. */
  password?: string;
}

/**
 * Creates an admin nasional without anyone signed in: the bootstrap of a new installation.
 * Audited as a `system` action. Returns the exit code (0 done, 1 refused).
 */
export async function createAdmin(deps: Deps, input: CreateAdminInput, io: CliIO): Promise<number> {
  try {
    const result = await createStaff({
      db: deps.database.db,
      config: resolveAuthConfig(deps),
      principal: null,
      input: {
        email: input.email,
        name: input.name,
        regionCode: null,
        password: input.password,
        grants: [{ role: 'admin_nasional', regionCode: null }],
      },
      context: { ip: '127.0.0.1', requestId: 'cli-create-admin' },
    });
    io.stdout(`Admin nasional dibuat / created: ${result.staff.id}`);
    if (result.password) {
      io.stdout(`Kata sandi (sekali tampil) / password (shown once): ${result.password}`);
      io.stdout(
        'Simpan di pengelola kata sandi; aktifkan TOTP setelah masuk. / Store it in a password manager; turn on TOTP after signing in.',
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      io.stderr(`layan create-admin: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export const command: Command = {
  name: 'create-admin',
  summary: 'Create an admin nasional (first sign-in) / buat admin nasional',
  usage: `Usage: layan create-admin --email <email> --name <name> [--password-stdin]

Creates a staff account with the admin nasional role, for the first sign-in of a new installation
(later admins are created through POST /api/v1/admin/staff). With --password-stdin the password
(at least 12 characters) is read from standard input; otherwise one is generated and printed once.
Migrates first. Uses DATABASE_URL when set, else the embedded PGlite in DATA_DIR.

  echo -n "$ADMIN_PASSWORD" | layan create-admin --email admin@example.go.id --name "Admin" --password-stdin`,
  async run(args, io) {
    const email = option(args, '--email');
    const name = option(args, '--name');
    if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || !name || name.trim().length < 2) {
      io.stderr('layan create-admin: --email <email> and --name <name> are required');
      return 2;
    }
    let password: string | undefined;
    if (args.includes('--password-stdin')) {
      password = await readStdin();
      if (password.length < 12 || password.length > 200) {
        io.stderr('layan create-admin: the password must have 12 to 200 characters');
        return 2;
      }
    }
    const deps = await openForCommand(readEnv(), io);
    if (typeof deps === 'number') return deps;
    try {
      io.stdout(`Database: ${describeDatabase(deps)}`);
      await migrate(deps.database.db);
      return await createAdmin(deps, { email, name, password }, io);
    } finally {
      await closeDeps(deps);
    }
  },
};
