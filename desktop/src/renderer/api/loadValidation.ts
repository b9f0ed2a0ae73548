import type * as ValidationModule from './validation.js';

type Validation = typeof ValidationModule;

let loading: Promise<Validation> | null = null;

/**
 * The web client's validating code (validation.ts: zod, the contract's schemas, the checked HTTP client), loaded
 * once on first use. A failed load is tried again on the next use, though a browser may keep the failure and a new
 * build on the server has other chunk names: its users answer RELOAD_NEEDED for it.
 */
export function loadValidation(): Promise<Validation> {
  loading ??= import('./validation.js').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
