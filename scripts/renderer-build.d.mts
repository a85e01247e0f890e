/** dist/renderer: the renderer build `cup-payouts serve-web` serves. */
export const rendererBuildDir: string;
/** Whether dist/renderer exists and is newer than every renderer source. */
export function isRendererFresh(): boolean;
/** Builds dist/renderer unconditionally. */
export function buildRenderer(): Promise<void>;
/** Builds dist/renderer when it is missing or stale (in a child process unless `inProcess`); returns its path. */
export function ensureRendererBuild(options?: { inProcess?: boolean }): Promise<string>;
