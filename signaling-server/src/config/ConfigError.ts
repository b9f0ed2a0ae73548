/** Bad configuration: the message is a sentence for the person starting the server. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
