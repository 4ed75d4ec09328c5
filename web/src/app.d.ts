import type { IncomingMessage } from 'node:http';
import type { Lang } from '$lib/i18n';

declare global {
  namespace App {
    interface Locals {
      lang: Lang;
    }
    interface Platform {
      /** The raw Node request; Layan's server attaches its in-process API as `req.layan`. */
      req: IncomingMessage & {
        layan?: {
          request(options: {
            method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
            url: string;
            headers?: Record<string, string>;
            body?: unknown;
          }): Promise<{ status: number; headers: Record<string, unknown>; body: unknown }>;
        };
      };
    }
    interface Error {
      code?: string;
    }
  }
}

export {};
