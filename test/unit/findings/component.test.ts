import { describe, expect, it } from 'vitest';
import {
  componentFromPurl,
  componentFromXrayId,
  ecosystemOfXrayType,
  packageNameOf,
} from '../../../src/findings/component.js';
import type { Component } from '../../../src/findings/model.js';

describe('componentFromXrayId', () => {
  it.each<[string, Component]>([
    [
      'gav://org.yaml:snakeyaml:1.16',
      {
        packageName: 'org.yaml:snakeyaml',
        name: 'snakeyaml',
        group: 'org.yaml',
        version: '1.16',
        purl: 'pkg:maven/org.yaml/snakeyaml@1.16',
        ecosystem: 'maven',
      },
    ],
    [
      'npm://@babel/core:7.0.0',
      {
        packageName: '@babel/core',
        name: 'core',
        group: '@babel',
        version: '7.0.0',
        purl: 'pkg:npm/%40babel/core@7.0.0',
        ecosystem: 'npm',
      },
    ],
    [
      'npm://lodash:4.17.20',
      {
        packageName: 'lodash',
        name: 'lodash',
        version: '4.17.20',
        purl: 'pkg:npm/lodash@4.17.20',
        ecosystem: 'npm',
      },
    ],
    [
      'pypi://Jinja2:2.11.2',
      {
        packageName: 'Jinja2',
        name: 'Jinja2',
        version: '2.11.2',
        purl: 'pkg:pypi/jinja2@2.11.2',
        ecosystem: 'pypi',
      },
    ],
    [
      'go://github.com/gin-gonic/gin:v1.7.0',
      {
        packageName: 'github.com/gin-gonic/gin',
        name: 'gin',
        group: 'github.com/gin-gonic',
        version: 'v1.7.0',
        purl: 'pkg:golang/github.com/gin-gonic/gin@v1.7.0',
        ecosystem: 'golang',
      },
    ],
    [
      'deb://debian:stretch:libx11:2:1.6.4-3',
      {
        packageName: 'libx11',
        name: 'libx11',
        version: '2:1.6.4-3',
        purl: 'pkg:deb/debian/libx11@2:1.6.4-3?distro=debian-stretch',
        ecosystem: 'deb',
      },
    ],
    [
      'deb://debian:bookworm:libssl3:3.0.13-1~deb12u1',
      {
        packageName: 'libssl3',
        name: 'libssl3',
        version: '3.0.13-1~deb12u1',
        purl: 'pkg:deb/debian/libssl3@3.0.13-1~deb12u1?distro=debian-bookworm',
        ecosystem: 'deb',
      },
    ],
    [
      'alpine://3.18:libcrypto3:3.1.1-r1',
      {
        packageName: 'libcrypto3',
        name: 'libcrypto3',
        version: '3.1.1-r1',
        purl: 'pkg:apk/alpine/libcrypto3@3.1.1-r1?distro=3.18',
        ecosystem: 'apk',
      },
    ],
    [
      'rpm://7:java-11-openjdk-headless:0:11.0.6.10-1.el7_7',
      {
        packageName: 'java-11-openjdk-headless',
        name: 'java-11-openjdk-headless',
        version: '0:11.0.6.10-1.el7_7',
        purl: 'pkg:rpm/java-11-openjdk-headless@11.0.6.10-1.el7_7?distro=7&epoch=0',
        ecosystem: 'rpm',
      },
    ],
    [
      // The purl spec's rpm epoch is a qualifier; the version shown keeps it, as rpm writes it.
      'rpm://7:curl:16:7.29.0-54.el7_7.2',
      {
        packageName: 'curl',
        name: 'curl',
        version: '16:7.29.0-54.el7_7.2',
        purl: 'pkg:rpm/curl@7.29.0-54.el7_7.2?distro=7&epoch=16',
        ecosystem: 'rpm',
      },
    ],
    [
      'rpm://8:libfoo:1.2-3.el8',
      {
        packageName: 'libfoo',
        name: 'libfoo',
        version: '1.2-3.el8',
        purl: 'pkg:rpm/libfoo@1.2-3.el8?distro=8',
        ecosystem: 'rpm',
      },
    ],
    [
      // deb keeps its epoch in the version (purl spec: pkg:deb/debian/attr@1:2.4.47-2).
      'deb://ubuntu:bionic:libgcc1:1:8.4.0-1ubuntu1~18.04',
      {
        packageName: 'libgcc1',
        name: 'libgcc1',
        version: '1:8.4.0-1ubuntu1~18.04',
        purl: 'pkg:deb/ubuntu/libgcc1@1:8.4.0-1ubuntu1~18.04?distro=ubuntu-bionic',
        ecosystem: 'deb',
      },
    ],
    [
      'composer://laravel/framework:7.12.0',
      {
        packageName: 'laravel/framework',
        name: 'framework',
        group: 'laravel',
        version: '7.12.0',
        purl: 'pkg:composer/laravel/framework@7.12.0',
        ecosystem: 'composer',
      },
    ],
    [
      'docker://alpine:latest',
      {
        packageName: 'alpine',
        name: 'alpine',
        version: 'latest',
        purl: 'pkg:docker/alpine@latest',
        ecosystem: 'docker',
      },
    ],
    [
      'nuget://Newtonsoft.Json:12.0.1',
      {
        packageName: 'Newtonsoft.Json',
        name: 'Newtonsoft.Json',
        version: '12.0.1',
        purl: 'pkg:nuget/Newtonsoft.Json@12.0.1',
        ecosystem: 'nuget',
      },
    ],
    [
      // Named by the file, without a version guessed from it; the hash stays as the purl's checksum.
      `generic://sha256:${'2b77'.repeat(16)}/opt/app/lib/log4j-core-2.14.1.jar`,
      {
        packageName: 'log4j-core-2.14.1.jar',
        name: 'log4j-core-2.14.1.jar',
        purl: `pkg:generic/log4j-core-2.14.1.jar?checksum=sha256%3A${'2b77'.repeat(16)}`,
        ecosystem: 'generic',
      },
    ],
    [
      'generic://sha256:78a822fe/sha256__78a822fe.tar',
      {
        packageName: 'sha256__78a822fe.tar',
        name: 'sha256__78a822fe.tar',
        purl: 'pkg:generic/sha256__78a822fe.tar?checksum=sha256%3A78a822fe',
        ecosystem: 'generic',
      },
    ],
    [
      'generic://tool:1.0',
      {
        packageName: 'tool',
        name: 'tool',
        version: '1.0',
        purl: 'pkg:generic/tool@1.0',
        ecosystem: 'generic',
      },
    ],
    ['gav://test', { packageName: 'test', name: 'test', ecosystem: 'maven' }],
    ['unknown-scheme://thing:1.0', { packageName: 'thing', name: 'thing', version: '1.0' }],
  ])('%s', (id, component) => {
    expect(componentFromXrayId(id)).toEqual(component);
  });

  it('keeps unicode names, percent-encoding them in the purl', () => {
    expect(componentFromXrayId('npm://@acme/naïve-lib:1.0.0')).toEqual({
      packageName: '@acme/naïve-lib',
      name: 'naïve-lib',
      group: '@acme',
      version: '1.0.0',
      purl: 'pkg:npm/%40acme/na%C3%AFve-lib@1.0.0',
      ecosystem: 'npm',
    });
  });

  it('uses the type hint when the id has no scheme (simple-json and package_type)', () => {
    expect(componentFromXrayId('org.yaml:snakeyaml:1.16', 'Maven')).toMatchObject({
      packageName: 'org.yaml:snakeyaml',
      group: 'org.yaml',
      version: '1.16',
      ecosystem: 'maven',
    });
    expect(componentFromXrayId('debian:bookworm:libssl3:3.0.13-1~deb12u1', 'Debian')).toMatchObject({
      packageName: 'libssl3',
      version: '3.0.13-1~deb12u1',
      ecosystem: 'deb',
    });
    expect(componentFromXrayId('github.com/gin-gonic/gin:v1.7.0', 'Go')).toMatchObject({
      packageName: 'github.com/gin-gonic/gin',
      ecosystem: 'golang',
    });
  });

  it('lets the scheme win over the type hint', () => {
    expect(componentFromXrayId('alpine://3.18:libssl3:3.1.1-r1', 'Docker').ecosystem).toBe('apk');
  });

  it('parses an id once per type hint: the hint is part of what was parsed', () => {
    const maven = componentFromXrayId('org.acme:lib:1.0', 'Maven');
    expect(componentFromXrayId('org.acme:lib:1.0', 'Maven')).toBe(maven);
    expect(componentFromXrayId('org.acme:lib:1.0', 'npm')).toMatchObject({
      packageName: 'org.acme:lib',
      version: '1.0',
      ecosystem: 'npm',
    });
    expect(componentFromXrayId('org.acme:lib:1.0').ecosystem).toBeUndefined();
    // A hint and an id that read alike run together are still told apart.
    expect(componentFromXrayId('g:x:1', 'Maven').ecosystem).toBe('maven');
    expect(componentFromXrayId('Maveng:x:1').ecosystem).toBeUndefined();
    expect(componentFromXrayId('eng:x:1', 'Mav').ecosystem).toBeUndefined();
  });
});

describe('ecosystemOfXrayType', () => {
  it('maps Xray package types to purl types, case-insensitively', () => {
    expect(
      ['gav', 'Maven', 'go', 'Debian', 'alpine', 'rubygems', 'Pypi', 'bogus', undefined].map(
        ecosystemOfXrayType,
      ),
    ).toEqual(['maven', 'maven', 'golang', 'deb', 'apk', 'gem', 'pypi', undefined, undefined]);
  });

  it("reads the technologies jf writes for some types: gradle (a gav, as Maven), older jf's Python (pypi)", () => {
    expect(['gradle', 'Python'].map(ecosystemOfXrayType)).toEqual(['maven', 'pypi']);
  });
});

describe('packageNameOf', () => {
  it('writes Maven as group:artifact and others as namespace/name', () => {
    expect(packageNameOf('maven', 'org.yaml', 'snakeyaml')).toBe('org.yaml:snakeyaml');
    expect(packageNameOf('npm', '@babel', 'core')).toBe('@babel/core');
    expect(packageNameOf('composer', 'laravel', 'framework')).toBe('laravel/framework');
    expect(packageNameOf('npm', undefined, 'lodash')).toBe('lodash');
  });

  it('writes OS packages without their distribution namespace, as their package managers do', () => {
    expect(['deb', 'apk', 'rpm', 'alpm'].map((type) => packageNameOf(type, 'distro', 'openssl'))).toEqual(
      Array(4).fill('openssl'),
    );
  });
});

describe('componentFromPurl', () => {
  it('reads an npm scoped purl', () => {
    expect(
      componentFromPurl('pkg:npm/%40babel/core@7.0.0', { name: 'core', group: '@babel', version: '7.0.0' }),
    ).toEqual({
      packageName: '@babel/core',
      name: 'core',
      group: '@babel',
      version: '7.0.0',
      purl: 'pkg:npm/%40babel/core@7.0.0',
      ecosystem: 'npm',
    });
  });

  it('reads a Maven purl with qualifiers, keeping the purl as given', () => {
    expect(
      componentFromPurl('pkg:maven/org.webjars/jquery-ui@1.11.4?type=jar', { name: 'jquery-ui' }),
    ).toEqual({
      packageName: 'org.webjars:jquery-ui',
      name: 'jquery-ui',
      group: 'org.webjars',
      version: '1.11.4',
      purl: 'pkg:maven/org.webjars/jquery-ui@1.11.4?type=jar',
      ecosystem: 'maven',
    });
  });

  it.each([
    ['pkg:deb/debian/libssl3@3.0.13-1~deb12u1?arch=amd64&distro=debian-12', 'libssl3', 'debian', 'deb'],
    ['pkg:apk/alpine/busybox@1.36.1-r2?arch=x86_64&distro=3.18.4', 'busybox', 'alpine', 'apk'],
    ['pkg:rpm/redhat/openssl-libs@3.0.7', 'openssl-libs', 'redhat', 'rpm'],
    ['pkg:alpm/arch/pacman@6.0.1-1', 'pacman', 'arch', 'alpm'],
  ])(
    'names the OS package %s as its package manager does, keeping the distribution as the group',
    (purl, name, group, ecosystem) => {
      expect(componentFromPurl(purl, { name })).toMatchObject({ packageName: name, name, group, ecosystem });
    },
  );

  it("prefers the component's own version to the purl's", () => {
    expect(componentFromPurl('pkg:npm/lodash@4.17.0', { name: 'lodash', version: '4.17.1' }).version).toBe(
      '4.17.1',
    );
  });

  it('falls back to the fields without a purl', () => {
    expect(
      componentFromPurl(undefined, { name: 'internal-lib', group: 'com.example', version: '1.0' }),
    ).toEqual({
      packageName: 'com.example/internal-lib',
      name: 'internal-lib',
      group: 'com.example',
      version: '1.0',
    });
    expect(componentFromPurl(undefined, { name: 'solo' })).toEqual({ packageName: 'solo', name: 'solo' });
  });

  it('falls back to the fields when the purl is malformed', () => {
    expect(componentFromPurl('not a purl', { name: 'x', version: '1' })).toMatchObject({
      packageName: 'x',
      name: 'x',
      version: '1',
    });
  });
});
