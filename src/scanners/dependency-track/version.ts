/** A Dependency-Track version as `/api/version` reports it (`4.14.3`, `5.0.4`, `4.0.0-SNAPSHOT`). */
export interface DtVersion {
  text: string;
  major: number;
  minor: number;
  patch: number;
}

export function parseDtVersion(text: string | undefined): DtVersion | undefined {
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
export function atLeast(version: DtVersion | undefined, major: number, minor: number): boolean | undefined {
  if (!version) return undefined;
  return version.major > major || (version.major === major && version.minor >= minor);
}

/** Features this flow uses, with the first version that has them (research/dependency-track.md). */
const SINCE = {
  /** `GET /api/v1/team/self`. */
  teamSelf: [4, 4],
  /** `parentUUID` / `parentName` on upload. */
  parent: [4, 8],
  /** `GET /api/v1/event/token/{t}`; before it, `/api/v1/bom/token/{t}`. */
  eventToken: [4, 11],
  /** `projectTags` and `isLatest` on upload. */
  tagsAndLatest: [4, 12],
} as const satisfies Record<string, readonly [number, number]>;

export function has(version: DtVersion | undefined, feature: keyof typeof SINCE): boolean | undefined {
  const [major, minor] = SINCE[feature];
  return atLeast(version, major, minor);
}
