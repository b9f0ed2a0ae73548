import type { ApiError } from './errors.js';

/**
 * The outcome of every request to the server, over HTTP and as a socket ack alike: data, or an error from the
 * closed set. Never thrown.
 */
export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError };
