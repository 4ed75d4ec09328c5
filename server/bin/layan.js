#!/usr/bin/env node
// The `layan` command. The server is TypeScript run through tsx's loader, so the same source
// serves `npm start`, the CLI and the tests without a separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
