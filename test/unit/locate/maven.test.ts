import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanGradle } from '../../../src/locate/manifests/gradle.js';
import { findingOf, makeRepo, placeIn, removeRepos, xrayFindingOf } from './repo.js';

afterAll(removeRepos);

const pom = [
  '<?xml version="1.0" encoding="UTF-8"?>', // 1
  '<project>', // 2
  '  <parent>', // 3
  '    <groupId>org.springframework.boot</groupId>', // 4
  '    <artifactId>spring-boot-starter-parent</artifactId>', // 5
  '    <version>3.1.0</version>', // 6
  '  </parent>', // 7
  '  <artifactId>shop</artifactId>', // 8
  '  <dependencies>', // 9
  '    <!--', // 10
  '    <dependency>', // 11
  '      <groupId>org.yaml</groupId>', // 12
  '      <artifactId>snakeyaml</artifactId>', // 13
  '    </dependency>', // 14
  '    -->', // 15
  '    <dependency>', // 16
  '      <groupId>org.springframework.boot</groupId>', // 17
  '      <artifactId>spring-boot-starter-web</artifactId>', // 18
  '      <exclusions>', // 19
  '        <exclusion>', // 20
  '          <groupId>org.yaml</groupId>', // 21
  '          <artifactId>snakeyaml</artifactId>', // 22
  '        </exclusion>', // 23
  '      </exclusions>', // 24
  '    </dependency>', // 25
  '    <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId><version>2.15.0</version></dependency>', // 26
  '  </dependencies>', // 27
  '  <build>', // 28
  '    <plugins>', // 29
  '      <plugin>', // 30
  '        <artifactId>maven-shade-plugin</artifactId>', // 31
  '        <configuration>', // 32
  '          <artifactSet><groupId>x</groupId><artifactId>y</artifactId></artifactSet>', // 33
  '        </configuration>', // 34
  '      </plugin>', // 35
  '    </plugins>', // 36
  '  </build>', // 37
  '</project>', // 38
];

describe('maven', () => {
  it('places a pom dependency at its artifactId line, skipping comments and exclusions', async () => {
    const root = makeRepo({ 'pom.xml': pom });
    expect(
      await placeIn(root, findingOf('pkg:maven/org.springframework.boot/spring-boot-starter-web@3.1.0')),
    ).toBe('pom.xml:18 (manifest)');
    expect(
      await placeIn(root, findingOf('pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.0')),
    ).toBe('pom.xml:26 (manifest)');
    expect(
      await placeIn(root, findingOf('pkg:maven/org.springframework.boot/spring-boot-starter-parent@3.1.0')),
    ).toBe('pom.xml:5 (manifest)');
    // Plugins without a groupId are Maven's own.
    expect(
      await placeIn(root, findingOf('pkg:maven/org.apache.maven.plugins/maven-shade-plugin@3.5.0')),
    ).toBe('pom.xml:31 (manifest)');
    // Neither the commented-out dependency nor the exclusion declares snakeyaml: no declaration, root manifest.
    expect(await placeIn(root, findingOf('pkg:maven/org.yaml/snakeyaml@2.0'))).toBe(
      'pom.xml:1 (root-manifest)',
    );
  });

  it('reads a sibling module named by ${project.groupId}, and versions inherited from the parent', async () => {
    const module = [
      '<project>', // 1
      '  <parent>', // 2
      '    <groupId>com.example</groupId>', // 3
      '    <artifactId>parent</artifactId>', // 4
      '    <version>1.0.0</version>', // 5
      '  </parent>', // 6
      '  <artifactId>web</artifactId>', // 7
      '  <dependencies>', // 8
      '    <dependency>', // 9
      '      <groupId>${project.groupId}</groupId>', // 10
      '      <artifactId>sibling</artifactId>', // 11
      '      <version>${project.version}</version>', // 12
      '    </dependency>', // 13
      '  </dependencies>', // 14
      '</project>', // 15
    ];
    const root = makeRepo({ 'pom.xml': ['<project/>'], 'web/pom.xml': module });
    expect(await placeIn(root, findingOf('pkg:maven/com.example/sibling@1.0.0'))).toBe(
      'web/pom.xml:11 (manifest)',
    );
  });

  it('places a transitive Maven dependency at the dependency its gav:// impact path names', async () => {
    const root = makeRepo({ 'pom.xml': pom });
    const finding = xrayFindingOf('gav://org.yaml:snakeyaml:2.0', {
      impactPaths: [
        [
          'gav://com.acme:shop:1.0.0',
          'gav://org.springframework.boot:spring-boot-starter-web:3.1.0',
          'gav://org.springframework.boot:spring-boot-starter:3.1.0',
          'gav://org.yaml:snakeyaml:2.0',
        ],
      ],
    });
    expect(await placeIn(root, finding)).toBe('pom.xml:18 (manifest)');
  });

  it('places a dependency of a multi-module build in the module its impact path starts from', async () => {
    const module = (artifact: string) => [
      '<project>', // 1
      '  <parent><groupId>com.acme</groupId><artifactId>root</artifactId></parent>', // 2
      `  <artifactId>${artifact}</artifactId>`, // 3
      '  <dependencies>', // 4
      '    <dependency>', // 5
      '      <groupId>org.yaml</groupId>', // 6
      '      <artifactId>snakeyaml</artifactId>', // 7
      '    </dependency>', // 8
      '  </dependencies>', // 9
      '</project>', // 10
    ];
    const root = makeRepo({
      'pom.xml': [
        '<project>',
        '  <groupId>com.acme</groupId>',
        '  <artifactId>root</artifactId>',
        '  <modules><module>a</module><module>b</module></modules>',
        '</project>',
      ],
      'a/pom.xml': module('a'),
      'b/pom.xml': module('b'),
    });
    // The module inherits the parent's groupId: `com.acme:b` is the project in b/.
    const finding = xrayFindingOf('gav://org.yaml:snakeyaml:2.0', {
      impactPaths: [['gav://com.acme:b:1.0.0', 'gav://org.yaml:snakeyaml:2.0']],
    });
    expect(await placeIn(root, finding)).toBe('b/pom.xml:7 (manifest)');
    // Without a hint, the shallowest, then first path.
    expect(await placeIn(root, findingOf('pkg:maven/org.yaml/snakeyaml@2.0'))).toBe('a/pom.xml:7 (manifest)');
  });

  it('reads Gradle string and map notations, Kotlin DSL and version catalogs', async () => {
    const root = makeRepo({
      'build.gradle': [
        'plugins { id "java" }', // 1
        'repositories { maven { url "https://repo.example.com/maven" } }', // 2
        'dependencies {', // 3
        "    implementation 'org.apache.commons:commons-text:1.9'", // 4
        "    // implementation 'org.yaml:snakeyaml:1.33'", // 5
        "    runtimeOnly group: 'org.postgresql', name: 'postgresql', version: '42.6.0'", // 6
        '    testImplementation "junit:junit:4.13.2@jar"', // 7
        '}', // 8
      ],
      'app/build.gradle.kts': [
        'dependencies {', // 1
        '    implementation("com.google.guava:guava:32.0.0-jre")', // 2
        '    implementation(group = "io.netty", name = "netty-all", version = "4.1.90.Final")', // 3
        '}', // 4
      ],
      'gradle/libs.versions.toml': [
        '[versions]', // 1
        'jackson = "2.15.0"', // 2
        '[libraries]', // 3
        'jackson-databind = { module = "com.fasterxml.jackson.core:jackson-databind", version.ref = "jackson" }', // 4
        'okio = { group = "com.squareup.okio", name = "okio", version = "3.4.0" }', // 5
      ],
    });
    expect(await placeIn(root, findingOf('pkg:maven/org.apache.commons/commons-text@1.9'))).toBe(
      'build.gradle:4 (manifest)',
    );
    expect(await placeIn(root, findingOf('pkg:maven/org.postgresql/postgresql@42.6.0'))).toBe(
      'build.gradle:6 (manifest)',
    );
    expect(await placeIn(root, findingOf('pkg:maven/junit/junit@4.13.2'))).toBe('build.gradle:7 (manifest)');
    expect(await placeIn(root, findingOf('pkg:maven/com.google.guava/guava@32.0.0-jre'))).toBe(
      'app/build.gradle.kts:2 (manifest)',
    );
    expect(await placeIn(root, findingOf('pkg:maven/io.netty/netty-all@4.1.90.Final'))).toBe(
      'app/build.gradle.kts:3 (manifest)',
    );
    expect(
      await placeIn(root, findingOf('pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.0')),
    ).toBe('gradle/libs.versions.toml:4 (manifest)');
    // The catalog's `version.ref` is read from its `[versions]`: the declaration has the version.
    expect(scanGradle(readFileSync(path.join(root, 'gradle/libs.versions.toml'), 'utf8'))).toContainEqual(
      expect.objectContaining({
        name: 'com.fasterxml.jackson.core:jackson-databind',
        version: '2.15.0',
        line: 4,
      }),
    );
    expect(await placeIn(root, findingOf('pkg:maven/com.squareup.okio/okio@3.4.0'))).toBe(
      'gradle/libs.versions.toml:5 (manifest)',
    );
    // Commented out: not a declaration.
    expect(await placeIn(root, findingOf('pkg:maven/org.yaml/snakeyaml@1.33'))).toBe(
      'build.gradle:1 (root-manifest)',
    );
  });

  it("reads a catalog's literal strings, `version = { ref = … }` and rich versions", () => {
    const toml = [
      '[versions]', // 1
      "jackson = '2.15.0'", // 2
      'netty = { strictly = "4.1.90.Final" }', // 3
      '[libraries]', // 4
      'jackson-databind = { module = "com.fasterxml.jackson.core:jackson-databind", version = { ref = "jackson" } }', // 5
      "netty-all = { module = 'io.netty:netty-all', version.ref = 'netty' }", // 6
    ].join('\n');
    expect(scanGradle(toml).map((d) => `${d.name}@${d.version}:${d.line}`)).toEqual([
      'com.fasterxml.jackson.core:jackson-databind@2.15.0:5',
      'io.netty:netty-all@4.1.90.Final:6',
    ]);
  });

  it('reads the version catalogs settings.gradle(.kts) declares', async () => {
    const root = makeRepo({
      'build.gradle.kts': ['dependencies {', '    implementation(libs.jackson)', '}'],
      'settings.gradle.kts': [
        'rootProject.name = "shop"', // 1
        'include(":app", ":lib:core")', // 2
        'dependencyResolutionManagement {', // 3
        '    versionCatalogs {', // 4
        '        create("libs") {', // 5
        '            version("jackson", "2.13.0")', // 6
        '            library("jackson", "com.fasterxml.jackson.core:jackson-databind:2.13.0")', // 7
        '            library("commons-text", "org.apache.commons", "commons-text").version("1.9")', // 8
        '            library("guava", "com.google.guava", "guava").versionRef("guava")', // 9
        '        }', // 10
        '    }', // 11
        '}', // 12
      ],
      'legacy/settings.gradle': [
        'dependencyResolutionManagement {', // 1
        '  versionCatalogs {', // 2
        '    libs {', // 3
        "      library('snakeyaml', 'org.yaml', 'snakeyaml').version('1.33')", // 4
        "      library('log4j', 'org.apache.logging.log4j:log4j-core:2.14.1')", // 5
        '    }', // 6
        '  }', // 7
        '}', // 8
      ],
    });
    expect(
      await placeIn(root, findingOf('pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.0')),
    ).toBe('settings.gradle.kts:7 (manifest)');
    expect(await placeIn(root, findingOf('pkg:maven/org.apache.commons/commons-text@1.9'))).toBe(
      'settings.gradle.kts:8 (manifest)',
    );
    expect(await placeIn(root, findingOf('pkg:maven/com.google.guava/guava@32.0.0-jre'))).toBe(
      'settings.gradle.kts:9 (manifest)',
    );
    expect(await placeIn(root, findingOf('pkg:maven/org.yaml/snakeyaml@1.33'))).toBe(
      'legacy/settings.gradle:4 (manifest)',
    );
    expect(await placeIn(root, findingOf('pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1'))).toBe(
      'legacy/settings.gradle:5 (manifest)',
    );
  });

  it('places a transitive Gradle dependency at its gradle.lockfile line', async () => {
    const root = makeRepo({
      'build.gradle': ['dependencies {', "  implementation 'org.apache.commons:commons-text:1.9'", '}'],
      'gradle.lockfile': [
        '# This is a Gradle generated file for dependency locking.', // 1
        'org.apache.commons:commons-lang3:3.11=compileClasspath,runtimeClasspath', // 2
        'org.apache.commons:commons-text:1.9=compileClasspath,runtimeClasspath', // 3
        'empty=annotationProcessor', // 4
      ],
    });
    expect(await placeIn(root, findingOf('pkg:maven/org.apache.commons/commons-lang3@3.11'))).toBe(
      'gradle.lockfile:2 (lockfile)',
    );
    expect(await placeIn(root, findingOf('pkg:maven/org.apache.commons/commons-text@1.9'))).toBe(
      'build.gradle:2 (manifest)',
    );
  });
});
