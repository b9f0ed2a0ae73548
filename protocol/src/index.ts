export * from './errors.js';
export * from './formatWait.js';
export * from './limits.js';
export * from './schemaError.js';
export * from './http.js';
export * from './socketEvents.js';
export * from './inviteLinks.js';
export * from './apiClient.js';
