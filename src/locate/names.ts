import type { Component } from '../findings/model.js';
import { componentFromXrayId } from '../findings/component.js';
import { lastLineEnd } from './text.js';

/** purl types whose packages come inside a container image, declared by a Dockerfile's `FROM`. */
export const OS_ECOSYSTEMS = new Set(['deb', 'apk', 'rpm']);

/** One purl type per ecosystem: an OCI image is a Docker image to a Dockerfile. */
function canonicalEcosystem(ecosystem: string): string {
  const lower = ecosystem.toLowerCase();
  return lower === 'oci' ? 'docker' : lower;
}

/** `docker.io/library/node:20@sha256:…` and `node` are one image. */
function imageName(reference: string): string {
  let name = reference.toLowerCase();
  // What `.replace(/@.*$/, '')` removed (from the first `@` no line end follows), without going to the end
  // and back from every `@`.
  const at = name.indexOf('@', lastLineEnd(name) + 1);
  if (at >= 0) name = name.slice(0, at);
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) name = name.slice(0, colon);
  return name.replace(/^(?:(?:index|registry-1)\.)?docker\.io\//, '').replace(/^library\//, '');
}

/** The name as every file of the ecosystem can be compared with: registries treat these spellings as one. */
export function normaliseName(ecosystem: string, name: string): string {
  switch (canonicalEcosystem(ecosystem)) {
    case 'pypi':
      // PEP 503.
      return name.toLowerCase().replace(/[-_.]+/g, '-');
    case 'cargo':
      // crates.io refuses names differing only in `-` versus `_`.
      return name.toLowerCase().replace(/_/g, '-');
    case 'docker':
      return imageName(name);
    default:
      return name.toLowerCase();
  }
}

/** The index key of a package: ecosystem and normalised name. */
export function keyOf(ecosystem: string, name: string): string {
  return `${canonicalEcosystem(ecosystem)} ${normaliseName(ecosystem, name)}`;
}

/** Ecosystems the manifest scanners declare packages of. */
export const SCANNED_ECOSYSTEMS = [
  'npm',
  'maven',
  'pypi',
  'golang',
  'nuget',
  'cargo',
  'composer',
  'gem',
  'docker',
];

/** Key of a package whose ecosystem is unknown (an SBOM entry without purl). */
export function anyKeyOf(name: string): string {
  return `* ${name.toLowerCase()}`;
}

export interface PackageRef {
  /** Undefined when neither the reference nor the finding tells the ecosystem. */
  ecosystem?: string;
  name: string;
  /** Normalised (`normaliseVersion`). */
  version?: string;
}

/** The package's identity: its index key, or its `anyKeyOf` key when the ecosystem is unknown. */
export function keyOfRef(ref: PackageRef): string {
  return ref.ecosystem ? keyOf(ref.ecosystem, ref.name) : anyKeyOf(ref.name);
}

export function refOfComponent(component: Component): PackageRef {
  return {
    ...(component.ecosystem ? { ecosystem: canonicalEcosystem(component.ecosystem) } : {}),
    name: component.packageName,
    ...(component.version ? { version: normaliseVersion(component.version) } : {}),
  };
}

/**
 * Reads one element of an impact path: an Xray component id (`npm://lodash:4.17.0`, `gav://g:a:1.0`,
 * `docker://alpine:3.18`) or jf's `name@version`. Elements without a scheme belong to the finding's
 * ecosystem, since an impact path stays inside one.
 */
export function refOfPathElement(element: string, ecosystem: string | undefined): PackageRef | undefined {
  if (element.includes('://')) {
    const component = componentFromXrayId(element);
    if (!component.name) return undefined;
    return refOfComponent(component);
  }
  const at = element.lastIndexOf('@');
  const name = at > 0 ? element.slice(0, at) : element;
  if (!name) return undefined;
  return {
    ...(ecosystem ? { ecosystem: canonicalEcosystem(ecosystem) } : {}),
    name,
    ...(at > 0 ? { version: normaliseVersion(element.slice(at + 1)) } : {}),
  };
}

/** Versions as manifests and scanners write them: `v1.2.3`, `==1.2.3`, `= 1.2.3` are all `1.2.3`. */
export function normaliseVersion(version: string): string {
  return version.trim().replace(/^[=v\s]+/, '');
}

/**
 * A manifest's version that names one release (`1.2.3`, `==1.2.3`, `v1.2.3`), so a finding on another version
 * is not about this declaration: not a range (`^1.2`, `>=1`, `1.x`, Gradle's `1.+`), a variable (`${v}`) or an
 * image tag, which moves; Cargo reads a bare `1.2.3` as `^1.2.3`, only `=1.2.3` pins it; npm reads `4` and
 * `4.17` as `4.x` and `4.17.x`.
 */
export function pinsOneVersion(ecosystem: string, version: string): boolean {
  if (ecosystem === 'docker') return false;
  if (ecosystem === 'cargo' && !version.trimStart().startsWith('=')) return false;
  const normalised = normaliseVersion(version);
  if (ecosystem === 'npm' && !/^\d+\.\d+\.\d+/.test(normalised)) return false;
  return /^\d[\w.+-]*$/.test(normalised) && !/(?:^|\.)[xX]\b|\+$/.test(normalised);
}
