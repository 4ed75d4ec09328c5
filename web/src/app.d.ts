import type { IncomingMessage } from 'node:http';
import type { InProcessApi } from '@layan/server/http/web.ts';
import type { Lang } from '$lib/i18n';

declare global {
  namespace App {
    interface Locals {
      lang: Lang;
    }
    interface Platform {
      /** The raw Node request; Layan's server attaches its in-process API as `req.layan`. */
      req: IncomingMessage & { layan?: InProcessApi };
    }
    interface Error {
      code?: string;
    }
  }
}

export {};
