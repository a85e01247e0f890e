/** Builds dist/cli when it is missing or older than the sources; returns the entry's file URL. */
export function cliEntry(): Promise<string>;
/** Builds dist/cli unconditionally. */
export function buildCli(): Promise<void>;
