import { afterAll, describe, expect, it } from 'vitest';
import { findingOf, makeRepo, placeIn, removeRepos, xrayFindingOf } from './repo.js';

afterAll(removeRepos);

const dockerfile = [
  '# syntax=docker/dockerfile:1', // 1
  'ARG RUNTIME=debian:bookworm-slim', // 2
  'FROM --platform=$BUILDPLATFORM node:20-alpine AS build', // 3
  'RUN npm ci', // 4
  '', // 5
  'FROM docker.io/library/${RUNTIME} AS runtime', // 6
  'RUN apt-get update', // 7
  '', // 8
  'FROM runtime', // 9
  'COPY --from=build /app /app', // 10
];

describe('container images', () => {
  it('places OS packages at the FROM line of the image the final stage is built on', async () => {
    const root = makeRepo({ Dockerfile: dockerfile, 'package.json': ['{}'] });
    const finding = xrayFindingOf('deb://debian:bookworm:libssl3:3.0.11-1~deb12u1');
    expect(await placeIn(root, finding)).toBe('Dockerfile:6 (manifest)');
    expect(await placeIn(root, findingOf('pkg:rpm/redhat/openssl-libs@3.0.7'))).toBe(
      'Dockerfile:6 (manifest)',
    );
  });

  it('places OS packages of an image an impact path names at that image’s FROM line', async () => {
    const root = makeRepo({ Dockerfile: dockerfile });
    const finding = xrayFindingOf('alpine://3.18:libcrypto3:3.1.1-r1', {
      impactPaths: [
        [
          'docker://node:20-alpine',
          'generic://sha256:78a822fe/sha256__78a822fe.tar',
          'alpine://3.18:libcrypto3:3.1.1-r1',
        ],
      ],
    });
    expect(await placeIn(root, finding)).toBe('Dockerfile:3 (manifest)');
  });

  it('places a finding on an image at its FROM line', async () => {
    const root = makeRepo({
      Dockerfile: dockerfile,
      'deploy/api.Dockerfile': ['FROM alpine:3.18@sha256:abc'],
      'deploy/Containerfile': ['FROM registry.example.com:5000/base/ubi9:9.3'],
    });
    expect(await placeIn(root, findingOf('pkg:docker/library/node@20-alpine'))).toBe(
      'Dockerfile:3 (manifest)',
    );
    expect(await placeIn(root, findingOf('pkg:oci/alpine@3.18'))).toBe('deploy/api.Dockerfile:1 (manifest)');
    expect(await placeIn(root, xrayFindingOf('docker://registry.example.com:5000/base/ubi9:9.3'))).toBe(
      'deploy/Containerfile:1 (manifest)',
    );
  });

  it('prefers the Dockerfile nearest the finding’s folder', async () => {
    const root = makeRepo({
      Dockerfile: dockerfile,
      'services/api/Dockerfile': ['FROM ubuntu:22.04', 'RUN true'],
    });
    const finding = findingOf('pkg:deb/ubuntu/openssl@3.0.2', { componentPaths: ['services/api/app'] });
    expect(await placeIn(root, finding)).toBe('services/api/Dockerfile:1 (manifest)');
    expect(await placeIn(root, findingOf('pkg:deb/ubuntu/openssl@3.0.2'))).toBe('Dockerfile:6 (manifest)');
  });
});
