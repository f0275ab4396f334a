// The error of a config file that cannot be used, apart from the resolver so the CLI's entry can tell it apart
// without loading config parsing.

/** A config file that could not be used; `messages` are `path:line:col: message` lines. The CLI exits 2. */
export class ConfigError extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join('\n'));
    this.name = 'ConfigError';
  }
}
