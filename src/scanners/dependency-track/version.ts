import { atLeast, type ServerVersion } from '../version.js';

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

export function has(version: ServerVersion | undefined, feature: keyof typeof SINCE): boolean | undefined {
  const [major, minor] = SINCE[feature];
  return atLeast(version, major, minor);
}
