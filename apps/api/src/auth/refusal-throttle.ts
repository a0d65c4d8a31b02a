import { ClientWindowCounter } from './client-window-counter';

/** Counts the refused X-API-Tokens of each client, for AUTH_FAILURE_LIMIT per AUTH_FAILURE_WINDOW_SECONDS. */
export class RefusalThrottle extends ClientWindowCounter {}
