import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';

/** What the middleware works out once per request, for the handlers. */
export interface AppVariables {
  /** The client's IP: the socket's peer, or the proxy's `X-Forwarded-For` when the proxy is trusted. */
  ip: string;
  /** Whether the client reached us over https (directly, by PUBLIC_URL, or via a trusted proxy). */
  secure: boolean;
}

export interface AppEnv {
  Bindings: HttpBindings;
  Variables: AppVariables;
}

export type AppContext = Context<AppEnv>;
