import type { Command } from '../command.ts';

// Placeholder until the domain rules land in this session; replaced by the real command.
export const command: Command = {
  name: 'spbe',
  summary: '(not yet available)',
  usage: 'layan spbe: not yet available',
  run: async (_args, io) => {
    io.stderr('layan spbe: not yet available');
    return 2;
  },
};
