export const id = 63;
export const ids = [63];
export const modules = {

/***/ 7593:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   hT: () => (/* binding */ parseCliArgs),
/* harmony export */   sB: () => (/* binding */ refuseFlags),
/* harmony export */   uY: () => (/* binding */ looseArgs)
/* harmony export */ });
/* unused harmony exports closestFlag, COMMAND_FLAGS */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8431);
/* harmony import */ var _config_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2137);
/* harmony import */ var _policy_fail_on_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(668);
/* harmony import */ var _wording_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3395);







/** Inputs of SPEC §3 that take a value on the command line. */
const VALUE_INPUTS = [
    'scanner',
    'api-url',
    'ui-url',
    'ca-file',
    'timeout',
    'poll-interval',
    'import-format',
    'project',
    'project-name',
    'project-version',
    'parent-project',
    'sbom',
    'repo-key',
    'project-key',
    'branch',
    'environment',
    'scan-tag',
    'min-severity',
    'fail-on',
    'working-directory',
    'sarif-file',
    'category',
    'webhook-url',
    'gitlab-dependency-report',
    'gitlab-codequality-report',
];
/** Inputs that may be repeated (or given comma-separated). */
const LIST_INPUTS = [
    'import-file',
    'watches',
    'include-path-patterns',
    'exclude-path-patterns',
    'metadata',
];
/** Switches; each also has a `--no-` form. */
const BOOLEAN_INPUTS = [
    'insecure',
    'is-latest',
    'auto-create',
    'keep-report',
    'fail-on-policy-violation',
    'include-suppressed',
];
const OPTIONS = {
    ...Object.fromEntries(VALUE_INPUTS.map((name) => [name, { type: 'string' }])),
    ...Object.fromEntries(LIST_INPUTS.map((name) => [name, { type: 'string', multiple: true }])),
    ...Object.fromEntries(BOOLEAN_INPUTS.map((name) => [name, { type: 'boolean' }])),
    'token-file': { type: 'string' },
    json: { type: 'boolean' },
    verbose: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
};
/** Every long flag, switches with their `--no-` form. */
const FLAG_NAMES = Object.entries(OPTIONS).flatMap(([name, option]) => option.type === 'boolean' ? [name, `no-${name}`] : [name]);
/** Edits (insert, delete, replace) between two short strings. */
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length] ?? 0;
}
/**
 * The known flag an unknown one was most likely meant to be: `--fail_on`, `--Fail-On`, `--failon`, `--fial-on`,
 * `--sarif`; none when no flag is that close (two edits at most, one for short names).
 */
function closestFlag(written) {
    const name = written.replace(/^-+/, '').toLowerCase().replaceAll('_', '-');
    // A flag cut short (`--sarif`, `--include-path`) when only one starts so.
    const started = FLAG_NAMES.filter((flag) => name.length >= 3 && flag.startsWith(name));
    if (started.length === 1)
        return `--${started[0]}`;
    const within = name.length > 4 ? 2 : 1;
    let best;
    for (const flag of FLAG_NAMES) {
        const distance = editDistance(name, flag);
        if (distance <= within && distance < (best?.distance ?? Infinity))
            best = { flag, distance };
    }
    return best && `--${best.flag}`;
}
/**
 * Node's own message on one line (it may span several, and ends with a full stop), but for an unknown flag ours,
 * with the flag it was most likely meant to be.
 */
function parseError(error) {
    const unknown = error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? /^Unknown option '(.+?)'/.exec(error.message)?.[1]
        : undefined;
    const help = 'Run `sca-bridge --help` for the flags';
    if (!unknown)
        return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`${(0,_wording_js__WEBPACK_IMPORTED_MODULE_6__/* .clause */ .sb)(error.message.split('\n').join(' '))}. ${help}.`);
    const meant = closestFlag(unknown);
    return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(meant
        ? `Unknown flag ${unknown}; did you mean ${meant}?`
        : `Unknown flag ${unknown}. ${help} (a file whose name starts with - goes after --).`);
}
/** Values that may carry a token (a chat webhook's path, a URL's login): a message never shows them. */
const URL_INPUTS = new Set(['api-url', 'ui-url', 'webhook-url']);
/** What to do instead of repeating `--fail-on`: the budgets merged, when they are budgets of different severities. */
function failOnOnce(values) {
    const joined = values.map((value) => value.trim()).join(',');
    const merged = (() => {
        try {
            return (0,_policy_fail_on_js__WEBPACK_IMPORTED_MODULE_5__/* .parseFailOn */ .X)(joined).kind === 'budgets';
        }
        catch {
            // Not budgets, or one severity given two: one rule is the fix.
            return false;
        }
    })();
    return merged
        ? `give the budgets once, comma-separated: --fail-on ${joined}`
        : 'give one rule: a severity, any, none, or budgets comma-separated such as critical:0,high:5';
}
/** What a flag token gives: its value, or for a switch `true`, and `false` for its `--no-` form. */
function tokenValue(token) {
    return token.value ?? String(!token.rawName.startsWith('--no-'));
}
/**
 * A flag that takes one value, given again with another (`--fail-on critical:0 --fail-on high:5`, `--insecure
 * --no-insecure`), is refused: parseArgs keeps the last, silently dropping the rest. The same value again loses
 * nothing; list flags are repeatable.
 */
function refuseRepeats(tokens) {
    const given = new Map();
    for (const token of tokens) {
        if (token.kind !== 'option' || !token.name || !token.rawName)
            continue;
        if (LIST_INPUTS.includes(token.name))
            continue;
        const value = tokenValue({ rawName: token.rawName, value: token.value });
        const seen = given.get(token.name) ?? { written: [], values: [] };
        if (!seen.values.includes(value))
            seen.values.push(value);
        if (!seen.written.includes(token.rawName))
            seen.written.push(token.rawName);
        given.set(token.name, seen);
    }
    for (const [name, { written, values }] of given) {
        if (values.length < 2)
            continue;
        if (OPTIONS[name].type === 'boolean') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`${listed(written)} are both given, and only the last would count; give one.`);
        }
        const shown = URL_INPUTS.has(name)
            ? 'with different values (not shown: a URL may carry a token)'
            : `(${listed(values.map((value) => JSON.stringify(value)))})`;
        const fix = name === 'fail-on' ? failOnOnce(values) : 'give it once';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`--${name} is given more than once ${shown}; it takes one value, and only the last would count: ${fix}.`);
    }
}
function parseCliArgs(argv) {
    // Any spelling of them (`--TOKEN`, `--webhook_secret`): a near miss must not be taken for another flag.
    const secretFlag = argv.find((arg) => /^--(token|webhook[-_]secret)(=|$)/i.test(arg));
    if (secretFlag) {
        const name = secretFlag.replace(/^--/, '').replace(/=.*/, '').toLowerCase();
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(name === 'token'
            ? '--token is not accepted: a token in a flag leaks into shell history and process lists. Set the SCA_BRIDGE_TOKEN environment variable, or use --token-file <file>.'
            : '--webhook-secret is not accepted: set the SCA_BRIDGE_WEBHOOK_SECRET environment variable instead.');
    }
    let parsed;
    try {
        parsed = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.parseArgs)({
            args: [...argv],
            options: OPTIONS,
            allowPositionals: true,
            allowNegative: true,
            strict: true,
            tokens: true,
        });
    }
    catch (error) {
        throw parseError(error);
    }
    refuseRepeats(parsed.tokens);
    const values = parsed.values;
    const inputs = {};
    for (const name of [...VALUE_INPUTS, ...LIST_INPUTS]) {
        const value = values[name];
        if (value !== undefined)
            inputs[name] = value;
    }
    for (const name of BOOLEAN_INPUTS) {
        if (values[name] !== undefined)
            inputs[name] = String(values[name]);
    }
    const [command, ...positionals] = parsed.positionals;
    const flags = parsed.tokens.flatMap((token) => token.kind === 'option' ? [{ name: token.name, written: token.rawName }] : []);
    return {
        command,
        positionals,
        flags,
        inputs,
        json: !!values.json,
        verbose: !!values.verbose,
        help: !!values.help,
        version: !!values.version,
        ...(typeof values['token-file'] === 'string' ? { tokenFile: values['token-file'] } : {}),
    };
}
/**
 * What a command line that failed to parse still says, read leniently: the command, and what a webhook and
 * `--json` need to report the refusal. Nothing else is taken from it.
 */
function looseArgs(argv) {
    const { values, positionals, tokens } = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.parseArgs)({
        args: [...argv],
        options: OPTIONS,
        allowPositionals: true,
        allowNegative: true,
        strict: false,
        tokens: true,
    });
    const [command] = positionals;
    const loose = { ...(command ? { command } : {}), json: values.json === true };
    // A webhook input given twice, each time otherwise, is itself wrong (the refusal may be just that): no webhook.
    const seen = new Map();
    for (const token of tokens) {
        if (token.kind !== 'option' || !WEBHOOK_INPUTS.includes(token.name))
            continue;
        const value = tokenValue(token);
        if ((seen.get(token.name) ?? value) !== value)
            return { ...loose, inputs: {} };
        seen.set(token.name, value);
    }
    const inputs = Object.fromEntries(seen);
    return { ...loose, inputs };
}
/** The inputs sending a webhook reads from the command line. */
const WEBHOOK_INPUTS = ['webhook-url', 'insecure', 'ca-file'];
/** Flags every command takes. */
const EVERY_COMMAND = ['verbose', 'help', 'version'];
/** How `list-repos` and `test-connection` reach the scanner. */
const CONNECTION = ['scanner', 'api-url', 'token-file', 'insecure', 'ca-file', 'timeout'];
/**
 * What the commands that read little take: the files and the flags commands.ts reads for them, directly or
 * through their Config. `import` and `scan` take every flag (the Action and the GitLab component pass them some
 * they do not use, such as defaults).
 */
const COMMAND_FLAGS = {
    gate: { files: '<summary.json>', flags: ['fail-on', 'fail-on-policy-violation'] },
    'list-repos': { files: '', flags: [...CONNECTION, 'project-key', 'json'] },
    'test-connection': {
        files: '',
        flags: [...CONNECTION, ..._config_js__WEBPACK_IMPORTED_MODULE_4__/* .TEST_CONNECTION_INPUTS */ .MC.filter((input) => !CONNECTION.includes(input))],
    },
};
/** `a`, `a and b`, `a, b and c`. */
function listed(items) {
    return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
/** The reports `import` and `scan` write, by input. */
const REPORT_INPUTS = ['sarif-file', 'gitlab-dependency-report', 'gitlab-codequality-report'];
/**
 * With --json the run summary goes to standard output: a report written there too (`--sarif-file /dev/stdout`,
 * or `--json > out.sarif` onto the report's own path) would run the two together into one stream no reader can
 * split. Told by device and inode, whatever the path's spelling (`/dev/fd/1`, a pipe, a terminal, a file).
 */
function refuseReportOnStdout(args) {
    if (!args.json || (args.command !== 'import' && args.command !== 'scan'))
        return;
    let stdout;
    try {
        stdout = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(1, { bigint: true });
    }
    catch {
        return;
    }
    for (const input of REPORT_INPUTS) {
        // The SARIF is written whether or not its path is given.
        const file = args.inputs[input] ?? (input === 'sarif-file' ? _paths_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_SARIF_FILE */ .V3 : undefined);
        if (typeof file !== 'string' || !file)
            continue;
        let stats;
        try {
            stats = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(file, { bigint: true, throwIfNoEntry: false });
        }
        catch {
            // Not to be looked at (no permission): writing it is what will say so.
            continue;
        }
        if (stats && (0,_paths_js__WEBPACK_IMPORTED_MODULE_3__/* .sameNode */ .$Y)(stats, stdout)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`--${input} ${file} and --json both write to standard output, where the report and the run summary would run together; write the ${input} to a file, or leave out --json.`);
        }
    }
}
/**
 * A flag the command would not read is refused rather than dropped: the user expects it to do something. So is
 * a report written to standard output beside --json's summary.
 */
function refuseFlags(args) {
    refuseReportOnStdout(args);
    const takes = args.command === undefined ? undefined : COMMAND_FLAGS[args.command];
    if (!takes)
        return;
    const allowed = new Set([...takes.flags, ...EVERY_COMMAND]);
    const refused = [
        ...new Set(args.flags.filter((flag) => !allowed.has(flag.name)).map((flag) => flag.written)),
    ];
    if (!refused.length)
        return;
    const what = [takes.files, ...[...takes.flags, 'verbose'].map((name) => `--${name}`)].filter(Boolean);
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`${args.command}: ${listed(refused)} ${refused.length === 1 ? 'does' : 'do'} not apply; ${args.command} takes ${listed(what)}. Run \`sca-bridge ${args.command} --help\`.`);
}


/***/ }),

/***/ 3063:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/logger.ts
var src_logger = __webpack_require__(6999);
// EXTERNAL MODULE: ./src/version.ts + 1 modules
var version = __webpack_require__(1013);
// EXTERNAL MODULE: ./src/cli/args.ts
var cli_args = __webpack_require__(7593);
// EXTERNAL MODULE: ./src/importers/formats.ts
var formats = __webpack_require__(9907);
;// CONCATENATED MODULE: ./src/cli/help.ts

const HELP = `sca-bridge: Dependency-Track and JFrog Xray findings as SARIF, gates and reports

Usage:
  sca-bridge scan --scanner <dependency-track|xray> --api-url <url> [flags]
                                             scan through the scanner's API, write SARIF, evaluate the gate
  sca-bridge import <file|glob>... [flags]   read exported JSON, write SARIF, evaluate the gate
  sca-bridge test-connection --scanner <name> --api-url <url>
                                             check URL, TLS, token and its permissions
  sca-bridge list-repos --api-url <url>      Xray: repository keys the token can see
  sca-bridge gate <summary.json> [flags]     evaluate the gate again from a saved --json run summary
  sca-bridge --version | --help

Connection (token: environment variable SCA_BRIDGE_TOKEN, or --token-file <file>; never a flag). An import
makes no request but the webhook's: it refuses --api-url, and --ca-file, --insecure without --webhook-url:
  --api-url <url>                Dependency-Track API base (with or without /api); JFrog Platform URL
  --ui-url <url>                 web UI base for links (a scan: derived from --api-url; an import: the export's)
  --ca-file <pem>                extra trusted CAs;  --insecure skips TLS verification (testing only)
  --timeout <s>                  wait for server-side processing (default 600); --poll-interval <s> (5)

Dependency-Track scan (an import refuses --no-auto-create, --parent-project, --is-latest; its --sbom places findings):
  --project <uuid> | --project-name <name> --project-version <v>   (version defaults to the branch)
  --sbom <file>                  CycloneDX SBOM to upload first;  --no-auto-create  --parent-project <uuid|name>
  --is-latest                    mark the uploaded version as latest (DT 4.12+)

Xray scan (an import refuses --project-key and --keep-report):
  --repo-key <key>               repository to report on;  --project-key <key> (JFrog Projects)
  --keep-report                  keep the generated report instead of deleting it

Output:
  --sarif-file <path>            where SARIF is written (default sca-bridge.sarif)
  --category <id>                SARIF automationDetails.id (default sca-bridge/<scanner>/<project, repo key or repository>/)
  --json                         print the run summary as JSON on stdout (logs go to stderr)
  --working-directory <dir>      repository root, where findings are located (default: GITHUB_WORKSPACE, CI_PROJECT_DIR, else cwd)

Import:
  --import-file <glob>           more files or globs to import, besides those named (repeatable; a scan refuses it)
  --import-format <format>       auto (default) or one of: ${formats/* IMPORT_FORMATS */.p.join(', ')}
  --scanner <name>               dependency-track or xray (detected from the file)

Filters and gate:
  --min-severity <sev>           drop findings below it: critical, high, medium, low, info, unknown (default)
  --include-path-patterns <glob> keep findings whose component path matches (repeatable)
  --exclude-path-patterns <glob> drop findings whose component path matches (repeatable)
  --include-suppressed           also report suppressed findings (never counted by the gate)
  --fail-on <rule>               none (default), any, critical|high|medium|low (that or above),
                                 or budgets such as critical:0,high:5
  --fail-on-policy-violation     also fail on policy violations that fail the build
  --watches <name>               Xray watches whose violations count (repeatable; default all)

Reports and delivery:
  --gitlab-dependency-report <path>   also write GitLab's dependency-scanning report
  --gitlab-codequality-report <path>  also write GitLab's code-quality report
  --webhook-url <url>            POST the run summary when the run ends (secret: SCA_BRIDGE_WEBHOOK_SECRET)
  --verbose                      debug logging

Labels (carried into SARIF and the run summary):
  --project-name <name> --project-version <v> --repo-key <key> --branch <name>
  --environment <name> --scan-tag <tag> --metadata key=value (repeat it; a comma stays in the value)

A flag of one value is given once (again with another value, it is refused); those marked repeatable may repeat.
Exit codes: 0 passed, 1 gate failed, 2 bad input, 3 scanner or network failure, 4 internal error.
Tokens are never flags: use the SCA_BRIDGE_TOKEN environment variable or --token-file.
`;
/** The flags that reach the scanner; `scanners` says which scanners the command takes. */
const connectionHelp = (scanners, apiUrl) => `  --scanner <name>               ${scanners}
  --api-url <url>                ${apiUrl}
  --token-file <file>            the token, else the environment variable SCA_BRIDGE_TOKEN (never a flag)
  --ca-file <pem>                extra trusted CAs;  --insecure skips TLS verification (testing only)
  --timeout <s>                  a request waits at most a minute, or this when shorter (default 600)`;
/** `<command> --help` for the commands that take few flags (args.ts COMMAND_FLAGS); `scan` and `import` take them all. */
const COMMAND_HELP = {
    gate: `Usage: sca-bridge gate <summary.json> [flags]

Evaluates the gate again from the run summary \`sca-bridge import --json\` or \`scan --json\` saved (GitLab's
gate job). Exit 1 when the gate fails; when the scan itself failed, its exit code.

  --fail-on <rule>               instead of the saved rule: none, any, critical|high|medium|low (that or above),
                                 or budgets such as critical:0,high:5
  --fail-on-policy-violation     also fail on the summary's policy violations (--no-fail-on-policy-violation: do not)
  --verbose                      debug logging
`,
    'list-repos': `Usage: sca-bridge list-repos --api-url <url> [flags]

Xray: prints the repository keys the token can see, one per line.

${connectionHelp('xray (the default; only Xray has repositories)', 'JFrog Platform URL (https://acme.jfrog.io)')}
  --project-key <key>            only the repositories of this JFrog Project
  --json                         print the keys as a JSON array
  --verbose                      debug logging
`,
    'test-connection': `Usage: sca-bridge test-connection --scanner <name> --api-url <url> [flags]

Checks the URL, TLS and the token (and its permissions where the API tells); reports nothing else.

${connectionHelp('dependency-track or xray', 'Dependency-Track API base (with or without /api); JFrog Platform URL')}
  --project <uuid> | --project-name <name> --project-version <v>
                                 Dependency-Track: also look the project up (version defaults to --branch)
  --branch <name>                the branch (default from CI, else git)
  --no-auto-create               Dependency-Track: the token need not create projects
  --ui-url <url>                 web UI base for the project's link (derived when possible)
  --project-key <key>            Xray: count the reports of this JFrog Project
  --verbose                      debug logging
`,
};
/** The help of a command, or the whole help. */
function helpFor(command) {
    return (command === undefined ? undefined : COMMAND_HELP[command]) ?? HELP;
}

;// CONCATENATED MODULE: ./src/cli/main.ts





async function main(io) {
    // In a GitHub `run:` step the runner reads this output for workflow commands, which a server's text must not add.
    const inGitHubActions = io.env.GITHUB_ACTIONS === 'true';
    let logger = new src_logger/* StreamLogger */.rv(io.stderr, false, inGitHubActions);
    let parsed = false;
    try {
        const args = (0,cli_args/* parseCliArgs */.hT)(io.argv);
        parsed = true;
        logger = new src_logger/* StreamLogger */.rv(io.stderr, args.verbose, inGitHubActions);
        if (args.version) {
            io.stdout(`${version/* VERSION */.x}\n`);
            return errors/* ExitCode */.yU.Ok;
        }
        if (args.help || !args.command) {
            io.stdout(helpFor(args.command));
            return args.command || args.help ? errors/* ExitCode */.yU.Ok : errors/* ExitCode */.yU.BadInput;
        }
        (0,cli_args/* refuseFlags */.sB)(args);
        switch (args.command) {
            case 'import':
            case 'scan':
                return await (await Promise.all(/* import() */[__webpack_require__.e(345), __webpack_require__.e(551)]).then(__webpack_require__.bind(__webpack_require__, 7551))).runReport(args.command, args, io, logger);
            case 'test-connection':
                return await (await Promise.all(/* import() */[__webpack_require__.e(345), __webpack_require__.e(551)]).then(__webpack_require__.bind(__webpack_require__, 7551))).testConnection(args, io, logger);
            case 'list-repos':
                return await (await Promise.all(/* import() */[__webpack_require__.e(345), __webpack_require__.e(551)]).then(__webpack_require__.bind(__webpack_require__, 7551))).listRepos(args, io, logger);
            case 'gate':
                return await (await Promise.all(/* import() */[__webpack_require__.e(345), __webpack_require__.e(551)]).then(__webpack_require__.bind(__webpack_require__, 7551))).runGate(args, logger);
            default:
                throw new errors/* UserError */.yo(`Unknown command "${args.command}". Commands: scan, import, test-connection, list-repos, gate. Run \`sca-bridge --help\`.`);
        }
    }
    catch (error) {
        logger.error((0,errors/* describeError */.Uc)(error));
        if (!parsed)
            await (await Promise.all(/* import() */[__webpack_require__.e(345), __webpack_require__.e(551)]).then(__webpack_require__.bind(__webpack_require__, 7551))).reportUnparsedRun(io, error, logger);
        return (0,errors/* exitCodeOf */.FO)(error);
    }
}


/***/ }),

/***/ 2137:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MC: () => (/* binding */ TEST_CONNECTION_INPUTS),
  XU: () => (/* binding */ askedOfRefusedRun),
  k0: () => (/* binding */ importFilesOf),
  o4: () => (/* binding */ parseConfig),
  XV: () => (/* reexport */ fail_on/* parseFailOn */.X),
  dg: () => (/* binding */ registerSecrets),
  Rs: () => (/* binding */ reportPaths),
  Qq: () => (/* binding */ config_text),
  sw: () => (/* binding */ webhookOfRefusedRun)
});

// UNUSED EXPORTS: jobSummaryOfRefusedRun, list

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/schema.ts
var schema = __webpack_require__(5060);
// EXTERNAL MODULE: ./src/http/ca-file.ts
var ca_file = __webpack_require__(3281);
// EXTERNAL MODULE: ./src/paths.ts
var paths = __webpack_require__(8431);
// EXTERNAL MODULE: ./src/findings/severity.ts
var severity = __webpack_require__(5131);
// EXTERNAL MODULE: ./src/importers/formats.ts
var formats = __webpack_require__(9907);
;// CONCATENATED MODULE: ./src/publish/artifact.ts

/**
 * What @actions/artifact refuses in an artifact's name (`validateArtifactName`: NTFS cannot store them), named
 * as it names them; its file names take the same but for the slashes.
 */
const FORBIDDEN_IN_NAMES = [
    ['"', 'double quote "'],
    [':', 'colon :'],
    ['<', 'less than <'],
    ['>', 'greater than >'],
    ['|', 'vertical bar |'],
    ['*', 'asterisk *'],
    ['?', 'question mark ?'],
    ['\r', 'carriage return'],
    ['\n', 'line feed'],
    ['\\', 'backslash \\'],
    ['/', 'forward slash /'],
];
/** The characters of a name @actions/artifact would refuse, by their names; empty when it takes the name. */
function forbiddenInArtifactName(name) {
    return FORBIDDEN_IN_NAMES.filter(([char]) => name.includes(char)).map(([, what]) => what);
}
/** A file's name as an artifact takes it: each character @actions/artifact refuses becomes `_`. */
function artifactFileName(name) {
    return FORBIDDEN_IN_NAMES.reduce((out, [char]) => out.split(char).join('_'), name);
}
/** `name`, or `name-2`, `name-3`… : artifact names must be unique in a run (matrix jobs, repeated steps). */
function uniqueName(name, taken) {
    if (!taken.has(name))
        return name;
    for (let n = 2;; n++)
        if (!taken.has(`${name}-${n}`))
            return `${name}-${n}`;
}
const CONFLICT = /already exists|conflict|409/i;
/**
 * Uploads the files under a name no other step of the run has taken. Two jobs may race for the same name:
 * a conflict moves on to the next suffix, a few times.
 */
async function uploadUnique(client, name, files, rootDirectory, logger) {
    const taken = new Set((await client.listArtifacts()).artifacts.map((a) => a.name));
    for (let attempt = 0; attempt < 5; attempt++) {
        const candidate = uniqueName(name, taken);
        try {
            await client.uploadArtifact(candidate, files, rootDirectory);
            logger.info(`Uploaded artifact ${candidate} (${files.length} files).`);
            return candidate;
        }
        catch (error) {
            if (!CONFLICT.test(error.message))
                throw error;
            taken.add(candidate);
        }
    }
    // Names are taken on GitHub's side (parallel jobs racing for them): a remote condition, not a bug.
    throw new ScannerError(`could not find a free artifact name after 5 tries, starting from ${name}`);
}

// EXTERNAL MODULE: ./src/policy/fail-on.ts
var fail_on = __webpack_require__(668);
;// CONCATENATED MODULE: ./src/config.ts












/**
 * What a connection test reads but its token (the Action's `token`, the CLI's `--token-file`): ui-url for
 * Dependency-Track's project link, the project for its lookup, project-key for Xray's reports in a JFrog Project.
 */
const TEST_CONNECTION_INPUTS = [
    'scanner',
    'api-url',
    'insecure',
    'ca-file',
    'timeout',
    'ui-url',
    'project',
    'project-name',
    'project-version',
    'branch',
    'auto-create',
    'project-key',
];
const str = schemas/* string */.YjP().trim();
/**
 * Dependency-Track writes UUIDs in lower case: one given in upper case names the same project, and must label it
 * (the SARIF category, the summary) as the lower-case one does, or its alerts would be filed twice.
 */
function lowerUuid(value) {
    return value !== undefined && (0,schema/* isUuid */.O1)(value) ? value.toLowerCase() : value;
}
/** A text input, trimmed; blank is not given. */
function config_text(raw, name) {
    const value = raw[name];
    const joined = Array.isArray(value) ? value.join('\n') : value;
    const trimmed = joined?.trim();
    return trimmed ? trimmed : undefined;
}
/** Splits on commas outside braces, so a glob with `{a,b}` in it stays one pattern. */
function splitCommas(text) {
    const parts = [];
    let depth = 0;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
        const char = text[i];
        if (char === '{')
            depth += 1;
        else if (char === '}')
            depth = Math.max(0, depth - 1);
        else if (char === ',' && depth === 0) {
            parts.push(text.slice(start, i));
            start = i + 1;
        }
    }
    parts.push(text.slice(start));
    return parts;
}
/** Lists accept newlines or commas, and repeated flags; `lines` lists (metadata) split on newlines only. */
function list(raw, name, lines = false) {
    const value = raw[name];
    const parts = Array.isArray(value) ? value : value === undefined ? [] : [value];
    return parts
        .flatMap((part) => part.split('\n'))
        .flatMap((part) => (lines ? [part] : splitCommas(part)))
        .map((part) => part.trim())
        .filter(Boolean);
}
function bool(raw, name, fallback) {
    const value = config_text(raw, name)?.toLowerCase();
    if (value === undefined)
        return fallback;
    if (value === 'true')
        return true;
    if (value === 'false')
        return false;
    throw new errors/* UserError */.yo(`Input ${name}: expected true or false, got "${config_text(raw, name)}".`);
}
function existsDirectory(directory) {
    try {
        return (0,external_node_fs_.statSync)(directory).isDirectory();
    }
    catch {
        return false;
    }
}
/** A path input that must name a readable file, checked before anything runs. */
function readableFile(raw, name, what) {
    const value = config_text(raw, name);
    if (value === undefined)
        return undefined;
    try {
        (0,external_node_fs_.accessSync)(value, external_node_fs_.constants.R_OK);
        if (!(0,external_node_fs_.statSync)(value).isFile())
            throw new Error('not a file');
    }
    catch {
        // Read from the current directory, as accessSync reads it: not from working-directory, as users may expect.
        const where = external_node_path_default().isAbsolute(value) ? '' : ` (in ${process.cwd()})`;
        throw new errors/* UserError */.yo(`Input ${name}: cannot read "${value}"${where}; give the path of ${what}.`);
    }
    return value;
}
/** A number of seconds above 0 and at most `max` (Node's timers overflow past 24.8 days and fire at once). */
function seconds(raw, name, fallback, max) {
    const value = config_text(raw, name);
    if (value === undefined)
        return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0 || n > max) {
        throw new errors/* UserError */.yo(`Input ${name}: expected a number of seconds greater than 0 and at most ${max}, got "${value}".`);
    }
    return n;
}
function oneOf(raw, name, options, fallback) {
    const value = config_text(raw, name);
    if (value === undefined)
        return fallback;
    const match = options.find((option) => option === value.toLowerCase());
    if (!match)
        throw new errors/* UserError */.yo(`Input ${name}: expected one of ${options.join(', ')}, got "${value}".`);
    return match;
}
/** URL inputs whose value is itself a secret (chat webhooks carry their token in the path): never echoed. */
const SECRET_URLS = new Set(['webhook-url']);
const SECRET_INPUTS = ['token', 'webhook-secret', 'github-token', ...SECRET_URLS];
/**
 * Masks every secret input, by public name, in all the logger prints. Called on the raw inputs, before they
 * are validated, so that a run whose inputs are refused masks them too.
 */
function registerSecrets(raw, logger) {
    for (const name of SECRET_INPUTS) {
        const value = config_text(raw, name);
        if (!value)
            continue;
        // Config keeps a URL without its trailing slashes, and that form is sent. A URL that is a bare origin holds
        // no secret (and its origin is what the logs show of it): masking it would hide the host from every line.
        const kept = SECRET_URLS.has(name) ? value.replace(/\/+$/, '') : value;
        if (SECRET_URLS.has(name) && URL.parse(kept)?.origin === kept)
            continue;
        logger.secret(value);
        if (kept !== value)
            logger.secret(kept);
    }
}
function url(raw, name) {
    const value = config_text(raw, name);
    if (value === undefined)
        return undefined;
    const parsed = str.pipe(schemas/* url */.OZ5({ protocol: /^https?$/ })).safeParse(value);
    if (!parsed.success) {
        const got = SECRET_URLS.has(name) ? '' : `, got "${value}"`;
        throw new errors/* UserError */.yo(`Input ${name}: expected an http(s) URL such as https://scanner.example.com${got}.`);
    }
    const { username, password } = new URL(value);
    if (username || password) {
        const where = SECRET_URLS.has(name) ? 'give a URL without them' : 'give the credentials as the token';
        throw new errors/* UserError */.yo(`Input ${name}: the URL carries a user name or password; remove them and ${where} (they would otherwise reach logs and links).`);
    }
    return value.replace(/\/+$/, '');
}
/**
 * A URL that links are made from by adding paths (`ui-url`): none with a query or fragment, where the paths would
 * land. An API's address differs: its query is dropped as its root is found. Checked after `url`, so a URL it
 * quotes carries no credentials.
 */
function webBase(raw, name) {
    const value = url(raw, name);
    // As given: `url` takes a trailing `/` off, which may be all a fragment holds (`…/#/`).
    const given = config_text(raw, name);
    if (value === undefined || given === undefined || (0,schema/* isWebBase */.oj)(given))
        return value;
    throw new errors/* UserError */.yo(`Input ${name}: "${given}" has a query or fragment, and sca-bridge adds paths to this address; give it without (such as https://scanner.example.com/base).`);
}
function metadata(raw) {
    // Made from entries: assigning `out['__proto__'] = value` would set the prototype, and the label be lost.
    const entries = list(raw, 'metadata', true).map((line) => {
        const eq = line.indexOf('=');
        if (eq <= 0)
            throw new errors/* UserError */.yo(`Input metadata: expected key=value lines, got "${line}".`);
        return [line.slice(0, eq).trim(), line.slice(eq + 1).trim()];
    });
    // The last would silently win, as no repeated flag does.
    const seen = new Set();
    for (const [key] of entries) {
        if (seen.has(key))
            throw new errors/* UserError */.yo(`Input metadata: the key "${key}" is given twice; give each key once (join several values in one, such as owner=team-a,team-b).`);
        seen.add(key);
    }
    return Object.fromEntries(entries);
}
/** What no token holds, named as a user would spot it; a header cannot carry control characters at all. */
const TOKEN_FLAWS = [
    [/[\r\n]/, 'a line break'],
    [/\p{Cc}/u, 'a control character'],
    [/[^\x20-\x7e]/, 'a character that is not ASCII (a typographic quote or dash slips in when copying)'],
];
/** Refuses a token no server could accept, before any call; the message never shows it. */
function checkToken(token) {
    const flaw = TOKEN_FLAWS.find(([pattern]) => pattern.test(token));
    if (flaw) {
        throw new errors/* UserError */.yo(`Input token: the token holds ${flaw[1]}; a token is one line of ASCII. Copy it again where it comes from (CLI: SCA_BRIDGE_TOKEN or the file given to --token-file; Action: the token input's secret; GitLab: the masked CI/CD variable SCA_BRIDGE_TOKEN).`);
    }
}
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];
function decodes(text) {
    try {
        decodeURIComponent(text);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * The proxy variables, a `host:port` without a scheme read as `http://host:port` (as curl and npm read it).
 * A run that makes no request (an import with no webhook or upload) never uses them, so only a run that does
 * refuses a proxy that is no URL, here, rather than crash in the HTTP client.
 */
function proxyEnv(env, used) {
    const set = PROXY_VARIABLES.filter((name) => env[name] !== undefined && env[name] !== '');
    const values = Object.fromEntries(set.map((name) => {
        const value = env[name];
        return [name, /no_proxy/i.test(name) || value.includes('://') ? value : `http://${value}`];
    }));
    for (const name of used ? set.filter((n) => !/no_proxy/i.test(n)) : []) {
        const url = URL.parse(values[name]);
        if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
            // The value is not shown: it may hold the proxy's password.
            throw new errors/* UserError */.yo(`${name}: expected a proxy URL such as http://proxy.example.com:3128.`);
        }
        if (!decodes(url.username) || !decodes(url.password)) {
            throw new errors/* UserError */.yo(`${name}: the proxy's user name or password is not URL-encoded; write % as %25, @ as %40 and : as %3A.`);
        }
    }
    return values;
}
function definedOnly(value) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
/** The repository a remote URL names (`git@host:acme/shop.git`, `https://host/acme/shop`) → `shop`. */
function remoteName(url) {
    const name = url
        ?.replace(/[/\\]+$/, '')
        .split(/[/:\\]/)
        .pop()
        ?.replace(/\.git$/, '');
    return name || undefined;
}
/**
 * The repository's name, the default Dependency-Track project name: CI's, else the name the checkout's
 * `origin` remote gives it (a CI other than GitHub's or GitLab's checks out into folders such as `s` or
 * `build`), else the folder name of the working directory's checkout.
 */
function repositoryName(env, git) {
    const fromCi = (env.GITHUB_REPOSITORY || env.CI_PROJECT_PATH)?.split('/').pop();
    if (fromCi)
        return fromCi;
    const root = git.root();
    if (!root)
        return undefined;
    return remoteName(git.origin()) ?? external_node_path_default().basename(root);
}
function realPath(file) {
    try {
        return (0,external_node_fs_.realpathSync)(file);
    }
    catch {
        return external_node_path_default().resolve(file);
    }
}
/**
 * CI's workspace when it is itself a checkout holding the working directory (a submodule's folder stays a path
 * in it), else the git top folder of the working directory (`actions/checkout` with `path:` puts the checkout
 * in a subfolder of the workspace), else CI's workspace, else the working directory. Compared by real paths (git names the real one; a working directory may be reached through a symbolic
 * link, as /tmp is on macOS), and given as seen from the working directory, so that paths between the two
 * stay right.
 */
function repositoryRoot(workingDirectory, env, gitRoot) {
    const from = realPath(workingDirectory);
    const up = (root) => {
        if (root === undefined)
            return undefined;
        const relative = external_node_path_default().relative(from, realPath(root));
        const above = relative === '' || relative.split((external_node_path_default()).sep).every((part) => part === '..');
        return above ? external_node_path_default().resolve(workingDirectory, relative) : undefined;
    };
    const workspace = ciWorkspace(env)?.path;
    const checkout = workspace && (0,external_node_fs_.existsSync)(external_node_path_default().join(workspace, '.git')) ? workspace : undefined;
    return up(checkout) ?? up(gitRoot()) ?? up(workspace) ?? workingDirectory;
}
/** CI's workspace variable, when it holds a path: an empty one (`GITHUB_WORKSPACE= sca-bridge …`) is unset. */
function ciWorkspace(env) {
    const name = ['GITHUB_WORKSPACE', 'CI_PROJECT_DIR'].find((variable) => env[variable]);
    return name ? { name, path: env[name] } : undefined;
}
/** The working directory, and the error to give when it is none, naming where it came from. */
function workingDirectoryOf(raw, ctx) {
    const input = config_text(raw, 'working-directory');
    const workspace = ciWorkspace(ctx.env);
    if (input === undefined && workspace) {
        return {
            path: workspace.path,
            notFound: `${workspace.name}: "${workspace.path}" is not a directory; set it to the repository folder findings are placed in, or give working-directory.`,
        };
    }
    const dir = input ?? ctx.cwd;
    return {
        path: dir,
        notFound: `Input working-directory: "${dir}" is not a directory; give the repository folder findings are placed in.`,
    };
}
/** CI's branch, else the one checked out where findings are placed (not where the command was started). */
function defaultBranch(ctx, workingDirectory) {
    return ciBranch(ctx.env) || ctx.gitBranch?.(workingDirectory) || undefined;
}
function ciBranch(env) {
    return env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || env.CI_COMMIT_REF_NAME || undefined;
}
/** Read from the raw inputs alone, so that a run whose other inputs are refused still knows its reports. */
function reportPaths(raw) {
    return {
        'sarif-file': config_text(raw, 'sarif-file') ?? paths/* DEFAULT_SARIF_FILE */.V3,
        'gitlab-dependency-report': config_text(raw, 'gitlab-dependency-report'),
        'gitlab-codequality-report': config_text(raw, 'gitlab-codequality-report'),
    };
}
/** The shortest webhook secret taken: a shorter one is guessable, and is masked as a word wherever it appears. */
const WEBHOOK_SECRET_MIN = 8;
function webhookSecret(raw) {
    const secret = config_text(raw, 'webhook-secret');
    if (secret !== undefined && secret.length < WEBHOOK_SECRET_MIN) {
        throw new errors/* UserError */.yo(`Input webhook-secret: ${secret.length} characters, fewer than ${WEBHOOK_SECRET_MIN}; give a random one (\`openssl rand -hex 32\`) and the same to the receiver.`);
    }
    return secret;
}
/** The ca-file, its certificates parsed now when `parse`: a bad one is refused before the run, not after it. */
function caFile(raw, parse) {
    const file = readableFile(raw, 'ca-file', 'a PEM bundle of CA certificates');
    if (file !== undefined && parse)
        (0,ca_file/* readCaFile */.R)(file);
    return file;
}
/**
 * The webhook of a run whose inputs were refused, read from the raw inputs on their own, so that the error still
 * reaches it (SPEC §3: on success, gate failure and error). Undefined without one, or when the inputs it needs
 * are themselves what is wrong.
 */
function webhookOfRefusedRun(raw, env) {
    try {
        const webhook = webhookInputs(raw, env, true);
        return webhook.webhookUrl ? webhook : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * What the summary of a run refused before its configuration was read says it was asked: its mode and gate as
 * given (a webhook reading `failOn: none` of a run asked to fail on high would mislead).
 */
function askedOfRefusedRun(raw, mode, env) {
    const failOnText = config_text(raw, 'fail-on');
    const failOnPolicyViolation = switchOfRefusedRun(raw, 'fail-on-policy-violation', false);
    // The branch as given or as CI says (a webhook routes by it, errors too); not the checkout's: the refusal may be
    // the working directory's own.
    const branch = config_text(raw, 'branch') ?? ciBranch(env);
    return {
        ...(mode ? { mode } : {}),
        ...(failOnText ? { failOnText } : {}),
        failOnPolicyViolation,
        ...(branch ? { branch } : {}),
    };
}
/** `job-summary` as a run refused before its configuration reads it: written unless it says `false`. */
function jobSummaryOfRefusedRun(raw) {
    return switchOfRefusedRun(raw, 'job-summary', true);
}
/** A switch of a refused run as given, else its default (the refusal may be the switch's own). */
function switchOfRefusedRun(raw, name, fallback) {
    try {
        return bool(raw, name, fallback);
    }
    catch {
        return fallback;
    }
}
/** The inputs sending the webhook reads, as every run reads them (`proxyUsed`: whether the proxy is checked). */
function webhookInputs(raw, env, proxyUsed) {
    const webhookUrl = url(raw, 'webhook-url');
    return {
        webhookUrl,
        webhookSecret: webhookSecret(raw),
        insecure: bool(raw, 'insecure', false),
        // For the webhook, sent when the run has ended, its certificates are read now; a scan reads them first thing.
        caFile: caFile(raw, webhookUrl !== undefined),
        proxyEnv: proxyEnv(env, proxyUsed),
    };
}
/** The files named as arguments, then those of the `import-file` input. */
function importFilesOf(raw, files = []) {
    const value = raw['import-file'];
    // The CLI keeps each --import-file apart: one given empty (`--import-file "$UNSET"`) stays, to be refused as an
    // empty positional one is, rather than dropped with the findings it was meant to name.
    const blank = Array.isArray(value) ? value.filter((part) => !part.trim()) : [];
    return [...files, ...blank, ...list(raw, 'import-file')];
}
/**
 * `artifact-name`, refused here when @actions/artifact would refuse it: it says so only with a warning when the
 * upload starts, after the whole scan, and the step then passes without the artifact.
 */
function artifactName(raw) {
    const name = config_text(raw, 'artifact-name');
    if (name === undefined)
        return undefined;
    const forbidden = forbiddenInArtifactName(name);
    if (!forbidden.length)
        return name;
    throw new errors/* UserError */.yo(`Input artifact-name: "${name}" holds ${forbidden.join(', ')}, which GitHub's artifact names cannot hold; name it without (${artifactFileName(name)}), or leave it out for sca-bridge-<scanner>.`);
}
/** Validates every input before anything touches the network (SPEC §3: bad input exits 2, naming the input). */
function parseConfig(mode, raw, ctx) {
    const scanner = oneOf(raw, 'scanner', ['dependency-track', 'xray']);
    const failOnText = config_text(raw, 'fail-on') ?? 'none';
    const working = workingDirectoryOf(raw, ctx);
    const workingDirectory = working.path;
    // One `git rev-parse` at most, for the project's default name and the repository root.
    let root;
    const gitRoot = () => (root ??= { path: ctx.gitRoot?.(workingDirectory) }).path;
    const reports = reportPaths(raw);
    const config = definedOnly({
        mode,
        scanner,
        apiUrl: url(raw, 'api-url'),
        token: config_text(raw, 'token'),
        uiUrl: webBase(raw, 'ui-url'),
        ...webhookInputs(raw, ctx.env, mode !== 'import' || !!config_text(raw, 'webhook-url') || bool(raw, 'upload-sarif', false)),
        timeoutSeconds: seconds(raw, 'timeout', 600, 86_400),
        pollIntervalSeconds: seconds(raw, 'poll-interval', 5, 3_600),
        importFiles: importFilesOf(raw, ctx.files),
        importFormat: oneOf(raw, 'import-format', ['auto', ...formats/* IMPORT_FORMATS */.p], 'auto') ?? 'auto',
        project: lowerUuid(config_text(raw, 'project')),
        projectName: config_text(raw, 'project-name') ??
            (mode === 'scan' && scanner === 'dependency-track' && !config_text(raw, 'project')
                ? repositoryName(ctx.env, { root: gitRoot, origin: () => ctx.gitOrigin?.(workingDirectory) })
                : undefined),
        projectVersion: config_text(raw, 'project-version'),
        parentProject: config_text(raw, 'parent-project'),
        isLatest: config_text(raw, 'is-latest') === undefined ? undefined : bool(raw, 'is-latest', false),
        sbom: readableFile(raw, 'sbom', 'a CycloneDX SBOM (JSON or XML)'),
        ...(ctx.tokenFile ? { tokenFile: ctx.tokenFile } : {}),
        autoCreate: bool(raw, 'auto-create', true),
        repoKey: config_text(raw, 'repo-key'),
        projectKey: config_text(raw, 'project-key'),
        watches: list(raw, 'watches'),
        keepReport: bool(raw, 'keep-report', false),
        branch: config_text(raw, 'branch') ?? defaultBranch(ctx, workingDirectory),
        includePathPatterns: list(raw, 'include-path-patterns'),
        excludePathPatterns: list(raw, 'exclude-path-patterns'),
        environment: config_text(raw, 'environment'),
        scanTag: config_text(raw, 'scan-tag'),
        metadata: metadata(raw),
        minSeverity: oneOf(raw, 'min-severity', severity/* SEVERITIES */.oC, 'unknown') ?? 'unknown',
        failOn: (0,fail_on/* parseFailOn */.X)(failOnText),
        failOnText,
        failOnPolicyViolation: bool(raw, 'fail-on-policy-violation', false),
        includeSuppressed: bool(raw, 'include-suppressed', false),
        workingDirectory,
        sarifFile: reports['sarif-file'],
        category: config_text(raw, 'category'),
        annotations: bool(raw, 'annotations', true),
        jobSummary: bool(raw, 'job-summary', true),
        uploadSarif: bool(raw, 'upload-sarif', false),
        githubToken: config_text(raw, 'github-token'),
        uploadArtifact: bool(raw, 'upload-artifact', false),
        artifactName: artifactName(raw),
        gitlabDependencyReport: reports['gitlab-dependency-report'],
        gitlabCodequalityReport: reports['gitlab-codequality-report'],
        workflowRef: ctx.env.GITHUB_WORKFLOW_REF,
        repositoryRoot: '',
        cwd: ctx.cwd,
    });
    if (!existsDirectory(config.workingDirectory))
        throw new errors/* UserError */.yo(working.notFound);
    config.repositoryRoot = repositoryRoot(config.workingDirectory, ctx.env, gitRoot);
    checkModeInputs(config);
    return config;
}
/** The inputs only one scanner reads, and whether a config gives them. */
const SCANNER_INPUTS = {
    'dependency-track': [
        ['sbom', (c) => c.sbom !== undefined],
        ['project', (c) => c.project !== undefined],
        ['project-version', (c) => c.projectVersion !== undefined],
        ['parent-project', (c) => c.parentProject !== undefined],
        // Its off value too is accepted where it is not read, as keep-report's and auto-create's are: a reusable
        // workflow passes `is-latest: false` to every run.
        ['is-latest', (c) => c.isLatest === true],
    ],
    xray: [
        ['repo-key', (c) => c.repoKey !== undefined],
        ['watches', (c) => c.watches.length > 0],
        ['keep-report', (c) => c.keepReport],
    ],
};
/**
 * The inputs only a scan reads: the scanner's API and what is done there. An import reads exported files, and
 * still reads ui-url (links), the labels (project-name, repo-key, …), `sbom` (a place for findings), `watches`
 * (of imported Xray violations), and timeout and poll-interval (the Action's upload-sarif waits by them; the
 * front doors pass them at their defaults, which no check could tell from a value given).
 */
const SCAN_ONLY_INPUTS = [
    ['api-url', (c) => c.apiUrl !== undefined],
    ['project-key', (c) => c.projectKey !== undefined],
    ['parent-project', (c) => c.parentProject !== undefined],
    ['is-latest', (c) => c.isLatest === true],
    ['auto-create', (c) => !c.autoCreate],
    ['keep-report', (c) => c.keepReport],
];
/** The TLS inputs, which apply to requests: an import makes one only to send the webhook. */
const TLS_INPUTS = [
    ['insecure', (c) => c.insecure],
    ['ca-file', (c) => c.caFile !== undefined],
];
/** Refuses the inputs of `table` a config gives: `Input(s) <names>: <why(them or it)>.` */
function refuseGiven(config, table, why) {
    const given = table.filter(([, isGiven]) => isGiven(config)).map(([input]) => input);
    if (!given.length)
        return;
    const [inputs, them] = given.length > 1 ? ['Inputs', 'them'] : ['Input', 'it'];
    throw new errors/* UserError */.yo(`${inputs} ${given.join(', ')}: ${why(them)}.`);
}
/**
 * A scan, or an import of one scanner's exports, given the other scanner's inputs would drop them while the user
 * counts on them (an SBOM "scanned" by an Xray repository report, a repository key labelling a Dependency-Track
 * import): refused, naming them.
 */
function refuseOtherScannersInputs(config, scanner) {
    const other = scanner === 'xray' ? 'dependency-track' : 'xray';
    const [whose, fix] = other === 'xray' ? ["Xray's", 'Xray exports'] : ["Dependency-Track's", 'Dependency-Track exports'];
    const reader = `${scanner === 'xray' ? 'an Xray' : 'a Dependency-Track'} ${config.mode}`;
    // An import of either scanner's files places findings by the SBOM (locating's `sbom` rule).
    const inputs = config.mode === 'import'
        ? SCANNER_INPUTS[other].filter(([name]) => name !== 'sbom')
        : SCANNER_INPUTS[other];
    refuseGiven(config, inputs, (them) => `${whose}, which ${reader} does not read; leave ${them} out, or ${config.mode === 'import' ? `import ${fix}` : `set scanner: ${other}`}`);
}
/**
 * An import given what only a scan reads would drop it while the user counts on it (a report kept, a project
 * auto-created under a parent): refused, naming it; so is TLS for requests an import does not make.
 */
function refuseScanOnlyInputs(config) {
    refuseGiven(config, SCAN_ONLY_INPUTS, (them) => `a scan's, which an import does not read (it reads exported files, never the scanner's API; links into the scanner's UI take ui-url); leave ${them} out, or scan (mode scan; CLI: \`sca-bridge scan\`)`);
    if (!config.webhookUrl) {
        refuseGiven(config, TLS_INPUTS, (them) => `TLS settings of the requests a run makes, and an import makes none without webhook-url; leave ${them} out`);
    }
}
/**
 * A Dependency-Track project is named by its UUID or by name and version, not both: the UUID would win, while the
 * summary and SARIF carried the name given (another project's, when they disagree).
 */
function refuseTwoProjects(config) {
    if (!config.project)
        return;
    const named = [
        config.projectName !== undefined && 'project-name',
        config.projectVersion !== undefined && 'project-version',
    ].filter((input) => !!input);
    if (!named.length)
        return;
    throw new errors/* UserError */.yo(`Inputs project and ${named.join(', ')} both name the Dependency-Track project: give its UUID (project), or its name and version (project-name, project-version), not both.`);
}
/** Inputs each mode cannot do without, named with the fix. */
function checkModeInputs(config) {
    if (config.mode === 'import' && config.importFiles.length === 0) {
        throw new errors/* UserError */.yo('Input import-file: name at least one exported JSON file (or glob) to import.');
    }
    if (config.mode === 'import' && config.importFiles.includes('-')) {
        throw new errors/* UserError */.yo('Input import-file: - (standard input) is not read; save the export to a file and name that file.');
    }
    if (config.mode === 'import') {
        refuseScanOnlyInputs(config);
        // The files name their scanner; one named as well says whose inputs apply (files of the other are refused).
        if (config.scanner)
            refuseOtherScannersInputs(config, config.scanner);
    }
    // Before the scanner's inputs: a scan given an export was most likely meant to be an import.
    // A blank one (`--import-file "$UNSET"`) names nothing a scan would drop.
    if (config.mode === 'scan' && config.importFiles.some((file) => file.trim())) {
        throw new errors/* UserError */.yo("Inputs mode and import-file conflict: a scan reads findings through the scanner's API, never an export. To read the export, import it (mode import; CLI: `sca-bridge import <file>`); to scan, leave import-file out.");
    }
    if (config.mode === 'scan' && config.importFormat !== 'auto') {
        throw new errors/* UserError */.yo("Input import-format: an import's, which a scan does not read (it reads findings through the scanner's API, never an export); leave it out, or import the export (mode import; CLI: `sca-bridge import <file>`).");
    }
    if (config.mode === 'scan' || config.mode === 'test-connection' || config.mode === 'list-repos') {
        if (!config.scanner)
            throw new errors/* UserError */.yo('Input scanner: set dependency-track or xray.');
        if (config.mode === 'scan')
            refuseOtherScannersInputs(config, config.scanner);
        if (config.scanner === 'dependency-track')
            refuseTwoProjects(config);
        if (config.mode === 'scan' && config.scanner === 'xray' && !config.repoKey) {
            throw new errors/* UserError */.yo('Input repo-key: name the Artifactory repository to report on; `sca-bridge list-repos` (in the CLI) prints the keys the token can see.');
        }
        if (!config.apiUrl)
            throw new errors/* UserError */.yo("Input api-url: set the scanner's base URL (https://…).");
        if (!config.token) {
            throw new errors/* UserError */.yo('Input token: no token given. CLI: set the SCA_BRIDGE_TOKEN environment variable or --token-file; Action: the token input from a secret; GitLab: the masked CI/CD variable SCA_BRIDGE_TOKEN.');
        }
        checkToken(config.token);
    }
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FO: () => (/* binding */ exitCodeOf),
/* harmony export */   Uc: () => (/* binding */ describeError),
/* harmony export */   VM: () => (/* binding */ ScannerError),
/* harmony export */   y5: () => (/* binding */ BUG_REPORT_URL),
/* harmony export */   yU: () => (/* binding */ ExitCode),
/* harmony export */   yo: () => (/* binding */ UserError)
/* harmony export */ });
/**
 * The two kinds of failure a user can act on, kept apart from bugs (any other error, exit 4).
 * Only the front doors catch these and turn them into exit codes.
 */
const ExitCode = {
    Ok: 0,
    GateFailed: 1,
    BadInput: 2,
    ScannerFailure: 3,
    InternalError: 4,
};
/** Bad input: flags, configuration, an unreadable or unrecognised file (exit 2). */
class UserError extends Error {
    exitCode = ExitCode.BadInput;
    name = 'UserError';
}
/** The scanner or the network failed: auth refused, unreachable, TLS, timeout, 5xx after retries (exit 3). */
class ScannerError extends Error {
    exitCode = ExitCode.ScannerFailure;
    name = 'ScannerError';
}
function exitCodeOf(error) {
    if (error instanceof UserError || error instanceof ScannerError)
        return error.exitCode;
    return ExitCode.InternalError;
}
const BUG_REPORT_URL = 'https://github.com/sca-bridge/sca-bridge/issues/new';
/** The message a user sees; a bug says so and asks for a report. */
function describeError(error) {
    if (error instanceof UserError || error instanceof ScannerError)
        return error.message;
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return `internal error (a bug in sca-bridge, please report it at ${BUG_REPORT_URL}): ${detail}`;
}


/***/ }),

/***/ 2915:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $T: () => (/* binding */ cvssVector),
/* harmony export */   _k: () => (/* binding */ cvssScore),
/* harmony export */   gb: () => (/* binding */ highestCvss)
/* harmony export */ });
/** The CVSS base score that stands for a finding: v4 when present, else v3, else v2. */
function cvssScore(finding) {
    return finding.cvss.v4?.score ?? finding.cvss.v3?.score ?? finding.cvss.v2?.score;
}
function cvssVector(finding) {
    return finding.cvss.v4?.vector ?? finding.cvss.v3?.vector ?? finding.cvss.v2?.vector;
}
/** The highest CVSS score among findings, with the vector of the finding that has it; undefined when none has one. */
function highestCvss(findings) {
    // A loop, not Math.max(...): one advisory may have 100,000 findings, too many arguments for a call.
    let highest;
    for (const finding of findings) {
        const score = cvssScore(finding);
        if (score !== undefined && (highest === undefined || score > highest.score))
            highest = { score, finding };
    }
    return highest && { score: highest.score, vector: cvssVector(highest.finding) };
}


/***/ }),

/***/ 5131:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kb: () => (/* binding */ severityList),
/* harmony export */   Np: () => (/* binding */ bySeverity),
/* harmony export */   W9: () => (/* binding */ unknownWordsNote),
/* harmony export */   Zx: () => (/* binding */ severityOfWord),
/* harmony export */   jZ: () => (/* binding */ atLeast),
/* harmony export */   lv: () => (/* binding */ parseSeverity),
/* harmony export */   oC: () => (/* binding */ SEVERITIES),
/* harmony export */   qI: () => (/* binding */ severityFromScore),
/* harmony export */   qs: () => (/* binding */ severityRank),
/* harmony export */   ux: () => (/* binding */ mostSevere)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _wording_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3395);
/* harmony import */ var _cvss_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2915);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4087);




const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info', 'unknown'];
/** Higher is more severe: critical 5 … unknown 0. */
function severityRank(severity) {
    return SEVERITIES.length - 1 - SEVERITIES.indexOf(severity);
}
function atLeast(severity, floor) {
    return severityRank(severity) >= severityRank(floor);
}
function mostSevere(a, b) {
    return severityRank(a) >= severityRank(b) ? a : b;
}
/**
 * Most severe first; ties by CVSS, open before suppressed (an open finding keeps the line that declares it),
 * then id and package; of one package's versions, the one its line declares first (it keeps that line), then
 * version, place and scanner: no tie is left to the order of an export's rows, which would move an alert's
 * line from one version to another between runs.
 */
function bySeverity(a, b) {
    const score = (f) => (0,_cvss_js__WEBPACK_IMPORTED_MODULE_1__/* .cvssScore */ ._k)(f) ?? -1;
    return (severityRank(b.severity) - severityRank(a.severity) ||
        score(b) - score(a) ||
        Number(a.suppressed) - Number(b.suppressed) ||
        a.id.localeCompare(b.id) ||
        a.component.packageName.localeCompare(b.component.packageName) ||
        Number(!!b.location.sameVersion) - Number(!!a.location.sameVersion) ||
        (a.component.version ?? '').localeCompare(b.component.version ?? '') ||
        a.location.uri.localeCompare(b.location.uri) ||
        a.location.startLine - b.location.startLine ||
        a.scanner.localeCompare(b.scanner));
}
/** `2 medium, 5 low`: counts by severity, most severe first. */
function severityList(counts) {
    return SEVERITIES.filter((s) => counts[s])
        .map((s) => `${counts[s]} ${s}`)
        .join(', ');
}
const ALIASES = {
    critical: 'critical',
    high: 'high',
    medium: 'medium',
    moderate: 'medium',
    low: 'low',
    info: 'info',
    information: 'info',
    informational: 'info',
    negligible: 'info',
    unknown: 'unknown',
    unassigned: 'unknown',
    none: 'unknown',
};
/**
 * Ours of a scanner's severity word (DT `CRITICAL…UNASSIGNED`, Xray `Critical…Information|Unknown`), or undefined
 * for a word sca-bridge does not know.
 */
function severityOfWord(word) {
    const key = word.trim().toLowerCase();
    // Own keys only: a scanner's text such as `__proto__` must not reach the object's prototype.
    return Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined;
}
/** Maps a scanner's severity word to ours; anything else is unknown. */
function parseSeverity(value) {
    return (typeof value === 'string' && severityOfWord(value)) || 'unknown';
}
/**
 * What findings with a severity word sca-bridge does not know were rated (see `buildFinding`), said once a run;
 * undefined when there are none.
 */
function unknownWordsNote(findings) {
    const counts = new Map();
    for (const { severityWord } of findings)
        if (severityWord)
            counts.set(severityWord, (counts.get(severityWord) ?? 0) + 1);
    if (!counts.size)
        return undefined;
    const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
    const words = (0,_wording_js__WEBPACK_IMPORTED_MODULE_2__/* .firstOf */ .Ku)(
    // A scanner's text may be of any length: the warning and the job summary quote a word's start.
    [...counts].map(([word, n]) => `${JSON.stringify((0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .shorten */ .m)(word, 40))} ×${n}`), 5, ', ');
    return `${(0,_wording_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(total, 'finding')} had a severity sca-bridge does not know (${words}): each is rated by its CVSS score, or unknown without one. Please report the word at ${_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BUG_REPORT_URL */ .y5}.`;
}
/** CVSS qualitative rating of a base score (v3/v4 bands), for findings that carry only a score. */
function severityFromScore(score) {
    if (score === undefined || Number.isNaN(score))
        return 'unknown';
    if (score >= 9)
        return 'critical';
    if (score >= 7)
        return 'high';
    if (score >= 4)
        return 'medium';
    if (score > 0)
        return 'low';
    return 'info';
}


/***/ }),

/***/ 4087:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ shorten)
/* harmony export */ });
/**
 * `text` cut to at most `limit` UTF-16 units, `ellipsis` included, never between the two halves of a
 * character outside the BMP (an emoji): a lone half is not Unicode, and JSON readers refuse or mangle it.
 */
function shorten(text, limit, ellipsis = '…') {
    if (text.length <= limit)
        return text;
    let end = limit - ellipsis.length;
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff)
        end -= 1;
    return `${text.slice(0, end)}${ellipsis}`;
}


/***/ }),

/***/ 3281:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ readCaFile)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);



const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
/** The ca-file's certificates, each parsed now: TLS would ignore a broken one and fail later, blaming the server. */
function readCaFile(file) {
    let text;
    try {
        text = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(file, 'utf8');
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`Input ca-file: cannot read ${file}; give the path of a PEM bundle.`);
    }
    const blocks = text.match(PEM_CERTIFICATE) ?? [];
    const fix = "give a PEM bundle of the CA certificates that signed the server's certificate (blocks from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----; `openssl x509 -inform der -in ca.der -out ca.pem` converts a DER file).";
    if (!blocks.length)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`Input ca-file: ${file} holds no PEM certificate; ${fix}`);
    blocks.forEach((block, i) => {
        try {
            new node_crypto__WEBPACK_IMPORTED_MODULE_0__.X509Certificate(block);
        }
        catch {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`Input ca-file: certificate ${i + 1} in ${file} does not parse; ${fix}`);
        }
    });
    return text;
}


/***/ }),

/***/ 9907:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ IMPORT_FORMATS)
/* harmony export */ });
/** The import formats by name (SPEC §3 `import-format`); kept apart from the schemas so `--help` loads nothing. */
const IMPORT_FORMATS = [
    'dtrack-fpf',
    'dtrack-findings',
    'xray-report',
    'xray-scans-export',
    'xray-summary',
    'xray-cli-json',
    'xray-simple-json',
];


/***/ }),

/***/ 6999:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KL: () => (/* binding */ redactDeep),
/* harmony export */   g$: () => (/* binding */ printable),
/* harmony export */   pO: () => (/* binding */ Redactor),
/* harmony export */   rv: () => (/* binding */ StreamLogger)
/* harmony export */ });
/* unused harmony export commandsStopped */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

const MASK = '***';
const MASK_BYTES = Buffer.from(MASK);
/**
 * `value` with `redact` applied to every string in it, however deep; objects and arrays are copied only where
 * something changed, so data without a secret comes back as it is.
 */
function redactDeep(value, redact) {
    if (typeof value === 'string')
        return redact(value);
    // No array or entry list made for what has nothing to mask: this walks every finding of a run, 100,000 at scale.
    if (Array.isArray(value)) {
        let out;
        for (let i = 0; i < value.length; i++) {
            const item = value[i];
            const masked = redactDeep(item, redact);
            if (masked !== item)
                (out ??= value.slice())[i] = masked;
        }
        return (out ?? value);
    }
    if (value && typeof value === 'object') {
        const record = value;
        let out;
        for (const key in record) {
            if (!Object.hasOwn(record, key))
                continue;
            const masked = redactDeep(record[key], redact);
            if (masked !== record[key])
                (out ??= { ...record })[key] = masked;
        }
        return (out ?? value);
    }
    return value;
}
/** Replaces every registered secret in a text; shared by every logger and by error messages. */
class Redactor {
    secrets = new Set();
    /** `secrets` longest first, made again only after `add`: `redact` runs for every string of a scan. */
    sorted;
    constructor(secrets = []) {
        for (const secret of secrets)
            this.add(secret);
    }
    add(value) {
        // Very short values would mask ordinary words; tokens are never that short.
        if (value.length >= 4) {
            this.secrets.add(value);
            this.sorted = undefined;
        }
    }
    redact(text) {
        let out = text;
        for (const secret of this.longestFirst())
            if (out.includes(secret))
                out = out.split(secret).join(MASK);
        return out;
    }
    /**
     * `redact` for a file's bytes (UTF-8): a large export or page is never made one string, which V8 caps at
     * about 512 MiB. A file that holds no secret, nearly every one, comes back as it is.
     */
    redactBytes(bytes) {
        let out = bytes;
        for (const secret of this.longestFirst()) {
            const needle = Buffer.from(secret, 'utf8');
            const parts = [];
            let start = 0;
            for (let at = out.indexOf(needle); at >= 0; at = out.indexOf(needle, start)) {
                parts.push(out.subarray(start, at), MASK_BYTES);
                start = at + needle.length;
            }
            if (parts.length)
                out = Buffer.concat([...parts, out.subarray(start)]);
        }
        return out;
    }
    /** Longest first, so `Bearer <token>` goes as a whole rather than leaving `Bearer ***`. */
    longestFirst() {
        this.sorted ??= [...this.secrets].sort((a, b) => b.length - a.length);
        return this.sorted;
    }
}
/**
 * Text GitHub's runner could take for a workflow command: `::` (the runner acts on it at a line's start after
 * .NET's whitespace, a wider set than JavaScript's `\s`: U+0085 among others), or the older `##[…]` form,
 * which it finds anywhere in a line. Any `::` at all is matched, so no whitespace rule has to agree with .NET's.
 */
const COMMAND_TEXT = /::|##\[/;
/**
 * The lines that print a message so GitHub's runner acts on no workflow command in it: a message that could
 * hold one (a server's text: an error body, a version, a team name may carry `::add-mask::…` or `::error …`)
 * goes between `::stop-commands::` markers with a token no server can guess, as GitHub advises.
 */
function commandsStopped(message) {
    if (!COMMAND_TEXT.test(message))
        return [message];
    const token = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)();
    return [`::stop-commands::${token}`, message, `::${token}::`];
}
/** `text` as the lines to write, each ending in a line feed: with workflow commands stopped in GitHub Actions. */
function printable(text, inGitHubActions) {
    const lines = inGitHubActions ? commandsStopped(text) : [text];
    return lines.map((line) => `${line}\n`).join('');
}
/**
 * Writes to a stream (stderr for the CLI, so stdout stays free for `--json`). `inGitHubActions`: the runner
 * reads a `run:` step's output for workflow commands too, so a message that could hold one is printed with
 * them stopped (`commandsStopped`, as the Action's logger does).
 */
class StreamLogger {
    write;
    verbose;
    inGitHubActions;
    redactor = new Redactor();
    constructor(write, verbose = false, inGitHubActions = false) {
        this.write = write;
        this.verbose = verbose;
        this.inGitHubActions = inGitHubActions;
    }
    debug(message) {
        if (this.verbose)
            this.emit('debug', message);
    }
    info(message) {
        this.emit('', message);
    }
    warn(message) {
        this.emit('warning', message);
    }
    error(message) {
        this.emit('error', message);
    }
    secret(value) {
        this.redactor.add(value);
    }
    redact(text) {
        return this.redactor.redact(text);
    }
    emit(level, message) {
        const text = this.redactor.redact(message);
        // One write, so the markers and the message reach the stream together.
        this.write(printable(level ? `${level}: ${text}` : text, this.inGitHubActions));
    }
}


/***/ }),

/***/ 8431:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Y: () => (/* binding */ sameNode),
/* harmony export */   H9: () => (/* binding */ relativeUri),
/* harmony export */   V3: () => (/* binding */ DEFAULT_SARIF_FILE),
/* harmony export */   Vi: () => (/* binding */ sameFile),
/* harmony export */   ZU: () => (/* binding */ openRegularFile),
/* harmony export */   tC: () => (/* binding */ leavesFolder)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);


/** Where the SARIF is written when `sarif-file` names no path. */
const DEFAULT_SARIF_FILE = 'sca-bridge.sarif';
/** Whether a relative path leaves the folder it is relative to: `..` or `../x` does, a folder named `..x` not. */
function leavesFolder(relative, separator = (node_path__WEBPACK_IMPORTED_MODULE_1___default().sep)) {
    return relative === '..' || relative.startsWith(`..${separator}`);
}
/** `to` as seen from `from`, with `/` on every system: how SARIF and the reports write a path. */
function relativeUri(from, to) {
    return node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(from, to).split((node_path__WEBPACK_IMPORTED_MODULE_1___default().sep)).join('/');
}
/**
 * Whether two `stat`s are of one file: device and inode, taken as big integers (`{ bigint: true }`), since NTFS
 * file ids pass 2^53, where two numbers could round to one.
 */
function sameNode(a, b) {
    return a.dev === b.dev && a.ino === b.ino;
}
/** The same file, by path or, for files that exist, by device and inode (links, `./a` and `a`). */
function sameFile(a, b) {
    if (node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(a) === node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(b))
        return true;
    try {
        const [x, y] = [(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(a, { bigint: true }), (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(b, { bigint: true })];
        return x.isFile() && sameNode(x, y);
    }
    catch {
        return false;
    }
}
/**
 * Opening a FIFO for reading waits for a writer; non-blocking it returns at once, and `fstat` then tells it
 * from a file. `O_NOFOLLOW` refuses a symbolic link. Windows has neither flag.
 */
const READ_FLAGS = node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK ?? 0);
const NO_LINK = node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW ?? 0;
/**
 * Opens `file` for reading only when it is a regular file, whose reading ends: a device such as /dev/zero never
 * does, and a named pipe waits for a writer. Otherwise closes it again and says what is there. `noFollow`: not
 * through a symbolic link. Throws what opening throws (no such file, no permission).
 */
function openRegularFile(file, noFollow = false) {
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(file, READ_FLAGS | (noFollow ? NO_LINK : 0));
    let stats;
    try {
        stats = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd);
    }
    catch (error) {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
        throw error;
    }
    if (stats.isFile())
        return { fd, size: stats.size };
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    return { notFile: stats };
}


/***/ }),

/***/ 668:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ parseFailOn)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _findings_severity_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5131);
// Its own module: the CLI's flag parsing reads it too, and loads nothing else of the configuration.


/** `fail-on`: a severity (that or above), `any`, `none`, or budgets `critical:0,high:5`. */
function parseFailOn(value) {
    const input = (value ?? 'none').trim().toLowerCase();
    if (input === '' || input === 'none')
        return { kind: 'none' };
    if (input === 'any')
        return { kind: 'any' };
    if (_findings_severity_js__WEBPACK_IMPORTED_MODULE_1__/* .SEVERITIES */ .oC.includes(input) && input !== 'info' && input !== 'unknown') {
        return { kind: 'threshold', severity: input };
    }
    const budgets = {};
    for (const part of input
        .split(/[\n,]/)
        .map((p) => p.trim())
        .filter(Boolean)) {
        const match = /^([a-z]+)\s*:\s*(\d+)$/.exec(part);
        const severity = match?.[1];
        if (!match || !severity || !_findings_severity_js__WEBPACK_IMPORTED_MODULE_1__/* .SEVERITIES */ .oC.includes(severity)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Input fail-on: expected critical, high, medium, low, any, none, or budgets such as critical:0,high:5; got "${value}".`);
        }
        if (budgets[severity] !== undefined) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Input fail-on: ${severity} is given two budgets in "${value}"; give each severity once.`);
        }
        budgets[severity] = Number(match[2]);
    }
    // Commas alone (`,`) name no budget: read as budgets of nothing, the gate would never fail.
    if (!Object.keys(budgets).length) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Input fail-on: "${value}" names no severity; give critical, high, medium, low, any, none, or budgets such as critical:0,high:5.`);
    }
    return { kind: 'budgets', budgets };
}


/***/ }),

/***/ 5060:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $2: () => (/* binding */ optString),
/* harmony export */   O1: () => (/* binding */ isUuid),
/* harmony export */   Oh: () => (/* binding */ severityWord),
/* harmony export */   Ov: () => (/* binding */ optEntries),
/* harmony export */   hp: () => (/* binding */ optArray),
/* harmony export */   oj: () => (/* binding */ isWebBase),
/* harmony export */   td: () => (/* binding */ optNumber),
/* harmony export */   u4: () => (/* binding */ isRecord)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9691);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8532);

// Lenient readers of JSON values, shared by the scanners' API answers and the importers' export files.
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
const httpUrl = zod__WEBPACK_IMPORTED_MODULE_0__/* .url */ .OZ5({ protocol: /^https?$/ });
/**
 * An http(s) address that links are made from by adding paths (`ui-url`, a Dependency-Track export's `baseUrl`):
 * none after a query or fragment mark, where the paths would land (a bare `?` or `#` too, which URL reads as none).
 */
function isWebBase(text) {
    return httpUrl.safeParse(text).success && !/[?#]/.test(text);
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isUuid(value) {
    return UUID.test(value);
}
// The optional fields below are each one transform, not a union of types: they run for every field of every
// row, and a union costs a third of reading a 100,000-row export.
/** Optional string fields: scanners write null, numbers or nothing where a string is expected. */
/**
 * A finding's severity word (`CRITICAL`, `High`). A number or any other type is a damaged export: refused with
 * its path, rather than counted as `unknown`, where a gate on critical would pass it.
 */
const severityWord = zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()
    .nullish()
    .transform((value) => value || undefined);
const optString = zod__WEBPACK_IMPORTED_MODULE_0__/* .unknown */ .L5J()
    .optional()
    .transform((value, ctx) => {
    if (typeof value === 'string')
        return value === '' ? undefined : value;
    if (value === null || value === undefined)
        return undefined;
    if (typeof value === 'number')
        return String(value);
    ctx.addIssue({ code: 'custom', message: `Invalid input: expected a string, received ${kindOf(value)}` });
    return zod__WEBPACK_IMPORTED_MODULE_1__/* .NEVER */ .tm;
});
/** Optional number fields that some scanners write as strings ("7.5"). */
const optNumber = zod__WEBPACK_IMPORTED_MODULE_0__/* .unknown */ .L5J()
    .optional()
    .transform((value, ctx) => {
    if (typeof value === 'number')
        return Number.isFinite(value) ? value : undefined;
    if (value === null || value === undefined || value === '')
        return undefined;
    if (typeof value === 'string') {
        const n = Number.parseFloat(value);
        return Number.isFinite(n) ? n : undefined;
    }
    ctx.addIssue({ code: 'custom', message: `Invalid input: expected a number, received ${kindOf(value)}` });
    return zod__WEBPACK_IMPORTED_MODULE_1__/* .NEVER */ .tm;
});
function kindOf(value) {
    return Array.isArray(value) ? 'array' : typeof value;
}
/**
 * Optional objects keyed by names from the input (`components`, keyed by component id), read as `[key, value]`
 * entries. z.record copies into a plain {} and leaves out a `__proto__` key (assigning it would set the
 * prototype), so a component of that name would be lost; entries keep every key, and a bad value is still
 * named by its key.
 */
function optEntries(value) {
    return zod__WEBPACK_IMPORTED_MODULE_0__/* .unknown */ .L5J()
        .optional()
        .transform((input, ctx) => {
        const entries = [];
        if (input === null || input === undefined)
            return entries;
        if (!isRecord(input)) {
            ctx.addIssue({
                code: 'custom',
                message: `Invalid input: expected an object, received ${kindOf(input)}`,
            });
            return zod__WEBPACK_IMPORTED_MODULE_1__/* .NEVER */ .tm;
        }
        for (const [key, item] of Object.entries(input)) {
            const parsed = value.safeParse(item);
            if (parsed.success)
                entries.push([key, parsed.data]);
            else
                for (const issue of parsed.error.issues)
                    ctx.addIssue({ ...issue, path: [key, ...issue.path] });
        }
        return entries;
    });
}
/** Optional arrays, tolerating null. */
function optArray(item) {
    return zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(item)
        .nullish()
        .transform((value) => value ?? []);
}


/***/ }),

/***/ 3395:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ku: () => (/* binding */ firstOf),
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   sb: () => (/* binding */ clause)
/* harmony export */ });
/** `1 finding`, `2 findings`: a count with its noun. */
function plural(n, noun) {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
/** The first `limit` of `items` joined, and how many more there are: `a; b; c (and 4 more)`. */
function firstOf(items, limit, separator = '; ') {
    const more = items.length > limit ? ` (and ${items.length - limit} more)` : '';
    return `${items.slice(0, limit).join(separator)}${more}`;
}
/**
 * A message quoted inside a sentence of ours, without its closing full stop: most messages end with one, and the
 * sentence adds its own punctuation (`… failed: <message>. The scan …`, `(<message>); …`).
 */
function clause(message) {
    return message.trim().replace(/\.+$/, '');
}


/***/ })

};
