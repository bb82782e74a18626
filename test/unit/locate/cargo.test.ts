import { afterAll, describe, expect, it } from 'vitest';
import { findingOf, makeRepo, placeIn, removeRepos } from './repo.js';

afterAll(removeRepos);

describe('cargo', () => {
  it('reads Cargo.toml dependency tables and places transitive crates at their Cargo.lock entry', async () => {
    const root = makeRepo({
      'Cargo.toml': [
        '[package]', // 1
        'name = "shop"', // 2
        'version = "0.1.0"', // 3
        '', // 4
        '[dependencies]', // 5
        'serde = { version = "1.0", features = ["derive"] }', // 6
        'json = { package = "serde_json", version = "1" }', // 7
        'regex.workspace = true', // 8
        '', // 9
        '[dependencies.tokio]', // 10
        'version = "1.29"', // 11
        '', // 12
        "[target.'cfg(unix)'.dev-dependencies]", // 13
        'nix = "0.26"', // 14
      ],
      'Cargo.lock': [
        'version = 3', // 1
        '', // 2
        '[[package]]', // 3
        'name = "serde"', // 4
        'version = "1.0.180"', // 5
        '', // 6
        '[[package]]', // 7
        'name = "mio"', // 8
        'version = "0.8.8"', // 9
      ],
    });
    expect(await placeIn(root, findingOf('pkg:cargo/serde@1.0.180'))).toBe('Cargo.toml:6 (manifest)');
    expect(await placeIn(root, findingOf('pkg:cargo/serde-json@1.0.100'))).toBe('Cargo.toml:7 (manifest)');
    expect(await placeIn(root, findingOf('pkg:cargo/regex@1.9.0'))).toBe('Cargo.toml:8 (manifest)');
    expect(await placeIn(root, findingOf('pkg:cargo/tokio@1.29.1'))).toBe('Cargo.toml:10 (manifest)');
    expect(await placeIn(root, findingOf('pkg:cargo/nix@0.26.2'))).toBe('Cargo.toml:14 (manifest)');
    expect(await placeIn(root, findingOf('pkg:cargo/mio@0.8.8'))).toBe('Cargo.lock:8 (lockfile)');
    // `version` inside `[dependencies.tokio]` is no crate.
    expect(await placeIn(root, findingOf('pkg:cargo/version@1.0'))).toBe('Cargo.toml:1 (root-manifest)');
  });
});
