import { PackageURL } from 'packageurl-js';
import type { Component } from './model.js';

/** OS package types, whose purl namespace is the distribution: `apt install libssl3`, not `debian/libssl3`. */
const OS_PACKAGE_TYPES = new Set(['deb', 'apk', 'rpm', 'alpm']);

/**
 * The name as the ecosystem writes it: Maven `group:artifact`, OS packages their bare name, others
 * `namespace/name` (npm `@scope/name`).
 */
export function packageNameOf(
  ecosystem: string | undefined,
  group: string | undefined,
  name: string,
): string {
  if (!group || OS_PACKAGE_TYPES.has(ecosystem ?? '')) return name;
  return ecosystem === 'maven' ? `${group}:${name}` : `${group}/${name}`;
}

function buildPurl(
  ecosystem: string,
  namespace: string | undefined,
  name: string,
  version: string | undefined,
  qualifiers?: Record<string, string>,
): string | undefined {
  try {
    return new PackageURL(ecosystem, namespace, name, version, qualifiers, undefined).toString();
  } catch {
    return undefined;
  }
}

/** Reads a purl; falls back to the given fields when the purl is absent or malformed. */
export function componentFromPurl(
  purl: string | undefined,
  fallback: { name: string; group?: string; version?: string },
): Component {
  if (purl) {
    try {
      const parsed = PackageURL.fromString(purl);
      const group = parsed.namespace ?? fallback.group ?? undefined;
      return {
        packageName: packageNameOf(parsed.type, group, parsed.name),
        name: parsed.name,
        ...(group ? { group } : {}),
        ...(fallback.version || parsed.version ? { version: fallback.version || parsed.version } : {}),
        purl,
        ecosystem: parsed.type,
      };
    } catch {
      // A malformed purl still leaves the name and version to report.
    }
  }
  return {
    packageName: packageNameOf(undefined, fallback.group, fallback.name),
    name: fallback.name,
    ...(fallback.group ? { group: fallback.group } : {}),
    ...(fallback.version ? { version: fallback.version } : {}),
    ...(purl ? { purl } : {}),
  };
}

/** Xray's package types (component-id schemes and `package_type` words) as purl types. */
const XRAY_TYPES: Record<string, string> = {
  gav: 'maven',
  maven: 'maven',
  // jf writes the technology for some: Gradle for a gav (Go's map order picks Maven or Gradle), Python for pypi.
  gradle: 'maven',
  npm: 'npm',
  pypi: 'pypi',
  python: 'pypi',
  go: 'golang',
  golang: 'golang',
  deb: 'deb',
  debian: 'deb',
  alpine: 'apk',
  rpm: 'rpm',
  nuget: 'nuget',
  composer: 'composer',
  rubygems: 'gem',
  gem: 'gem',
  cargo: 'cargo',
  docker: 'docker',
  oci: 'oci',
  conan: 'conan',
  cocoapods: 'cocoapods',
  conda: 'conda',
  generic: 'generic',
  github: 'github',
  hex: 'hex',
  pub: 'pub',
  swift: 'swift',
  huggingface: 'huggingface',
};

export function ecosystemOfXrayType(type: string | undefined): string | undefined {
  if (!type) return undefined;
  const word = type.trim().toLowerCase();
  // Own keys only: a type such as `__proto__` must not reach the object's prototype.
  return Object.hasOwn(XRAY_TYPES, word) ? XRAY_TYPES[word] : undefined;
}

/** How many leading `:` fields of an OS package id name the distribution, before the package name. */
const DISTRO_FIELDS: Record<string, number> = { deb: 2, apk: 1, rpm: 1 };

/**
 * The purl spec's rpm type writes the version as version-release and the epoch as an `epoch` qualifier; deb
 * (and alpm) keep the epoch in the version, and apk has none. The component's own version stays the whole
 * `epoch:version-release`, as rpm and Xray's fixed versions write it: the epoch decides which is newer.
 */
function rpmPurlVersion(
  version: string | undefined,
  qualifiers: Record<string, string>,
): { purlVersion: string | undefined; qualifiers: Record<string, string> } {
  const epoch = /^(\d+):(.+)$/.exec(version ?? '');
  if (!epoch?.[1] || !epoch[2]) return { purlVersion: version, qualifiers };
  return { purlVersion: epoch[2], qualifiers: { ...qualifiers, epoch: epoch[1] } };
}

/** A generic file Xray knows by its content hash: `sha256:<hex>/<path>/<file>`. */
const HASHED_FILE = /^sha256:([0-9a-f]+)\/(?:.*\/)?([^/]+)$/i;

/**
 * A hashed generic file is named by its basename; the hash is its identity, kept as the purl's checksum.
 * Its version is not recorded anywhere, and guessing it from the file name would misname as many as it names.
 */
function hashedFileComponent(rest: string): Component | undefined {
  const match = HASHED_FILE.exec(rest);
  if (!match) return undefined;
  const [, hash = '', name = rest] = match;
  const purl = buildPurl('generic', undefined, name, undefined, { checksum: `sha256:${hash.toLowerCase()}` });
  return { packageName: name, name, ...(purl ? { purl } : {}), ecosystem: 'generic' };
}

/**
 * Parses an Xray component id: `gav://group:artifact:version`, `npm://@scope/name:version`,
 * `deb://debian:bookworm:libssl3:3.0.13-1~deb12u1` (versions may hold `:` epochs),
 * `alpine://3.18:libcrypto3:3.1.1-r1`, `go://github.com/a/b:v1.2.3`, `docker://image:tag`,
 * `generic://sha256:<hex>/lib/log4j-core-2.14.1.jar`.
 */
export function componentFromXrayId(id: string, typeHint?: string): Component {
  // A report has a row per vulnerability of a component: its id is parsed once. Components are never changed
  // after they are made, so findings may share one. Bounded for long-lived processes.
  const key = `${typeHint?.length ?? -1}:${typeHint ?? ''}${id}`;
  let component = parsedXrayIds.get(key);
  if (!component) {
    component = parseXrayId(id, typeHint);
    if (parsedXrayIds.size < 100_000) parsedXrayIds.set(key, component);
  }
  return component;
}

const parsedXrayIds = new Map<string, Component>();

function parseXrayId(id: string, typeHint: string | undefined): Component {
  const schemeAt = id.indexOf('://');
  const scheme = schemeAt >= 0 ? id.slice(0, schemeAt) : undefined;
  const rest = schemeAt >= 0 ? id.slice(schemeAt + 3) : id;
  const ecosystem = ecosystemOfXrayType(scheme) ?? ecosystemOfXrayType(typeHint);
  const hashedFile = ecosystem === 'generic' ? hashedFileComponent(rest) : undefined;
  if (hashedFile) return hashedFile;
  const fields = rest.split(':');
  const distroFields = ecosystem ? (DISTRO_FIELDS[ecosystem] ?? 0) : 0;

  let group: string | undefined;
  let name: string;
  let version: string | undefined;
  let purlVersion: string | undefined;
  let qualifiers: Record<string, string> | undefined;
  if (distroFields > 0 && fields.length > distroFields + 1) {
    const distro = fields.slice(0, distroFields);
    name = fields[distroFields] ?? rest;
    version = fields.slice(distroFields + 1).join(':') || undefined;
    group = ecosystem === 'apk' ? 'alpine' : ecosystem === 'deb' ? distro[0] : undefined;
    qualifiers = { distro: distro.join('-') };
    if (ecosystem === 'rpm') ({ purlVersion, qualifiers } = rpmPurlVersion(version, qualifiers));
  } else if (ecosystem === 'maven' && fields.length >= 3) {
    group = fields[0];
    name = fields[1] ?? rest;
    version = fields.slice(2).join(':');
  } else if (fields.length >= 2) {
    name = fields.slice(0, -1).join(':');
    version = fields.at(-1);
  } else {
    name = rest;
  }

  if (ecosystem === 'npm' && name.startsWith('@') && name.includes('/')) {
    [group, name] = [name.slice(0, name.indexOf('/')), name.slice(name.indexOf('/') + 1)];
  } else if ((ecosystem === 'golang' || ecosystem === 'composer') && name.includes('/')) {
    [group, name] = [name.slice(0, name.lastIndexOf('/')), name.slice(name.lastIndexOf('/') + 1)];
  }

  const purl = ecosystem ? buildPurl(ecosystem, group, name, purlVersion ?? version, qualifiers) : undefined;
  const packageName = packageNameOf(ecosystem, group, name);
  return {
    packageName,
    name,
    ...(group && packageName !== name ? { group } : {}),
    ...(version ? { version } : {}),
    ...(purl ? { purl } : {}),
    ...(ecosystem ? { ecosystem } : {}),
  };
}
