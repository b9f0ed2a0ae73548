// The part of the contract that needs no zod at run time: error codes and their sentences, results, limits, paths,
// invite links, waits. For code on a page's first load (the web client's entry), which should not carry zod; the
// schemas and the checked HTTP client are in the main entry (`@wava/protocol`), which re-exports all of this too.
export * from './errors.js';
export * from './result.js';
export * from './missingCaseError.js';
export * from './paths.js';
export * from './contentSecurityPolicy.js';
export * from './formatWait.js';
export * from './limits.js';
export * from './inviteLinks.js';
