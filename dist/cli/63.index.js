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
/* harmony import */ var _policy_fail_on_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(668);
/* harmony import */ var _wording_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3395);






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
        return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`${(0,_wording_js__WEBPACK_IMPORTED_MODULE_5__/* .clause */ .sb)(error.message.split('\n').join(' '))}. ${help}.`);
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
            return (0,_policy_fail_on_js__WEBPACK_IMPORTED_MODULE_4__/* .parseFailOn */ .X)(joined).kind === 'budgets';
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
        // ui-url: Dependency-Track's project link; project-key: Xray's reports in a JFrog Project.
        flags: [
            ...CONNECTION,
            'ui-url',
            'project',
            'project-name',
            'project-version',
            'branch',
            'auto-create',
            'project-key',
        ],
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
                return await (await Promise.all(/* import() */[__webpack_require__.e(555), __webpack_require__.e(60)]).then(__webpack_require__.bind(__webpack_require__, 5060))).runReport(args.command, args, io, logger);
            case 'test-connection':
                return await (await Promise.all(/* import() */[__webpack_require__.e(555), __webpack_require__.e(60)]).then(__webpack_require__.bind(__webpack_require__, 5060))).testConnection(args, io, logger);
            case 'list-repos':
                return await (await Promise.all(/* import() */[__webpack_require__.e(555), __webpack_require__.e(60)]).then(__webpack_require__.bind(__webpack_require__, 5060))).listRepos(args, io, logger);
            case 'gate':
                return await (await Promise.all(/* import() */[__webpack_require__.e(555), __webpack_require__.e(60)]).then(__webpack_require__.bind(__webpack_require__, 5060))).runGate(args, logger);
            default:
                throw new errors/* UserError */.yo(`Unknown command "${args.command}". Commands: scan, import, test-connection, list-repos, gate. Run \`sca-bridge --help\`.`);
        }
    }
    catch (error) {
        logger.error((0,errors/* describeError */.Uc)(error));
        if (!parsed)
            await (await Promise.all(/* import() */[__webpack_require__.e(555), __webpack_require__.e(60)]).then(__webpack_require__.bind(__webpack_require__, 5060))).reportUnparsedRun(io, error, logger);
        return (0,errors/* exitCodeOf */.FO)(error);
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
/* harmony export */   jZ: () => (/* binding */ atLeast),
/* harmony export */   lv: () => (/* binding */ parseSeverity),
/* harmony export */   oC: () => (/* binding */ SEVERITIES),
/* harmony export */   qs: () => (/* binding */ severityRank),
/* harmony export */   ux: () => (/* binding */ mostSevere)
/* harmony export */ });
/* unused harmony export severityFromScore */
/* harmony import */ var _cvss_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2915);

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
    const score = (f) => (0,_cvss_js__WEBPACK_IMPORTED_MODULE_0__/* .cvssScore */ ._k)(f) ?? -1;
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
/** Maps a scanner's severity word (DT `CRITICAL…UNASSIGNED`, Xray `Critical…Information|Unknown`) to ours. */
function parseSeverity(value) {
    if (typeof value !== 'string')
        return 'unknown';
    const word = value.trim().toLowerCase();
    // Own keys only: a scanner's text such as `__proto__` must not reach the object's prototype.
    return Object.hasOwn(ALIASES, word) ? (ALIASES[word] ?? 'unknown') : 'unknown';
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
