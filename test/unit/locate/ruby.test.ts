import { afterAll, describe, expect, it } from 'vitest';
import { findingOf, makeRepo, placeIn, removeRepos } from './repo.js';

afterAll(removeRepos);

describe('rubygems', () => {
  it('reads Gemfile and gemspec, and places transitive gems at their Gemfile.lock spec', async () => {
    const root = makeRepo({
      Gemfile: [
        "source 'https://rubygems.org'", // 1
        '', // 2
        "gem 'rails', '~> 7.0.4'", // 3
        'gem("puma", ">= 5.0")', // 4
        'gemspec', // 5
      ],
      'shop.gemspec': [
        'Gem::Specification.new do |spec|', // 1
        '  spec.name = "shop"', // 2
        '  spec.add_dependency "rack", "~> 2.2"', // 3
        '  spec.add_development_dependency "rspec"', // 4
        'end', // 5
      ],
      'Gemfile.lock': [
        'GEM', // 1
        '  remote: https://rubygems.org/', // 2
        '  specs:', // 3
        '    actionpack (7.0.4)', // 4
        '      rack (~> 2.0, >= 2.2.0)', // 5
        '    nokogiri (1.15.3-x86_64-linux)', // 6
        '    rails (7.0.4)', // 7
        '', // 8
        'DEPENDENCIES', // 9
        '  rails (~> 7.0.4)', // 10
      ],
    });
    expect(await placeIn(root, findingOf('pkg:gem/rails@7.0.4'))).toBe('Gemfile:3 (manifest)');
    expect(await placeIn(root, findingOf('pkg:gem/puma@6.0.0'))).toBe('Gemfile:4 (manifest)');
    expect(await placeIn(root, findingOf('pkg:gem/rack@2.2.7'))).toBe('shop.gemspec:3 (manifest)');
    expect(await placeIn(root, findingOf('pkg:gem/rspec@3.12.0'))).toBe('shop.gemspec:4 (manifest)');
    expect(await placeIn(root, findingOf('pkg:gem/actionpack@7.0.4'))).toBe('Gemfile.lock:4 (lockfile)');
    expect(await placeIn(root, findingOf('pkg:gem/nokogiri@1.15.3'))).toBe('Gemfile.lock:6 (lockfile)');
  });
});
