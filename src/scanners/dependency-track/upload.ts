import { readFile } from 'node:fs/promises';
import { asUtf8 } from '../../encoding.js';
import path from 'node:path';
import { FormData } from 'undici';
import { z } from 'zod';
import { ScannerError, UserError } from '../../errors.js';
import type { DtApi } from './api.js';

export interface Sbom {
  file: string;
  name: string;
  bytes: Uint8Array;
  type: 'application/json' | 'application/xml';
}

/** How to get what DT takes, for the messages about a file it would not. */
const MAKE_ONE =
  "Generate a CycloneDX SBOM (for example with cdxgen, syft -o cyclonedx-json, @cyclonedx/cyclonedx-npm, or the CycloneDX Maven plugin's makeAggregateBom goal)";

/** Reads the SBOM before anything touches the network; DT takes CycloneDX only (SPDX gets a 400). */
export async function readSbom(file: string): Promise<Sbom> {
  let bytes: Uint8Array;
  try {
    // UTF-16 (Windows PowerShell 5's `>`) is sent as the UTF-8 it stands for, as imports are read.
    bytes = asUtf8(await readFile(file));
  } catch {
    throw new UserError(`Input sbom: cannot read ${file}; give the path of a CycloneDX SBOM (JSON or XML).`);
  }
  // A UTF-8 byte-order mark trips DT's parser (the official upload action strips it too).
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('utf8').trimStart();
  if (!head) throw new UserError(`Input sbom: ${file} is empty.`);
  if (/"spdxVersion"\s*:|^SPDXVersion:/m.test(head)) {
    throw new UserError(
      `Input sbom: ${file} is an SPDX document; Dependency-Track accepts CycloneDX only. ${MAKE_ONE}.`,
    );
  }
  const xml = head.startsWith('<');
  const notBom = xml ? notCycloneDxXml(bytes) : undefined;
  if (notBom) {
    throw new UserError(
      `Input sbom: ${file} is XML but not a CycloneDX SBOM (${notBom}); Dependency-Track accepts CycloneDX only. ${MAKE_ONE}.`,
    );
  }
  if (!xml && !isCycloneDxJson(bytes)) {
    throw new UserError(
      `Input sbom: ${file} is neither CycloneDX JSON (an object with "bomFormat": "CycloneDX") nor XML. ${MAKE_ONE}.`,
    );
  }
  return { file, name: path.basename(file), bytes, type: xml ? 'application/xml' : 'application/json' };
}

/** How far into an XML SBOM its root element is looked for: past a long licence comment, not through the file. */
const XML_HEAD_BYTES = 64 * 1024;
/** What may precede the root element: white space, the declaration and other processing instructions, comments, a doctype. */
const XML_PROLOG = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*/i;
/** The root element's start tag: its prefix, local name and attributes. */
const START_TAG = /^<(?:([\w.-]+):)?([\w.-]+)([^>]*)>/;

/**
 * What keeps XML from being a CycloneDX BOM, or `undefined` when it is one: DT reads a root element `bom` in
 * the CycloneDX namespace (`http://cyclonedx.org/schema/bom/1.x`), which its schema validation (4.11+) also
 * requires; anything else (a pom.xml, SPDX RDF) it cannot import, and an older server would accept the upload
 * and fail while processing it.
 */
function notCycloneDxXml(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, XML_HEAD_BYTES)).toString('utf8');
  const tag = START_TAG.exec(head.slice(XML_PROLOG.exec(head)![0].length));
  if (!tag) return `no root element in its first ${XML_HEAD_BYTES / 1024} kB`;
  const [, prefix, name, attributes = ''] = tag;
  const root = `<${prefix ? `${prefix}:` : ''}${name}>`;
  if (name !== 'bom') return `its root element is ${root}, not <bom>`;
  const xmlns = prefix ? `xmlns:${prefix.replaceAll('.', '\\.')}` : 'xmlns';
  const cycloneDx = new RegExp(`(?:^|\\s)${xmlns}\\s*=\\s*["']http://cyclonedx\\.org/schema/bom/`);
  return cycloneDx.test(attributes)
    ? undefined
    : `its root element ${root} is not in the CycloneDX namespace http://cyclonedx.org/schema/bom/…`;
}

/**
 * Whether the bytes look like CycloneDX JSON the way Dependency-Track's own parser factory tells (an object
 * naming `bomFormat` and `CycloneDX`); its schema checks the rest. Searched in the bytes, not parsed: an SBOM
 * may be hundreds of megabytes.
 */
function isCycloneDxJson(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buffer.includes('"bomFormat"') && buffer.includes('CycloneDX');
}

/** A size as the messages say it: `1.1 kB`. */
export function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

/** The multipart fields of `POST /api/v1/bom` besides the BOM itself: exactly one way to name the project. */
export interface UploadTarget {
  /** An existing project's UUID; else name and version (and the auto-create fields). */
  uuid?: string;
  name?: string;
  version?: string;
  autoCreate?: boolean;
  /** `scan-tag`, comma-separated (4.12+; only sent when DT creates the project). */
  tags?: string;
  /** parent-project, resolved to a UUID when given by name. */
  parentUuid?: string;
  isLatest?: boolean;
}

/** undici's own FormData: the client's `request` refuses Node's built-in one. */
function uploadForm(target: UploadTarget, sbom: Sbom): FormData {
  const form = new FormData();
  const field = (name: string, value: string | boolean | undefined) => {
    if (value !== undefined && value !== '') form.append(name, String(value));
  };
  if (target.uuid) {
    field('project', target.uuid);
  } else {
    field('projectName', target.name);
    field('projectVersion', target.version);
    field('autoCreate', target.autoCreate);
    if (target.autoCreate) {
      field('projectTags', target.tags);
      field('parentUUID', target.parentUuid);
      field('isLatest', target.isLatest);
    }
  }
  form.append('bom', new Blob([Buffer.from(sbom.bytes)], { type: sbom.type }), sbom.name);
  return form;
}

/** DT4 answers `{token}`; DT5 adds `projectUuid`. */
const uploadResponseSchema = z.object({
  token: z.string().min(1),
  projectUuid: z.string().min(1).nullish(),
});

export interface Uploaded {
  token: string;
  projectUuid?: string;
}

/** Uploads once: `retry: false`, since a repeated upload would be processed twice. */
export async function uploadSbom(
  api: DtApi,
  target: UploadTarget,
  sbom: Sbom,
  what: string,
  creating: boolean,
): Promise<Uploaded> {
  const { data } = await api.json(
    { method: 'POST', path: 'api/v1/bom', body: uploadForm(target, sbom), retry: false },
    {
      what,
      permission: 'BOM_UPLOAD',
      upload: { creating, size: kilobytes(sbom.bytes.length) },
      notFound: (detail) =>
        `Dependency-Track could not find the project or its parent while ${what}${detail ? ` ("${detail}")` : ''}: check project / project-name / project-version and parent-project${target.autoCreate ? ' (auto-create creates the project, never its parent)' : ', or set auto-create: true'}.`,
    },
  );
  const parsed = uploadResponseSchema.safeParse(data);
  if (!parsed.success) {
    throw new ScannerError(
      `Dependency-Track accepted the SBOM but answered without an upload token (${JSON.stringify(data)?.slice(0, 120)}): sca-bridge cannot follow its processing. Check that api-url is Dependency-Track's API server.`,
    );
  }
  return {
    token: parsed.data.token,
    ...(parsed.data.projectUuid ? { projectUuid: parsed.data.projectUuid } : {}),
  };
}
