import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findingOf, makeRepo, placeIn, removeRepos, xrayFindingOf } from './repo.js';

afterAll(removeRepos);

describe('pypi', () => {
  it('reads requirements files, normalising names per PEP 503', async () => {
    const root = makeRepo({
      'requirements.txt': [
        '# pinned', // 1
        '--index-url https://pypi.example.com/simple', // 2
        '-r requirements/base.txt', // 3
        'Django==4.1.4 \\', // 4
        '    --hash=sha256:abc', // 5
        'djangorestframework[markdown]>=3.14 ; python_version > "3.8"', // 6
        '-e git+https://github.com/acme/zope.interface.git#egg=Zope.Interface', // 7
        'https://example.com/wheels/local-1.0-py3-none-any.whl', // 8
        'Flask_SQLAlchemy  # the ORM', // 9
      ],
      'requirements/base.txt': ['requests==2.31.0'],
      'requirements-dev.txt': ['pytest==7.4.0'],
    });
    expect(await placeIn(root, findingOf('pkg:pypi/django@4.1.4'))).toBe('requirements.txt:4 (manifest)');
    expect(await placeIn(root, findingOf('pkg:pypi/djangorestframework@3.14.0'))).toBe(
      'requirements.txt:6 (manifest)',
    );
    expect(await placeIn(root, findingOf('pkg:pypi/zope-interface@6.0'))).toBe(
      'requirements.txt:7 (manifest)',
    );
    expect(await placeIn(root, findingOf('pkg:pypi/flask-sqlalchemy@3.0.0'))).toBe(
      'requirements.txt:9 (manifest)',
    );
    expect(await placeIn(root, findingOf('pkg:pypi/requests@2.31.0'))).toBe(
      'requirements/base.txt:1 (manifest)',
    );
    expect(await placeIn(root, findingOf('pkg:pypi/pytest@7.4.0'))).toBe('requirements-dev.txt:1 (manifest)');
    // Continuation lines, options and URLs declare nothing.
    expect(await placeIn(root, findingOf('pkg:pypi/https@1.0'))).toBe('requirements.txt:1 (root-manifest)');
  });

  it('reads manifests saved as UTF-16 or with a UTF-8 byte-order mark (Windows PowerShell 5, Visual Studio)', async () => {
    const mark = (text: string, encoding: 'utf8' | 'utf16le') =>
      Buffer.concat([Buffer.from('\ufeff', encoding), Buffer.from(text, encoding)]);
    const root = makeRepo({
      // `pip freeze > requirements.txt` in Windows PowerShell 5.
      'requirements.txt': mark('Django==4.1.4\r\nrequests==2.31.0\r\n', 'utf16le'),
      'be/requirements.txt': Buffer.from(mark('flask==2.0.0\n', 'utf16le')).swap16(),
      'web/package.json': mark('{\n  "dependencies": {\n    "lodash": "4.17.20"\n  }\n}\n', 'utf8'),
    });
    expect(await placeIn(root, findingOf('pkg:pypi/requests@2.31.0'))).toBe('requirements.txt:2 (manifest)');
    expect(await placeIn(root, findingOf('pkg:pypi/flask@2.0.0'))).toBe('be/requirements.txt:1 (manifest)');
    expect(await placeIn(root, findingOf('pkg:npm/lodash@4.17.20'))).toBe('web/package.json:3 (manifest)');
  });

  it('follows the files a requirements file includes with -r and -c, whatever their names', async () => {
    const root = makeRepo({
      'outside.txt': ['leaked==1.0'],
      'app/requirements.txt': [
        '-r base.txt', // 1
        '--requirement=deps/prod.in  # production', // 2
        '-c constraints.txt', // 3
        '-r ../outside.txt', // 4
        '-r https://example.com/remote.txt', // 5
        'flask==2.0.0', // 6
      ],
      'app/base.txt': ['# shared', 'Django==4.1.4', '-rbase.txt', '-r requirements.txt'],
      // Relative to the including file, not to the working directory.
      'app/deps/prod.in': ['--requirement more.txt', 'gunicorn==21.2.0'],
      'app/deps/more.txt': ['requests==2.31.0'],
      'app/constraints.txt': ['urllib3==1.26.18'],
      // Not included by anything: not a requirements file.
      'app/notes.txt': ['pyyaml==6.0'],
    });
    const app = path.join(root, 'app');
    expect(await placeIn(app, findingOf('pkg:pypi/django@4.1.4'))).toBe('base.txt:2 (manifest)');
    expect(await placeIn(app, findingOf('pkg:pypi/gunicorn@21.2.0'))).toBe('deps/prod.in:2 (manifest)');
    expect(await placeIn(app, findingOf('pkg:pypi/requests@2.31.0'))).toBe('deps/more.txt:1 (manifest)');
    expect(await placeIn(app, findingOf('pkg:pypi/urllib3@1.26.18'))).toBe('constraints.txt:1 (manifest)');
    expect(await placeIn(app, findingOf('pkg:pypi/flask@2.0.0'))).toBe('requirements.txt:6 (manifest)');
    expect(await placeIn(app, findingOf('pkg:pypi/leaked@1.0'))).toBe('requirements.txt:1 (root-manifest)');
    expect(await placeIn(app, findingOf('pkg:pypi/pyyaml@6.0'))).toBe('requirements.txt:1 (root-manifest)');
  });

  it('places a transitive PyPI dependency at the requirement Xray’s impact path names', async () => {
    const root = makeRepo({ 'requirements.txt': ['flask==2.0.0', 'Django==4.1.4'] });
    const finding = xrayFindingOf('pypi://sqlparse:0.4.3', {
      impactPaths: [['pypi://', 'pypi://django:4.1.4', 'pypi://sqlparse:0.4.3']],
    });
    expect(await placeIn(root, finding)).toBe('requirements.txt:2 (manifest)');
  });

  it('reads pyproject.toml: PEP 621, PEP 735, Poetry, uv and the build system', async () => {
    const root = makeRepo({
      'pyproject.toml': [
        '[build-system]', // 1
        'requires = ["setuptools>=61", "wheel"]', // 2
        '', // 3
        '[project]', // 4
        'name = "shop"', // 5
        'description = """', // 6
        '[not-a-table]', // 7
        'requests = "no"', // 8
        '"""', // 9
        'dependencies = [', // 10
        '  "Jinja2>=3.1",  # templates', // 11
        "  'PyYAML[libyaml]==6.0.1',", // 12
        ']', // 13
        '', // 14
        '[project.optional-dependencies]', // 15
        'test = ["coverage[toml]"]', // 16
        '', // 17
        '[dependency-groups]', // 18
        'lint = ["ruff", {include-group = "test"}]', // 19
        '', // 20
        '[tool.uv]', // 21
        'dev-dependencies = ["mypy==1.5"]', // 22
      ],
      'poetry/pyproject.toml': [
        '[tool.poetry]', // 1
        'name = "billing"', // 2
        '', // 3
        '[tool.poetry.dependencies]', // 4
        'python = "^3.11"', // 5
        'requests = { version = "^2.31", extras = ["socks"] }', // 6
        '', // 7
        '[tool.poetry.group.dev.dependencies]', // 8
        '"black" = "^23.0"', // 9
      ],
    });
    expect(await placeIn(root, findingOf('pkg:pypi/setuptools@61.0'))).toBe('pyproject.toml:2 (manifest)');
    expect(await placeIn(root, findingOf('pkg:pypi/jinja2@3.1.2'))).toBe('pyproject.toml:11 (manifest)');
    expect(await placeIn(root, findingOf('pkg:pypi/pyyaml@6.0.1'))).toBe('pyproject.toml:12 (manifest)');
    expect(await placeIn(root, findingOf('pkg:pypi/coverage@7.3'))).toBe('pyproject.toml:16 (manifest)');
    expect(await placeIn(root, findingOf('pkg:pypi/ruff@0.1'))).toBe('pyproject.toml:19 (manifest)');
    expect(await placeIn(root, findingOf('pkg:pypi/mypy@1.5'))).toBe('pyproject.toml:22 (manifest)');
    // Inside a multi-line string, `requests = "no"` is text.
    expect(await placeIn(root, findingOf('pkg:pypi/requests@2.31.0'))).toBe(
      'poetry/pyproject.toml:6 (manifest)',
    );
    expect(await placeIn(root, findingOf('pkg:pypi/black@23.1'))).toBe('poetry/pyproject.toml:9 (manifest)');
    expect(await placeIn(root, findingOf('pkg:pypi/python@3.11'))).toBe('pyproject.toml:1 (root-manifest)');
  });

  it("reads Poetry's table form of a dependency", async () => {
    const root = makeRepo({
      'pyproject.toml': [
        '[tool.poetry]', // 1
        'name = "app"', // 2
        '', // 3
        '[tool.poetry.dependencies]', // 4
        'python = "^3.11"', // 5
        '', // 6
        '[tool.poetry.dependencies.Django]', // 7
        'version = "3.2"', // 8
        'extras = ["bcrypt"]', // 9
      ],
    });
    expect(await placeIn(root, findingOf('pkg:pypi/django@3.2'))).toBe('pyproject.toml:7 (manifest)');
    expect(await placeIn(root, findingOf('pkg:pypi/version@1.0'))).toBe('pyproject.toml:1 (root-manifest)');
  });

  it('reads Pipfile and places transitive packages at their Pipfile.lock entry', async () => {
    const root = makeRepo({
      Pipfile: [
        '[[source]]', // 1
        'url = "https://pypi.org/simple"', // 2
        '', // 3
        '[packages]', // 4
        'flask = "==2.3.2"', // 5
        '', // 6
        '[dev-packages]', // 7
        'pytest = "*"', // 8
        '', // 9
        '[requires]', // 10
        'python_version = "3.11"', // 11
      ],
      'Pipfile.lock': [
        '{', // 1
        '  "_meta": { "hash": { "sha256": "x" } },', // 2
        '  "default": {', // 3
        '    "flask": { "version": "==2.3.2" },', // 4
        '    "werkzeug": { "version": "==2.3.6" }', // 5
        '  },', // 6
        '  "develop": {', // 7
        '    "pytest": { "version": "==7.4.0" }', // 8
        '  }', // 9
        '}', // 10
      ],
    });
    expect(await placeIn(root, findingOf('pkg:pypi/flask@2.3.2'))).toBe('Pipfile:5 (manifest)');
    expect(await placeIn(root, findingOf('pkg:pypi/pytest@7.4.0'))).toBe('Pipfile:8 (manifest)');
    expect(await placeIn(root, findingOf('pkg:pypi/werkzeug@2.3.6'))).toBe('Pipfile.lock:5 (lockfile)');
  });

  it('places transitive packages at their poetry.lock and uv.lock entries', async () => {
    const lock = (extra: string[]) => [
      '[[package]]', // 1
      'name = "certifi"', // 2
      'version = "2023.7.22"', // 3
      '', // 4
      '[package.dependencies]', // 5
      'name = "not-a-package"', // 6
      '', // 7
      '[[package]]', // 8
      'name = "charset-normalizer"', // 9
      'version = "3.2.0"', // 10
      ...extra,
    ];
    const root = makeRepo({
      'poetry/poetry.lock': lock([]),
      'uv/uv.lock': lock(['dependencies = [{ name = "certifi" }]']),
    });
    expect(
      await placeIn(root, findingOf('pkg:pypi/charset_normalizer@3.2.0', { componentPaths: ['uv'] })),
    ).toBe('uv/uv.lock:9 (lockfile)');
    expect(await placeIn(root, findingOf('pkg:pypi/certifi@2023.7.22'))).toBe(
      'poetry/poetry.lock:2 (lockfile)',
    );
    expect(await placeIn(root, findingOf('pkg:pypi/not-a-package@1.0'))).toBe(
      'sca-bridge.sarif:1 (fallback)',
    );
  });
});
