import { afterAll, describe, expect, it } from 'vitest';
import { findingOf, makeRepo, placeIn, removeRepos } from './repo.js';

afterAll(removeRepos);

describe('nuget', () => {
  it('reads project files, central package versions and packages.lock.json, names in any case', async () => {
    const root = makeRepo({
      'src/Shop/Shop.csproj': [
        '<Project Sdk="Microsoft.NET.Sdk">', // 1
        '  <ItemGroup>', // 2
        '    <!-- <PackageReference Include="Serilog" Version="3.0.0" /> -->', // 3
        '    <PackageReference Include="Newtonsoft.Json" Version="13.0.1" />', // 4
        '    <PackageReference', // 5
        '        Include="System.Text.Json">', // 6
        '      <Version>7.0.0</Version>', // 7
        '    </PackageReference>', // 8
        '  </ItemGroup>', // 9
        '</Project>', // 10
      ],
      'Directory.Packages.props': [
        '<Project>', // 1
        '  <ItemGroup>', // 2
        '    <PackageVersion Include="Azure.Identity" Version="1.10.0" />', // 3
        '  </ItemGroup>', // 4
        '</Project>', // 5
      ],
      'legacy/packages.config': [
        '<?xml version="1.0" encoding="utf-8"?>', // 1
        '<packages>', // 2
        '  <package id="jQuery" version="3.4.1" targetFramework="net48" />', // 3
        '</packages>', // 4
      ],
      'src/Shop/packages.lock.json': [
        '{', // 1
        '  "version": 1,', // 2
        '  "dependencies": {', // 3
        '    "net8.0": {', // 4
        '      "Newtonsoft.Json": { "type": "Direct", "requested": "[13.0.1, )", "resolved": "13.0.1" },', // 5
        '      "Microsoft.Identity.Client": { "type": "Transitive", "resolved": "4.56.0" },', // 6
        '      "shop.core": { "type": "Project" }', // 7
        '    }', // 8
        '  }', // 9
        '}', // 10
      ],
    });
    expect(await placeIn(root, findingOf('pkg:nuget/newtonsoft.json@13.0.1'))).toBe(
      'src/Shop/Shop.csproj:4 (manifest)',
    );
    expect(await placeIn(root, findingOf('pkg:nuget/System.Text.Json@7.0.0'))).toBe(
      'src/Shop/Shop.csproj:6 (manifest)',
    );
    expect(await placeIn(root, findingOf('pkg:nuget/Azure.Identity@1.10.0'))).toBe(
      'Directory.Packages.props:3 (manifest)',
    );
    expect(await placeIn(root, findingOf('pkg:nuget/Microsoft.Identity.Client@4.56.0'))).toBe(
      'src/Shop/packages.lock.json:6 (lockfile)',
    );
    expect(await placeIn(root, findingOf('pkg:nuget/jquery@3.4.1'))).toBe(
      'legacy/packages.config:3 (manifest)',
    );
    // Commented out in the project file.
    expect(await placeIn(root, findingOf('pkg:nuget/Serilog@3.0.0'))).toBe(
      'Directory.Packages.props:1 (root-manifest)',
    );
  });

  it('reads a version written as a child element, to choose among projects', async () => {
    const project = (version: string) => [
      '<Project Sdk="Microsoft.NET.Sdk">', // 1
      '  <ItemGroup>', // 2
      '    <PackageReference Include="Serilog">', // 3
      '      <PrivateAssets>all</PrivateAssets>', // 4
      `      <Version> ${version} </Version>`, // 5
      '    </PackageReference>', // 6
      '    <PackageReference Include="Polly"></PackageReference>', // 7
      '  </ItemGroup>', // 8
      '  <PropertyGroup><Version>9.9.9</Version></PropertyGroup>', // 9
      '</Project>', // 10
    ];
    const root = makeRepo({ 'a/A.csproj': project('3.0.0'), 'b/B.csproj': project('2.0.0') });
    expect(await placeIn(root, findingOf('pkg:nuget/Serilog@2.0.0'))).toBe('b/B.csproj:3 (manifest)');
    expect(await placeIn(root, findingOf('pkg:nuget/Serilog@3.0.0'))).toBe('a/A.csproj:3 (manifest)');
    // No version of its own: not the project's `<Version>` after it.
    expect(await placeIn(root, findingOf('pkg:nuget/Polly@9.9.9'))).toBe('a/A.csproj:7 (manifest)');
  });

  it('places a package nothing declares at a .NET project file rather than a manifest of another ecosystem', async () => {
    const root = makeRepo({
      'package.json': ['{}'],
      'src/Shop/Shop.csproj': ['<Project Sdk="Microsoft.NET.Sdk">', '</Project>'],
      'src/Billing/Billing.fsproj': ['<Project Sdk="Microsoft.NET.Sdk">', '</Project>'],
      'src/Billing/Legacy/Legacy.vbproj': ['<Project>', '</Project>'],
    });
    expect(await placeIn(root, findingOf('pkg:nuget/Serilog@3.0.0'))).toBe(
      'src/Billing/Billing.fsproj:1 (root-manifest)',
    );
    expect(
      await placeIn(
        root,
        findingOf('pkg:nuget/Serilog@3.0.0', { componentPaths: ['src/Shop/bin/Shop.dll'] }),
      ),
    ).toBe('src/Shop/Shop.csproj:1 (root-manifest)');
    expect(
      await placeIn(
        root,
        findingOf('pkg:nuget/Serilog@3.0.0', { componentPaths: ['src/Billing/Legacy/obj/x.dll'] }),
      ),
    ).toBe('src/Billing/Legacy/Legacy.vbproj:1 (root-manifest)');
    // Central package management's file comes first in a folder.
    const central = makeRepo({
      'Shop.csproj': ['<Project>', '</Project>'],
      'Directory.Packages.props': ['<Project>', '</Project>'],
    });
    expect(await placeIn(central, findingOf('pkg:nuget/Serilog@3.0.0'))).toBe(
      'Directory.Packages.props:1 (root-manifest)',
    );
    // Other ecosystems keep their own.
    expect(await placeIn(root, findingOf('pkg:npm/left-pad@1.0.0'))).toBe('package.json:1 (root-manifest)');
  });
});
