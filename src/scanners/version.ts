/** A scanner's version as its API reports it (`4.14.3`, `5.0.4`, `4.0.0-SNAPSHOT`, Xray's `3.131.25`). */
export interface ServerVersion {
  text: string;
  major: number;
  minor: number;
  patch: number;
}

export function parseServerVersion(text: string | undefined): ServerVersion | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(text?.trim() ?? '');
  if (!match) return undefined;
  return {
    text: text!.trim(),
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3] ?? 0),
  };
}

/** Whether the server is at least `major.minor`; `undefined` when its version is unknown. */
export function atLeast(
  version: ServerVersion | undefined,
  major: number,
  minor: number,
): boolean | undefined {
  if (!version) return undefined;
  return version.major > major || (version.major === major && version.minor >= minor);
}
