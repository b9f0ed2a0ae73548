import type * as ValidationModule from './validation.js';

type Validation = typeof ValidationModule;

let loading: Promise<Validation> | null = null;

/**
 * The web client's validating code (validation.ts: zod, the contract's schemas, the checked HTTP client), loaded
 * once on first use. A failed load (the server unreachable) is tried again on the next use.
 */
export function loadValidation(): Promise<Validation> {
  loading ??= import('./validation.js').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
