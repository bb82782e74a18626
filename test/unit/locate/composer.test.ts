import { afterAll, describe, expect, it } from 'vitest';
import { findingOf, makeRepo, placeIn, removeRepos } from './repo.js';

afterAll(removeRepos);

describe('composer', () => {
  it('reads composer.json and places transitive packages at their composer.lock name', async () => {
    const root = makeRepo({
      'composer.json': [
        '{', // 1
        '  "name": "acme/shop",', // 2
        '  "require": {', // 3
        '    "php": ">=8.1",', // 4
        '    "laravel/framework": "^10.0"', // 5
        '  },', // 6
        '  "require-dev": {', // 7
        '    "phpunit/phpunit": "^10.0"', // 8
        '  }', // 9
        '}', // 10
      ],
      'composer.lock': [
        '{', // 1
        '  "packages": [', // 2
        '    {', // 3
        '      "name": "laravel/framework",', // 4
        '      "version": "v10.0.0"', // 5
        '    },', // 6
        '    {', // 7
        '      "name": "monolog/monolog",', // 8
        '      "version": "3.4.0"', // 9
        '    }', // 10
        '  ],', // 11
        '  "packages-dev": [{ "name": "sebastian/diff", "version": "5.0.3" }]', // 12
        '}', // 13
      ],
    });
    expect(await placeIn(root, findingOf('pkg:composer/laravel/framework@10.0.0'))).toBe(
      'composer.json:5 (manifest)',
    );
    expect(await placeIn(root, findingOf('pkg:composer/phpunit/phpunit@10.0.0'))).toBe(
      'composer.json:8 (manifest)',
    );
    expect(await placeIn(root, findingOf('pkg:composer/monolog/monolog@3.4.0'))).toBe(
      'composer.lock:8 (lockfile)',
    );
    expect(await placeIn(root, findingOf('pkg:composer/sebastian/diff@5.0.3'))).toBe(
      'composer.lock:12 (lockfile)',
    );
  });
});
