export const id = 551;
export const ids = [551];
export const modules = {

/***/ 833:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dJ: () => (/* binding */ cancelOnSignals),
/* harmony export */   fB: () => (/* binding */ JobStopped),
/* harmony export */   v7: () => (/* binding */ pause)
/* harmony export */ });
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);


/** The run was stopped from outside: said as it is, never wrapped in what the call was doing. */
class JobStopped extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ScannerError */ .VM {
    constructor(signal) {
        super(`The job was stopped (${signal}) before the scan finished; nothing is reported.`);
    }
}
/**
 * Turns the CI system stopping the job into a cancelled run: GitHub's cancel sends SIGINT (then SIGTERM,
 * then kills), GitLab's job timeout SIGTERM. The scanner flow stops waiting, deletes what it created on the
 * server (an Xray report), and the run ends as an error (exit 3) with its summary and webhook. A second
 * signal ends the process at once.
 */
function cancelOnSignals(logger) {
    const controller = new AbortController();
    const onSignal = (name) => {
        // The exit code the cancelled run would have ended with.
        if (controller.signal.aborted)
            process.exit(_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ExitCode */ .yU.ScannerFailure);
        logger.warn(`${name}: the job is being stopped; cancelling the scan and cleaning up.`);
        controller.abort(new JobStopped(name));
    };
    const signals = ['SIGINT', 'SIGTERM'];
    for (const name of signals)
        process.on(name, onSignal);
    return {
        signal: controller.signal,
        dispose: () => {
            for (const name of signals)
                process.off(name, onSignal);
        },
    };
}
/** Waits `ms`, unless the run is cancelled first: then it throws the cancellation. */
async function pause(ms, signal) {
    try {
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(ms, undefined, signal ? { signal } : undefined);
    }
    catch (error) {
        signal?.throwIfAborted();
        throw error;
    }
}


/***/ }),

/***/ 7551:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  listRepos: () => (/* binding */ listRepos),
  reportUnparsedRun: () => (/* binding */ reportUnparsedRun),
  runGate: () => (/* binding */ runGate),
  runReport: () => (/* binding */ runReport),
  testConnection: () => (/* binding */ testConnection)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/ci.ts
function readCiContext(env) {
    if (env.GITHUB_ACTIONS === 'true') {
        const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
        return {
            provider: 'github',
            url: env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
                ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
                : null,
            repository: env.GITHUB_REPOSITORY || null,
            commit: env.GITHUB_SHA || null,
        };
    }
    if (env.GITLAB_CI === 'true') {
        return {
            provider: 'gitlab',
            url: env.CI_JOB_URL || null,
            repository: env.CI_PROJECT_PATH || null,
            commit: env.CI_COMMIT_SHA || null,
        };
    }
    return { provider: 'local', url: null, repository: null, commit: null };
}

// EXTERNAL MODULE: ./src/config.ts + 1 modules
var src_config = __webpack_require__(2137);
// EXTERNAL MODULE: ./src/encoding.ts
var encoding = __webpack_require__(6266);
// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(3916);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/git.ts

// What git says about a checkout, for defaults CI does not give (a local run, a CI other than GitHub's or
// GitLab's, a checkout in a subfolder of the workspace).
/** One line of git's answer, or undefined outside a checkout (or without git). */
function git(cwd, args) {
    try {
        return ((0,external_node_child_process_.execFileSync)('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'] })
            .toString()
            .trim() || undefined);
    }
    catch {
        return undefined;
    }
}
/** The branch checked out in `directory`; none on a detached HEAD. */
function gitBranch(directory) {
    const branch = git(directory, ['rev-parse', '--abbrev-ref', 'HEAD']);
    return branch !== 'HEAD' ? branch : undefined;
}
function gitRoot(directory) {
    return git(directory, ['rev-parse', '--show-toplevel']);
}
function gitOrigin(directory) {
    return git(directory, ['remote', 'get-url', 'origin']);
}
/** The commit checked out in `directory`. */
function gitHead(directory) {
    return git(directory, ['rev-parse', 'HEAD']);
}

// EXTERNAL MODULE: ./src/logger.ts
var src_logger = __webpack_require__(6999);
// EXTERNAL MODULE: ./src/findings/severity.ts
var findings_severity = __webpack_require__(5131);
// EXTERNAL MODULE: ./src/wording.ts
var wording = __webpack_require__(3395);
;// CONCATENATED MODULE: ./src/policy/gate.ts


/** Counts by severity of unsuppressed findings; suppressed ones are counted apart (SPEC §4). */
function countFindings(findings, suppressed) {
    const counts = Object.fromEntries(findings_severity/* SEVERITIES */.oC.map((s) => [s, 0]));
    for (const finding of findings)
        if (!finding.suppressed)
            counts[finding.severity] += 1;
    return { ...counts, total: findings_severity/* SEVERITIES */.oC.reduce((sum, s) => sum + counts[s], 0), suppressed };
}
/**
 * Violations that fail the gate: state FAIL, not suppressed, and for Xray from one of `watches` when given.
 * Dependency-Track has no watches, so `watches` never hides its violations.
 */
function failingViolations(violations, watches) {
    const watched = (v) => v.scanner !== 'xray' || !watches.length || (v.watch !== undefined && watches.includes(v.watch));
    return violations.filter((v) => v.state === 'FAIL' && !v.suppressed && watched(v));
}
/**
 * What to say when `watches` names a watch no Xray violation of an import is of: a misspelt name would quietly
 * leave every violation out of the gate (a scan's watches are checked by Xray itself). Undefined when each
 * name matches.
 */
function unmatchedWatchesWarning(violations, watches) {
    const present = new Set(violations.flatMap((v) => (v.scanner === 'xray' && v.watch ? [v.watch] : [])));
    const unmatched = watches.filter((watch) => !present.has(watch));
    if (!unmatched.length || !violations.some((v) => v.scanner === 'xray'))
        return undefined;
    const left = violations.filter((v) => v.state === 'FAIL' && !v.suppressed).length;
    const counted = failingViolations(violations, watches).length;
    const found = [...present].slice(0, 5).map((w) => `"${w}"`);
    return `Input watches: no Xray violation imported is of ${unmatched.map((w) => `"${w}"`).join(', ')} (names are exact, case included); the violations are of ${found.length ? `${found.join(', ')}${present.size > 5 ? ', …' : ''}` : 'no named watch'}. ${left - counted} of ${left} failing violations do not count for the gate.`;
}
/**
 * With `fail-on-policy-violation`, why violations that were found do not count for the gate: their policies
 * only warn (Dependency-Track WARN or INFO, Xray without "fail build"), they are suppressed, or of another watch.
 * Undefined when every one counts.
 */
function uncountedViolationsNote(violations, failing) {
    if (failing.length === violations.length)
        return undefined;
    const warnOnly = violations.filter((v) => v.state !== 'FAIL').length;
    const suppressed = violations.filter((v) => v.state === 'FAIL' && v.suppressed).length;
    const unwatched = violations.length - failing.length - warnOnly - suppressed;
    const reasons = [
        warnOnly &&
            `${warnOnly} of policies that only warn (Dependency-Track WARN or INFO, Xray without "fail build")`,
        suppressed && `${suppressed} suppressed`,
        unwatched && `${unwatched} of a watch not named in watches`,
    ].filter(Boolean);
    return `fail-on-policy-violation: ${failing.length} of ${(0,wording/* plural */.LS)(violations.length, 'policy violation')} count for the gate; ${reasons.join(', ')}.`;
}
/** The step's or the command's failure message for a failed gate. */
function gateFailedMessage(reasons) {
    return `Gate failed: ${reasons.join('; ')}`;
}
/** The gate as a pure function of counts, so `sca-bridge gate` can evaluate it again from a saved run summary. */
function evaluateGate(counts, policyViolations, { failOn, failOnText, failOnPolicyViolation }) {
    const reasons = [];
    if (failOn.kind === 'any' && counts.total > 0) {
        reasons.push(`${(0,wording/* plural */.LS)(counts.total, 'finding')} (fail-on: any)`);
    }
    else if (failOn.kind === 'threshold') {
        const n = findings_severity/* SEVERITIES */.oC.filter((s) => (0,findings_severity/* severityRank */.qs)(s) >= (0,findings_severity/* severityRank */.qs)(failOn.severity)).reduce((sum, s) => sum + counts[s], 0);
        if (n > 0)
            reasons.push(`${(0,wording/* plural */.LS)(n, 'finding')} of severity ${failOn.severity} or above (fail-on: ${failOn.severity})`);
    }
    else if (failOn.kind === 'budgets') {
        for (const severity of findings_severity/* SEVERITIES */.oC) {
            const budget = failOn.budgets[severity];
            if (budget !== undefined && counts[severity] > budget) {
                reasons.push(`${(0,wording/* plural */.LS)(counts[severity], `${severity} finding`)}, over the budget of ${budget}`);
            }
        }
    }
    if (failOnPolicyViolation && policyViolations > 0) {
        reasons.push(`${(0,wording/* plural */.LS)(policyViolations, 'policy violation')} (fail-on-policy-violation)`);
    }
    return { result: reasons.length ? 'failed' : 'passed', failOn: failOnText, reasons };
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
// EXTERNAL MODULE: ./src/policy/fail-on.ts
var fail_on = __webpack_require__(668);
;// CONCATENATED MODULE: ./src/report/run-summary.ts



const countsSchema = schemas/* strictObject */.rej({
    total: schemas/* number */.aig().int().nonnegative(),
    critical: schemas/* number */.aig().int().nonnegative(),
    high: schemas/* number */.aig().int().nonnegative(),
    medium: schemas/* number */.aig().int().nonnegative(),
    low: schemas/* number */.aig().int().nonnegative(),
    info: schemas/* number */.aig().int().nonnegative(),
    unknown: schemas/* number */.aig().int().nonnegative(),
    suppressed: schemas/* number */.aig().int().nonnegative(),
})
    .refine((c) => c.total === c.critical + c.high + c.medium + c.low + c.info + c.unknown, {
    message: 'total is not the sum of the severities (critical, high, medium, low, info, unknown)',
    path: ['total'],
});
function isFailOnRule(text) {
    if (!text.trim())
        return false;
    try {
        (0,fail_on/* parseFailOn */.X)(text);
        return true;
    }
    catch {
        return false;
    }
}
/** What `sca-bridge gate` needs of a saved summary; other fields pass through unchecked. */
const runSummarySchema = schemas/* looseObject */._H3({
    status: schemas/* enum */.k5n(['passed', 'failed', 'error']),
    mode: schemas/* enum */.k5n(['scan', 'import']).nullable().optional(),
    counts: countsSchema,
    policyViolations: schemas/* number */.aig().int().nonnegative(),
    gate: schemas/* looseObject */._H3({
        result: schemas/* enum */.k5n(['passed', 'failed']),
        // What the run wrote: `none` when there was no gate, never blank, which `gate` would read as no gate.
        failOn: schemas/* string */.YjP().refine(isFailOnRule, {
            message: 'not a fail-on rule (critical, high, medium, low, any, none, or budgets such as critical:0)',
        }),
        failOnPolicyViolation: schemas/* boolean */.zMY().optional(),
    }),
    // An error exits 2, 3 or 4 (SPEC §5): 0 or 1 (or 256, which exits as 0) would read an error as a verdict.
    error: schemas/* object */.Ikc({
        message: schemas/* string */.YjP(),
        exitCode: schemas/* literal */.euz([src_errors/* ExitCode */.yU.BadInput, src_errors/* ExitCode */.yU.ScannerFailure, src_errors/* ExitCode */.yU.InternalError], {
            error: "an error's exit code is 2, 3 or 4",
        }),
    })
        .optional(),
})
    .refine((summary) => (summary.status === 'error') === (summary.error !== undefined), {
    message: 'an error run, and only one, carries `error`',
    path: ['error'],
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/http/client.ts + 1 modules
var http_client = __webpack_require__(3243);
;// CONCATENATED MODULE: ./src/publish/webhook.ts




const WEBHOOK_EVENT = 'sca-bridge.scan.completed';
/** The body: the run summary of SPEC §4 plus `event`; tokens never enter a summary. */
function webhookBody(summary) {
    return JSON.stringify({ event: WEBHOOK_EVENT, ...summary });
}
function signature(secret, body) {
    return `sha256=${(0,external_node_crypto_.createHmac)('sha256', secret).update(body).digest('hex')}`;
}
/** The shortest value masked as a secret: a token (a chat webhook's, an ntfy topic) takes more than `/hook`. */
const SECRET_PATH_MIN = 8;
/** Query parameters whose values are credentials by their name (`?key=…`, `&sig=…`, `access_token=…`). */
const SECRET_PARAM = /token|key|secret|sig|auth|pass|pwd|cred|code|session/i;
/** A value that looks generated rather than a word: long, letters and digits mixed, no blanks. */
function looksGenerated(value) {
    return value.length >= 16 && /\d/.test(value) && /[a-z]/i.test(value) && !/\s/.test(value);
}
/**
 * The parts of a webhook URL that may hold its token, each masked on its own, since a receiver may echo any
 * one of them: the path with its query, the path, and the query values named or shaped like credentials. A
 * value such as `?source=sca-bridge` is not one: masking it would blank that word in every later log line
 * of the job and in the job summary.
 */
function secretPath(url) {
    const values = [...url.searchParams].flatMap(([name, value]) => SECRET_PARAM.test(name) || looksGenerated(value) ? [value] : []);
    const parts = [`${url.pathname}${url.search}`, url.pathname, ...values];
    return [...new Set(parts.filter((part) => part.length >= SECRET_PATH_MIN))];
}
/** What to do about a receiver's refusal, where its status says. */
function statusAdvice(error) {
    if (error.redirect)
        return (0,http_client/* redirectAdvice */.R2)(error.redirect, 'webhook-url', 'a redirected POST may arrive without its body, or elsewhere');
    if (error.status === 401 || error.status === 403)
        return "the receiver refused the delivery: check webhook-url (a chat webhook's URL holds its token) and the secret it checks signatures with";
    if (error.status === 404 || error.status === 405 || error.status === 410)
        return 'the receiver has no hook at that path: check webhook-url';
    return undefined;
}
/**
 * POSTs the run summary when the run ends, on success, gate failure and error alike. Retried on network
 * errors and 5xx; a failure is a warning, never a lost scan result.
 */
async function sendWebhook(config, summary, logger) {
    if (!config.webhookUrl)
        return;
    // The path may carry a token of its own (chat webhooks do): only the origin is ever printed, and the front
    // door masks the URL should a server echo it.
    const url = new URL(config.webhookUrl);
    // Masked value by value, never as text: a secret that is also a word of the summary (a key such as `high`)
    // would otherwise leave a body that is no longer the run summary, or no longer JSON.
    const body = webhookBody((0,src_logger/* redactDeep */.KL)(summary, (text) => logger.redact(text)));
    const headers = {
        'content-type': 'application/json',
        'x-sca-bridge-event': WEBHOOK_EVENT,
        'x-sca-bridge-delivery': (0,external_node_crypto_.randomUUID)(),
        ...(config.webhookSecret ? { 'x-sca-bridge-signature-256': signature(config.webhookSecret, body) } : {}),
    };
    let client;
    try {
        client = new http_client/* HttpClient */.Qq({
            baseUrl: url.origin,
            urlInput: 'webhook-url',
            originOnly: true,
            // A receiver may echo the path (`Cannot POST /hooks/<token>`) in the answer an error quotes. A path too
            // short to hold a token (`/`, `/hook`) is no secret, and masking it would garble every log line after.
            secrets: secretPath(url),
            insecure: config.insecure,
            ...(config.caFile ? { caFile: config.caFile } : {}),
            env: config.proxyEnv,
            logger,
            requestTimeoutMs: 30_000,
            maxAttempts: 3,
        });
        await client.send({ method: 'POST', path: `${url.pathname}${url.search}`, headers, body, retry: true });
        logger.info(`Webhook delivered to ${url.origin}.`);
    }
    catch (error) {
        const advice = error instanceof http_client/* HttpStatusError */.F9 ? statusAdvice(error) : undefined;
        logger.warn(`The webhook to ${url.origin} failed: ${(0,wording/* clause */.sb)(error.message)}${advice ? `; ${advice}` : ''}. The scan result itself is unaffected.`);
    }
    finally {
        await client?.close();
    }
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/cancel.ts
var src_cancel = __webpack_require__(833);
// EXTERNAL MODULE: ./src/paths.ts
var paths = __webpack_require__(8431);
// EXTERNAL MODULE: ./src/findings/ids.ts
var findings_ids = __webpack_require__(5232);
// EXTERNAL MODULE: ./src/findings/key.ts
var findings_key = __webpack_require__(4861);
;// CONCATENATED MODULE: ./src/findings/collapse.ts



/** The identity of a finding: one vulnerability on one component version at one location (SPEC §6). */
function findingKey(finding) {
    const { component } = finding;
    return (0,findings_key/* tupleKey */.WS)([
        finding.scanner,
        finding.id,
        component.ecosystem ?? '',
        component.packageName,
        // The namespace too: an OS package's name leaves its distribution out (`pkg:deb/debian/foo` and
        // `pkg:deb/ubuntu/foo` are both `foo`), and `a` `b/c` and `a/b` `c` write one name. Only when there is one, so
        // that the keys of others stay as they were.
        ...(component.group ? [component.group] : []),
        // A component known by no version, such as a file Xray knows by its hash, is told apart by its purl.
        component.version ?? component.purl ?? '',
        finding.location.uri,
    ]);
}
/** Every value the findings list, in their order, each once (a copy of the one finding's list when alone). */
function unionOf(findings, values) {
    if (findings.length === 1)
        return [...values(findings[0])];
    const seen = new Set();
    for (const finding of findings)
        for (const value of values(finding))
            seen.add(value);
    return [...seen];
}
/** The distinct paths of the lists, each in the place it was first seen. */
function unionOfPaths(lists) {
    const seen = new Map();
    for (const list of lists)
        for (const path of list)
            seen.set((0,findings_key/* tupleKey */.WS)(path), path);
    return [...seen.values()];
}
function higher(a, b) {
    if (!a)
        return b;
    if (!b)
        return a;
    return (b.score ?? -1) > (a.score ?? -1) ? b : a;
}
function mergeCvss(a, b) {
    const out = {};
    const v4 = higher(a.v4, b.v4);
    const v3 = higher(a.v3, b.v3);
    const v2 = higher(a.v2, b.v2);
    if (v4)
        out.v4 = v4;
    if (v3)
        out.v3 = v3;
    if (v2)
        out.v2 = v2;
    return out;
}
/**
 * Of two sightings, the more applicable: one not analysed outranks `not applicable`, and any word (`not
 * covered`) outranks none; words of one rank by their text, so the rows' order never decides.
 */
const APPLICABILITY_RANK = { applicable: 4, undetermined: 3, 'not applicable': 0 };
function moreApplicable(a, b) {
    const rank = (value) => (value === undefined ? 1 : (APPLICABILITY_RANK[value] ?? 2));
    const order = rank(b) - rank(a);
    return order > 0 || (order === 0 && b !== undefined && a !== undefined && b < a) ? b : a;
}
/** What of two sightings is one value (a severity, a title): the lists are joined once, by `mergeAll`. */
function mergeOne(into, other) {
    return {
        ...into,
        title: into.title || other.title,
        description: into.description.length >= other.description.length ? into.description : other.description,
        severity: (0,findings_severity/* mostSevere */.ux)(into.severity, other.severity),
        cvss: mergeCvss(into.cvss, other.cvss),
        epss: into.epss ?? other.epss,
        // One unsuppressed sighting keeps the finding open.
        suppressed: into.suppressed && other.suppressed,
        // An open finding never carries the analysis that suppressed one of its sightings.
        analysis: into.suppressed && other.suppressed
            ? (into.analysis ?? other.analysis)
            : ((into.suppressed ? undefined : into.analysis) ?? (other.suppressed ? undefined : other.analysis)),
        url: into.url ?? other.url,
        applicability: moreApplicable(into.applicability, other.applicability),
    };
}
/**
 * The sightings of one finding as one. Each list is joined once over all of them: joined sighting by sighting,
 * a vulnerability that a whole Artifactory's report repeats over 20,000 artifacts took minutes.
 */
function mergeAll(sightings) {
    const [first, ...others] = sightings;
    const merged = others.reduce(mergeOne, first);
    const ids = (0,findings_ids/* orderIds */.Fd)(sightings.flatMap((f) => f.ids));
    return {
        ...merged,
        id: ids[0] ?? first.id,
        ids,
        cwes: unionOf(sightings, (f) => f.cwes),
        componentPaths: unionOf(sightings, (f) => f.componentPaths),
        ...(sightings.some((f) => f.patternPaths)
            ? { patternPaths: unionOf(sightings, (f) => f.patternPaths ?? f.componentPaths) }
            : {}),
        impactPaths: unionOfPaths(sightings.map((f) => f.impactPaths)),
        fixedVersions: unionOf(sightings, (f) => f.fixedVersions),
        references: unionOf(sightings, (f) => f.references),
    };
}
/** Collapses repeated sightings of one finding into one, keeping the first one's order. */
function collapseDuplicates(findings) {
    const byKey = new Map();
    for (const finding of findings) {
        const key = findingKey(finding);
        const seen = byKey.get(key);
        if (seen)
            seen.push(finding);
        else
            byKey.set(key, [finding]);
    }
    return [...byKey.values()].map((sightings) => sightings.length === 1 ? sightings[0] : mergeAll(sightings));
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
// EXTERNAL MODULE: ./node_modules/tinyglobby/dist/index.mjs + 1 modules
var dist = __webpack_require__(3382);
// EXTERNAL MODULE: ./src/schema.ts
var schema = __webpack_require__(5060);
// EXTERNAL MODULE: ./src/importers/importer.ts
var importer = __webpack_require__(3233);
// EXTERNAL MODULE: ./src/importers/dtrack-finding.ts
var dtrack_finding = __webpack_require__(2679);
;// CONCATENATED MODULE: ./src/importers/dtrack-findings.ts



function readFindings(envelope, items, _count, file, options = {}) {
    (0,importer/* validate */.tf)(schemas/* array */.YOg(schemas/* unknown */.L5J()), envelope, file, 'dtrack-findings');
    const projects = new Set();
    const findings = (0,importer/* mapEach */.SS)(items, dtrack_finding/* dtFindingSchema */.nX, { file, format: 'dtrack-findings', key: '' }, (f) => {
        projects.add(f.component.project);
        return (0,dtrack_finding/* mapDtFinding */.i1)(f, options.uiUrl);
    });
    // The rows' project, when they agree on one: exports of several projects are told apart by it.
    const [projectUuid] = projects.size === 1 ? projects : [];
    return {
        scanner: 'dependency-track',
        findings,
        violations: [],
        context: {
            file,
            ...(projectUuid ? { projectUuid } : {}),
            ...(projectUuid && options.uiUrl ? { reportUrl: (0,dtrack_finding/* dtProjectUrl */.Nj)(options.uiUrl, projectUuid) } : {}),
        },
    };
}
const dtrackFindings = (0,importer/* bulkFormat */.CZ)({
    name: 'dtrack-findings',
    scanner: 'dependency-track',
    origin: 'Dependency-Track findings API: the JSON array of `GET /api/v1/finding/project/{uuid}` (every page)',
    matches: (doc) => Array.isArray(doc) && doc.length > 0 && doc.every(dtrack_finding/* looksLikeDtFinding */.bl),
    bulk: { key: '', read: readFindings },
});

;// CONCATENATED MODULE: ./src/importers/dtrack-fpf.ts




const envelopeSchema = schemas/* object */.Ikc({
    version: schema/* optString */.$2,
    meta: schemas/* object */.Ikc({ baseUrl: schema/* optString */.$2, version: schema/* optString */.$2 }).nullish(),
    project: schemas/* object */.Ikc({ uuid: schema/* optString */.$2, name: schema/* optString */.$2, version: schema/* optString */.$2 }).nullish(),
    findings: schemas/* array */.YOg(schemas/* unknown */.L5J()),
});
function readFpf(envelope, items, _count, file, options = {}) {
    const fpf = (0,importer/* validate */.tf)(envelopeSchema, envelope, file, 'dtrack-fpf');
    const baseUrl = fpf.meta?.baseUrl;
    // DT writes its configured base URL, which an administrator may have left as any text: no links then.
    const badBase = !options.uiUrl && baseUrl !== undefined && !(0,schema/* isWebBase */.oj)(baseUrl);
    const uiBase = options.uiUrl ?? (badBase ? undefined : baseUrl);
    const projectUrl = uiBase && fpf.project?.uuid ? (0,dtrack_finding/* dtProjectUrl */.Nj)(uiBase, fpf.project.uuid) : undefined;
    const findings = (0,importer/* mapEach */.SS)(items, dtrack_finding/* dtFindingSchema */.nX, { file, format: 'dtrack-fpf', key: 'findings' }, (f) => (0,dtrack_finding/* mapDtFinding */.i1)(f, uiBase));
    return {
        scanner: 'dependency-track',
        findings,
        violations: [],
        context: {
            file,
            ...(fpf.project?.name ? { project: fpf.project.name } : {}),
            ...(fpf.project?.uuid ? { projectUuid: fpf.project.uuid } : {}),
            ...(fpf.project?.version ? { projectVersion: fpf.project.version } : {}),
            ...(fpf.meta?.version ? { scannerVersion: fpf.meta.version } : {}),
            ...(projectUrl ? { reportUrl: projectUrl } : {}),
        },
        ...(badBase
            ? {
                notes: [
                    `meta.baseUrl ${JSON.stringify(baseUrl)} is no http(s) URL without a query, so findings link to no Dependency-Track page; give ui-url (Dependency-Track's web address) for links.`,
                ],
            }
            : {}),
    };
}
const dtrackFpf = (0,importer/* bulkFormat */.CZ)({
    name: 'dtrack-fpf',
    scanner: 'dependency-track',
    origin: "Dependency-Track Finding Packaging Format 1.0–1.4 (`GET /api/v1/finding/project/{uuid}/export`, or the project's Audit Vulnerabilities → Export)",
    matches: (doc) => (0,schema/* isRecord */.u4)(doc) && Array.isArray(doc.findings) && ('meta' in doc || 'project' in doc),
    bulk: { key: 'findings', read: readFpf },
});

// EXTERNAL MODULE: ./src/findings/build.ts
var build = __webpack_require__(8410);
// EXTERNAL MODULE: ./src/findings/component.ts
var findings_component = __webpack_require__(9457);
// EXTERNAL MODULE: ./src/importers/xray-fields.ts
var xray_fields = __webpack_require__(5313);
;// CONCATENATED MODULE: ./src/importers/xray-cli-json.ts








const impactNodeSchema = schemas/* object */.Ikc({ component_id: schema/* optString */.$2, full_path: schema/* optString */.$2 });
const componentSchema = schemas/* object */.Ikc({
    fixed_versions: (0,schema/* optArray */.hp)(schemas/* string */.YjP()),
    impact_paths: (0,schema/* optArray */.hp)(schemas/* array */.YOg(impactNodeSchema)),
});
const componentsSchema = (0,schema/* optEntries */.Ov)(componentSchema);
const vulnerabilitySchema = schemas/* object */.Ikc({
    issue_id: schema/* optString */.$2,
    cves: (0,schema/* optArray */.hp)(xray_fields/* xrayCveSchema */.KM),
    summary: schema/* optString */.$2,
    severity: schema/* severityWord */.Oh,
    components: componentsSchema,
    references: (0,schema/* optArray */.hp)(schemas/* string */.YjP()),
    extended_information: schemas/* object */.Ikc({ short_description: schema/* optString */.$2, full_description: schema/* optString */.$2 }).nullish(),
});
const violationSchema = schemas/* object */.Ikc({
    issue_id: schema/* optString */.$2,
    type: schema/* optString */.$2,
    severity: schema/* optString */.$2,
    watch_name: schema/* optString */.$2,
    fail_build: schemas/* boolean */.zMY().nullish(),
    policies: (0,schema/* optArray */.hp)(schemas/* object */.Ikc({ policy: schema/* optString */.$2 })),
    components: componentsSchema,
    cves: (0,schema/* optArray */.hp)(xray_fields/* xrayCveSchema */.KM),
    license_key: schema/* optString */.$2,
});
const scanResponseSchema = schemas/* object */.Ikc({
    scan_id: schema/* optString */.$2,
    component_id: schema/* optString */.$2,
    package_type: schema/* optString */.$2,
    status: schema/* optString */.$2,
    vulnerabilities: (0,schema/* optArray */.hp)(vulnerabilitySchema),
    violations: (0,schema/* optArray */.hp)(violationSchema),
});
/** `Issue summary: ` is a prefix jf adds to some summaries. */
function cleanSummary(summary) {
    return summary?.replace(/^Issue summary:\s*/i, '');
}
/** A vulnerability that names no component is on the scanned target itself: reported there rather than lost. */
function componentsOf(vulnerability, response) {
    if (vulnerability.components.length)
        return vulnerability.components;
    return [[response.component_id ?? 'unknown', { fixed_versions: [], impact_paths: [] }]];
}
function mapVulnerability(vulnerability, response) {
    const { ids, cvss, cwes } = (0,xray_fields/* readXrayCves */.MT)(vulnerability.cves);
    const summary = cleanSummary(vulnerability.summary);
    return componentsOf(vulnerability, response).map(([componentId, component]) => {
        const impactPaths = component.impact_paths.map((path) => path.map((node) => node.component_id ?? node.full_path ?? '?'));
        const fullPaths = component.impact_paths.flatMap((path) => path.map((node) => node.full_path));
        return (0,build/* buildFinding */.U)({
            scanner: 'xray',
            ids: [vulnerability.issue_id, ...ids],
            title: vulnerability.extended_information?.short_description,
            description: vulnerability.extended_information?.full_description ?? summary,
            severity: vulnerability.severity,
            cvss,
            cwes,
            component: (0,findings_component/* componentFromXrayId */.fv)(componentId, response.package_type),
            componentPaths: fullPaths,
            impactPaths,
            fixedVersions: (0,xray_fields/* fixedVersions */.W4)(component.fixed_versions),
            references: vulnerability.references,
        });
    });
}
/** Violations count for the gate only when a watch's policy marks them `fail_build`. */
function mapViolation(violation) {
    // A violation that names no component still counts for the gate.
    const components = violation.components.map(([componentId]) => componentId);
    // One mapping, one copy per component: the rest of the violation is the same for each.
    const mapped = (0,xray_fields/* xrayViolation */.s3)({
        type: violation.type ?? 'security',
        policy: violation.policies
            .map((p) => p.policy)
            .filter(Boolean)
            .join(', '),
        watch: violation.watch_name,
        failBuild: !!violation.fail_build,
        severity: violation.severity,
        component: '',
        cves: violation.cves,
        issue: violation.license_key ?? violation.issue_id,
    });
    return (components.length ? components : ['unknown']).map((component) => ({ ...mapped, component }));
}
/**
 * jf leaves out `vulnerabilities`, `violations` and `licenses` when a target has none (`omitempty`), so a clean
 * target is known by its `status`.
 */
function isScanResponse(value) {
    return ((0,schema/* isRecord */.u4)(value) &&
        ('scan_id' in value || 'component_id' in value) &&
        (Array.isArray(value.vulnerabilities) ||
            Array.isArray(value.violations) ||
            Array.isArray(value.licenses) ||
            typeof value.status === 'string'));
}
/** A target whose scan did not complete reports nothing of what it holds: passing the gate on it would lose it. */
function refuseUnfinished(responses, file) {
    const unfinished = responses.filter((r) => r.status && r.status.trim().toLowerCase() !== 'completed');
    if (!unfinished.length)
        return;
    const named = unfinished.map((r) => `${r.component_id ?? r.scan_id ?? 'a target'} (status ${JSON.stringify(r.status)})`);
    throw new src_errors/* UserError */.yo(`${file}: the scan of ${(0,wording/* firstOf */.Ku)(named, 5, ', ')} did not complete, so the file lacks its findings. Run the jf command again until every target completes, and import its new output.`);
}
const xrayCliJson = {
    name: 'xray-cli-json',
    scanner: 'xray',
    origin: '`jf scan`, `jf docker scan` or `jf audit` with `--format=json` (an array of scan responses), or one Xray graph-scan response',
    matches: (doc) => (Array.isArray(doc) ? doc.length > 0 && doc.every(isScanResponse) : isScanResponse(doc)),
    read(doc, file) {
        // One schema per shape, so a bad field is named by its path rather than by a failed union.
        const responses = Array.isArray(doc)
            ? (0,importer/* validate */.tf)(schemas/* array */.YOg(scanResponseSchema), doc, file, 'xray-cli-json')
            : [(0,importer/* validate */.tf)(scanResponseSchema, doc, file, 'xray-cli-json')];
        refuseUnfinished(responses, file);
        const findings = responses.flatMap((response) => response.vulnerabilities.flatMap((v) => mapVulnerability(v, response)));
        const violations = responses.flatMap((response) => response.violations.flatMap(mapViolation));
        return { scanner: 'xray', findings, violations, context: { file } };
    },
};

// EXTERNAL MODULE: ./src/importers/xray-report.ts
var xray_report = __webpack_require__(3310);
;// CONCATENATED MODULE: ./src/importers/xray-scans-export.ts







/**
 * One entry per issue × component; `total_count` counts the issues (`issueCounter`). Other fields are kept, to name
 * the licence or operational-risk export an entry that names no vulnerability comes from (`xrayRowKind`).
 */
const itemSchema = schemas/* looseObject */._H3({
    id: schema/* optString */.$2,
    severity: schema/* severityWord */.Oh,
    pkg_type: schema/* optString */.$2,
    summary: schema/* optString */.$2,
    component: schema/* optString */.$2,
    source_comp_id: schema/* optString */.$2,
    component_versions: schemas/* object */.Ikc({
        fixed_versions: (0,schema/* optArray */.hp)(schemas/* string */.YjP()),
        more_details: schemas/* object */.Ikc({ cves: (0,schema/* optArray */.hp)(xray_fields/* xrayCveSchema */.KM), description: schema/* optString */.$2 })
            .nullish()
            .transform((value) => value ?? { cves: [], description: undefined }),
    })
        .nullish(),
    component_physical_paths: (0,schema/* optArray */.hp)(schemas/* string */.YjP()),
    high_profile_info: schemas/* object */.Ikc({ ShortDescription: schema/* optString */.$2, FullDescription: schema/* optString */.$2 }).nullish(),
    edited: schema/* optString */.$2,
});
const xray_scans_export_envelopeSchema = schemas/* object */.Ikc({ total_count: schemas/* number */.aig().int().nonnegative(), data: schemas/* array */.YOg(schemas/* unknown */.L5J()) });
function mapItem(item) {
    const details = item.component_versions?.more_details;
    const { ids, cvss, cwes } = (0,xray_fields/* readXrayCves */.MT)(details?.cves ?? []);
    return (0,build/* buildFinding */.U)({
        scanner: 'xray',
        ids: [item.id, ...ids],
        title: item.high_profile_info?.ShortDescription ?? item.summary,
        description: item.high_profile_info?.FullDescription ?? details?.description ?? item.summary,
        severity: item.severity,
        cvss,
        cwes,
        component: (0,findings_component/* componentFromXrayId */.fv)(item.source_comp_id ?? item.component ?? 'unknown', item.pkg_type),
        componentPaths: item.component_physical_paths,
        fixedVersions: (0,xray_fields/* fixedVersions */.W4)(item.component_versions?.fixed_versions ?? []),
    });
}
/**
 * Whether an entry names a vulnerability: by an id (its own, a CVE's) or by a text to tell it by. One with none
 * would be a finding of an `UNKNOWN-` vulnerability made up: a licence export's entries are such.
 */
function namesVulnerability(item) {
    const details = item.component_versions?.more_details;
    const profile = item.high_profile_info;
    return [
        item.id,
        ...(details?.cves ?? []).map(xray_fields/* xrayCveId */.IY),
        item.summary,
        details?.description,
        profile?.ShortDescription,
        profile?.FullDescription,
    ].some((text) => !!text?.trim());
}
function namesNothingError(item, index, file) {
    const kind = (0,xray_fields/* refusedKind */.zJ)((0,xray_fields/* xrayRowKind */.Bc)(item));
    if (kind) {
        return new src_errors/* UserError */.yo(`${file}: this is an Xray ${kind} export (data.${index} names no vulnerability); sca-bridge reports vulnerabilities. Export the component's security data instead (Scans List → Export → JSON) and import its *_Security_Export.json.`);
    }
    return new src_errors/* UserError */.yo(`${file}: data.${index} has no id, CVE, summary or description, so it names no vulnerability: this is not a security export Xray wrote. Export the component's security data (Scans List → Export → JSON) and import its *_Security_Export.json.`);
}
/**
 * Counts issues as `total_count` does: the entries of one issue `id` are one issue (the real Xray 3.x export has
 * 63 entries of 25 ids, and `total_count` 25). An entry without an id counts alone, as nothing ties it to another
 * (the Xray 2.x Security Exports at hand write `id: ""` on every entry: 3 entries, `total_count` 3), so the count
 * is never below the file's true number of issues.
 */
function issueCounter() {
    const ids = new Set();
    let unnamed = 0;
    return {
        add(id) {
            const key = id?.trim();
            if (key)
                ids.add(key);
            else
                unnamed++;
        },
        count: () => ids.size + unnamed,
    };
}
/**
 * Fewer issues than `total_count` means entries are missing: refused (SPEC §9, a count that does not add up).
 * More lose nothing and are read: id-less entries of one issue count several times (`issueCounter`).
 */
function checkIssueCount(issues, total, file) {
    if (issues >= total)
        return;
    throw new src_errors/* UserError */.yo(`${file}: the export holds ${issues} of its ${total} issues (total_count; the entries of one issue id count once): it is part of an export (one page, or a file cut short), not the whole export. Export the component's security data again (Scans List → Export → JSON, or \`POST /xray/api/v2/component/exportDetails\`) and import its *_Security_Export.json unedited.`);
}
function readExport(envelope, items, _count, file) {
    const { total_count: total } = (0,importer/* validate */.tf)(xray_scans_export_envelopeSchema, envelope, file, 'xray-scans-export');
    const issues = issueCounter();
    const where = { file, format: 'xray-scans-export', key: 'data' };
    const findings = (0,importer/* mapEach */.SS)(items, itemSchema, where, (item, index) => {
        if (!namesVulnerability(item))
            throw namesNothingError(item, index, file);
        issues.add(item.id);
        return mapItem(item);
    });
    checkIssueCount(issues.count(), total, file);
    return { scanner: 'xray', findings, violations: [], context: { file } };
}
const xrayScansExport = (0,importer/* bulkFormat */.CZ)({
    name: 'xray-scans-export',
    scanner: 'xray',
    origin: 'Xray Scans List → Export → JSON, or `POST /xray/api/v2/component/exportDetails` (the `*_Security_Export.json` file of the ZIP; Xray 2.x calls it Security Export)',
    matches: (doc) => (0,schema/* isRecord */.u4)(doc) && 'total_count' in doc && Array.isArray(doc.data),
    bulk: { key: 'data', read: readExport },
});

;// CONCATENATED MODULE: ./src/importers/xray-simple-json.ts








const cveSchema = schemas/* object */.Ikc({
    id: schema/* optString */.$2,
    cvssV2: schema/* optNumber */.td,
    cvssV2Vector: schema/* optString */.$2,
    cvssV3: schema/* optNumber */.td,
    cvssV3Vector: schema/* optString */.$2,
    cwe: (0,schema/* optArray */.hp)(schemas/* string */.YjP()),
})
    .transform((cve) => ({
    cve: cve.id,
    id: undefined,
    cwe: cve.cwe,
    cvss_v2: undefined,
    cvss_v3: undefined,
    cvss_v2_score: cve.cvssV2,
    cvss_v2_vector: cve.cvssV2Vector,
    cvss_v3_score: cve.cvssV3,
    cvss_v3_vector: cve.cvssV3Vector,
}));
const packageRef = schemas/* object */.Ikc({
    name: schema/* optString */.$2,
    version: schema/* optString */.$2,
    location: schemas/* object */.Ikc({ file: schema/* optString */.$2 }).nullish(),
});
const rowSchema = schemas/* object */.Ikc({
    severity: schema/* severityWord */.Oh,
    impactedPackageName: schema/* optString */.$2,
    impactedPackageVersion: schema/* optString */.$2,
    impactedPackageType: schema/* optString */.$2,
    components: (0,schema/* optArray */.hp)(packageRef),
    summary: schema/* optString */.$2,
    applicable: schema/* optString */.$2,
    fixedVersions: (0,schema/* optArray */.hp)(schemas/* string */.YjP()),
    cves: (0,schema/* optArray */.hp)(cveSchema),
    issueId: schema/* optString */.$2,
    references: (0,schema/* optArray */.hp)(schemas/* string */.YjP()),
    impactPaths: (0,schema/* optArray */.hp)(schemas/* array */.YOg(packageRef)),
    jfrogResearchInformation: schemas/* object */.Ikc({ summary: schema/* optString */.$2, details: schema/* optString */.$2 }).nullish(),
    // Violation rows only.
    watch: schema/* optString */.$2,
    policies: (0,schema/* optArray */.hp)(schemas/* string */.YjP()),
    fail_build: schemas/* boolean */.zMY().nullish(),
    licenseKey: schema/* optString */.$2,
});
const documentSchema = schemas/* object */.Ikc({
    errors: (0,schema/* optArray */.hp)(schemas/* object */.Ikc({ filePath: schema/* optString */.$2, errorMessage: schema/* optString */.$2 })),
    scansStatus: schemas/* object */.Ikc({ scaScanStatusCode: schema/* optNumber */.td }).nullish(),
    vulnerabilities: (0,schema/* optArray */.hp)(rowSchema),
    securityViolations: (0,schema/* optArray */.hp)(rowSchema),
    licensesViolations: (0,schema/* optArray */.hp)(rowSchema),
    operationalRiskViolations: (0,schema/* optArray */.hp)(rowSchema),
});
/** JFrog Advanced Security's results on the source code (`jf audit`, `jf docker scan`): not of dependencies. */
const SOURCE_CODE_KEYS = ['secrets', 'iac', 'sast', 'secretsViolations', 'iacViolations', 'sastViolations'];
/** Says which source-code results the file holds, since none of them reaches a report. */
function sourceCodeNote(doc) {
    const held = SOURCE_CODE_KEYS.flatMap((key) => {
        const list = (0,schema/* isRecord */.u4)(doc) ? doc[key] : undefined;
        return Array.isArray(list) && list.length ? [`${key}: ${list.length}`] : [];
    });
    if (!held.length)
        return [];
    return [
        `holds results on the source code (${held.join(', ')}), which sca-bridge does not report: it reports vulnerable dependencies and their policy violations. For those, upload the SARIF of \`jf audit --format sarif\` as well.`,
    ];
}
/**
 * jf writes what failed into `errors`, and the dependency scan's outcome into `scansStatus.scaScanStatusCode`
 * (0: succeeded) only for targets it has results of: a target whose dependency tree could not be built gets
 * an error and no code, beside others that succeeded. So any error, or a code other than 0, may mean findings
 * that are not in the file, and the file is refused rather than pass the gate.
 */
function refuseFailedRun(document, file) {
    const errors = document.errors.map((e) => `${e.filePath ? `${e.filePath}: ` : ''}${e.errorMessage ?? 'an error without a message'}`);
    const code = document.scansStatus?.scaScanStatusCode;
    if (!errors.length && (code === undefined || code === 0))
        return;
    const listed = errors.length ? ` jf reports: ${(0,wording/* firstOf */.Ku)(errors, 5)}.` : '';
    const status = code !== undefined && code !== 0 ? ` (scansStatus.scaScanStatusCode ${code})` : '';
    throw new src_errors/* UserError */.yo(`${file}: the jf run reports ${errors.length ? 'errors' : 'a failed dependency scan'}${status}, so the file may lack findings.${listed} Fix the cause, run jf again, and import its new output.`);
}
function componentOf(row) {
    const id = [row.impactedPackageName ?? 'unknown', row.impactedPackageVersion].filter(Boolean).join(':');
    return (0,findings_component/* componentFromXrayId */.fv)(id, row.impactedPackageType);
}
/** `name@version`, as impact path elements are written. */
function nodeId(node) {
    return [node.name, node.version].filter(Boolean).join('@');
}
function mapRow(row) {
    const { ids, cvss, cwes } = (0,xray_fields/* readXrayCves */.MT)(row.cves);
    const finding = (0,build/* buildFinding */.U)({
        scanner: 'xray',
        ids: [row.issueId, ...ids],
        title: row.jfrogResearchInformation?.summary ?? row.summary,
        description: row.jfrogResearchInformation?.details ?? row.summary,
        severity: row.severity,
        cvss,
        cwes,
        component: componentOf(row),
        // jf names the manifest that declares each direct dependency; the locator prefers it.
        componentPaths: row.components.map((c) => c.location?.file),
        impactPaths: row.impactPaths.map((path) => path.map(nodeId)),
        fixedVersions: (0,xray_fields/* fixedVersions */.W4)(row.fixedVersions),
        references: row.references,
        applicability: row.applicable,
    });
    // jf names each direct dependency pulling the component in (`components[]`), also when it leaves out the
    // impact paths (they hold these): the locator's hint for a component no manifest declares.
    if (!finding.impactPaths.length) {
        const direct = [...new Set(row.components.filter((c) => c.name).map(nodeId))];
        if (direct.length)
            finding.directDependencies = direct;
    }
    return finding;
}
function xray_simple_json_mapViolation(type) {
    return (row) => {
        const component = componentOf(row);
        return (0,xray_fields/* xrayViolation */.s3)({
            type,
            policy: row.policies.join(', ') || row.watch,
            watch: row.watch,
            failBuild: !!row.fail_build,
            severity: row.severity,
            component: [component.packageName, component.version].filter(Boolean).join('@'),
            cves: row.cves,
            issue: row.licenseKey ?? row.issueId,
        });
    };
}
const xraySimpleJson = {
    name: 'xray-simple-json',
    scanner: 'xray',
    origin: '`jf scan`, `jf docker scan` or `jf audit` with `--format=simple-json`',
    matches: (doc) => (0,schema/* isRecord */.u4)(doc) &&
        'vulnerabilities' in doc &&
        ('securityViolations' in doc || 'scansStatus' in doc || 'licensesViolations' in doc),
    read(doc, file) {
        const parsed = (0,importer/* validate */.tf)(documentSchema, doc, file, 'xray-simple-json');
        refuseFailedRun(parsed, file);
        const violations = [
            ...parsed.securityViolations.map(xray_simple_json_mapViolation('security')),
            ...parsed.licensesViolations.map(xray_simple_json_mapViolation('license')),
            ...parsed.operationalRiskViolations.map(xray_simple_json_mapViolation('operational_risk')),
        ];
        const notes = sourceCodeNote(doc);
        return {
            scanner: 'xray',
            findings: parsed.vulnerabilities.map(mapRow),
            violations,
            context: { file },
            ...(notes.length ? { notes } : {}),
        };
    },
};

;// CONCATENATED MODULE: ./src/importers/xray-summary.ts








const issueSchema = schemas/* object */.Ikc({
    issue_id: schema/* optString */.$2,
    summary: schema/* optString */.$2,
    description: schema/* optString */.$2,
    issue_type: schema/* optString */.$2,
    severity: schema/* severityWord */.Oh,
    cves: (0,schema/* optArray */.hp)(xray_fields/* xrayCveSchema */.KM),
    created: schema/* optString */.$2,
    impact_path: (0,schema/* optArray */.hp)(schemas/* string */.YjP()),
    components: (0,schema/* optArray */.hp)(schemas/* object */.Ikc({ component_id: schema/* optString */.$2, fixed_versions: (0,schema/* optArray */.hp)(schemas/* string */.YjP()) })),
    component_physical_paths: (0,schema/* optArray */.hp)(schemas/* string */.YjP()),
});
const artifactSchema = schemas/* object */.Ikc({
    general: schemas/* object */.Ikc({ name: schema/* optString */.$2, component_id: schema/* optString */.$2, pkg_type: schema/* optString */.$2, path: schema/* optString */.$2 })
        .nullish(),
    issues: (0,schema/* optArray */.hp)(issueSchema),
});
const xray_summary_documentSchema = schemas/* object */.Ikc({
    artifacts: schemas/* array */.YOg(artifactSchema),
    errors: (0,schema/* optArray */.hp)(schemas/* object */.Ikc({ identifier: schema/* optString */.$2, error: schema/* optString */.$2 })),
});
/**
 * Xray lists the artifacts it could not summarise (not indexed, unknown) in `errors`, and leaves them out of
 * `artifacts`: their findings are unknown, and passing the gate without them would lose them.
 */
function refuseErrors(errors, file) {
    if (!errors.length)
        return;
    const listed = (0,wording/* firstOf */.Ku)(errors.map((e) => `${e.identifier ?? 'an artifact'}: ${e.error ?? 'an error without a message'}`), 5);
    throw new src_errors/* UserError */.yo(`${file}: Xray could not summarise ${errors.length === 1 ? 'an artifact it was asked about, so the file lacks its findings' : `${errors.length} artifacts it was asked about, so the file lacks their findings`}: ${listed}. Have Xray index them (the repository must be indexed, and the artifact scanned), or leave them out of the request, and export the summary again.`);
}
/**
 * An impact path ends with the component, without its type: `…/sha256__….tar.gz/3.12:openssl:1.1.1k-r0`.
 * A leading release number (`3.12`) belongs to an OS package; it is not part of the name. The type is
 * named only where the text leaves no doubt: Alpine's `-r<N>` package release ends every apk version, and
 * Debian and Ubuntu ids begin with the distribution and its codename. Any other OS package (an rpm's
 * release is a bare number too) keeps no type rather than a wrong one.
 */
function componentOfImpactPath(path) {
    const last = path.slice(path.lastIndexOf('/') + 1);
    const fields = last.split(':');
    if (/^(debian|ubuntu):[a-z]+:[^:]+:./.test(last))
        return (0,findings_component/* componentFromXrayId */.fv)(last, 'deb');
    if (fields.length >= 3 && /^\d+(\.\d+)*$/.test(fields[0] ?? '')) {
        if (fields.length === 3 && /-r\d+$/.test(fields[2] ?? ''))
            return (0,findings_component/* componentFromXrayId */.fv)(last, 'alpine');
        const [, name = last, ...version] = fields;
        return { packageName: name, name, version: version.join(':') };
    }
    return (0,findings_component/* componentFromXrayId */.fv)(last);
}
/** Issue types that are no vulnerability, in letters only: Xray writes `License`, `operational_risk`, … */
const NOT_SECURITY = new Set(['license', 'licence', 'operationalrisk']);
/**
 * Licence and operational-risk issues are not vulnerabilities. Any other type, known (`security`, in any case)
 * or not, is read as one: an issue left out for a type sca-bridge does not know would be a finding lost.
 */
function isSecurity(issue) {
    return !NOT_SECURITY.has((issue.issue_type ?? '').toLowerCase().replace(/[^a-z]/g, ''));
}
/**
 * Prefer Xray's component ids; older responses name the components only at the end of each impact path. An
 * issue naming neither is on the artifact itself, and is reported there rather than lost.
 */
function targetsOf(artifact, issue) {
    if (issue.components.length)
        return issue.components.map((c) => ({
            component: (0,findings_component/* componentFromXrayId */.fv)(c.component_id ?? 'unknown'),
            fixed: c.fixed_versions,
            paths: [],
        }));
    if (issue.impact_path.length)
        return issue.impact_path.map((path) => ({
            component: componentOfImpactPath(path),
            fixed: [],
            paths: [path],
        }));
    const general = artifact.general;
    const id = general?.component_id ?? general?.name ?? 'unknown';
    return [{ component: (0,findings_component/* componentFromXrayId */.fv)(id, general?.pkg_type), fixed: [], paths: [] }];
}
/**
 * An Artifact Summary's paths may begin with the Artifactory id before the repository key
 * (`default/libs-release/org/…`, as Xray 3.x asks them to be given); path patterns mean the path inside the
 * repository, so both go. `default` is the id of every Artifactory but one of several joined to one Xray.
 */
function summaryPathInRepository(path) {
    return (0,xray_fields/* pathInRepository */.zB)(path.startsWith('default/') ? path.slice('default/'.length) : path);
}
function mapIssue(artifact, issue) {
    const { ids, cvss, cwes } = (0,xray_fields/* readXrayCves */.MT)(issue.cves);
    return targetsOf(artifact, issue).map((target) => (0,build/* buildFinding */.U)({
        scanner: 'xray',
        ids: [issue.issue_id, ...ids],
        title: issue.summary,
        description: issue.description ?? issue.summary,
        severity: issue.severity,
        cvss,
        cwes,
        component: target.component,
        componentPaths: [
            artifact.general?.path ? summaryPathInRepository(artifact.general.path) : undefined,
            ...target.paths.map(summaryPathInRepository),
        ],
        innerPaths: issue.component_physical_paths,
        impactPaths: target.paths.length ? [target.paths] : [],
        fixedVersions: (0,xray_fields/* fixedVersions */.W4)(target.fixed),
        published: issue.created,
    }));
}
const xraySummary = {
    name: 'xray-summary',
    scanner: 'xray',
    origin: 'Xray Artifact Summary API (`POST /xray/api/v1/summary/artifact`)',
    matches: (doc) => (0,schema/* isRecord */.u4)(doc) && Array.isArray(doc.artifacts),
    read(doc, file) {
        const { artifacts, errors } = (0,importer/* validate */.tf)(xray_summary_documentSchema, doc, file, 'xray-summary');
        refuseErrors(errors, file);
        const findings = artifacts.flatMap((artifact) => artifact.issues.filter(isSecurity).flatMap((issue) => mapIssue(artifact, issue)));
        const others = artifacts.reduce((sum, a) => sum + a.issues.filter((i) => !isSecurity(i)).length, 0);
        const notes = others
            ? [
                `holds ${(0,wording/* plural */.LS)(others, 'issue')} of another type than security (licence, operational risk), which sca-bridge does not report: it reports vulnerabilities.`,
            ]
            : [];
        return {
            scanner: 'xray',
            findings,
            violations: [],
            context: { file },
            ...(notes.length ? { notes } : {}),
        };
    },
};

;// CONCATENATED MODULE: ./src/importers/index.ts







const FORMATS = [
    dtrackFpf,
    dtrackFindings,
    xray_report/* xrayReport */.TS,
    xrayScansExport,
    xraySummary,
    xrayCliJson,
    xraySimpleJson,
];
function formatNamed(name) {
    const format = FORMATS.find((f) => f.name === name);
    if (!format)
        throw new Error(`no import format named ${name}`);
    return format;
}

;// CONCATENATED MODULE: ./src/importers/detect.ts



const ACCEPTED = FORMATS.map((f) => f.name).join(', ');
/** Shapes people hand us that are not findings exports, with what to do instead. */
function recogniseOther(doc) {
    if ((0,schema/* isRecord */.u4)(doc) && Array.isArray(doc.runs) && (doc.version === '2.1.0' || '$schema' in doc)) {
        return "this is already a SARIF log; sca-bridge reads the scanner's JSON export and writes SARIF itself (export JSON from the scanner, or upload this file with github/codeql-action/upload-sarif)";
    }
    if ((0,schema/* isRecord */.u4)(doc) && (doc.bomFormat === 'CycloneDX' || 'spdxVersion' in doc)) {
        return 'this is an SBOM, not a findings export; to scan it, upload it to Dependency-Track with `sca-bridge scan --scanner dependency-track --sbom <file>`';
    }
    if ((0,schema/* isRecord */.u4)(doc) && Array.isArray(doc.targets) && 'xray_version' in doc) {
        return 'this is a jf CLI internal results dump; run jf with `--format=json` or `--format=simple-json` instead';
    }
    if (Array.isArray(doc) && doc.length > 0 && doc.every((v) => (0,schema/* isRecord */.u4)(v) && 'policyCondition' in v)) {
        return "this is a Dependency-Track policy-violation list (`/api/v1/violation/project/{uuid}`); import the project's findings (FPF export), and let a scan with fail-on-policy-violation read violations (mode scan; CLI: `sca-bridge scan --scanner dependency-track --fail-on-policy-violation`)";
    }
    if ((0,schema/* isRecord */.u4)(doc) && 'gate' in doc && 'counts' in doc && 'status' in doc) {
        return "this is an sca-bridge run summary (`--json`), not a scanner export; name the scanner's exports instead";
    }
    if ((0,schema/* isRecord */.u4)(doc) && 'uuid' in doc && 'name' in doc && 'classifier' in doc) {
        return 'this is a Dependency-Track project, not its findings; export the findings (`/api/v1/finding/project/{uuid}/export`)';
    }
    return undefined;
}
/** What JSON calls a value's type: `typeof` says `object` of arrays and null too. */
function kindOf(value) {
    if (Array.isArray(value))
        return 'array';
    return value === null ? 'null' : typeof value;
}
/** `length`: of the whole array, when only its first element was parsed to tell the format. */
function describeShape(doc, length) {
    if (Array.isArray(doc)) {
        // An empty findings list from Dependency-Track's API is `[]` too, but nothing in it tells the format.
        return doc.length
            ? `an array of ${length ?? doc.length} ${kindOf(doc[0])} values`
            : 'an empty array; an empty Dependency-Track findings list imports with import-format dtrack-findings';
    }
    if ((0,schema/* isRecord */.u4)(doc)) {
        const keys = Object.keys(doc);
        return keys.length
            ? `an object with keys ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''}`
            : 'an empty object';
    }
    return `a JSON ${doc === null ? 'null' : typeof doc}`;
}
/** Picks the one format whose shape the document has; none or several is bad input (exit 2). */
function detectFormat(doc, file, length) {
    const matching = FORMATS.filter((format) => format.matches(doc));
    if (matching.length === 1 && matching[0])
        return matching[0];
    if (matching.length > 1) {
        throw new src_errors/* UserError */.yo(`${file}: the file matches several formats (${matching.map((f) => f.name).join(', ')}); name one with import-format.`);
    }
    const other = recogniseOther(doc);
    if (other)
        throw new src_errors/* UserError */.yo(`${file}: ${other}. Accepted formats: ${ACCEPTED}.`);
    throw new src_errors/* UserError */.yo(`${file}: not a recognised Dependency-Track or Xray export (found ${describeShape(doc, length)}). Accepted formats: ${ACCEPTED}; see the README's "Supported formats" for where each comes from, or name one with import-format.`);
}
/**
 * The format named with --import-format, when the document has its shape or holds nothing at all (`[]`, an
 * empty findings list): a file of another shape would read as no findings and pass any gate.
 */
function namedFormat(name, doc, file, length) {
    const format = formatNamed(name);
    if (format.matches(doc) || (Array.isArray(doc) && doc.length === 0))
        return format;
    throw new src_errors/* UserError */.yo(`${file}: does not have the shape of ${name} (found ${describeShape(doc, length)}); check import-format, or leave it out to detect the format.`);
}

;// CONCATENATED MODULE: ./src/importers/json-slices.ts
/**
 * Large exports are one big array (`rows`, `data`, `findings`, or the document itself) in a small envelope.
 * Parsing the whole file at once holds the text and every row as objects together, about six times the file
 * size. Instead this finds where each element of that array starts and ends — tracking only strings, escapes
 * and nesting, the built-in `JSON.parse` does the parsing — so rows are parsed one at a time and each can be
 * dropped once mapped. Anything unexpected returns `undefined`, and the caller parses the whole file, which
 * also gives `JSON.parse`'s own error for a malformed one; the array's key given twice throws RepeatedKeyError.
 * The same walk finds a key given twice in any object of the elements or the envelope (`SlicedDocument.repeated`),
 * which `JSON.parse` would resolve by keeping the last, silently.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const COMMA = 0x2c;
const COLON = 0x3a;
function bufferText(buf) {
    return (start, end) => buf.toString('utf8', start, end);
}
/** JSON's white space: space, line feed, carriage return, tab. */
function isSpace(byte) {
    return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}
function skipSpace(buf, i) {
    while (i < buf.length && isSpace(buf[i]))
        i++;
    return i;
}
/**
 * The index just after the string that starts at `i` (a quote), or -1. Strings are most of an export's
 * bytes, so the closing quote is searched natively: a quote ends the string unless an odd number of
 * backslashes precedes it.
 */
function skipString(buf, i) {
    for (let j = buf.indexOf(QUOTE, i + 1); j >= 0; j = buf.indexOf(QUOTE, j + 1)) {
        let backslashes = 0;
        while (buf[j - 1 - backslashes] === BACKSLASH)
            backslashes++;
        if (backslashes % 2 === 0)
            return j + 1;
    }
    return -1;
}
/**
 * The key whose text is between the quotes of `buf` at [start, end), as JSON.parse reads it; `hash` is its
 * `keyHash`. A bad escape (a row not yet parsed may hold one) reads as its bytes: the row's parse refuses it.
 */
function keyText(buf, start, end, hash) {
    if (hash >= 0)
        return buf.toString('utf8', start, end);
    try {
        return JSON.parse(buf.toString('utf8', start - 1, end + 1));
    }
    catch {
        return buf.toString('utf8', start, end);
    }
}
/** A hash of the key's bytes at [start, end), or -1 when it has an escape (its bytes are not what it reads). */
function keyHash(buf, start, end) {
    let hash = end - start;
    for (let k = start; k < end; k++) {
        const byte = buf[k];
        if (byte === BACKSLASH)
            return -1;
        hash = (Math.imul(hash, 31) + byte) | 0;
    }
    return hash & 0x7fffffff;
}
/** Whether the key at [start, end) of hash `hash`, unescaped, is among the unescaped keys of `keys` from `from` on. */
function keyAmong(buf, keys, from, start, end, hash) {
    for (let k = from; k < keys.length; k += 3) {
        if (keys[k + 2] !== hash)
            continue;
        const other = keys[k];
        const length = keys[k + 1] - other;
        if (length !== end - start)
            continue;
        let same = true;
        for (let b = 0; b < length && same; b++)
            same = buf[start + b] === buf[other + b];
        if (same)
            return true;
    }
    return false;
}
/**
 * Objects of more keys than this, or with an escaped key, are checked through a set of their keys as JSON.parse
 * reads them: comparing each key with every one before it takes time that grows with the square of their number
 * (minutes for a 2 MB object of 200,000 keys), and decoding escaped keys for each comparison as much.
 */
const FEW_KEYS = 32;
/**
 * Whether the key at [start, end) of hash `hash` repeats one of the object's whose keys start at `base` of
 * `keys`; the set of an object checked that way is kept in `sets` under its `base`.
 */
function seenBefore(buf, keys, base, start, end, hash, sets) {
    let seen = sets.get(base);
    if (!seen) {
        if (hash >= 0 && keys.length - base < 3 * FEW_KEYS)
            return keyAmong(buf, keys, base, start, end, hash);
        seen = new Set();
        for (let k = base; k < keys.length; k += 3)
            seen.add(keyText(buf, keys[k], keys[k + 1], keys[k + 2]));
        sets.set(base, seen);
    }
    const text = keyText(buf, start, end, hash);
    if (seen.has(text))
        return true;
    seen.add(text);
    return false;
}
/**
 * Where the innermost open object is, from the containers open around it (`frames`, as `skipContainer` keeps
 * them): each object by the key of its member being read, each array by the index of its element being read.
 */
function pathOf(buf, frames, keys) {
    let path = '';
    // The first frame is the state before the outermost container opened; the innermost is not in `frames`.
    for (let f = 3; f < frames.length; f += 3) {
        const containerBase = frames[f];
        // Keys known when its child opened: the last of them names the member holding the child.
        const keysThen = frames[f + 2];
        if (containerBase < 0) {
            path += `[${frames[f + 1]}]`;
        }
        else {
            const key = keyText(buf, keys[keysThen - 3], keys[keysThen - 2], keys[keysThen - 1]);
            path += /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
        }
    }
    return path;
}
/**
 * The index just after the array or object that opens at `i`, or -1 when the text ends first. With `check`,
 * the first key given twice in any object within it goes to `check.repeated`, its place relative to `i`.
 */
function skipContainer(buf, i, check) {
    // For each open container but the innermost, from `frames[0]` to `frames[top - 1]`: its `base`, `index`, and
    // how many numbers `keys` held when its child opened. `base` is where an object's keys start in `keys`, -1 for
    // an array; `index` is an array's element being read.
    const frames = [];
    let top = 0;
    // The keys of the open objects, the innermost's last: `start, end, keyHash` of each one's text.
    const keys = [];
    const sets = new Map();
    let base = -1;
    let index = 0;
    let expectKey = false;
    for (let j = i; j < buf.length; j++) {
        const byte = buf[j];
        if (byte === QUOTE) {
            const end = skipString(buf, j);
            if (end < 0)
                return -1;
            if (expectKey) {
                expectKey = false;
                const hash = keyHash(buf, j + 1, end - 1);
                if (check && !check.repeated && seenBefore(buf, keys, base, j + 1, end - 1, hash, sets))
                    check.repeated = {
                        key: keyText(buf, j + 1, end - 1, hash),
                        at: pathOf(buf, frames.slice(0, top), keys),
                    };
                keys.push(j + 1, end - 1, hash);
            }
            j = end - 1;
        }
        else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
            frames[top] = base;
            frames[top + 1] = index;
            frames[top + 2] = keys.length;
            top += 3;
            base = byte === OPEN_OBJECT ? keys.length : -1;
            index = 0;
            // Keys are followed only when they are checked.
            expectKey = byte === OPEN_OBJECT && check !== undefined;
        }
        else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
            if (base >= 0) {
                keys.length = base;
                if (sets.size)
                    sets.delete(base);
            }
            top -= 3;
            if (!top)
                return j + 1;
            base = frames[top];
            index = frames[top + 1];
            expectKey = false;
        }
        else if (byte === COMMA) {
            if (base >= 0)
                expectKey = check !== undefined;
            else
                index++;
        }
    }
    return -1;
}
/** The index just after the value that starts at `i`, or -1 when the text ends first. */
function skipValue(buf, i, check) {
    const first = buf[i];
    if (first === QUOTE)
        return skipString(buf, i);
    if (first === OPEN_ARRAY || first === OPEN_OBJECT)
        return skipContainer(buf, i, check);
    let j = i;
    while (j < buf.length &&
        buf[j] !== COMMA &&
        buf[j] !== CLOSE_ARRAY &&
        buf[j] !== CLOSE_OBJECT &&
        !isSpace(buf[j]))
        j++;
    return j > i ? j : -1;
}
/**
 * The most elements a sliced array may hold: far more findings than any scanner exports, and well below the
 * length at which V8 refuses to grow the array of their ranges (a file of `0,0,0,…` reaches it at 134 MB).
 */
const MAX_ELEMENTS = 10_000_000;
/** An array of more than `MAX_ELEMENTS` elements: refused rather than read until memory runs out. */
class TooManyElementsError extends Error {
    key;
    constructor(key) {
        super(`the array holds more than ${MAX_ELEMENTS.toLocaleString('en-US')} elements`);
        this.key = key;
    }
}
/**
 * Element ranges of the array opening at `open` under `key`, the index of its closing bracket, and the first key
 * given twice in an object of its elements.
 */
function json_slices_elements(buf, open, key) {
    const ranges = [];
    const check = {};
    let repeated;
    let i = skipSpace(buf, open + 1);
    if (buf[i] === CLOSE_ARRAY)
        return { ranges, close: i };
    for (;;) {
        // Once one is found, the rest are only walked.
        const end = skipValue(buf, i, repeated ? undefined : check);
        if (end < 0)
            return undefined;
        if (ranges.length === 2 * MAX_ELEMENTS)
            throw new TooManyElementsError(key);
        if (check.repeated && !repeated) {
            // A row that is no JSON is that first: the whole file's parse then says where.
            if (!parses(buf, i, end))
                return undefined;
            repeated = { key: check.repeated.key, at: joinPath(`${key}[${ranges.length / 2}]`, check.repeated.at) };
        }
        ranges.push(i, end);
        i = skipSpace(buf, end);
        if (buf[i] === CLOSE_ARRAY)
            return { ranges, close: i, repeated };
        if (buf[i] !== COMMA)
            return undefined;
        i = skipSpace(buf, i + 1);
    }
}
function parses(buf, start, end) {
    try {
        JSON.parse(buf.toString('utf8', start, end));
        return true;
    }
    catch {
        return false;
    }
}
/** A path within the value at `outer`: `rows[2]` and `.cves[0]` make `rows[2].cves[0]`; '' and `.a` make `a`. */
function joinPath(outer, inner) {
    return outer ? `${outer}${inner}` : inner.replace(/^\./, '');
}
/** A top-level member at `i`: its key as JSON.parse reads it (escapes too) and where its value starts. */
function memberAt(buf, i) {
    if (buf[i] !== QUOTE)
        return undefined;
    const keyEnd = skipString(buf, i);
    if (keyEnd < 0)
        return undefined;
    let key;
    try {
        key = JSON.parse(buf.toString('utf8', i, keyEnd));
    }
    catch {
        return undefined;
    }
    const colon = skipSpace(buf, keyEnd);
    if (buf[colon] !== COLON)
        return undefined;
    return { key: key, value: skipSpace(buf, colon + 1) };
}
/** Where the member after the value ending at `end` starts, or -1 when none follows. */
function nextMember(buf, end) {
    if (end < 0)
        return -1;
    const i = skipSpace(buf, end);
    return buf[i] === COMMA ? skipSpace(buf, i + 1) : -1;
}
/** The members of an object from the one at `at` on, each skipped over to reach the next. */
function* membersFrom(buf, at) {
    for (let member = memberAt(buf, at); member; member = memberAt(buf, nextMember(buf, skipValue(buf, member.value))))
        yield member;
}
/** Where the array under one of `keys` opens, in the object at `start`; undefined when there is none. */
function findMember(buf, keys, start) {
    if (buf[start] !== OPEN_OBJECT)
        return undefined;
    for (const member of membersFrom(buf, skipSpace(buf, start + 1)))
        if (keys.has(member.key) && buf[member.value] === OPEN_ARRAY)
            return { key: member.key, open: member.value };
    return undefined;
}
/** Whether `key` names another member after the array that closes at `close`. */
function keyAgain(buf, key, close) {
    for (const member of membersFrom(buf, nextMember(buf, close + 1)))
        if (member.key === key)
            return true;
    return false;
}
/**
 * A document that gives the big array's key twice. JSON.parse keeps the last and this slicer would read the
 * first, so either could lose findings without a word: such a file is refused instead.
 */
class RepeatedKeyError extends Error {
    key;
    constructor(key) {
        super(`the key "${key}" is given twice`);
        this.key = key;
    }
}
/** Where the document starts: after any white space and a UTF-8 byte-order mark. */
function documentStart(buf) {
    return skipSpace(buf, buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0);
}
/** The first key given twice in one object, at any depth of a well-formed document (JSON.parse keeps the last). */
function repeatedKey(buf) {
    const check = {};
    skipValue(buf, documentStart(buf), check);
    return check.repeated && { key: check.repeated.key, at: joinPath('', check.repeated.at) };
}
/** Whether the text ends inside its document, as a cut download does; found without parsing it. */
function endsEarly(buf) {
    return skipValue(buf, documentStart(buf)) < 0;
}
/** Slices the big array out of a document: the top-level array, or the first member named in `keys`. */
function sliceDocument(buf, keys) {
    const start = documentStart(buf);
    const member = buf[start] === OPEN_ARRAY ? { key: '', open: start } : findMember(buf, keys, start);
    if (!member)
        return undefined;
    const found = json_slices_elements(buf, member.open, member.key);
    if (!found)
        return undefined;
    let envelope;
    const envelopeText = `${buf.toString('utf8', start, member.open + 1)}${buf.toString('utf8', found.close)}`;
    try {
        envelope = JSON.parse(envelopeText);
    }
    catch {
        return undefined;
    }
    // Only after the envelope parsed: the members after the array are then well formed, and few.
    if (member.key && keyAgain(buf, member.key, found.close))
        throw new RepeatedKeyError(member.key);
    const { ranges } = found;
    let first;
    if (ranges.length) {
        try {
            first = JSON.parse(buf.toString('utf8', ranges[0], ranges[1]));
        }
        catch {
            return undefined;
        }
    }
    // No function below refers to `buf`: the document returned must not keep the whole text alive.
    const { key } = member;
    return {
        envelope,
        key,
        count: ranges.length / 2,
        first,
        *items(text) {
            for (let n = 0; n < ranges.length; n += 2)
                yield JSON.parse(text(ranges[n], ranges[n + 1]));
        },
        repeated: found.repeated ?? repeatedKey(Buffer.from(envelopeText)),
    };
}

;// CONCATENATED MODULE: ./src/importers/read.ts











/**
 * The regular files this process's stdout and stderr are written to: `import '*.json' --json > summary.json`
 * has the shell create an empty summary.json before the glob is expanded.
 */
function ownStreams() {
    return [1, 2].flatMap((fd) => {
        try {
            const stats = (0,external_node_fs_.fstatSync)(fd, { bigint: true });
            return stats.isFile() ? [stats] : [];
        }
        catch {
            return [];
        }
    });
}
/**
 * How the reports sca-bridge writes begin (report/sarif.ts, gitlab.ts, run-summary.ts): a SARIF log, GitLab's
 * dependency-scanning and code-quality reports, a run summary.
 */
const REPORT_STARTS = [
    // Their first keys in the order they are written: an export whose first key merely looks alike is read.
    // The lookahead, not `[^"]*sarif[^"]*"`: that backtracks once per `sarif` of an unclosed string.
    /^\{\s*"\$schema"\s*:\s*"(?=[^"]*sarif)[^"]*"\s*,\s*"version"\s*:\s*"2\.1\.0"\s*,\s*"runs"\s*:/i,
    /^\{\s*"version"\s*:\s*"[^"]*"\s*,\s*"schema"\s*:\s*"[^"]*security-report-schemas/,
    /^\[\s*\{\s*"description"\s*:\s*"(?:[^"\\]|\\.)*"\s*,\s*"check_name"\s*:/,
    /^\{\s*"status"\s*:\s*"(passed|failed|error)"\s*,\s*"mode"\s*:/,
];
/** The name the GitLab component gives its code-quality report, which is `[]` when the run found nothing. */
const CODE_QUALITY_REPORT = 'gl-code-quality-report.json';
/** Any tool's SARIF log, whatever the order of its keys: a report path may hold another scanner's from before. */
const ANY_SARIF = /^\{\s*"(\$schema"\s*:\s*"[^"]*sarif|version"\s*:\s*"2\.1\.0"\s*,\s*"(\$schema|runs)")/i;
function fileStart(file) {
    let opened;
    try {
        opened = (0,paths/* openRegularFile */.ZU)(file);
    }
    catch {
        return 'no file';
    }
    // A named pipe (SARIF may be written to one) is looked at without waiting for a writer.
    if ('notFile' in opened)
        return 'no file';
    try {
        // Enough for a code-quality issue's description (1,000 characters, escaped) before its `check_name`.
        const head = Buffer.alloc(64 * 1024);
        // UTF-16 too, with its byte-order mark: a summary saved by Windows PowerShell 5's `>` (`gate` reads it).
        const text = (0,encoding/* asUtf8 */.U)(head.subarray(0, (0,external_node_fs_.readSync)(opened.fd, head, 0, head.length, 0)))
            .toString('utf8')
            .trimStart();
        if (!text)
            return 'empty';
        // `[]` is a code-quality report without issues, and also a Dependency-Track project without findings: by
        // its name, the component's report (an earlier job's, which GitLab hands on).
        if (/^\[\s*\]/.test(text))
            return external_node_path_default().basename(file) === CODE_QUALITY_REPORT ? 'report' : 'empty list';
        if (REPORT_STARTS.some((start) => start.test(text)))
            return 'report';
        return ANY_SARIF.test(text) ? 'sarif' : 'other';
    }
    finally {
        (0,external_node_fs_.closeSync)(opened.fd);
    }
}
/**
 * Whether a report may be written over what is at `file`: nothing, an empty file or list, a device or pipe, a
 * report sca-bridge writes or another tool's SARIF log. Anything else (a manifest, an export) is a path given by
 * mistake, and replacing it would lose it.
 */
function isReplaceable(file) {
    return fileStart(file) !== 'other';
}
/**
 * Expands `import-file` entries: globs must match something, plain paths must exist. A glob never matches
 * the run's own `outputs` when they hold its earlier reports, nothing or no regular file (a re-run's `*.json`
 * would read them), nor the file its output is redirected to; a match at an output path that holds anything
 * else, an export, is kept, so that the run refuses to replace it as it does a path named. Elsewhere, a glob
 * leaves out the reports sca-bridge writes (an earlier job's, which GitLab hands on to later stages), saying so:
 * none is an export.
 */
async function expandImportFiles(patterns, cwd, outputs = [], logger) {
    const files = [];
    const streams = ownStreams();
    const isStream = (file) => {
        if (!streams.length)
            return false;
        const stats = (0,external_node_fs_.statSync)(external_node_path_default().resolve(cwd, file), { bigint: true, throwIfNoEntry: false });
        return !!stats && streams.some((s) => (0,paths/* sameNode */.$Y)(s, stats));
    };
    // Each match is looked at once.
    const starts = new Map();
    const startOf = (file) => {
        const start = starts.get(file) ?? fileStart(external_node_path_default().resolve(cwd, file));
        starts.set(file, start);
        return start;
    };
    const isOwnReport = (file) => {
        const resolved = external_node_path_default().resolve(cwd, file);
        return (outputs.some((output) => (0,paths/* sameFile */.Vi)(resolved, external_node_path_default().resolve(cwd, output))) && startOf(file) !== 'other');
    };
    const isReport = (file) => startOf(file) === 'report';
    for (const pattern of patterns) {
        // `import "$EXPORT"` with the variable unset: '' resolves to the folder itself, which says nothing useful.
        if (!pattern.trim()) {
            throw new src_errors/* UserError */.yo(`Input import-file: a file name is empty (${JSON.stringify(pattern)}); name the export file or glob (an unset variable in \`import "$FILE"\` gives an empty one).`);
        }
        // A file that exists is itself, even when its name looks like a glob (`report (1).json`).
        if ((0,dist/* isDynamicPattern */.ey)(pattern) && !(0,external_node_fs_.existsSync)(external_node_path_default().resolve(cwd, pattern))) {
            const found = await (0,dist/* glob */.TI)(pattern, { cwd, absolute: false, onlyFiles: true });
            const candidates = found.filter((file) => !isStream(file) && !isOwnReport(file));
            const matched = candidates.filter((file) => !isReport(file)).sort();
            if (!matched.length) {
                // All it matched is this run's own output or sca-bridge's reports: "matches no file" alone would read as wrong.
                const own = found.length
                    ? `, only reports sca-bridge writes or the file its output is redirected to (${found.sort().join(', ')}); name the exports`
                    : '';
                throw new src_errors/* UserError */.yo(`Input import-file: the pattern "${pattern}" matches no file in ${cwd}${own}.`);
            }
            const reports = candidates.filter(isReport).sort();
            if (reports.length)
                logger?.info(`The pattern "${pattern}" also matches ${(0,wording/* firstOf */.Ku)(reports, 5, ', ')}: left out, as reports sca-bridge writes (SARIF, GitLab reports or run summaries, perhaps an earlier job's), not exports.`);
            files.push(...matched);
        }
        else {
            files.push(pattern);
        }
    }
    return [...new Set(files)];
}
const IS_A_DIRECTORY = "it is a directory; name its exports, or a glob of them in quotes ('reports/*.json')";
/** Why a path that is no regular file cannot be read as an export, and what to give instead. */
function notAFile(stats) {
    if (stats.isDirectory())
        return IS_A_DIRECTORY;
    const what = stats.isFIFO() ? 'a named pipe' : stats.isSocket() ? 'a socket' : 'a device';
    return `it is ${what}, not a file; save the export to a file and name that`;
}
/**
 * Only a regular file (a symbolic link is followed) is read: a device such as /dev/zero never ends, and a named
 * pipe waits for a writer, so a glob or a path naming one would hang the run or fill its memory. A file already
 * read under another name (a link, `r/latest/` beside `r/2026-11-22/`) is not read again, or its findings would
 * count twice: the name it was read under is returned instead.
 */
function readRegularFile(file, cwd, seen) {
    const opened = (0,paths/* openRegularFile */.ZU)(external_node_path_default().resolve(cwd, file));
    if ('notFile' in opened) {
        throw new src_errors/* UserError */.yo(`Input import-file: cannot read ${file}: ${notAFile(opened.notFile)}.`);
    }
    const { fd } = opened;
    try {
        // The file opened, not its path again: what is read is what is judged; big integers, as `sameNode` says.
        const stats = (0,external_node_fs_.fstatSync)(fd, { bigint: true });
        // A file system without inode numbers (FAT on Windows) gives 0 for every file: nothing to tell by then.
        const id = `${stats.dev}:${stats.ino}`;
        const first = stats.ino ? seen.get(id) : undefined;
        if (first !== undefined) {
            (0,external_node_fs_.closeSync)(fd);
            return { sameAs: first };
        }
        if (stats.ino)
            seen.set(id, file);
        // One read, not many thread-pool round trips: a third faster for a 200 MB export, and nothing else waits.
        // The file stays open for reading elements again (`Input.elementText`); the reader closes it.
        return new Input((0,external_node_fs_.readFileSync)(fd), fd, file, stampOf(stats));
    }
    catch (error) {
        (0,external_node_fs_.closeSync)(fd);
        throw error;
    }
}
/** A file's size and modification time, which a read again must find unchanged. */
function stampOf(stats) {
    return `${stats.size}:${stats.mtimeNs}`;
}
/** Where a relative path was looked for: the current directory, not `working-directory`, as users may expect. */
function lookedIn(file, cwd) {
    return external_node_path_default().isAbsolute(file) ? '' : ` (in ${cwd})`;
}
function readBytes(file, cwd, seen) {
    let input;
    try {
        const read = readRegularFile(file, cwd, seen);
        if (!(read instanceof Input))
            return read;
        input = read;
    }
    catch (error) {
        if (error instanceof src_errors/* UserError */.yo)
            throw error;
        const code = error.code;
        const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? IS_A_DIRECTORY : String(error);
        throw new src_errors/* UserError */.yo(`Input import-file: cannot read ${file}${code === 'ENOENT' ? lookedIn(file, cwd) : ''}: ${why}.`);
    }
    try {
        input.decode();
        if (afterUtf8Bom(input.bytes).every(isSpace))
            throw new src_errors/* UserError */.yo(`${file}: the file is empty; export the scanner's findings as JSON.`);
        checkUtf8(input.bytes, file);
    }
    catch (error) {
        input.close();
        throw error;
    }
    return input;
}
/** Bytes of the file read again, this many at a time: a few reads for a large export, little memory. */
const WINDOW_BYTES = 8 * 2 ** 20;
/**
 * An import file's text as UTF-8, with the file kept open until `close`. When the text is the file's own bytes
 * (not turned from UTF-16), the elements of a sliced array can be read again from the file (`elementText`), so
 * that the whole text can go while the findings are made: held on, it would add the file's size to the peak.
 */
class Input {
    fd;
    file;
    stamp;
    text;
    own = true;
    /**
     * `stamp`: the file's size and modification time when it was read, which a read again must find unchanged:
     * otherwise the rows at the offsets sliced would no longer be the rows counted.
     */
    constructor(text, fd, file, stamp) {
        this.fd = fd;
        this.file = file;
        this.stamp = stamp;
        this.text = text;
    }
    /** UTF-16 (with its byte-order mark) turned into UTF-8. */
    decode() {
        const utf8 = (0,encoding/* asUtf8 */.U)(this.bytes);
        this.own = utf8 === this.text;
        this.text = utf8;
    }
    get bytes() {
        if (!this.text)
            throw new Error('the text of an import file was used after it was let go');
        return this.text;
    }
    /** The text of elements, from the file when it can be read again there, the text then let go. */
    elementText() {
        if (!this.own)
            return bufferText(this.bytes);
        const { length } = this.bytes;
        this.text = undefined;
        const { fd, file, stamp } = this;
        let window = Buffer.alloc(0);
        let from = 0;
        let filled = 0;
        return (start, end) => {
            if (start < from || end > from + filled) {
                // No more than the file holds from `start`: a window of 8 MiB for each of a thousand small exports is
                // memory enough to make the collector run again and again over the findings already made.
                const size = Math.max(end - start, Math.min(WINDOW_BYTES, length - start));
                if (window.length < size)
                    window = Buffer.allocUnsafe(size);
                from = start;
                filled = 0;
                for (let n = -1; n && filled < size; filled += n)
                    n = (0,external_node_fs_.readSync)(fd, window, filled, size - filled, start + filled);
                if (end > from + filled || stampOf((0,external_node_fs_.fstatSync)(fd, { bigint: true })) !== stamp) {
                    throw new src_errors/* UserError */.yo(`${file}: the file changed while sca-bridge read it (is something still writing it?); import it once it is written.`);
                }
            }
            return window.toString('utf8', start - from, end - from);
        };
    }
    close() {
        this.text = undefined;
        (0,external_node_fs_.closeSync)(this.fd);
    }
}
/** The bytes after a UTF-8 byte-order mark, which comes before the JSON (UTF-16's is gone once decoded). */
function afterUtf8Bom(bytes) {
    return bytes.subarray(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
}
/**
 * JSON is UTF-8 (UTF-16 with a byte-order mark is turned into it): bytes of another encoding would be read as
 * U+FFFD, quietly changing the names and texts of findings. Raw NUL bytes are never JSON text: in the first two
 * bytes they are UTF-16 without its mark, or UTF-32 when three of the first four are (an ASCII character's
 * three zero bytes).
 */
function checkUtf8(bytes, file) {
    const utf8 = 'save it as UTF-8 (or as UTF-16 with its byte-order mark)';
    if ((0,encoding/* hasUtf32Bom */.BC)(bytes))
        throw new src_errors/* UserError */.yo(`${file}: is UTF-32 (its byte-order mark says so); ${utf8}.`);
    const [a, b, c, d] = bytes;
    if (c === 0 && ((a === 0 && b === 0) || (b === 0 && d === 0))) {
        throw new src_errors/* UserError */.yo(`${file}: looks like UTF-32 without a byte-order mark; ${utf8}.`);
    }
    if (a === 0 || b === 0)
        throw new src_errors/* UserError */.yo(`${file}: looks like UTF-16 without a byte-order mark; ${utf8}.`);
    // A file that does not start like JSON is refused as not JSON, which says more of a binary file.
    const first = afterUtf8Bom(bytes).find((byte) => !isSpace(byte));
    if ((first === 0x7b || first === 0x5b) && !(0,external_node_buffer_.isUtf8)(bytes)) {
        throw new src_errors/* UserError */.yo(`${file}: is not UTF-8, as JSON must be (it may be Latin-1 or Windows-1252); save it as UTF-8, for example with \`iconv -f windows-1252 -t utf-8\`.`);
    }
}
function notJson(file, error, where = '') {
    return new src_errors/* UserError */.yo(`${file}: not valid JSON${where} (${error.message}). The file may be truncated or not a JSON export; export it again as JSON.`);
}
/** The arrays that hold the bulk of the formats that read element by element. */
const BULK_KEYS = new Set(FORMATS.flatMap((f) => (f.bulk?.key ? [f.bulk.key] : [])));
const BULK_FORMATS = FORMATS.filter((f) => f.bulk)
    .map((f) => f.name)
    .join(', ');
/**
 * The longest text parsed whole: V8's longest string (512 MiB). UTF-8 takes at least one byte per UTF-16 unit,
 * so a file no longer than that always fits.
 */
const MAX_WHOLE_BYTES = external_node_buffer_.constants.MAX_STRING_LENGTH;
/** A file too long to be one string, which the slicer could not split: a cut download, or too much at once. */
function tooLong(bytes, file, maxBytes) {
    if (endsEarly(bytes))
        return notJson(file, new Error('the file ends inside its JSON document'));
    const mib = (n) => `${Math.ceil(n / 2 ** 20)} MiB`;
    return new src_errors/* UserError */.yo(`${file}: ${mib(bytes.length)} is too large to read as one JSON document (at most ${mib(maxBytes)}; only the findings arrays of ${BULK_FORMATS} are read row by row). Split the export into smaller files and import them together.`);
}
function parseWhole(bytes, file, maxBytes) {
    if (bytes.length > maxBytes)
        throw tooLong(bytes, file, maxBytes);
    const text = (0,encoding/* decodeText */.g7)(bytes);
    try {
        return JSON.parse(text);
    }
    catch (error) {
        throw notJson(file, error);
    }
}
function keyGivenTwice(file, key, at = '') {
    return new src_errors/* UserError */.yo(`${file}: the key "${key}" is given twice ${at ? `in one object (at ${at})` : 'at the top of the document'}; JSON readers differ on which one counts, so findings could be lost. Export the file again, or remove the copy that does not belong.`);
}
/** The slicer's refusals as the user's errors, naming the file. */
function asUserErrors(file, read) {
    try {
        return read();
    }
    catch (error) {
        if (error instanceof RepeatedKeyError)
            throw keyGivenTwice(file, error.key);
        if (error instanceof TooManyElementsError) {
            throw new src_errors/* UserError */.yo(`${file}: ${error.key ? `"${error.key}"` : 'the top-level array'} holds more than ${MAX_ELEMENTS.toLocaleString('en-US')} elements, more than sca-bridge reads from one file and far more than a scanner exports. Check that this is the export you meant; split a real one into smaller files and import them together.`);
        }
        throw error;
    }
}
/** Refuses a file that gives a key twice in one object, at any depth (`repeatedKey`): after its format is known. */
function refuseRepeatedKey(file, repeated) {
    if (repeated)
        throw keyGivenTwice(file, repeated.key, repeated.at);
}
/** The document with its bulk array sliced out, when it has one; a key given twice is refused, naming the file. */
function slice(bytes, file) {
    return asUserErrors(file, () => sliceDocument(bytes, BULK_KEYS));
}
/** The elements of the sliced array, each parsed when reached; a bad one is named by its index. */
function parsedItems(sliced, file, text) {
    return {
        *[Symbol.iterator]() {
            let index = 0;
            const items = sliced.items(text);
            for (;;) {
                let next;
                try {
                    next = items.next();
                }
                catch (error) {
                    if (error instanceof src_errors/* UserError */.yo)
                        throw error;
                    throw notJson(file, error, ` in ${sliced.key || 'the array'}[${index}]`);
                }
                if (next.done)
                    return;
                index++;
                yield next.value;
            }
        },
    };
}
/** Reads one file; a large array is read element by element when its format allows (see json-slices.ts). */
function readOne(input, file, format, options, maxWholeBytes) {
    const pick = (document, length) => format === 'auto' ? detectFormat(document, file, length) : namedFormat(format, document, file, length);
    // A named format that reads whole documents gains nothing from slicing. The text is reached through `input`
    // only, never kept in a variable here: a bulk read lets it go (`Input.elementText`).
    const sliced = format !== 'auto' && !formatNamed(format).bulk ? undefined : slice(input.bytes, file);
    if (!sliced) {
        const document = parseWhole(input.bytes, file, maxWholeBytes);
        const importer = pick(document);
        refuseRepeatedKey(file, repeatedKey(input.bytes));
        return { importer, result: importer.read(document, file, options) };
    }
    const withItems = (items) => sliced.key === '' ? items : { ...sliced.envelope, [sliced.key]: items };
    const importer = pick(withItems(sliced.first === undefined ? [] : [sliced.first]), sliced.key === '' ? sliced.count : undefined);
    refuseRepeatedKey(file, sliced.repeated);
    if (importer.bulk && importer.bulk.key === sliced.key) {
        return {
            importer,
            result: importer.bulk.read(sliced.envelope, parsedItems(sliced, file, input.elementText()), sliced.count, file, options),
        };
    }
    // Another format: the document is its slices put back together, not a second parse of every byte.
    const document = withItems([...parsedItems(sliced, file, bufferText(input.bytes))]);
    const whole = pick(document);
    return { importer: whole, result: whole.read(document, file, options) };
}
/**
 * Reads import files (as `expandImportFiles` gives them) into findings; each file is detected on its own, so
 * both scanners may be mixed. A file named twice, under any names, is read once, under the first.
 */
function readImports(files, format, cwd, logger, options = {}, 
// Tests pass a smaller limit, so as not to write 512 MiB files.
maxWholeBytes = MAX_WHOLE_BYTES) {
    const results = [];
    const seen = new Map();
    for (const file of files) {
        const input = readBytes(file, cwd, seen);
        if (!(input instanceof Input)) {
            logger.info(`${file}: the same file as ${input.sameAs}, read once`);
            continue;
        }
        let read;
        try {
            read = readOne(input, file, format, options, maxWholeBytes);
        }
        finally {
            input.close();
        }
        const { importer, result } = read;
        logger.info(`${file}: ${importer.name}, ${(0,wording/* plural */.LS)(result.findings.length, 'finding')}${result.violations.length ? `, ${(0,wording/* plural */.LS)(result.violations.length, 'policy violation')}` : ''}`);
        results.push(result);
    }
    return results;
}

;// CONCATENATED MODULE: ./src/output-files.ts





/**
 * Creates an output's folder one level at a time: Node's recursive mkdir never returns below a tree that
 * refuses new folders, such as /proc.
 */
async function makeFolder(folder) {
    const missing = [];
    for (let dir = folder; !(0,external_node_fs_.existsSync)(dir) && external_node_path_default().dirname(dir) !== dir; dir = external_node_path_default().dirname(dir))
        missing.unshift(dir);
    for (const dir of missing)
        await (0,promises_.mkdir)(dir).catch((error) => {
            if (error.code !== 'EEXIST')
                throw error;
        });
}
/**
 * A file system's refusal (it has a code and a system call) is the user's to fix (exit 2); anything else
 * thrown while a report is built is a bug and stays one.
 */
function asUserError(error, file, input) {
    const { code, syscall } = error;
    if (!code || !syscall)
        return error;
    return new src_errors/* UserError */.yo(`Input ${input}: cannot write ${file} (${code}); give a writable path.`);
}
/** Writes an output file, making its folder first. */
async function writeOutput(file, input, write) {
    try {
        await makeFolder(external_node_path_default().dirname(external_node_path_default().resolve(file)));
        return await write();
    }
    catch (error) {
        throw asUserError(error, file, input);
    }
}
/**
 * Removes an earlier run's report: a regular file only, never a device or pipe named as output
 * (`/dev/stdout`). Makes no folder: nothing is written yet.
 */
async function removeStale(file, input) {
    const stats = await (0,promises_.lstat)(file).catch(() => undefined);
    if (stats?.isFile())
        await (0,promises_.rm)(file, { force: true }).catch((error) => Promise.reject(asUserError(error, file, input)));
}
/**
 * Refuses outputs that are the same file as another output or as an input, before anything is removed or
 * written: a run replaces its outputs, and must never replace the export it is reading.
 */
function checkOutputPaths(outputs, inputs) {
    const named = Object.entries(outputs).filter((entry) => !!entry[1]);
    for (const [i, [input, file]] of named.entries()) {
        for (const [other, otherFile] of named.slice(0, i)) {
            if ((0,paths/* sameFile */.Vi)(file, otherFile))
                throw new src_errors/* UserError */.yo(`Inputs ${other} and ${input} name the same file (${file}); give each its own path.`);
        }
        for (const [source, sourceFile] of inputs) {
            if (sourceFile && (0,paths/* sameFile */.Vi)(file, sourceFile))
                throw new src_errors/* UserError */.yo(`Input ${input}: ${file} is the ${source} this run reads; give the ${input} its own path (nothing was changed).`);
        }
    }
}

;// CONCATENATED MODULE: ./src/locate/fallback.ts


/**
 * Manifests that stand for a whole project when nothing declares a component, in this order of preference, and
 * the ecosystems each stands for: a finding goes to one of its own ecosystem when the repository has one. A
 * name, or a pattern for names that vary (a .NET project file is named after its project).
 */
const ROOT_MANIFEST_TABLE = [
    ['package.json', ['npm']],
    ['pom.xml', ['maven']],
    ['build.gradle', ['maven']],
    ['build.gradle.kts', ['maven']],
    ['go.mod', ['golang']],
    ['requirements.txt', ['pypi']],
    ['pyproject.toml', ['pypi']],
    ['Pipfile', ['pypi']],
    ['composer.json', ['composer']],
    ['Gemfile', ['gem']],
    ['Cargo.toml', ['cargo']],
    ['Directory.Packages.props', ['nuget']],
    [/\.(?:cs|fs|vb)proj$/i, ['nuget']],
    ['packages.config', ['nuget']],
    ['Dockerfile', ['deb', 'apk', 'rpm', 'docker']],
];
const ROOT_MANIFEST_NAMES = new Map(ROOT_MANIFEST_TABLE.flatMap(([name, ecosystems], order) => typeof name === 'string' ? [[name, { order, ecosystems }]] : []));
const ROOT_MANIFEST_PATTERNS = ROOT_MANIFEST_TABLE.flatMap(([name, ecosystems], order) => typeof name === 'string' ? [] : [{ pattern: name, order, ecosystems }]);
/** A file name's place in the order of root manifests and the ecosystems it stands for; undefined for others. */
function rootManifestOf(name) {
    return ROOT_MANIFEST_NAMES.get(name) ?? ROOT_MANIFEST_PATTERNS.find(({ pattern }) => pattern.test(name));
}
/** A path as a location URI: relative to the working directory, with `/`; undefined outside it. */
function toUri(root, file) {
    const relative = external_node_path_default().relative(root, external_node_path_default().resolve(root, file));
    if (!relative || (0,paths/* leavesFolder */.tC)(relative) || external_node_path_default().isAbsolute(relative))
        return undefined;
    return relative.split((external_node_path_default()).sep).join('/');
}
/**
 * The fallback file when no manifest is found: an imported export inside the working directory, the running
 * GitHub workflow file, `.gitlab-ci.yml`, a README, and last the SARIF file's own name. The workflow file,
 * `.gitlab-ci.yml` and the README are the repository's: looked up at its root, so a `working-directory` below
 * it still finds them (as `../…` from the working directory, which the run turns into a path from the root).
 */
function fallbackUri(options, repository) {
    for (const file of options.importFiles) {
        const uri = toUri(options.workingDirectory, file);
        if (uri && repository.isFile(uri))
            return uri;
    }
    const root = options.repositoryRoot ?? options.workingDirectory;
    const workflow = options.workflowRef ? /^[^/]+\/[^/]+\/([^@]+)@/.exec(options.workflowRef)?.[1] : undefined;
    for (const candidate of [workflow, '.gitlab-ci.yml', 'README.md']) {
        if (!candidate)
            continue;
        const uri = (0,paths/* relativeUri */.H9)(options.workingDirectory, external_node_path_default().join(root, candidate));
        if (repository.isFile(uri))
            return uri;
    }
    // The SARIF file where it is written when that is in the repository, else its name at the root.
    const sarif = external_node_path_default().resolve(options.workingDirectory, options.sarifFile ?? paths/* DEFAULT_SARIF_FILE */.V3);
    const file = toUri(root, sarif) ? sarif : external_node_path_default().join(root, external_node_path_default().basename(sarif));
    return (0,paths/* relativeUri */.H9)(options.workingDirectory, file);
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/locate/files.ts




const run = (0,external_node_util_.promisify)(external_node_child_process_.execFile);
/**
 * Folders of installed dependencies and version control: their manifests are the dependencies' own, and
 * would pass a dependency of a dependency off as a direct one. Skipped even when git tracks them (Go and
 * PHP projects often commit `vendor/`).
 */
const SKIPPED_FOLDERS = new Set([
    '.git',
    '.hg',
    '.svn',
    'node_modules',
    'bower_components',
    'vendor',
    '.venv',
    'venv',
    '.tox',
    // Package caches CI jobs keep in the project folder (GitLab caches nothing outside it), walked when git is
    // missing (node:24-slim has none): their manifests are other packages', not the repository's.
    '.sca-bridge-npm',
    '.npm',
    '.pnpm-store',
    '.m2',
    '.gradle',
    '.cache',
]);
/** git's mode of a symbolic link. */
const SYMLINK = '120000';
/**
 * Files git tracks under `root`, relative to it; undefined when `root` is not in a git work tree. Symbolic
 * links are left out, as the walk leaves them: GitHub shows a link's target path, not the target, and
 * following one may reach a file outside the repository, a FIFO that never ends or `/dev/zero`. (What the
 * working tree now holds at a listed path, the repository opens without following a link, and reads only
 * when it is a file.) A path in conflict, listed once per side, is kept once.
 */
async function gitFiles(root) {
    let stdout;
    try {
        ({ stdout } = await run('git', ['ls-files', '-s', '-z'], { cwd: root, maxBuffer: 512 * 1024 * 1024 }));
    }
    catch {
        return undefined;
    }
    const files = [];
    // `<mode> <object> <stage>\t<path>`.
    for (const entry of stdout.split('\0')) {
        const tab = entry.indexOf('\t');
        if (tab < 0 || entry.startsWith(SYMLINK))
            continue;
        const file = entry.slice(tab + 1);
        if (file !== files.at(-1))
            files.push(file);
    }
    return files;
}
async function walk(root, warn) {
    const files = [];
    const pending = [''];
    while (pending.length) {
        const folder = pending.pop() ?? '';
        let entries;
        try {
            entries = await (0,promises_.readdir)(external_node_path_default().join(root, folder), { withFileTypes: true });
        }
        catch (error) {
            // One removed while the walk went on is simply gone; another may hold manifests the run goes without.
            const code = error.code;
            if (code !== 'ENOENT')
                warn(`${folder || '.'}: could not list this folder (${code ?? String(error)}); its files are left out.`);
            continue;
        }
        for (const entry of entries) {
            const relative = folder ? `${folder}/${entry.name}` : entry.name;
            // Symbolic links are not followed: they may leave the repository or loop.
            if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name))
                pending.push(relative);
            else if (entry.isFile())
                files.push(relative);
        }
    }
    return files.sort();
}
function outsideSkippedFolders(file) {
    const folders = file.split('/');
    folders.pop();
    return !folders.some((folder) => SKIPPED_FOLDERS.has(folder));
}
/**
 * The repository's files, relative to `root` with `/`: what git tracks when `root` is in a checkout (what
 * GitHub can show), else every file found walking the folders; symbolic links are left out either way. A
 * checkout where git tracks nothing under `root` (an untracked build folder) is walked too; `warn` hears of a
 * folder it cannot list.
 */
async function listFiles(root, warn = () => { }) {
    const tracked = await gitFiles(root);
    if (tracked?.length)
        return tracked.filter(outsideSkippedFolders);
    // A container's default folder without CI's variables: walking the whole machine took minutes and placed
    // findings on other projects' manifests.
    if (root === external_node_path_default().parse(root).root) {
        warn(`working-directory is the filesystem root (${root}), not a checkout: its manifests are not searched, so findings go to the fallback file. Set working-directory to the repository's folder, or run from it.`);
        return [];
    }
    return walk(root, warn);
}

;// CONCATENATED MODULE: ./src/locate/line-search.ts
/** Letters, digits, `_`, `.` and `-`: what `[\w.-]` matches (also with the `i` flag, no other character). */
const WORD_CHAR = new Uint8Array(128);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-')
    WORD_CHAR[c.charCodeAt(0)] = 1;
const WORD = /[\w.-]+/g;
function isWordChar(code) {
    return code < 128 && WORD_CHAR[code] === 1;
}
/** FNV-1a of a run's characters, lower case: runs that differ only in case hash alike. */
function hashStep(hash, code) {
    return Math.imul(hash ^ (code >= 65 && code <= 90 ? code | 32 : code), 16777619);
}
const HASH_START = 0x811c9dc5 | 0;
function hashOf(run) {
    let hash = HASH_START;
    for (let at = 0; at < run.length; at++)
        hash = hashStep(hash, run.charCodeAt(at));
    return hash;
}
/** Whether a line names `name` as a word: no letter, digit, `_`, `.` or `-` on either side; any case. */
function wordPattern(name) {
    return new RegExp(`(^|[^\\w.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\w.-]|$)`, 'i');
}
function* numbers(from, to) {
    for (let at = from; at <= to; at++)
        yield at;
}
/**
 * The lines holding each run of `[\w.-]` of a file, by the run's hash: a table of chains in typed arrays
 * (a Map of the runs' texts took three times as long to fill and twice the memory for a large lockfile).
 * Runs of one hash share a chain, so a run's lines are a superset, which the caller checks line by line.
 */
class RunIndex {
    heads;
    mask;
    /** Per entry: its line, its run's hash, and the entry before it in its chain (0 for none), 1-based. */
    lines = new Int32Array(4096);
    hashes = new Int32Array(4096);
    previous = new Int32Array(4096);
    size = 0;
    constructor(lines) {
        let characters = 0;
        for (const text of lines)
            characters += text.length;
        let slots = 1024;
        while (slots < characters / 8 && slots < 1 << 22)
            slots *= 2;
        this.heads = new Int32Array(slots);
        this.mask = slots - 1;
        lines.forEach((text, at) => this.addLine(text, at + 1));
    }
    addLine(text, line) {
        for (let at = 0; at < text.length; at++) {
            let code = text.charCodeAt(at);
            if (!isWordChar(code))
                continue;
            let hash = HASH_START;
            do {
                hash = hashStep(hash, code);
                code = text.charCodeAt(++at);
            } while (isWordChar(code));
            this.add(hash, line);
        }
    }
    add(hash, line) {
        const slot = hash & this.mask;
        const head = this.heads[slot] ?? 0;
        // The same run again on its line.
        if (head && this.hashes[head - 1] === hash && this.lines[head - 1] === line)
            return;
        if (this.size === this.lines.length) {
            const grow = (array) => {
                const grown = new Int32Array(array.length * 2);
                grown.set(array);
                return grown;
            };
            [this.lines, this.hashes, this.previous] = [grow(this.lines), grow(this.hashes), grow(this.previous)];
        }
        this.lines[this.size] = line;
        this.hashes[this.size] = hash;
        this.previous[this.size] = head;
        this.heads[slot] = ++this.size;
    }
    /** The lines (in order, each once) that may hold `run`; undefined when there are more than `most`. */
    linesOf(run, most) {
        const hash = hashOf(run);
        const found = [];
        for (let entry = this.heads[hash & this.mask] ?? 0; entry; entry = this.previous[entry - 1] ?? 0) {
            if (this.hashes[entry - 1] !== hash)
                continue;
            const line = this.lines[entry - 1] ?? 0;
            if (found.at(-1) === line)
                continue;
            if (found.length === most)
                return undefined;
            found.push(line);
        }
        return found.reverse();
    }
}
/**
 * Finds the first line of a file naming a package: quoted (`"name"` or `'name'`), else as a word, else line
 * 1. Looking at every line with a regex per finding took over a minute for 200 findings named in a 66 MB
 * lockfile; the file's words are now indexed once, on its first search, and every answer is kept.
 *
 * Either way, each run of letters, digits, `_`, `.` and `-` in the name is a whole run of the line: quotes
 * are not such characters, nor are those the word pattern wants beside the name, and the name's other
 * characters stand between its runs. So only the lines holding the name's least common run are tried. A
 * name without any run (none of these characters) is looked for in every line.
 */
class LineSearch {
    lines;
    index;
    /** Name → its first quoted line, or 0. */
    quotedLines = new Map();
    /** Name → its first line as a word, or 0. */
    wordLines = new Map();
    constructor(lines) {
        this.lines = lines;
    }
    /** The first line naming one of `names` quoted, else as a word (in the order of `names` each time), else 1. */
    lineOf(names) {
        for (const name of names) {
            const quoted = () => (text) => text.includes(`"${name}"`) || text.includes(`'${name}'`);
            const line = this.first(this.quotedLines, name, quoted);
            if (line)
                return line;
        }
        for (const name of names) {
            const word = () => {
                const pattern = wordPattern(name);
                return (text) => pattern.test(text);
            };
            const line = this.first(this.wordLines, name, word);
            if (line)
                return line;
        }
        return 1;
    }
    /**
     * The first line (1-based) of the name's candidates that the test `namer` makes finds naming it, else 0; kept
     * in `found`, so the test is made only for a name not looked up before.
     */
    first(found, name, namer) {
        let line = found.get(name);
        if (line === undefined) {
            line = 0;
            const names = namer();
            for (const candidate of this.candidates(name)) {
                if (names(this.lines[candidate - 1] ?? '')) {
                    line = candidate;
                    break;
                }
            }
            found.set(name, line);
        }
        return line;
    }
    /** The lines that may name `name`: those of its least common run, else all. */
    candidates(name) {
        const runs = name.match(WORD);
        if (!runs)
            return numbers(1, this.lines.length);
        this.index ??= new RunIndex(this.lines);
        let fewest;
        for (const run of runs) {
            fewest = this.index.linesOf(run, fewest ? fewest.length - 1 : Infinity) ?? fewest;
            if (fewest?.length === 0)
                break;
        }
        return fewest ?? [];
    }
}

;// CONCATENATED MODULE: ./src/locate/text.ts
/** Maps character offsets of a text to 1-based line numbers. */
function lineLocator(text) {
    const starts = [0];
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1))
        starts.push(at + 1);
    return (offset) => {
        let low = 0;
        let high = starts.length - 1;
        while (low < high) {
            const middle = (low + high + 1) >> 1;
            if ((starts[middle] ?? 0) <= offset)
                low = middle;
            else
                high = middle - 1;
        }
        return low + 1;
    };
}
/** Lines of a text; a final newline ends the last line rather than starting an empty one. */
function splitLines(text) {
    const lines = text.split(/\r?\n/);
    if (lines.length > 1 && lines.at(-1) === '')
        lines.pop();
    return lines;
}
/**
 * Replaces the text of each range (in order, not overlapping) by spaces, keeping newlines, so that offsets
 * and line numbers of the rest of the text stay the same.
 */
function blankRanges(text, ranges) {
    if (!ranges.length)
        return text;
    const parts = [];
    let at = 0;
    for (const [start, end] of ranges) {
        parts.push(text.slice(at, start), text.slice(start, end).replace(/[^\n]/g, ' '));
        at = end;
    }
    parts.push(text.slice(at));
    return parts.join('');
}
/**
 * Blanks XML comments (`<!-- … -->`) as `blankRanges` does. Found with `indexOf`: the regex
 * `/<!--[\s\S]*?-->/g` searched to the end of the text from every `<!--` that is never closed.
 */
function blankXmlComments(text) {
    const ranges = [];
    for (let open = text.indexOf('<!--'); open >= 0;) {
        const close = text.indexOf('-->', open + 4);
        // Nothing closes this comment, nor any after it.
        if (close < 0)
            break;
        ranges.push([open, close + 3]);
        open = text.indexOf('<!--', close + 3);
    }
    return blankRanges(text, ranges);
}
/** Number of lines as `splitLines` counts them, without splitting. */
function countLines(text) {
    let count = 0;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1))
        count++;
    return text.endsWith('\n') ? count : count + 1;
}
/**
 * The matches of a sticky regex (`/…/y`) that starts at a tag, as `matchAll` finds them with it made global,
 * but tried only at a `<` that some `>` follows: from every `<` after the last `>`, a global regex searched the
 * rest of the text in vain, quadratic in a file of unclosed tags.
 */
function* tagMatches(source, sticky) {
    const lastClose = source.lastIndexOf('>');
    for (let at = source.indexOf('<'); at >= 0 && at < lastClose;) {
        sticky.lastIndex = at;
        const match = sticky.exec(source);
        if (match)
            yield match;
        at = source.indexOf('<', match ? sticky.lastIndex : at + 1);
    }
}
/** Where a regex's `.` stops: the line ends of JavaScript. */
const LINE_END = /[\n\r\u2028\u2029]/;
/** The index of the last line end in `text`, or -1. */
function lastLineEnd(text) {
    let last = -1;
    for (const end of ['\n', '\r', '\u2028', '\u2029'])
        last = Math.max(last, text.lastIndexOf(end));
    return last;
}

;// CONCATENATED MODULE: ./src/locate/names.ts


/** purl types whose packages come inside a container image, declared by a Dockerfile's `FROM`. */
const OS_ECOSYSTEMS = new Set(['deb', 'apk', 'rpm']);
/** One purl type per ecosystem: an OCI image is a Docker image to a Dockerfile. */
function canonicalEcosystem(ecosystem) {
    const lower = ecosystem.toLowerCase();
    return lower === 'oci' ? 'docker' : lower;
}
/** `docker.io/library/node:20@sha256:…` and `node` are one image. */
function imageName(reference) {
    let name = reference.toLowerCase();
    // What `.replace(/@.*$/, '')` removed (from the first `@` no line end follows), without going to the end
    // and back from every `@`.
    const at = name.indexOf('@', lastLineEnd(name) + 1);
    if (at >= 0)
        name = name.slice(0, at);
    const colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/'))
        name = name.slice(0, colon);
    return name.replace(/^(?:(?:index|registry-1)\.)?docker\.io\//, '').replace(/^library\//, '');
}
/** The name as every file of the ecosystem can be compared with: registries treat these spellings as one. */
function normaliseName(ecosystem, name) {
    switch (canonicalEcosystem(ecosystem)) {
        case 'pypi':
            // PEP 503.
            return name.toLowerCase().replace(/[-_.]+/g, '-');
        case 'cargo':
            // crates.io refuses names differing only in `-` versus `_`.
            return name.toLowerCase().replace(/_/g, '-');
        case 'docker':
            return imageName(name);
        default:
            return name.toLowerCase();
    }
}
/** The index key of a package: ecosystem and normalised name. */
function keyOf(ecosystem, name) {
    return `${canonicalEcosystem(ecosystem)} ${normaliseName(ecosystem, name)}`;
}
/** Ecosystems the manifest scanners declare packages of. */
const SCANNED_ECOSYSTEMS = [
    'npm',
    'maven',
    'pypi',
    'golang',
    'nuget',
    'cargo',
    'composer',
    'gem',
    'docker',
];
/** Key of a package whose ecosystem is unknown (an SBOM entry without purl). */
function anyKeyOf(name) {
    return `* ${name.toLowerCase()}`;
}
/** The package's identity: its index key, or its `anyKeyOf` key when the ecosystem is unknown. */
function keyOfRef(ref) {
    return ref.ecosystem ? keyOf(ref.ecosystem, ref.name) : anyKeyOf(ref.name);
}
function refOfComponent(component) {
    return {
        ...(component.ecosystem ? { ecosystem: canonicalEcosystem(component.ecosystem) } : {}),
        name: component.packageName,
        ...(component.version ? { version: normaliseVersion(component.version) } : {}),
    };
}
/**
 * Reads one element of an impact path: an Xray component id (`npm://lodash:4.17.0`, `gav://g:a:1.0`,
 * `docker://alpine:3.18`) or jf's `name@version`. Elements without a scheme belong to the finding's
 * ecosystem, since an impact path stays inside one.
 */
function refOfPathElement(element, ecosystem) {
    if (element.includes('://')) {
        const component = (0,findings_component/* componentFromXrayId */.fv)(element);
        if (!component.name)
            return undefined;
        return refOfComponent(component);
    }
    const at = element.lastIndexOf('@');
    const name = at > 0 ? element.slice(0, at) : element;
    if (!name)
        return undefined;
    return {
        ...(ecosystem ? { ecosystem: canonicalEcosystem(ecosystem) } : {}),
        name,
        ...(at > 0 ? { version: normaliseVersion(element.slice(at + 1)) } : {}),
    };
}
/** Versions as manifests and scanners write them: `v1.2.3`, `==1.2.3`, `= 1.2.3` are all `1.2.3`. */
function normaliseVersion(version) {
    return version.trim().replace(/^[=v\s]+/, '');
}
/**
 * A manifest's version that names one release (`1.2.3`, `==1.2.3`, `v1.2.3`), so a finding on another version
 * is not about this declaration: not a range (`^1.2`, `>=1`, `1.x`, Gradle's `1.+`), a variable (`${v}`) or an
 * image tag, which moves; Cargo reads a bare `1.2.3` as `^1.2.3`, only `=1.2.3` pins it; npm reads `4` and
 * `4.17` as `4.x` and `4.17.x`.
 */
function pinsOneVersion(ecosystem, version) {
    if (ecosystem === 'docker')
        return false;
    if (ecosystem === 'cargo' && !version.trimStart().startsWith('='))
        return false;
    const normalised = normaliseVersion(version);
    if (ecosystem === 'npm' && !/^\d+\.\d+\.\d+/.test(normalised))
        return false;
    return /^\d[\w.+-]*$/.test(normalised) && !/(?:^|\.)[xX]\b|\+$/.test(normalised);
}

;// CONCATENATED MODULE: ./src/locate/toml.ts

const SPACE = /\s/;
const BARE_END = /[.\s"']/;
function skipSpaces(text, at) {
    while (at < text.length && SPACE.test(text.charAt(at)))
        at++;
    return at;
}
/**
 * For each index of `text`: where a basic string whose content goes on from there closes (its `"`), else
 * -1. Escapes are `\` and one character a regex's `.` takes, so `close[i]` follows from `close[i + 1]` or
 * `close[i + 2]`, and a scan from every `"` costs one look-up.
 */
function basicStringCloses(text) {
    const close = new Int32Array(text.length + 2).fill(-1);
    for (let at = text.length - 1; at >= 0; at--) {
        const c = text[at];
        if (c === '"')
            close[at] = at;
        else if (c !== '\\')
            close[at] = close[at + 1] ?? -1;
        else if (at + 1 < text.length && !LINE_END.test(text.charAt(at + 1)))
            close[at] = close[at + 2] ?? -1;
    }
    return close;
}
/**
 * Splits dotted keys and table paths, honouring quotes: what the global regex
 * `/\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^.\s"']+))\s*(?:\.|$)/g` matched, a part (`"` strings keep their
 * escapes as written) followed by a dot or the end. Scanned by hand: where no part matched, the regex went
 * on at the next character, and went over the same run (or string) again from each.
 */
function splitPath(text) {
    const bare = text.trim();
    if (/^[\w-]+$/.test(bare))
        return [bare];
    const parts = [];
    const close = basicStringCloses(text);
    for (let at = 0; at < text.length;) {
        const start = skipSpaces(text, at);
        if (start >= text.length)
            break;
        const c = text.charAt(start);
        let end = -1;
        let value = '';
        if (c === '"') {
            const closing = close[start + 1] ?? -1;
            if (closing >= 0)
                [end, value] = [closing + 1, text.slice(start + 1, closing)];
        }
        else if (c === "'") {
            const closing = text.indexOf("'", start + 1);
            if (closing >= 0)
                [end, value] = [closing + 1, text.slice(start + 1, closing)];
        }
        else if (!BARE_END.test(c)) {
            end = start + 1;
            while (end < text.length && !BARE_END.test(text.charAt(end)))
                end++;
            value = text.slice(start, end);
        }
        if (end >= 0) {
            const after = skipSpaces(text, end);
            if (after >= text.length || text[after] === '.') {
                parts.push(value);
                at = after + 1;
                continue;
            }
        }
        // No part here, nor anywhere else in a bare run with the same end; inside a string there may be.
        at = end >= 0 && c !== '"' && c !== "'" ? end : start + 1;
    }
    return parts;
}
/**
 * A table header (a trimmed line such as `[a.b]` or `[[a]]`): whether it is an array table, and its path's
 * text, up to the first `]` and without the spaces around it, as `/^(\[\[?)\s*([^\]]+?)\s*\]\]?/` read it.
 * By hand: after each character of the lazy `([^\]]+?)`, the regex went over the spaces that followed.
 */
function tableHeader(line) {
    if (line[0] !== '[')
        return undefined;
    for (const open of line[1] === '[' ? [2, 1] : [1]) {
        const close = line.indexOf(']', open);
        if (close <= open)
            continue;
        const inside = line.slice(open, close);
        // Only spaces: the regex's group took the last of them.
        return { array: open === 2, path: inside.trim() || inside.slice(-1) };
    }
    return undefined;
}
/**
 * A `key = value` line (trimmed): the key's text and what follows the `=`, as
 * `/^((?:"(?:[^"\\]|\\.)*"|'[^']*'|[^=#"'])+)=(.*)$/` read it: the first `=` outside quoted strings, after
 * at least one character, none of them a `#` or a quote that does not close; nothing after it ends a line.
 * By hand: the regex kept a step per character to go back to, and a line of millions overflowed its stack.
 */
function keyValue(line) {
    let at = 0;
    for (; at < line.length && line[at] !== '='; at++) {
        const c = line[at];
        if (c === '#')
            return undefined;
        if (c === "'") {
            at = line.indexOf("'", at + 1);
            if (at < 0)
                return undefined;
        }
        else if (c === '"') {
            for (at++; at < line.length && line[at] !== '"'; at++) {
                // An escape is `\` and any character a regex's `.` takes.
                if (line[at] === '\\' && (at + 1 >= line.length || LINE_END.test(line.charAt(at + 1))))
                    return undefined;
                if (line[at] === '\\')
                    at++;
            }
            if (at >= line.length)
                return undefined;
        }
    }
    if (at === 0 || at >= line.length)
        return undefined;
    const value = line.slice(at + 1);
    return LINE_END.test(value) ? undefined : { key: line.slice(0, at), value };
}
/** Scans one line of a value: its strings, its bracket depth change, and where a comment starts. */
function scanValue(text, line, strings) {
    let depth = 0;
    for (let at = 0; at < text.length; at++) {
        const c = text[at];
        if (c === '#')
            return { depth, end: at };
        if (c === '[' || c === '{')
            depth++;
        else if (c === ']' || c === '}')
            depth--;
        else if (c === '"' || c === "'") {
            let end = at + 1;
            while (end < text.length && text[end] !== c)
                end += c === '"' && text[end] === '\\' ? 2 : 1;
            strings.push({ value: text.slice(at + 1, end), line });
            at = end;
        }
    }
    return { depth, end: text.length };
}
function* tomlEvents(text) {
    const lines = text.split(/\r?\n/);
    let table = [];
    for (let index = 0; index < lines.length; index++) {
        const line = (lines[index] ?? '').trim();
        if (!line || line.startsWith('#'))
            continue;
        const header = tableHeader(line);
        if (header) {
            table = splitPath(header.path);
            yield { type: 'table', path: table, array: header.array, line: index + 1 };
            continue;
        }
        const equals = keyValue(line);
        if (!equals)
            continue;
        const keyLine = index + 1;
        const strings = [];
        const rest = equals.value.trim();
        const delimiter = /^("""|''')/.exec(rest)?.[1];
        if (delimiter && !rest.slice(3).includes(delimiter)) {
            // A multi-line string's lines are text, not keys or tables.
            do
                index++;
            while (index < lines.length && !(lines[index] ?? '').includes(delimiter));
            yield { type: 'key', table, key: splitPath(equals.key), line: keyLine, value: rest, strings };
            continue;
        }
        const first = scanValue(rest, keyLine, strings);
        const value = rest.slice(0, first.end).trim();
        let depth = first.depth;
        while (depth > 0 && index + 1 < lines.length) {
            index++;
            depth += scanValue(lines[index] ?? '', index + 1, strings).depth;
        }
        yield { type: 'key', table, key: splitPath(equals.key), line: keyLine, value, strings };
    }
}

;// CONCATENATED MODULE: ./src/locate/manifests/cargo.ts

/** `dependencies`, `dev-dependencies`, `build-dependencies`, also under `target.<cfg>` and `workspace`. */
function dependencyTable(table) {
    const at = table.findIndex((part) => /^(?:dev-|build-)?dependencies$/.test(part));
    if (at < 0)
        return -1;
    const prefix = table.slice(0, at);
    const scoped = prefix.length === 0 ||
        (prefix[0] === 'target' && prefix.length === 2) ||
        prefix.join('.') === 'workspace';
    return scoped ? at : -1;
}
/**
 * Cargo.toml: keys of dependency tables (`serde = "1"`, `serde.workspace = true`), tables named after a
 * crate (`[dependencies.serde]`), and `package = "real-name"` renames. `[package] name` is the project.
 */
function scanCargoToml(text) {
    const declarations = [];
    for (const event of tomlEvents(text)) {
        if (event.type === 'table') {
            const at = dependencyTable(event.path);
            const crate = event.path[at + 1];
            if (at >= 0 && crate && event.path.length === at + 2) {
                declarations.push({ ecosystem: 'cargo', name: crate, line: event.line, direct: true });
            }
            continue;
        }
        const [key = ''] = event.key;
        if (event.table.join('.') === 'package' && key === 'name' && event.strings[0]) {
            declarations.push({
                ecosystem: 'cargo',
                name: event.strings[0].value,
                line: event.line,
                direct: true,
                self: true,
            });
            continue;
        }
        const at = dependencyTable(event.table);
        if (at < 0 || at !== event.table.length - 1)
            continue;
        const renamed = /\bpackage\s*=\s*"([^"]+)"/.exec(event.value)?.[1];
        const version = /^"([^"]+)"$/.exec(event.value)?.[1] ?? /\bversion\s*=\s*"([^"]+)"/.exec(event.value)?.[1];
        declarations.push({
            ecosystem: 'cargo',
            name: renamed ?? key,
            ...(version ? { version } : {}),
            line: event.line,
            direct: true,
        });
    }
    return declarations;
}

;// CONCATENATED MODULE: ./src/locate/json.ts
class Parser {
    at = 0;
    line = 1;
    text;
    constructor(text) {
        this.text = text;
    }
    document() {
        const node = this.value();
        this.space();
        if (this.at < this.text.length)
            throw new SyntaxError(`text after the document at line ${this.line}`);
        return node;
    }
    space() {
        const text = this.text;
        for (;;) {
            const c = text.charCodeAt(this.at);
            if (c === 10)
                this.line++;
            else if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff)
                return;
            this.at++;
        }
    }
    value() {
        this.space();
        const line = this.line;
        const c = this.text[this.at];
        if (c === '{')
            return this.object(line);
        if (c === '[')
            return this.array(line);
        if (c === '"')
            return { type: 'string', line, value: this.string() };
        const start = this.at;
        while (this.at < this.text.length && !',}] \t\r\n'.includes(this.text[this.at] ?? ''))
            this.at++;
        if (this.at === start)
            throw new SyntaxError(`unexpected ${c === undefined ? 'end' : JSON.stringify(c)} at line ${line}`);
        return { type: 'other', line };
    }
    object(line) {
        const members = [];
        this.at++;
        this.space();
        if (this.text[this.at] === '}') {
            this.at++;
            return { type: 'object', line, members };
        }
        for (;;) {
            this.space();
            const keyLine = this.line;
            if (this.text[this.at] !== '"')
                throw new SyntaxError(`expected a key at line ${keyLine}`);
            const key = this.string();
            this.space();
            if (this.text[this.at++] !== ':')
                throw new SyntaxError(`expected ':' at line ${this.line}`);
            members.push({ key, line: keyLine, value: this.value() });
            if (this.close('}'))
                return { type: 'object', line, members };
        }
    }
    array(line) {
        const items = [];
        this.at++;
        this.space();
        if (this.text[this.at] === ']') {
            this.at++;
            return { type: 'array', line, items };
        }
        for (;;) {
            items.push(this.value());
            if (this.close(']'))
                return { type: 'array', line, items };
        }
    }
    /** After a member or item: true at the closing bracket, false at a comma. */
    close(bracket) {
        this.space();
        const c = this.text[this.at++];
        if (c === bracket)
            return true;
        if (c === ',')
            return false;
        throw new SyntaxError(`expected ',' or '${bracket}' at line ${this.line}`);
    }
    string() {
        const start = this.at;
        let end = start + 1;
        let escaped = false;
        for (;;) {
            end = this.text.indexOf('"', end);
            if (end < 0)
                throw new SyntaxError(`unterminated string at line ${this.line}`);
            let backslashes = 0;
            while (this.text[end - 1 - backslashes] === '\\')
                backslashes++;
            if (backslashes % 2 === 0)
                break;
            escaped = true;
            end++;
        }
        this.at = end + 1;
        if (!escaped)
            return this.text.slice(start + 1, end);
        try {
            return JSON.parse(this.text.slice(start, end + 1));
        }
        catch (error) {
            throw new SyntaxError(`a string with a bad escape at line ${this.line}`, { cause: error });
        }
    }
}
/**
 * The document's tree. A text that is not JSON throws, saying where: the repository index names the file in a
 * warning rather than placing its findings elsewhere without a word.
 */
function parseJson(text) {
    try {
        return new Parser(text).document();
    }
    catch (error) {
        // The parser recurses: a document nested deeper than the stack is JSON, only too deep to read.
        const why = error instanceof RangeError
            ? 'nested too deeply to read'
            : `not valid JSON: ${String(error instanceof Error ? error.message : error)}`;
        throw new SyntaxError(why, { cause: error });
    }
}
function membersOf(node) {
    return node?.type === 'object' ? node.members : [];
}
function itemsOf(node) {
    return node?.type === 'array' ? node.items : [];
}
function member(node, key) {
    return membersOf(node).find((m) => m.key === key);
}
function stringOf(node) {
    return node?.type === 'string' ? node.value : undefined;
}

;// CONCATENATED MODULE: ./src/locate/manifests/json-manifest.ts

/**
 * A JSON manifest (package.json, composer.json): the project's own `name`, and the entries of its dependency
 * `sections`, each a `"name": "version"` member; `keep` passes over names that are no packages.
 */
function scanJsonManifest(ecosystem, sections, keep = () => true) {
    return (text) => {
        const root = parseJson(text);
        const declarations = [];
        const own = member(root, 'name');
        const name = stringOf(own?.value);
        if (own && name)
            declarations.push({ ecosystem, name, line: own.line, direct: true, self: true });
        for (const section of sections) {
            for (const entry of membersOf(member(root, section)?.value)) {
                if (!keep(entry.key))
                    continue;
                const version = stringOf(entry.value);
                declarations.push({
                    ecosystem,
                    name: entry.key,
                    ...(version ? { version } : {}),
                    line: entry.line,
                    direct: true,
                });
            }
        }
        return declarations;
    };
}

;// CONCATENATED MODULE: ./src/locate/manifests/composer.ts


/** composer.json `require` and `require-dev`; `php`, `ext-*` and other platform names have no vendor. */
const scanComposerJson = scanJsonManifest('composer', ['require', 'require-dev'], (name) => name.includes('/'));
/** composer.lock: `packages` and `packages-dev`, at the line of each package's `name`. */
function scanComposerLock(text) {
    const root = parseJson(text);
    const declarations = [];
    for (const section of ['packages', 'packages-dev']) {
        for (const item of itemsOf(member(root, section)?.value)) {
            const name = member(item, 'name');
            const value = stringOf(name?.value);
            if (!name || !value)
                continue;
            const version = stringOf(member(item, 'version')?.value);
            declarations.push({
                ecosystem: 'composer',
                name: value,
                ...(version ? { version } : {}),
                line: name.line,
                direct: false,
            });
        }
    }
    return declarations;
}

;// CONCATENATED MODULE: ./src/locate/manifests/docker.ts
/** Substitutes `$NAME` and `${NAME}` with the defaults of `ARG`s declared before the first `FROM`. */
function expand(image, args) {
    return image.replace(/\$\{?(\w+)\}?/g, (whole, name) => args.get(name) ?? whole);
}
/**
 * The image and stage name of a `FROM` line, as `/^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i` read
 * them: the first word after the `--options` (the last one when all are options), and the word after an
 * `AS` that follows it. By words: the regex kept a step per option to go back to, and overflowed its
 * stack on a line of millions.
 */
function fromLine(line) {
    const head = /^\s*FROM\s/i.exec(line);
    if (!head)
        return undefined;
    const words = /\S+/g;
    words.lastIndex = head[0].length;
    let image;
    for (let word = words.exec(line); word; word = words.exec(line)) {
        image = word[0];
        if (!/^--\S/.test(image))
            break;
    }
    if (image === undefined)
        return undefined;
    const alias = /\s+AS\s+(\S+)/iy;
    alias.lastIndex = words.lastIndex;
    // `lastIndex` is 0 when every word was an option: nothing follows the last.
    const name = words.lastIndex ? alias.exec(line)?.[1] : undefined;
    return { image, ...(name ? { alias: name } : {}) };
}
/**
 * Dockerfile: every `FROM` image. The image the final stage is built on (following `FROM <stage>`
 * back to a real image) is direct: its OS packages are the ones that ship.
 */
function scanDockerfile(text) {
    const args = new Map();
    const aliases = new Map();
    const stages = [];
    text.split(/\r?\n/).forEach((line, index) => {
        const arg = stages.length === 0 ? /^\s*ARG\s+(\w+)=("?)([^"\s]*)\2/i.exec(line) : null;
        if (arg?.[1])
            args.set(arg[1], arg[3] ?? '');
        const from = fromLine(line);
        if (!from)
            return;
        const image = expand(from.image, args);
        const base = aliases.get(image.toLowerCase());
        stages.push({ image, line: index + 1, ...(base !== undefined ? { base } : {}) });
        if (from.alias)
            aliases.set(from.alias.toLowerCase(), stages.length - 1);
    });
    let shipped = stages.length - 1;
    while (stages[shipped]?.base !== undefined)
        shipped = stages[shipped]?.base ?? -1;
    return stages.flatMap((stage, index) => {
        if (stage.base !== undefined || stage.image.toLowerCase() === 'scratch')
            return [];
        const tag = /^[^@]*?:([^/:@]+)(?:@|$)/.exec(stage.image)?.[1];
        return [
            {
                ecosystem: 'docker',
                name: stage.image,
                ...(tag ? { version: tag } : {}),
                line: stage.line,
                direct: index === shipped,
            },
        ];
    });
}

;// CONCATENATED MODULE: ./src/locate/manifests/golang.ts

/**
 * A `// … indirect` comment, as `/\/\/.*\bindirect\b/` finds it; that regex went to the end of the line
 * and back from every `//`, quadratic in a line of many.
 */
function indirect(line) {
    const comment = line.indexOf('//');
    if (comment < 0)
        return false;
    for (const part of line.slice(comment).split(LINE_END)) {
        const at = part.indexOf('//');
        if (at >= 0 && /\bindirect\b/.test(part.slice(at + 2)))
            return true;
    }
    return false;
}
/**
 * go.mod: `require` lines, single or in a block; `// indirect` marks a module only another one needs. A
 * `replace` line pins the module it replaces with (a local path pins none). The `module` line names the project.
 */
function scanGoMod(text) {
    const declarations = [];
    let block;
    text.split(/\r?\n/).forEach((raw, index) => {
        const line = raw.trim();
        const module = /^module\s+"?([^\s"/][^\s"]*)"?/.exec(line)?.[1];
        if (module) {
            declarations.push({ ecosystem: 'golang', name: module, line: index + 1, direct: true, self: true });
            return;
        }
        if (block && line.startsWith(')')) {
            block = undefined;
            return;
        }
        // A comment may follow the parenthesis (`require ( // direct`).
        const opens = /^(require|replace)\s*\(\s*(\/\/.*)?$/.exec(line)?.[1];
        if (opens) {
            block = opens;
            return;
        }
        // The spaces are taken whole (`(?=(\s+))\1`): `\s+(.*)$` gave them back one by one when `$` failed.
        const [, directive, , rest] = /^(require|replace)(?=(\s+))\2(.*)$/.exec(line) ?? [];
        const kind = block ?? directive;
        const stated = block ? line : rest;
        // A replacement pins the module after `=>` (`old v1 => new v2`): that line is where it is changed.
        const requirement = kind === 'replace' ? /=>\s*(.*)$/.exec(stated ?? '')?.[1] : stated;
        const match = requirement && /^"?([^\s"/][^\s"]*)"?\s+(v[^\s/]+)/.exec(requirement);
        if (!match?.[1])
            return;
        declarations.push({
            ecosystem: 'golang',
            name: match[1],
            ...(match[2] ? { version: match[2] } : {}),
            line: index + 1,
            direct: !indirect(line),
        });
    });
    return declarations;
}

;// CONCATENATED MODULE: ./src/locate/manifests/gradle.ts

/**
 * `"group:artifact:version"`, `'group:artifact'`, `"g:a:$version:classifier@ext"`. Each run is taken whole
 * (`(?=(x+))\2` cannot give characters back): `([\w.-]+)…[^"'\s]*\1` tried every shorter artifact against
 * the rest of an unclosed string, quadratic in its length, for the same answer.
 */
const COORDINATES = /(["'])(?=([\w.-]+))\2:(?=([\w.-]+))\3(?::(?=([^"'\s:@]*))\4)?(?=([^"'\s]*))\5\1/g;
/** `group: 'g', name: 'a', version: 'v'` (Groovy) and `group = "g", name = "a", version = "v"` (Kotlin, TOML). */
const MAP_FORM = /\bgroup\s*[:=]\s*(["'])([^"']+)\1\s*,\s*name\s*[:=]\s*(["'])([^"']+)\3(?:\s*,\s*version\s*[:=]\s*(["'])([^"']+)\5)?/g;
/**
 * A version catalog's library of group and artifact apart, in `settings.gradle(.kts)`:
 * `library("commons-text", "org.apache.commons", "commons-text").version("1.9")` (`versionRef` names no version).
 */
const LIBRARY_FORM = /\blibrary\s*\(\s*(["'])[^"'\r\n]*\1\s*,\s*(["'])([\w.-]+)\2\s*,\s*(["'])([\w.-]+)\4\s*\)(?:\s*\.\s*version\s*\(?\s*(["'])([^"'\s]+)\6)?/g;
const SLASH = 0x2f;
const STAR = 0x2a;
const HASH = 0x23;
const gradle_COLON = 0x3a;
const gradle_BACKSLASH = 0x5c;
/** LINE_END, searched from a position. */
const NEXT_LINE_END = new RegExp(LINE_END.source, 'g');
/** Whitespace of one line: `\s` but line ends. */
const INDENT = /[^\S\n\r\u2028\u2029]*/y;
function lineEnd(text, from) {
    NEXT_LINE_END.lastIndex = from;
    return NEXT_LINE_END.exec(text)?.index ?? text.length;
}
function isLineStart(text, at) {
    const c = text.charCodeAt(at - 1);
    return at === 0 || c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}
/**
 * The comments of a Gradle script or TOML catalog, left to right: `/* … *\/`, `//` to the end of the line
 * (but not the `//` of `https://`), and lines starting with `#`. What the regex
 * `/\/\*[\s\S]*?\*\/|(?<![:\\])\/\/.*$|^\s*#.*$/gm` found, by a scan of the text: the regex searched to the
 * end of the text from every `/*` never closed, and went over a run of blank lines again from each of them.
 */
function comments(text) {
    const ranges = [];
    // Once a `/*` is not closed, no later one is.
    let blockCloses = true;
    for (let at = 0; at < text.length;) {
        const c = text.charCodeAt(at);
        const next = text.charCodeAt(at + 1);
        if (c === SLASH && next === STAR && blockCloses) {
            const close = text.indexOf('*/', at + 2);
            if (close >= 0) {
                ranges.push([at, close + 2]);
                at = close + 2;
                continue;
            }
            blockCloses = false;
        }
        const previous = text.charCodeAt(at - 1);
        if (c === SLASH && next === SLASH && previous !== gradle_COLON && previous !== gradle_BACKSLASH) {
            const end = lineEnd(text, at + 2);
            ranges.push([at, end]);
            at = end;
            continue;
        }
        if (isLineStart(text, at)) {
            INDENT.lastIndex = at;
            INDENT.test(text);
            if (text.charCodeAt(INDENT.lastIndex) === HASH) {
                const end = lineEnd(text, INDENT.lastIndex + 1);
                ranges.push([at, end]);
                at = end;
                continue;
            }
        }
        at++;
    }
    return ranges;
}
/**
 * build.gradle, build.gradle.kts and version catalogs (`libs.versions.toml`, its `version.ref`s read from its
 * `[versions]`, and those `settings.gradle(.kts)`
 * declares in `dependencyResolutionManagement { versionCatalogs { … } }`): dependency notations as strings, as
 * group/name maps, or as a catalog's `library(alias, group, artifact)`. Comments are blanked first (but not the `//` of `https://`).
 */
function scanGradle(text) {
    const source = blankRanges(text, comments(text));
    const lineAt = lineLocator(source);
    const refs = versionRefs(source, lineAt);
    const declarations = [];
    const add = (group, artifact, written, offset) => {
        const line = lineAt(offset);
        const version = written ?? refs.get(line);
        declarations.push({
            ecosystem: 'maven',
            name: `${group}:${artifact}`,
            ...(version ? { version } : {}),
            line,
            direct: true,
        });
    };
    for (const match of source.matchAll(COORDINATES)) {
        add(match[2] ?? '', match[3] ?? '', match[4], match.index);
    }
    for (const match of source.matchAll(MAP_FORM)) {
        add(match[2] ?? '', match[4] ?? '', match[6], match.index);
    }
    for (const match of source.matchAll(LIBRARY_FORM)) {
        add(match[3] ?? '', match[5] ?? '', match[7], match.index);
    }
    return declarations.sort((a, b) => a.line - b.line);
}
/**
 * A version catalog's `[versions]` table (`libs.versions.toml`), by name: `jackson = "2.15.0"`, TOML's literal
 * `'2.15.0'`, or a rich version's `{ strictly = "2.15.0" }` (`require`, `prefer` alike).
 */
function catalogVersions(source) {
    const versions = new Map();
    let inTable = false;
    // Line by line: a regex over the whole file would backtrack on hostile ones (linear-scans.test.ts).
    for (const line of source.split(LINE_END)) {
        const header = /^\s*\[([^\]]*)\]/.exec(line);
        if (header)
            inTable = header[1]?.trim() === 'versions';
        const entry = inTable && !header
            ? /^\s*([\w.-]+)\s*=\s*(?:\{[^}]*?\b(?:strictly|require|prefer)\s*=\s*)?(["'])([^"'\s]+)\2/.exec(line)
            : null;
        if (entry?.[1] && entry[3])
            versions.set(entry[1], entry[3]);
    }
    return versions;
}
/**
 * The versions catalog entries name by `version.ref = "jackson"` (or `version = { ref = "jackson" }`), by the
 * line of the entry, from the `[versions]` table: one pass over the text, whatever the number of entries on a line.
 */
function versionRefs(source, lineAt) {
    const versions = catalogVersions(source);
    const refs = new Map();
    if (!versions.size)
        return refs;
    for (const match of source.matchAll(/\bversion(?:\.ref|\s*=\s*\{\s*ref)\s*=\s*(["'])([^"'\r\n]+)\1/g)) {
        const version = versions.get(match[2] ?? '');
        if (version)
            refs.set(lineAt(match.index), version);
    }
    return refs;
}
/** gradle.lockfile: `group:artifact:version=configurations`, one per line. */
function scanGradleLockfile(text) {
    const declarations = [];
    text.split(/\r?\n/).forEach((line, index) => {
        const match = /^([^#=:\s]+):([^=:\s]+):([^=:\s]+)=/.exec(line);
        if (match) {
            declarations.push({
                ecosystem: 'maven',
                name: `${match[1]}:${match[2]}`,
                version: match[3] ?? '',
                line: index + 1,
                direct: false,
            });
        }
    });
    return declarations;
}

;// CONCATENATED MODULE: ./src/locate/manifests/maven.ts

/** Elements of a pom whose `groupId` and `artifactId` name a package the build uses. */
const COORDINATE_BLOCKS = new Set(['dependency', 'parent', 'plugin', 'extension']);
/** A tag (`<name …>`, `</name>`, `<name/>`) and the text after it, up to the next tag. */
const TAG = /<(\/?)([A-Za-z][\w.-]*)[^>]*?(\/?)>([^<]*)/y;
/** `${name}`: a version or group the pom's `<properties>` (or its own or its parent's coordinates) give. */
const PROPERTY = /^\$\{([^}]+)\}$/;
/**
 * pom.xml: `<dependency>`, `<parent>`, `<plugin>` and `<extension>` blocks, at the line of their
 * `<artifactId>`; the project's own coordinates mark it as a project. Exclusions are skipped. A version or
 * group `${name}` is read from the pom's own `<properties>` (`${project.version}` and `${project.groupId}` from
 * its coordinates, else its parent's), so a module on the vulnerable version is told from one that pins the
 * fixed one, and a sibling module named by `${project.groupId}` is found; else it stays as written.
 */
function scanPom(text) {
    const source = blankXmlComments(text);
    const lineAt = lineLocator(source);
    const declarations = [];
    const project = { element: 'project', depth: 1 };
    const stack = [];
    const properties = new Map();
    let inProperties = false;
    let depth = 0;
    let parent;
    for (const match of tagMatches(source, TAG)) {
        const [, closing, element = '', selfClosing, content = ''] = match;
        if (closing) {
            if (element === 'properties' && depth === 2)
                inProperties = false;
            depth--;
            const top = stack.at(-1);
            if (top?.element !== element)
                continue;
            stack.pop();
            if (element === 'parent')
                parent = top;
            declare(top, declarations);
            continue;
        }
        if (selfClosing)
            continue;
        depth++;
        if (inProperties && depth === 3)
            properties.set(element, content.trim());
        if (element === 'properties' && depth === 2)
            inProperties = true;
        if (COORDINATE_BLOCKS.has(element) || element === 'exclusion') {
            stack.push({ element, depth });
            continue;
        }
        if (element !== 'groupId' && element !== 'artifactId' && element !== 'version')
            continue;
        // Only a block's own children count: plugin configuration may hold other coordinates.
        const owner = stack.at(-1) ?? project;
        if (depth !== owner.depth + 1)
            continue;
        owner[element] = content.trim();
        if (element === 'artifactId')
            owner.line = lineAt(match.index);
    }
    // A module inherits its parent's groupId and version when it names none.
    const groupId = project.groupId ?? parent?.groupId;
    const version = project.version ?? parent?.version;
    declare({ ...project, groupId }, declarations, true);
    for (const [key, value] of [
        ['project.groupId', groupId],
        ['project.version', version],
        ['project.parent.groupId', parent?.groupId],
        ['project.parent.version', parent?.version],
    ]) {
        if (value)
            properties.set(key, value);
    }
    for (const declaration of declarations) {
        const version = resolved(declaration.version, properties);
        if (version)
            declaration.version = version;
        // A sibling module is often named by `${project.groupId}`.
        const colon = declaration.name.lastIndexOf(':');
        const group = resolved(declaration.name.slice(0, colon), properties);
        if (group)
            declaration.name = `${group}${declaration.name.slice(colon)}`;
    }
    return declarations;
}
/** A `${name}` the pom's properties give a plain value; undefined for anything else. */
function resolved(text, properties) {
    const name = text && PROPERTY.exec(text)?.[1];
    const value = name ? properties.get(name) : undefined;
    return value && !value.includes('${') ? value : undefined;
}
function declare(block, into, self = false) {
    if (block.element === 'exclusion' || !block.artifactId || !block.line)
        return;
    // Maven's default plugin group.
    const group = block.groupId ?? (block.element === 'plugin' ? 'org.apache.maven.plugins' : undefined);
    if (!group)
        return;
    into.push({
        ecosystem: 'maven',
        name: `${group}:${block.artifactId}`,
        ...(block.version ? { version: block.version } : {}),
        line: block.line,
        direct: true,
        ...(self ? { self } : {}),
    });
}

;// CONCATENATED MODULE: ./src/locate/manifests/nuget.ts


const ITEM = /<(?:PackageReference|PackageVersion|GlobalPackageReference|package)\b[^>]*>/iy;
/**
 * After an item's opening tag: its `<Version>` child element, else what ends the item (its closing tag, or, when
 * it is never closed, the next item or the end of its item group).
 */
const CHILD_VERSION = /<Version\s*>([^<]*)<\/Version\s*>|<\/?(?:PackageReference|PackageVersion|GlobalPackageReference|package)\b|<\/(?:ItemGroup|packages|Project)\b/gi;
/** The version of an item written as a child element: `<PackageReference Include="X"><Version>1.0</Version>`. */
function childVersion(source, item) {
    if (item[0].endsWith('/>'))
        return undefined;
    CHILD_VERSION.lastIndex = item.index + item[0].length;
    return CHILD_VERSION.exec(source)?.[1]?.trim() || undefined;
}
/**
 * MSBuild files (`*.csproj`, `Directory.Packages.props`, …): `PackageReference`, `PackageVersion` and
 * `GlobalPackageReference` items, at the line of their `Include`/`Update` attribute, with the version of their
 * `Version` attribute or child element; and the legacy packages.config `<package id=…>`.
 */
function scanMsbuild(text) {
    const source = blankXmlComments(text);
    const lineAt = lineLocator(source);
    const declarations = [];
    for (const item of tagMatches(source, ITEM)) {
        const name = /\s(?:Include|Update|id)\s*=\s*"([^"]+)"/di.exec(item[0]);
        if (!name?.[1] || !name.indices?.[1])
            continue;
        const version = /\sVersion\s*=\s*"([^"]+)"/i.exec(item[0])?.[1] ?? childVersion(source, item);
        declarations.push({
            ecosystem: 'nuget',
            name: name[1],
            ...(version ? { version } : {}),
            line: lineAt(item.index + name.indices[1][0]),
            direct: true,
        });
    }
    return declarations;
}
/** packages.lock.json: per target framework, every package with `type` `Direct`, `Transitive`, …. */
function scanNugetLock(text) {
    const declarations = [];
    for (const framework of membersOf(member(parseJson(text), 'dependencies')?.value)) {
        for (const entry of membersOf(framework.value)) {
            const type = stringOf(member(entry.value, 'type')?.value);
            // `Project` entries are other projects of the solution, not packages.
            if (type === 'Project')
                continue;
            const version = stringOf(member(entry.value, 'resolved')?.value);
            declarations.push({
                ecosystem: 'nuget',
                name: entry.key,
                ...(version ? { version } : {}),
                line: entry.line,
                direct: type === 'Direct',
            });
        }
    }
    return declarations;
}

;// CONCATENATED MODULE: ./src/locate/manifests/npm.ts


const DEPENDENCY_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];
const scanPackageJson = scanJsonManifest('npm', DEPENDENCY_SECTIONS);
/** lockfileVersion 1 nests `dependencies` inside each package; the outermost are installed at the top. */
function lockV1(node, into, top = true) {
    for (const dependency of membersOf(node)) {
        const version = stringOf(member(dependency.value, 'version')?.value);
        into.push({
            ecosystem: 'npm',
            name: dependency.key,
            ...(version ? { version } : {}),
            line: dependency.line,
            direct: false,
            ...(top ? { installsFor: [''] } : {}),
        });
        lockV1(member(dependency.value, 'dependencies')?.value, into, false);
    }
}
/**
 * `package-lock.json` and `npm-shrinkwrap.json`. npm installs what the project asks for at the top
 * (`node_modules/<name>`), a workspace's own copy below it (`packages/a/node_modules/<name>`) and other copies
 * below their dependent; a workspace without its own copy uses the top one.
 */
function scanPackageLock(text) {
    const root = parseJson(text);
    const declarations = [];
    const packages = member(root, 'packages');
    if (!packages) {
        lockV1(member(root, 'dependencies')?.value, declarations);
        return declarations;
    }
    const installed = new Map();
    const workspaces = [];
    for (const entry of membersOf(packages.value)) {
        // `""` is the project and `packages/a` a workspace: only `…node_modules/<name>` keys are installed packages.
        const at = entry.key.lastIndexOf('node_modules/');
        if (at < 0) {
            if (entry.key)
                workspaces.push({ folder: entry.key, entry: entry.value });
            continue;
        }
        // An alias (`"x": "npm:real@1"`) installs `real` under the folder `x`.
        const name = stringOf(member(entry.value, 'name')?.value) ?? entry.key.slice(at + 'node_modules/'.length);
        const version = stringOf(member(entry.value, 'version')?.value);
        const owner = entry.key.slice(0, Math.max(0, at - 1));
        const declaration = {
            ecosystem: 'npm',
            name,
            ...(version ? { version } : {}),
            line: entry.line,
            direct: false,
            ...(at === 0 || !`/${owner}/`.includes('/node_modules/') ? { installsFor: [owner] } : {}),
        };
        installed.set(entry.key, declaration);
        declarations.push(declaration);
    }
    for (const { folder, entry } of workspaces) {
        for (const section of DEPENDENCY_SECTIONS) {
            for (const dependency of membersOf(member(entry, section)?.value)) {
                if (installed.has(`${folder}/node_modules/${dependency.key}`))
                    continue;
                // A workspace naming a package in two sections (dependencies, peerDependencies) is one user of it.
                const users = installed.get(`node_modules/${dependency.key}`)?.installsFor;
                if (users && !users.includes(folder))
                    users.push(folder);
            }
        }
    }
    return declarations;
}
/** `lodash@^4.17.0`, `@babel/core@npm:^7.0.0`: the name ends at the first `@` after the first character. */
function nameOfSpecifier(specifier) {
    const at = specifier.indexOf('@', 1);
    return at > 0 ? specifier.slice(0, at) : specifier;
}
/** Yarn classic and Berry: an entry starts with an unindented list of specifiers ending in `:`. */
function scanYarnLock(text) {
    const lines = text.split(/\r?\n/);
    const declarations = [];
    let entry = [];
    // An entry's first `version` line is its version; later ones change nothing, so they cost nothing.
    let versioned = true;
    lines.forEach((line, index) => {
        if (/^[^\s#]/.test(line) && line.trimEnd().endsWith(':')) {
            const specifiers = line.trimEnd().slice(0, -1).split(',');
            const names = new Set(specifiers.map((s) => nameOfSpecifier(s.trim().replace(/^"|"$/g, ''))));
            names.delete('__metadata');
            entry = [];
            versioned = false;
            // One at a time: a header may list more specifiers than a call takes arguments (`push(...entry)`).
            for (const name of names) {
                const declaration = { ecosystem: 'npm', name, line: index + 1, direct: false };
                entry.push(declaration);
                declarations.push(declaration);
            }
            return;
        }
        if (versioned)
            return;
        const version = /^\s+version:?\s+"?([^"\s]+)"?/.exec(line)?.[1];
        if (!version)
            return;
        for (const declaration of entry)
            declaration.version = version;
        versioned = true;
    });
    return declarations;
}
/**
 * A `packages:` key of pnpm-lock.yaml: `/lodash/4.17.21` (v5), `/lodash@4.17.21` (v6),
 * `'@babel/core@7.0.0(peer@1.0.0)'` (v9).
 */
function pnpmPackage(key) {
    const bare = key.replace(/^['"]|['"]$/g, '').replace(/^\//, '');
    const match = /^(@[^/@]+\/[^/@]+|[^/@]+)[/@]([^(_]+)/.exec(bare);
    return match?.[1] && match[2] ? { name: match[1], version: match[2] } : undefined;
}
/**
 * The key of a YAML mapping line (`  name:` or `  name: value`) and its indentation. The spaces after the
 * colon are taken whole (`(?=(\s+))\3`): `\s+(.*)$` gave them back one by one when `$` failed.
 */
function yamlKey(line) {
    const match = /^( *)((?:'[^']*'|"[^"]*"|[^\s:#'"][^:#]*?)):(?:(?=(\s+))\3(.*))?$/.exec(line);
    if (!match)
        return undefined;
    return { indent: match[1]?.length ?? 0, key: match[2] ?? '', value: match[4]?.trim() ?? '' };
}
/**
 * pnpm-lock.yaml: `importers` (workspaces) and the top-level dependency sections of single-project
 * lockfiles list what the project's own declarations install (a lockfile entry, as npm's top level is:
 * the declaration itself is the manifest's); `packages` lists every installed one.
 */
function scanPnpmLock(text) {
    const declarations = [];
    let section = '';
    // Indentation of dependency names in the current section, once a dependency section opened.
    let dependencyIndent = -1;
    let dependency;
    // The folder of the importer whose dependencies are being read, relative to the lockfile's.
    let importer = '';
    text.split(/\r?\n/).forEach((line, index) => {
        const key = yamlKey(line);
        if (!key)
            return;
        if (key.indent === 0) {
            section = key.key;
            importer = '';
            dependencyIndent = DEPENDENCY_SECTIONS.includes(section) ? 2 : -1;
            return;
        }
        if (section === 'importers' && key.indent === 2) {
            importer = key.key.replace(/^['"]|['"]$/g, '').replace(/^\.(?:\/|$)/, '');
            return;
        }
        if (section === 'packages' && key.indent === 2) {
            const parsed = pnpmPackage(key.key);
            if (parsed)
                declarations.push({ ecosystem: 'npm', ...parsed, line: index + 1, direct: false });
            return;
        }
        if (section === 'importers' && key.indent === 4) {
            dependencyIndent = DEPENDENCY_SECTIONS.includes(key.key) ? 6 : -1;
            return;
        }
        if (key.indent === dependencyIndent) {
            // v5 writes `name: version`; v6 and later a `specifier` and a `version` below the name.
            const name = key.key.replace(/^['"]|['"]$/g, '');
            dependency = { ecosystem: 'npm', name, line: index + 1, direct: false, installsFor: [importer] };
            declarations.push(dependency);
        }
        if (dependency &&
            (key.indent === dependencyIndent || (key.indent === dependencyIndent + 2 && key.key === 'version'))) {
            // v5 writes peers after `_` (`17.0.2_react@17.0.2`), later versions in parentheses.
            const version = /^\d[^(\s_]*/.exec(key.value)?.[0];
            if (version)
                dependency.version = version;
        }
    });
    return declarations;
}

;// CONCATENATED MODULE: ./src/locate/manifests/package-tables.ts

/**
 * Lockfiles made of `[[package]]` tables with `name` and `version` keys: poetry.lock, uv.lock, and
 * Cargo.lock for crates.
 */
function scanPackageTables(ecosystem, text) {
    const declarations = [];
    let current;
    for (const event of tomlEvents(text)) {
        if (event.type === 'table') {
            current = undefined;
            continue;
        }
        if (event.table.length !== 1 || event.table[0] !== 'package' || !event.strings[0])
            continue;
        if (event.key[0] === 'name') {
            current = { ecosystem, name: event.strings[0].value, line: event.line, direct: false };
            declarations.push(current);
        }
        else if (event.key[0] === 'version' && current) {
            current.version = event.strings[0].value;
        }
    }
    return declarations;
}

;// CONCATENATED MODULE: ./src/locate/manifests/python.ts



/** The name of a PEP 508 requirement (`Django[bcrypt]>=4.1 ; python_version > "3"`) and its pinned version. */
function requirement(text) {
    const match = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*(?:===?\s*([^\s;,]+))?/.exec(text);
    if (!match?.[1])
        return undefined;
    return { name: match[1], ...(match[2] ? { version: match[2] } : {}) };
}
function pypi(name, version, line, direct) {
    return { ecosystem: 'pypi', name, ...(version ? { version } : {}), line, direct };
}
/**
 * A requirements line without its comment (a `#` at its start or after a space, to its end), as
 * `line.replace(/(^|\s)#.*$/, '')` gives it; that regex went to the end of the line and back from every
 * ` #` when a line end other than `\n` (where `.` stops) followed.
 */
function withoutComment(line) {
    for (let hash = line.indexOf('#', lastLineEnd(line) + 1); hash >= 0; hash = line.indexOf('#', hash + 1)) {
        if (hash === 0)
            return '';
        if (/\s/.test(line.charAt(hash - 1)))
            return line.slice(0, hash - 1);
    }
    return line;
}
/** requirements*.txt (and pip-tools `.in`): one requirement per line; options and includes are skipped. */
function scanRequirements(text) {
    const declarations = [];
    let continued = false;
    text.split(/\r?\n/).forEach((line, index) => {
        const wasContinued = continued;
        continued = /\\\s*$/.test(line);
        if (wasContinued)
            return;
        // `-e git+https://…#egg=name` names the package after `#egg=`.
        const egg = /^\s*[^#\s].*#egg=([A-Za-z0-9._-]+)/.exec(line)?.[1];
        if (egg) {
            declarations.push(pypi(egg, undefined, index + 1, true));
            return;
        }
        const content = withoutComment(line);
        // Options (`-r other.txt`, `--hash`), local paths and URLs name no package of an index.
        if (/^\s*(?:-|\.|\/|[\w+.-]+:\/\/)/.test(content))
            return;
        const parsed = requirement(content);
        if (parsed)
            declarations.push(pypi(parsed.name, parsed.version, index + 1, true));
    });
    return declarations;
}
/**
 * The files a requirements file includes: `-r base.txt`, `--requirement=base.txt`, `-rbase.txt`, and the
 * constraints files of `-c` / `--constraint`, whose pins are the lines to change too. URLs are left out.
 */
function requirementIncludes(text) {
    const includes = [];
    for (const line of text.split(/\r?\n/)) {
        const option = /^\s*(?:--(?:requirement|constraint)(?:\s*=\s*|\s+)|-[rc]\s*)([^\s=-][^\s]*)/.exec(withoutComment(line))?.[1];
        if (option && !option.includes('://'))
            includes.push(option);
    }
    return includes;
}
/** Poetry's dependency tables: `tool.poetry.dependencies`, `tool.poetry.dev-dependencies`, `tool.poetry.group.<g>.dependencies`. */
function isPoetryTable(table) {
    const path = table.join('.');
    return /^tool\.poetry\.(?:dependencies|dev-dependencies|group\.[^.]+\.dependencies)$/.test(path);
}
/** Keys whose value is an array of PEP 508 strings. */
function isRequirementArray(table, key) {
    const path = table.join('.');
    if (path === 'project')
        return key === 'dependencies';
    if (path === 'build-system')
        return key === 'requires';
    if (path === 'tool.uv')
        return /^(?:dev|constraint|override)-dependencies$/.test(key);
    return ['project.optional-dependencies', 'dependency-groups', 'tool.pdm.dev-dependencies'].includes(path);
}
function fromStrings(strings, into) {
    for (const string of strings) {
        const parsed = requirement(string.value);
        if (parsed)
            into.push(pypi(parsed.name, parsed.version, string.line, true));
    }
}
/** pyproject.toml: PEP 621 and PEP 735 arrays, Poetry tables, uv and PDM extras; `[project] name` is the project. */
function scanPyproject(text) {
    const declarations = [];
    for (const event of tomlEvents(text)) {
        // Poetry's table form of one dependency: `[tool.poetry.dependencies.Django]`, then `version = "3.2"`.
        if (event.type === 'table') {
            const name = event.path.at(-1);
            if (name && name !== 'python' && isPoetryTable(event.path.slice(0, -1)))
                declarations.push(pypi(name, undefined, event.line, true));
            continue;
        }
        if (event.type !== 'key')
            continue;
        const [key = ''] = event.key;
        const path = event.table.join('.');
        if ((path === 'project' || path === 'tool.poetry') && key === 'name' && event.strings[0]) {
            declarations.push({ ...pypi(event.strings[0].value, undefined, event.line, true), self: true });
        }
        else if (isPoetryTable(event.table) && key !== 'python') {
            declarations.push(pypi(key, undefined, event.line, true));
        }
        else if (isRequirementArray(event.table, key)) {
            fromStrings(event.strings, declarations);
        }
    }
    return declarations;
}
/** Pipfile sections that are not package categories. */
const PIPFILE_SETTINGS = new Set(['source', 'requires', 'scripts', 'pipenv']);
function scanPipfile(text) {
    const declarations = [];
    for (const event of tomlEvents(text)) {
        if (event.type !== 'key' || event.table.length !== 1 || PIPFILE_SETTINGS.has(event.table[0] ?? ''))
            continue;
        const version = /^"==\s*([^"]+)"/.exec(event.value)?.[1];
        declarations.push(pypi(event.key[0] ?? '', version, event.line, true));
    }
    return declarations;
}
/** Pipfile.lock: every category (`default`, `develop`, …) maps names to `{version: "==1.0"}`. */
function scanPipfileLock(text) {
    const declarations = [];
    for (const category of membersOf(parseJson(text))) {
        if (category.key === '_meta')
            continue;
        for (const entry of membersOf(category.value)) {
            const version = stringOf(member(entry.value, 'version')?.value)?.replace(/^==/, '');
            declarations.push(pypi(entry.key, version, entry.line, false));
        }
    }
    return declarations;
}

;// CONCATENATED MODULE: ./src/locate/manifests/ruby.ts
function gem(name, version, line, direct) {
    return { ecosystem: 'gem', name, ...(version ? { version } : {}), line, direct };
}
/** Gemfile / gems.rb `gem 'name'`, and a gemspec's `add_dependency 'name'` (runtime and development). */
function scanGemfile(text) {
    const declarations = [];
    text.split(/\r?\n/).forEach((line, index) => {
        if (/^\s*#/.test(line))
            return;
        // `\s*(?:\(\s*)?`, not `\s*\(?\s*`: two `\s*` in a row share a run of spaces in every way, quadratic.
        const match = /^\s*gem\s*(?:\(\s*)?(["'])([^"']+)\1/.exec(line) ??
            /\.add_(?:runtime_|development_)?dependency\s*(?:\(\s*)?(["'])([^"']+)\1/.exec(line);
        if (match?.[2])
            declarations.push(gem(match[2], undefined, index + 1, true));
    });
    return declarations;
}
/**
 * Gemfile.lock: the `specs:` of the GEM, GIT and PATH sections list every gem at four spaces
 * (`    rails (7.0.4)`); their own dependencies follow at six.
 */
function scanGemfileLock(text) {
    const declarations = [];
    text.split(/\r?\n/).forEach((line, index) => {
        if (/^\s*#/.test(line))
            return;
        const match = /^ {4}([^\s(]+)(?: \(([^)]+)\))?\s*$/.exec(line);
        if (match?.[1])
            declarations.push(gem(match[1], match[2], index + 1, false));
    });
    return declarations;
}

;// CONCATENATED MODULE: ./src/locate/manifests/index.ts











const manifest = (scan) => ({ kind: 'manifest', scan });
const lockfile = (scan) => ({ kind: 'lockfile', scan });
/** pip requirements files; also the files they include (`-r base.txt`), whatever their names. */
const REQUIREMENTS = {
    kind: 'manifest',
    scan: scanRequirements,
    includes: requirementIncludes,
};
const BY_NAME = new Map([
    ['package.json', manifest(scanPackageJson)],
    ['package-lock.json', lockfile(scanPackageLock)],
    ['npm-shrinkwrap.json', lockfile(scanPackageLock)],
    ['yarn.lock', lockfile(scanYarnLock)],
    ['pnpm-lock.yaml', lockfile(scanPnpmLock)],
    ['pom.xml', manifest(scanPom)],
    ['build.gradle', manifest(scanGradle)],
    ['build.gradle.kts', manifest(scanGradle)],
    // Its version catalogs (`dependencyResolutionManagement { versionCatalogs { … } }`).
    ['settings.gradle', manifest(scanGradle)],
    ['settings.gradle.kts', manifest(scanGradle)],
    ['pyproject.toml', manifest(scanPyproject)],
    ['pipfile', manifest(scanPipfile)],
    ['pipfile.lock', lockfile(scanPipfileLock)],
    ['poetry.lock', lockfile((text) => scanPackageTables('pypi', text))],
    ['uv.lock', lockfile((text) => scanPackageTables('pypi', text))],
    ['go.mod', manifest(scanGoMod)],
    ['directory.packages.props', manifest(scanMsbuild)],
    ['directory.build.props', manifest(scanMsbuild)],
    ['packages.config', manifest(scanMsbuild)],
    ['packages.lock.json', lockfile(scanNugetLock)],
    ['cargo.toml', manifest(scanCargoToml)],
    ['cargo.lock', lockfile((text) => scanPackageTables('cargo', text))],
    ['composer.json', manifest(scanComposerJson)],
    ['composer.lock', lockfile(scanComposerLock)],
    ['gemfile', manifest(scanGemfile)],
    ['gems.rb', manifest(scanGemfile)],
    ['gemfile.lock', lockfile(scanGemfileLock)],
    ['gems.locked', lockfile(scanGemfileLock)],
    ['dockerfile', manifest(scanDockerfile)],
    ['containerfile', manifest(scanDockerfile)],
]);
/** Names that vary: tested in order, on the lower-case file name (and its folder for `requirements/`). */
const BY_PATTERN = [
    [/(?:^|\/)requirements[^/]*\.(?:txt|in)$|(?:^|\/)requirements\/[^/]+\.(?:txt|in)$/, REQUIREMENTS],
    [/\.(?:cs|fs|vb)proj$/, manifest(scanMsbuild)],
    [/\.versions\.toml$/, manifest(scanGradle)],
    [/(?:^|[/-])gradle\.lockfile$|\/dependency-locks\/[^/]+\.lockfile$/, lockfile(scanGradleLockfile)],
    [/\.gemspec$/, manifest(scanGemfile)],
    [
        /(?:^|\/)(?:[^/]+\.)?(?:docker|container)file$|(?:^|\/)(?:docker|container)file\.[^/]+$/,
        manifest(scanDockerfile),
    ],
];
/** How to read a file of the repository, by its path; undefined for files that declare no packages. */
function fileTypeOf(path) {
    const lower = path.toLowerCase();
    const byName = BY_NAME.get(lower.slice(lower.lastIndexOf('/') + 1));
    return byName ?? BY_PATTERN.find(([pattern]) => pattern.test(lower))?.[1];
}

;// CONCATENATED MODULE: ./src/locate/repository.ts







/** Whether a declaration stands for one version only: a manifest's pin (`Placed.pinned`) or a lockfile's copy. */
function pinsVersion(placed) {
    return placed.version !== undefined && (placed.pinned === true || placed.kind === 'lockfile');
}
const LF = 0x0a;
/**
 * One warning for every file that could not be read: in the Action each warning is an annotation, and a dozen
 * template `package.json` files would use up the step's share before any finding's.
 */
function problemsMessage(problems) {
    const [first, ...more] = problems;
    if (!first)
        return undefined;
    if (!more.length)
        return `${first}; findings are placed without it.`;
    const shown = problems.slice(0, 5).join('; ');
    const rest = problems.length > 5 ? `; and ${problems.length - 5} more` : '';
    return `${problems.length} manifests and lockfiles could not be read, and findings are placed without them: ${shown}${rest}.`;
}
function byKind(a, b) {
    return Number(a.kind === 'lockfile') - Number(b.kind === 'lockfile');
}
function folderOf(uri) {
    const slash = uri.lastIndexOf('/');
    return slash < 0 ? '' : uri.slice(0, slash);
}
function depthOf(folder) {
    if (!folder)
        return 0;
    let depth = 1;
    for (let at = folder.indexOf('/'); at >= 0; at = folder.indexOf('/', at + 1))
        depth++;
    return depth;
}
/** The keys a package may be declared under: its ecosystem's, or every scanned one's when it is not known. */
function keysOf(ref) {
    return ref.ecosystem
        ? [keyOf(ref.ecosystem, ref.name)]
        : SCANNED_ECOSYSTEMS.map((ecosystem) => keyOf(ecosystem, ref.name));
}
/**
 * Every declaration of the repository's manifests and lockfiles, read once and keyed by ecosystem and
 * normalised name, so that placing a finding costs a few map look-ups whatever the repository's size.
 */
class Repository {
    files;
    /** Every folder holding a file, for reading `componentPaths` that name a folder. */
    folders = new Set(['']);
    /** Images the final stage of each Dockerfile is built on. */
    shippedImages = [];
    declarations = new Map();
    projects = new Map();
    kinds = new Map();
    lineCounts = new Map();
    /** `lookup`'s answers for names of no known ecosystem. */
    anyEcosystem = new Map();
    /** `groups`' answers, by `keyOfRef`. */
    grouped = new Map();
    /** The package (its key) each line of a file declares, gathered when `keyAt` is first asked. */
    declaredLines;
    /** `installedVersions`' answers, by `keyOfRef`. */
    installed = new Map();
    lines = new Map();
    counted = new Map();
    root;
    /** Files that the files read so far include, with how to read them (`indexIncluded`). */
    included = [];
    /** Files whose declarations could not be read, and why: said in one warning once all are indexed. */
    problems = [];
    /** `warn` hears of the files whose declarations could not be read (the run goes on without them). */
    constructor(root, files, warn = () => { }) {
        this.root = root;
        this.files = new Set(files);
        for (const file of files) {
            for (let folder = folderOf(file); folder && !this.folders.has(folder); folder = folderOf(folder)) {
                this.folders.add(folder);
            }
            this.index(file);
        }
        this.indexIncluded();
        // Manifests first: the locator looks only at manifests for the packages of an impact path.
        for (const list of this.declarations.values()) {
            if (list.some((placed) => placed.kind === 'lockfile'))
                list.sort(byKind);
        }
        const message = problemsMessage(this.problems);
        if (message)
            warn(message);
    }
    /**
     * Files that others include (pip's `-r base.txt`) and whose names tell nothing, read as their includer's type:
     * each once, however many include it or in whatever cycle; only files of the repository.
     */
    indexIncluded() {
        const done = new Set();
        for (let next = this.included.pop(); next; next = this.included.pop()) {
            const [uri, type] = next;
            if (done.has(uri) || !this.files.has(uri) || fileTypeOf(uri))
                continue;
            done.add(uri);
            this.index(uri, type);
        }
    }
    index(uri, type = fileTypeOf(uri)) {
        if (!type)
            return;
        const text = this.read(uri, true);
        if (text === undefined)
            return;
        this.kinds.set(uri, type.kind);
        this.lineCounts.set(uri, countLines(text));
        const folder = folderOf(uri);
        const depth = depthOf(folder);
        let declarations;
        try {
            for (const include of type.includes?.(text) ?? []) {
                // Relative to the including file; one outside the repository (`../x`, `/etc/x`) is not read.
                const joined = external_node_path_default().posix.join(folder, include);
                if (!external_node_path_default().posix.isAbsolute(include) && !(0,paths/* leavesFolder */.tC)(joined, '/'))
                    this.included.push([joined, type]);
            }
            declarations = type.scan(text, uri);
        }
        catch (error) {
            // A scanner's bug on one odd file must not fail the run (exit 4): its findings go elsewhere.
            this.problems.push(`${uri}: could not read its declarations (${error instanceof Error ? error.message : String(error)})`);
            return;
        }
        // Folders of the repository; the lockfile's own, the common case, is one array for all of its copies.
        let own;
        const installsFor = (relative) => relative.length === 1 && relative[0] === ''
            ? (own ??= [folder])
            : relative.map((sub) => {
                const joined = external_node_path_default().posix.join(folder, sub);
                return joined === '.' ? '' : joined;
            });
        for (const declaration of declarations) {
            const key = keyOf(declaration.ecosystem, declaration.name);
            if (declaration.self) {
                this.push(this.projects, key, folder);
                continue;
            }
            const placed = {
                uri,
                folder,
                depth,
                kind: type.kind,
                line: declaration.line,
                version: declaration.version && normaliseVersion(declaration.version),
                direct: declaration.direct,
                ...(declaration.installsFor ? { installsFor: installsFor(declaration.installsFor) } : {}),
                ...(type.kind === 'manifest' &&
                    declaration.version !== undefined &&
                    pinsOneVersion(declaration.ecosystem, declaration.version)
                    ? { pinned: true }
                    : {}),
            };
            this.push(this.declarations, key, placed);
            if (declaration.ecosystem === 'docker' && declaration.direct)
                this.shippedImages.push(placed);
        }
    }
    push(map, key, value) {
        const list = map.get(key);
        if (list)
            list.push(value);
        else
            map.set(key, [value]);
    }
    /** `manifest`: a failure to read it is named in a warning, as its findings are placed without it. */
    read(uri, manifest = false) {
        const file = this.open(uri, manifest);
        if (!file)
            return undefined;
        try {
            // Of the size `fstat` gave (as `readFileSync` reads a file), without asking it again.
            const buffer = Buffer.allocUnsafe(file.size);
            let length = 0;
            for (let read = 1; read > 0 && length < file.size; length += read)
                read = (0,external_node_fs_.readSync)(file.fd, buffer, length, file.size - length, null);
            // UTF-16 with its mark too, as Windows PowerShell 5's `pip freeze >` saves a requirements file.
            return (0,encoding/* decodeText */.g7)(buffer.subarray(0, length));
        }
        catch (error) {
            if (manifest)
                this.unreadable(uri, error);
            return undefined;
        }
        finally {
            (0,external_node_fs_.closeSync)(file.fd);
        }
    }
    /**
     * A descriptor of the file, or undefined when it is not a regular file: deleted since git listed it, a
     * submodule, unreadable, a FIFO or device whose reading never ends, or, for a file of the repository, a
     * symbolic link (to a file outside it, `/dev/zero`, …). Other files (an export the job made) may be links.
     */
    open(uri, manifest = false) {
        try {
            // A file of the repository is not opened through a symbolic link the working tree put in its place.
            const opened = (0,paths/* openRegularFile */.ZU)(external_node_path_default().join(this.root, uri), this.files.has(uri));
            return 'fd' in opened ? opened : undefined;
        }
        catch (error) {
            // Deleted since git listed it, or a symbolic link (`O_NOFOLLOW`): skipped as the README says, unwarned.
            const code = error.code;
            if (manifest && code !== 'ENOENT' && code !== 'ELOOP')
                this.unreadable(uri, error);
            return undefined;
        }
    }
    unreadable(uri, error) {
        const why = error.code ?? (error instanceof Error ? error.message : String(error));
        this.problems.push(`${uri}: could not be read (${why})`);
    }
    /**
     * Declarations of a package, those of manifests first; of that name in any ecosystem when its
     * ecosystem is unknown.
     */
    lookup(ref) {
        if (ref.ecosystem)
            return this.find(this.declarations, ref);
        // Kept, so a name is gathered from every ecosystem once.
        let found = this.anyEcosystem.get(ref.name);
        if (!found)
            this.anyEcosystem.set(ref.name, (found = [...this.find(this.declarations, ref)].sort(byKind)));
        return found;
    }
    /**
     * A package's declarations in `DeclarationGroup`s, manifests first: placing a finding looks at one
     * declaration per group, since going over all of them for each finding took 37 s for 20,000 findings of a
     * package a lockfile holds 50,000 copies of.
     */
    groups(ref) {
        const key = keyOfRef(ref);
        let groups = this.grouped.get(key);
        if (!groups) {
            const byKey = new Map();
            for (const placed of this.lookup(ref)) {
                const groupKey = `${Number(placed.direct)}${Number(pinsVersion(placed))}${placed.uri}`;
                let group = byKey.get(groupKey);
                if (!group)
                    byKey.set(groupKey, (group = { first: placed, byVersion: new Map() }));
                else if (placed.line < group.first.line)
                    group.first = placed;
                if (placed.version === undefined)
                    continue;
                const declared = group.byVersion.get(placed.version);
                if (!declared || placed.line < declared.line)
                    group.byVersion.set(placed.version, placed);
            }
            this.grouped.set(key, (groups = [...byKey.values()]));
        }
        return groups;
    }
    /**
     * Per folder, the versions its lockfiles install of a package the folder's own manifest declares; gathered
     * once per package, since going over all its declarations for each finding took seconds per finding in a
     * monorepo of thousands of projects declaring one package.
     */
    installedVersions(ref) {
        const key = keyOfRef(ref);
        let byFolder = this.installed.get(key);
        if (!byFolder) {
            byFolder = new Map();
            for (const placed of this.lookup(ref)) {
                if (!placed.installsFor || placed.version === undefined)
                    continue;
                for (const folder of placed.installsFor) {
                    const versions = byFolder.get(folder);
                    if (versions)
                        versions.add(placed.version);
                    else
                        byFolder.set(folder, new Set([placed.version]));
                }
            }
            this.installed.set(key, byFolder);
        }
        return byFolder;
    }
    /** Whether a line of a file declares a package, and another than `ref` (not the file's own project). */
    declaresOther(uri, line, ref) {
        const key = this.keyAt(uri, line);
        return key !== undefined && !keysOf(ref).includes(key);
    }
    /** The key (`keyOf`) of the package a line of a file declares, if any. */
    keyAt(uri, line) {
        if (!this.declaredLines) {
            // Asked only when a result moves off its line: then in one pass over every declaration, not kept by `index`.
            this.declaredLines = new Map();
            for (const [key, list] of this.declarations)
                for (const { uri: file, line: at } of list) {
                    const lines = this.declaredLines.get(file);
                    if (!lines)
                        this.declaredLines.set(file, new Map([[at, key]]));
                    else if (!lines.has(at))
                        lines.set(at, key);
                }
        }
        return this.declaredLines.get(uri)?.get(line);
    }
    /** Folders of the manifests that define a project of this name (`package.json` `name`, …). */
    projectFolders(ref) {
        return this.find(this.projects, ref);
    }
    find(map, ref) {
        // One key, without a list made for it: asked for every finding.
        if (ref.ecosystem)
            return map.get(keyOf(ref.ecosystem, ref.name)) ?? [];
        return keysOf(ref).flatMap((key) => map.get(key) ?? []);
    }
    /** Nothing declared and no project defined: no impact path element can be found here. */
    get declaresNothing() {
        return this.declarations.size === 0 && this.projects.size === 0;
    }
    kindOf(uri) {
        return this.kinds.get(uri);
    }
    /**
     * A file's lines, or null when it is missing, unreadable or binary. Any file under the root may be
     * read: the fallback file (an imported export, the SBOM) is often made by the job and not tracked.
     */
    linesOf(uri) {
        let lines = this.lines.get(uri);
        if (lines === undefined) {
            const text = this.read(uri);
            lines = text === undefined || text.includes('\0') ? null : splitLines(text);
            this.lines.set(uri, lines);
        }
        return lines;
    }
    /**
     * A file's number of lines as `splitLines` counts them, or null when it is missing, unreadable or binary.
     * Read in chunks and never kept: the fallback file may be a 200 MB export.
     */
    countLines(uri) {
        if (!this.counted.has(uri))
            this.counted.set(uri, this.readLineCount(uri));
        return this.counted.get(uri) ?? null;
    }
    readLineCount(uri) {
        const fd = this.open(uri)?.fd;
        if (fd === undefined)
            return null;
        try {
            const buffer = Buffer.alloc(1 << 20);
            let count = 0;
            let last = -1;
            for (let read = (0,external_node_fs_.readSync)(fd, buffer); read > 0; read = (0,external_node_fs_.readSync)(fd, buffer)) {
                const chunk = buffer.subarray(0, read);
                if (chunk.includes(0))
                    return null;
                for (let at = chunk.indexOf(LF); at >= 0; at = chunk.indexOf(LF, at + 1))
                    count++;
                last = chunk[read - 1] ?? -1;
            }
            return last === LF ? count : count + 1;
        }
        catch {
            return null;
        }
        finally {
            (0,external_node_fs_.closeSync)(fd);
        }
    }
    /** A file that exists, without reading it (the fallback file may be a 200 MB export). */
    isFile(uri) {
        try {
            return (0,external_node_fs_.statSync)(external_node_path_default().join(this.root, uri)).isFile();
        }
        catch {
            return false;
        }
    }
    /** A text file that can be read: git may list one that has since been deleted. */
    readable(uri) {
        return this.lineCounts.has(uri) || this.countLines(uri) !== null;
    }
    /** A file that is not in the repository has no lines to run out of: GitHub shows no preview of it anyway. */
    lineCount(uri) {
        const count = this.lineCounts.get(uri) ?? this.countLines(uri);
        return count === null ? Number.POSITIVE_INFINITY : Math.max(1, count);
    }
}

;// CONCATENATED MODULE: ./src/locate/rank.ts

function versionFit(placed, version, installed) {
    if (version === undefined)
        return 1;
    if (placed.version === version || installed?.has(version))
        return 0;
    if (installed || pinsVersion(placed))
        return 2;
    return 1;
}
/**
 * How far a file's folder is from the folders a finding points at (its `componentPaths`, the folders of
 * the projects its impact path starts from): the folder itself, then its parents nearest first, then
 * folders inside it, then unrelated folders sharing the longest prefix. 0 when there are no hints.
 */
function distance(folder, hints) {
    let best = hints.length ? Infinity : 0;
    for (const hint of hints)
        best = Math.min(best, distanceTo(folder, hint));
    return best;
}
function distanceTo(folder, hint) {
    if (folder === '' || hint === folder || hint.startsWith(`${folder}/`))
        return depthOf(hint) - depthOf(folder);
    if (hint === '' || folder.startsWith(`${hint}/`))
        return 1_000 + depthOf(folder) - depthOf(hint);
    // Unrelated folders: the more leading folders in common, the nearer.
    let common = 0;
    for (let at = 0; at < folder.length && folder[at] === hint[at]; at++)
        if (folder[at] === '/')
            common++;
    return 1_000_000 - common;
}
/** Orders candidates by tier, path position, version, manifest over lockfile, shallowest, path, line. */
function compare(a, b) {
    return (a.tier - b.tier ||
        a.position - b.position ||
        a.fit - b.fit ||
        Number(a.placed.kind === 'lockfile') - Number(b.placed.kind === 'lockfile') ||
        a.placed.depth - b.placed.depth ||
        (a.placed.uri < b.placed.uri ? -1 : a.placed.uri > b.placed.uri ? 1 : 0) ||
        a.placed.line - b.placed.line);
}
/** The best candidate: closest to the hints first, then in the order of `compare`. */
function best(candidates, hints) {
    let winner;
    let winnerDistance = Infinity;
    for (const candidate of candidates) {
        const d = distance(candidate.placed.folder, hints);
        if (!winner || d < winnerDistance || (d === winnerDistance && compare(candidate, winner) < 0)) {
            [winner, winnerDistance] = [candidate, d];
        }
    }
    return winner;
}

;// CONCATENATED MODULE: ./src/locate/place.ts





/**
 * A direct declaration whose folder's lockfile installs a version other than the finding's: the finding is
 * about another copy (`uuid@8.3.2` nested under a dependency, while the project asks for `uuid@^11`), which
 * the lockfile's own entry of that version places better.
 */
function installsAnotherVersion(installed, version) {
    return version !== undefined && installed !== undefined && !installed.has(version);
}
/**
 * Folders with a lockfile holding the package: there a pin of another version may be resolved to the finding's
 * (Gradle, NuGet), and stays the line to fix.
 */
function lockedFolders(groups) {
    return new Set(groups.filter(({ first }) => first.kind === 'lockfile').map(({ first }) => first.folder));
}
function parentOf(folder) {
    return folder.slice(0, Math.max(0, folder.lastIndexOf('/')));
}
/** From this many declarations of a package on, its candidates are shared and looked up by folder. */
const MANY_DECLARATIONS = 32;
function groupedBy(candidates, keyOf) {
    const groups = new Map();
    for (const candidate of candidates) {
        const key = keyOf(candidate);
        const group = groups.get(key);
        if (group)
            group.push(candidate);
        else
            groups.set(key, [candidate]);
    }
    return groups;
}
/**
 * What `byFolder` holds in the folders or the nearest folders above them, walking up from each: all of it at the
 * least distance, in the folders' order. Nearer than anything in no folder above (`distance`).
 */
function nearestAbove(folders, byFolder) {
    let nearestUp = Infinity;
    let found = [];
    for (const hint of folders) {
        for (let folder = hint, up = 0; up <= nearestUp; folder = parentOf(folder), up++) {
            const here = byFolder.get(folder);
            if (here !== undefined) {
                found = up < nearestUp ? [here] : [...found, here];
                nearestUp = up;
            }
            if (here !== undefined || !folder)
                break;
        }
    }
    return found;
}
function rootManifestsOf(list) {
    const byFolder = new Map();
    for (const manifest of list)
        if (!byFolder.has(manifest.folder))
            byFolder.set(manifest.folder, manifest);
    return { list, byFolder, nearestTo: new Map() };
}
/**
 * Places findings in the order of SPEC §7:
 * 1. a file the scanner named in `componentPaths` (jf names the manifest of the direct dependency): its
 *    declaration of the component or of the dependency pulling it in, else its line naming the
 *    component, else its first line;
 * 2. the best declaration in the repository (`rank.ts`). Monorepos: nearest to the finding's folders
 *    first — folders `componentPaths` name, and those of this repository's projects its impact paths
 *    start from — that is the folder itself, then the nearest folder above; without such folders the
 *    shallowest file wins. Then the component's direct declaration (or, when every impact path shows it
 *    transitive, the manifest line of the dependency pulling it in), then its lockfile entries (of its
 *    version first), then for OS packages the image a Dockerfile ships;
 * 3. the component's entry in the uploaded SBOM;
 * 4. the root manifest nearest the finding's folders, else the shallowest one, at line 1: of the finding's
 *    ecosystem when the repository has one (a Maven finding goes to a pom.xml, not to a package.json);
 * 5. the fallback file, at line 1.
 */
class Placer {
    rootManifests;
    /** Those of each ecosystem, made when a finding of it first needs one. */
    rootManifestsByEcosystem = new Map();
    root;
    repository;
    sbom;
    fallback;
    /** Each export's fallback file: itself when it lies in the working directory. */
    exportFallbacks = new Map();
    /** Impact path elements repeat across findings; reading one builds a purl. */
    pathRefs = new Map();
    /** Component paths repeat across findings too; each costs a path resolution. */
    componentPathHints = new Map();
    /** Files the scanner named that declare a finding's package in no way read here: searched for its name. */
    lineSearches = new Map();
    /** Candidates of packages declared in many places (`CandidateList`). */
    candidateLists = new Map();
    constructor(root, repository, sbom, fallback) {
        this.root = root;
        this.repository = repository;
        this.sbom = sbom;
        this.fallback = fallback;
        const list = [...repository.files]
            .flatMap((uri) => {
            const slash = uri.lastIndexOf('/');
            const kind = rootManifestOf(uri.slice(slash + 1));
            if (!kind)
                return [];
            const folder = slash < 0 ? '' : uri.slice(0, slash);
            return [{ uri, folder, depth: depthOf(folder), ...kind }];
        })
            .filter((manifest) => repository.readable(manifest.uri))
            .sort((a, b) => a.depth - b.depth || a.order - b.order || (a.uri < b.uri ? -1 : 1));
        this.rootManifests = rootManifestsOf(list);
    }
    /** The root manifests of the finding's ecosystem when the repository has any, else all of them. */
    rootManifestsFor(ecosystem) {
        if (!ecosystem)
            return this.rootManifests;
        let own = this.rootManifestsByEcosystem.get(ecosystem);
        if (!own) {
            own = rootManifestsOf(this.rootManifests.list.filter((m) => m.ecosystems.includes(ecosystem)));
            this.rootManifestsByEcosystem.set(ecosystem, own);
        }
        return own.list.length ? own : this.rootManifests;
    }
    lineCount(uri) {
        return this.repository.lineCount(uri);
    }
    declaresOther(uri, line, component) {
        return this.repository.declaresOther(uri, line, refOfComponent(component));
    }
    locate(finding, importFile) {
        const target = refOfComponent(finding.component);
        const hints = this.hints(finding, target);
        const declared = this.declared(finding, target, hints);
        if (declared)
            return declared;
        const inSbom = this.sbom?.locationOf(target);
        if (inSbom)
            return inSbom;
        const manifest = this.rootManifest(hints.folders, this.rootManifestsFor(target.ecosystem));
        if (manifest)
            return { uri: manifest.uri, startLine: 1, rule: 'root-manifest' };
        return { uri: this.fallbackFor(importFile), startLine: 1, rule: 'fallback' };
    }
    fallbackFor(importFile) {
        if (importFile === undefined)
            return this.fallback;
        let uri = this.exportFallbacks.get(importFile);
        if (uri === undefined) {
            const own = toUri(this.root, importFile);
            uri = own && this.repository.isFile(own) ? own : this.fallback;
            this.exportFallbacks.set(importFile, uri);
        }
        return uri;
    }
    hints(finding, target) {
        const hints = { files: [], folders: [], path: [], transitive: false, direct: false };
        const folders = new Set();
        for (const componentPath of finding.componentPaths) {
            const hint = this.componentPathHint(componentPath);
            if (hint?.file)
                hints.files.push(hint.file);
            else if (hint?.folder)
                folders.add(hint.folder);
        }
        // An export read outside a checkout: its impact paths could only name packages the repository declares.
        if (this.repository.declaresNothing) {
            hints.folders = [...folders];
            return hints;
        }
        const targetKey = keyOfRef(target);
        const seen = new Set([targetKey]);
        let transitivePaths = 0;
        // Without impact paths, the direct dependencies the scanner names: each a path of its first hop.
        const impactPaths = finding.impactPaths.length
            ? finding.impactPaths
            : (finding.directDependencies?.map((dependency) => [dependency]) ?? []);
        for (const impactPath of impactPaths) {
            // The first package on the path that a manifest declares is the direct dependency.
            let direct;
            for (const [position, element] of impactPath.entries()) {
                const ref = this.pathRef(element, target.ecosystem);
                if (!ref)
                    continue;
                const key = keyOfRef(ref);
                if (key === targetKey) {
                    direct ??= key;
                    continue;
                }
                // A project of this repository (the root of the path) is no dependency; its folder is a hint.
                const projects = this.repository.projectFolders(ref);
                if (projects.length) {
                    for (const folder of projects)
                        folders.add(folder);
                    continue;
                }
                if (this.repository.lookup(ref)[0]?.kind === 'manifest')
                    direct ??= key;
                if (!seen.has(key))
                    hints.path.push({ ref, position });
                seen.add(key);
            }
            if (direct !== undefined && direct !== targetKey)
                transitivePaths++;
            if (direct === targetKey)
                hints.direct = true;
        }
        hints.transitive = transitivePaths > 0 && transitivePaths === impactPaths.length;
        hints.folders = [...folders];
        return hints;
    }
    /** A file of the repository the path names, else the deepest folder on its way; the same for every finding. */
    componentPathHint(componentPath) {
        if (this.componentPathHints.has(componentPath))
            return this.componentPathHints.get(componentPath);
        const uri = toUri(this.root, componentPath);
        let hint;
        if (uri && this.repository.files.has(uri) && this.repository.readable(uri))
            hint = { file: uri };
        // A folder, a path below one (`services/api/node_modules/x`), or a binary file's path.
        else if (uri)
            hint = { folder: this.deepestFolder(uri) };
        this.componentPathHints.set(componentPath, hint);
        return hint;
    }
    pathRef(element, ecosystem) {
        let refs = this.pathRefs.get(ecosystem);
        if (!refs)
            this.pathRefs.set(ecosystem, (refs = new Map()));
        if (!refs.has(element))
            refs.set(element, refOfPathElement(element, ecosystem));
        return refs.get(element);
    }
    /** The deepest folder of the repository on the way to a path. */
    deepestFolder(uri) {
        let folder = uri;
        while (folder && !this.repository.folders.has(folder))
            folder = parentOf(folder);
        return folder;
    }
    /** The declarations of the finding's own package, one a file and kind of declaration. */
    ownCandidates(target, hints) {
        // Asked only of a direct declaration: most findings have none.
        let installed;
        const groups = this.repository.groups(target);
        const lines = groups.map(({ first, byVersion }) => {
            const installs = first.direct
                ? (installed ??= this.repository.installedVersions(target)).get(first.folder)
                : undefined;
            // Every line of the group stands for the version its lockfile installs, else the line declaring it does.
            const placed = target.version === undefined || installs?.has(target.version)
                ? first
                : (byVersion.get(target.version) ?? first);
            return { placed, installs, fit: versionFit(placed, target.version, installs) };
        });
        // A pin of another version that no lockfile of its folder resolves is what that folder installs: when a line
        // elsewhere holds the finding's version, the finding is about that copy (`uuid@9.0.1` in another project's
        // lockfile, not a module's `8.3.2`). With none, the pin stays the line to fix.
        const locked = lines.some(({ fit }) => fit === 0) ? lockedFolders(groups) : undefined;
        return lines.map(({ placed, installs, fit }) => {
            const pinsAnother = locked !== undefined && fit === 2 && !installs && !locked.has(placed.folder);
            // The scanner's word that the project asks for this copy outweighs what the checkout's lockfile says.
            const own = placed.direct && (hints.direct || !(pinsAnother || installsAnotherVersion(installs, target.version)));
            return { placed, tier: own ? (hints.transitive ? 2 : 1) : 3, position: 0, fit, own: true };
        });
    }
    /** The manifest lines of what pulls the package in, and for OS packages the images that ship it. */
    otherCandidates(target, hints) {
        const candidates = [];
        for (const { ref, position } of hints.path) {
            for (const { first, byVersion } of this.repository.groups(ref)) {
                if (first.kind !== 'manifest')
                    break;
                const placed = ref.version === undefined ? first : (byVersion.get(ref.version) ?? first);
                const tier = hints.transitive ? 1 : 2;
                candidates.push({ placed, tier, position, fit: versionFit(placed, ref.version), own: false });
            }
        }
        if (target.ecosystem && OS_ECOSYSTEMS.has(target.ecosystem)) {
            for (const placed of this.repository.shippedImages)
                candidates.push({ placed, tier: 4, position: 0, fit: 1, own: false });
        }
        return candidates;
    }
    /**
     * The candidates of the finding's own package: made for it, or shared when the package is declared in many
     * places. Shared by what they depend on only (not the finding's impact path, which differs from finding to
     * finding: a list kept per path held every declaration again for each, gigabytes for 8,000 projects).
     */
    ownList(target, hints) {
        if (this.repository.groups(target).length < MANY_DECLARATIONS)
            return { all: this.ownCandidates(target, hints) };
        const key = `${keyOfRef(target)}\0${target.version ?? ''}\0${Number(hints.direct)}${Number(hints.transitive)}`;
        let list = this.candidateLists.get(key);
        if (!list)
            this.candidateLists.set(key, (list = { all: this.ownCandidates(target, hints) }));
        return list;
    }
    /**
     * Of the own candidates, those that can be `best` with these folders: of many, those in the folders or the
     * nearest folders above them, found by walking up from each, which are nearer than any other (`distance`);
     * without folders, the best of them. The others can only lose to these.
     */
    contenders(list, folders) {
        if (list.all.length < MANY_DECLARATIONS)
            return list.all;
        if (!folders.length) {
            const { winner } = (list.unhinted ??= { winner: best(list.all, folders) });
            return winner ? [winner] : [];
        }
        const pool = nearestAbove(folders, (list.byFolder ??= groupedBy(list.all, (c) => c.placed.folder))).flat();
        return pool.length ? pool : list.all;
    }
    /** The declaration of the component (or of what pulls it in), preferring the files the scanner named. */
    declared(finding, target, hints) {
        const own = this.ownList(target, hints);
        // Own candidates first, as `best` keeps the first of equals.
        const others = this.otherCandidates(target, hints);
        for (const file of hints.files) {
            const byUri = (own.byUri ??= groupedBy(own.all, (c) => c.placed.uri));
            const onFile = [...(byUri.get(file) ?? []), ...others.filter((c) => c.placed.uri === file)];
            const winner = best(onFile, hints.folders);
            if (winner)
                return this.at(winner);
        }
        const [file] = hints.files;
        if (file) {
            // The scanner's file declares it in a way no scanner here reads: the line naming it (quoted, else as
            // a word), else the top. Not the bare name of a scoped one: `core` of `@babel/core`, or `v2` of a Go
            // module, would find another package's line.
            // Maven's is the exception: a pom names group and artifact on lines of their own.
            const { packageName, name, ecosystem } = finding.component;
            const names = ecosystem === 'maven' || packageName === name ? [packageName, name] : [packageName];
            const startLine = this.lineSearch(file).lineOf(names);
            return { uri: file, startLine, rule: this.repository.kindOf(file) ?? 'manifest' };
        }
        const winner = best([...this.contenders(own, hints.folders), ...others], hints.folders);
        return winner && this.at(winner);
    }
    lineSearch(uri) {
        let search = this.lineSearches.get(uri);
        if (!search)
            this.lineSearches.set(uri, (search = new LineSearch(this.repository.linesOf(uri) ?? [])));
        return search;
    }
    at({ placed, fit, own }) {
        return {
            uri: placed.uri,
            startLine: placed.line,
            rule: placed.kind,
            // The line declares this finding's package at a version that may be its own: it keeps the line.
            ...(own && fit < 2 ? { sameVersion: true } : {}),
        };
    }
    /**
     * The manifest of the project nearest the finding's folders: in the folder or the nearest one above
     * it, else (rarely) the nearest by `distance`; without folders, the shallowest.
     */
    rootManifest(folders, manifests) {
        if (!folders.length)
            return manifests.list[0];
        // Of equals, the first folder's.
        const [above] = nearestAbove(folders, manifests.byFolder);
        if (above)
            return above;
        const key = folders.join('\0');
        if (manifests.nearestTo.has(key))
            return manifests.nearestTo.get(key);
        let winner;
        let winnerDistance = Infinity;
        for (const manifest of manifests.list) {
            const d = distance(manifest.folder, folders);
            if (d < winnerDistance)
                [winner, winnerDistance] = [manifest, d];
        }
        manifests.nearestTo.set(key, winner);
        return winner;
    }
}

;// CONCATENATED MODULE: ./src/locate/sbom.ts



/** The components of a CycloneDX JSON SBOM, keyed like the repository index, at their `purl` line. */
class Sbom {
    /** The SBOM's path relative to the working directory. */
    uri;
    entries = new Map();
    constructor(uri, text) {
        this.uri = uri;
        this.components(member(parseJson(text), 'components')?.value);
    }
    components(list) {
        for (const node of itemsOf(list)) {
            const purl = member(node, 'purl');
            const name = member(node, 'name');
            const nameText = stringOf(name?.value);
            const line = purl?.line ?? name?.line;
            if (line && nameText) {
                const group = stringOf(member(node, 'group')?.value);
                const version = stringOf(member(node, 'version')?.value);
                const component = (0,findings_component/* componentFromPurl */.T5)(stringOf(purl?.value), {
                    name: nameText,
                    ...(group ? { group } : {}),
                    ...(version ? { version } : {}),
                });
                const ref = refOfComponent(component);
                const entry = { line, ...(ref.version ? { version: ref.version } : {}) };
                this.add(keyOfRef(ref), entry);
                if (ref.ecosystem)
                    this.add(anyKeyOf(normaliseName(ref.ecosystem, ref.name)), entry);
            }
            // CycloneDX nests the parts of a component inside it.
            this.components(member(node, 'components')?.value);
        }
    }
    add(key, entry) {
        let entries = this.entries.get(key);
        if (!entries) {
            entries = { first: entry, byVersion: new Map() };
            this.entries.set(key, entries);
        }
        if (entry.version !== undefined && !entries.byVersion.has(entry.version))
            entries.byVersion.set(entry.version, entry.line);
    }
    /** Number of component entries read. */
    get size() {
        return this.entries.size;
    }
    /**
     * The package's entry, the one of its version when there are several; `sameVersion` (as a manifest's or
     * lockfile's line has it) unless the entry names another version than the finding's.
     */
    locationOf(ref) {
        const entries = this.entries.get(keyOfRef(ref)) ?? this.entries.get(anyKeyOf(ref.name));
        if (!entries)
            return undefined;
        const own = ref.version === undefined ? undefined : entries.byVersion.get(ref.version);
        const { first } = entries;
        const sameVersion = own !== undefined || ref.version === undefined || first.version === undefined;
        return {
            uri: this.uri,
            startLine: own ?? first.line,
            rule: 'sbom',
            ...(sameVersion ? { sameVersion } : {}),
        };
    }
}

;// CONCATENATED MODULE: ./src/locate/separate.ts
/**
 * The lines of one file that results of one rule use. Finding the next free line skips taken ones by
 * pointers kept short as they are followed (as a union-find does), so placing many findings of one rule on
 * one line costs about as much as placing them on lines of their own: following lines one by one from the
 * shared line made 60,000 findings of one CVE take a minute.
 */
class TakenLines {
    taken;
    /**
     * For a line passed over, a later line: every line from it up to (not including) that one is taken, or declares
     * a package the finding that passed it could not take.
     */
    skip = new Map();
    /** The last line taken, past the end of the file too. */
    last;
    constructor(first, second = first) {
        this.taken = new Set([first, second]);
        this.last = Math.max(first, second);
    }
    has(line) {
        return this.taken.has(line);
    }
    add(line) {
        this.taken.add(line);
        this.last = Math.max(this.last, line);
    }
    /**
     * The first line of `from`…`to` that is neither taken nor `declared` (another package's), if any. The lines
     * passed are skipped by later calls too: a finding of another package may then miss its own line below them,
     * never land on another package's.
     */
    firstFree(from, to, declared) {
        const passed = [];
        let line = from;
        while (line <= to && (this.taken.has(line) || declared(line))) {
            passed.push(line);
            line = this.skip.get(line) ?? line + 1;
        }
        for (const taken of passed)
            this.skip.set(taken, line);
        return line <= to ? line : undefined;
    }
}
const CLAIM_TURNS = 4;
/**
 * When a finding claims its line: open ones before suppressed ones (a suppressed sighting never moves a finding
 * that is reported), and of each, first those the line declares (`Location.sameVersion`: their package at a
 * version that fits) rather than a package pulling them in or another version.
 */
function claimTurn(suppressed, location) {
    return (suppressed ? 2 : 0) + (location.sameVersion ? 0 : 1);
}
/**
 * GitHub merges results of one rule that share a file and line, so of the findings of one id at one line,
 * one keeps it: the first (the most severe, as the findings come sorted) of those whose turn to claim it
 * (`claimTurn`) comes first. The others move to the next line of the file that id does not use yet, wrapping
 * to the top; one placed on a declaration (rules `manifest`, `lockfile`) skips lines that declare another package
 * (`Locator.declaresOther`): there the result would read as that package's (`uuid` 9.0.1 moved onto the `axios`
 * line below `uuid` 8.3.2's). Findings already on lines of their own keep them. When no line of the file is left,
 * a finding goes past its end: an alert of its own matters more than a line GitHub can show. A finding that moves
 * keeps the line it left as `declaredLine`.
 */
function separateSharedLines(findings, locator) {
    // Keyed by id, then file: no joined key that two different pairs could share. Most ids are on one line of
    // a file: its line number is kept, the lines' set only once a second line is used.
    const used = new Map();
    const movers = [];
    // Findings claim their lines turn by turn, each turn in the findings' order; the others move in that order.
    for (let turn = 0; turn < CLAIM_TURNS; turn++) {
        for (const [index, { id, location, suppressed, component }] of findings.entries()) {
            if (claimTurn(suppressed, location) !== turn)
                continue;
            let files = used.get(id);
            if (!files)
                used.set(id, (files = new Map()));
            const lines = files.get(location.uri);
            if (lines === undefined)
                files.set(location.uri, location.startLine);
            else if (lines === location.startLine || (typeof lines !== 'number' && lines.has(location.startLine)))
                movers.push({ index, finding: { id, location, component } });
            else if (typeof lines === 'number')
                files.set(location.uri, new TakenLines(lines, location.startLine));
            else
                lines.add(location.startLine);
        }
    }
    movers.sort((a, b) => a.index - b.index);
    for (const { finding } of movers) {
        const { id, location, component } = finding;
        const files = used.get(id);
        const taken = files?.get(location.uri);
        // Always set: a finding moves only after its rule and file were recorded above.
        if (!files || taken === undefined)
            continue;
        const lines = typeof taken === 'number' ? new TakenLines(taken) : taken;
        files.set(location.uri, lines);
        // Kept for reports that need no move (GitLab's); `??=` keeps the first line if it is ever moved twice.
        location.declaredLine ??= location.startLine;
        // Only a result placed on a declaration reads as the package of the line it moves to; one that stands for the
        // whole file (a root manifest's line 1) would otherwise go past the end of a file whose every line declares one.
        const onDeclaration = location.rule === 'manifest' || location.rule === 'lockfile';
        const declared = (line) => onDeclaration && locator.declaresOther(location.uri, line, component);
        location.startLine = nextLine(lines, location.startLine, locator.lineCount(location.uri), declared);
        lines.add(location.startLine);
    }
}
/**
 * The line after `start` (cyclically in a file of `count` lines, unbounded when the file is unknown) that
 * is neither taken nor `declared`; past the end of the file and of every line taken when none is free.
 */
function nextLine(lines, start, count, declared) {
    // A start past the end of the file counts round from the top, as the line after the last is the first
    // (`count` is at least 1; an unknown file's Infinity leaves `start` as it is, and always has a free line).
    const from = ((start - 1) % count) + 1;
    const free = lines.firstFree(from + 1, count, declared) ?? lines.firstFree(1, from - 1, declared);
    // Every line taken: past the end of the file, since two results on one line would become one alert.
    return free ?? Math.max(count, lines.last) + 1;
}

;// CONCATENATED MODULE: ./src/locate/index.ts









/** The uploaded SBOM, when it lies inside the working directory (a location must) and can be read. */
function readSbom(options) {
    if (!options.sbom)
        return undefined;
    const uri = toUri(options.workingDirectory, options.sbom);
    const unused = (why) => {
        options.note?.(`sbom: ${why}; findings are placed without it.`);
        return undefined;
    };
    // A location must lie in the working directory.
    if (!uri)
        return unused(`${options.sbom} is outside the working directory, so none of its lines is a location`);
    let text;
    try {
        // UTF-16 with its mark too, as PowerShell 5's `>` saves a generated SBOM, and as import files are read.
        text = (0,encoding/* decodeText */.g7)((0,external_node_fs_.readFileSync)(external_node_path_default().join(options.workingDirectory, uri)));
    }
    catch (error) {
        return unused(`cannot read ${uri} (${error.code ?? String(error)})`);
    }
    const noLines = (why) => unused(`${uri} gives no component lines to place findings at (${why}sca-bridge reads the components of a CycloneDX JSON SBOM)`);
    try {
        const sbom = new Sbom(uri, text);
        return sbom.size ? sbom : noLines('');
    }
    catch (error) {
        return noLines(`${error instanceof Error ? error.message : String(error)}; `);
    }
}
/** Indexes the working directory's manifests and lockfiles once; `locate` then costs a few look-ups. */
async function createLocator(options) {
    const root = options.workingDirectory;
    const warn = options.warn ?? options.note;
    const repository = new Repository(root, await listFiles(root, warn), warn);
    return new Placer(root, repository, readSbom(options), fallbackUri(options, repository));
}

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
;// CONCATENATED MODULE: ./src/policy/filter.ts



/** The paths a finding is matched on: the source's own paths, else the manifest it was placed in. */
function pathsOf(finding) {
    const own = finding.patternPaths ?? finding.componentPaths;
    if (own.length)
        return own;
    const { rule, uri } = finding.location;
    return rule === 'manifest' || rule === 'lockfile' || rule === 'root-manifest' ? [uri] : [];
}
/**
 * `include-path-patterns` / `exclude-path-patterns`, with the meaning Xray gives them: a finding stays when one
 * of its paths is included (or no include is given) and none is excluded. A finding with no path at all stays.
 */
function pathFilter(include, exclude) {
    if (!include.length && !exclude.length)
        return () => true;
    const options = { dot: true };
    const included = include.length ? picomatch_default()([...include], options) : () => true;
    const excluded = exclude.length ? picomatch_default()([...exclude], options) : () => false;
    return (finding) => {
        const paths = pathsOf(finding);
        return paths.length === 0 || (paths.some((p) => included(p)) && !paths.some((p) => excluded(p)));
    };
}
/**
 * What the path patterns left out of `all`, keeping `kept`, counted as findings are once an export's repeated
 * rows merge (`collapseDuplicates`): a finding is left out when every row of it is. When they left out every one
 * that has a path (one without is always kept), a warning shows the paths there were to match, since a pattern
 * written with Xray's repository key or another root matches none.
 */
function pathFilterNote(all, kept, include) {
    if (kept.length === all.length)
        return undefined;
    const findings = new Set(all.map(findingKey)).size;
    const left = findings - new Set(kept.map(findingKey)).size;
    if (!left)
        return undefined;
    const text = `Path patterns left out ${left} of ${findings} findings`;
    if (kept.some((finding) => pathsOf(finding).length))
        return { warn: false, text: `${text}.` };
    const paths = [...new Set(all.flatMap(pathsOf))];
    const shown = `${paths
        .slice(0, 3)
        .map((p) => `\`${p}\``)
        .join(', ')}${paths.length > 3 ? ', …' : ''}`;
    const why = include.length
        ? 'include-path-patterns matched none of their paths'
        : 'exclude-path-patterns matched every one of their paths';
    return {
        warn: true,
        text: `${text}, every one that has a path: ${why}, which look like ${shown} (relative to the repository root; an Xray path without its repository key).`,
    };
}
/** `min-severity` and suppression (SPEC §3, §6). */
function applyReportFilters(findings, minSeverity, includeSuppressed) {
    const aboveFloor = findings.filter((f) => (0,findings_severity/* atLeast */.jZ)(f.severity, minSeverity));
    const suppressed = aboveFloor.filter((f) => f.suppressed).length;
    return {
        reported: includeSuppressed ? aboveFloor : aboveFloor.filter((f) => !f.suppressed),
        suppressed,
        belowMinSeverity: findings.length - aboveFloor.length,
    };
}

// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/report/github-limits.ts



/** GitHub code scanning rejects a file above these (SPEC §7). */
const GITHUB_LIMITS = {
    resultsPerRun: 25_000,
    rulesPerRun: 25_000,
    // GitHub says "10 MB": read as decimal megabytes, the smaller of the two readings.
    gzipBytes: 10_000_000,
    runsPerFile: 20,
};
/**
 * The gzipped size the SARIF writer fits a log to: GitHub's limit less 6%. The bound below is Node's zlib at its
 * fastest level; GNU gzip, which GitHub's REST instructions pipe the file through, writes up to 5% more than
 * that on text that hardly compresses (hex digests).
 */
const SARIF_GZIP_BUDGET = GITHUB_LIMITS.gzipBytes - 600_000;
/** What `findings` lose when only `left` of them are left out. */
function truncationOf(left, helpTrimmed) {
    const counts = new Map();
    let suppressedDropped = 0;
    for (const finding of left) {
        counts.set(finding.severity, (counts.get(finding.severity) ?? 0) + 1);
        if (finding.suppressed)
            suppressedDropped++;
    }
    // Most severe first, whatever the order of `left`.
    const droppedBySeverity = {};
    for (const severity of findings_severity/* SEVERITIES */.oC) {
        const n = counts.get(severity);
        if (n)
            droppedBySeverity[severity] = n;
    }
    return { resultsDropped: left.length, helpTrimmed, droppedBySeverity, suppressedDropped, left };
}
/**
 * The positions in `findings` (most severe first) the run's result and rule caps keep: open findings before
 * any suppressed one, each in their order; the positions come back in that order of keeping.
 */
function withinCounts(findings, limit) {
    const kept = [];
    const rules = new Set();
    const consider = (finding, index) => {
        if (kept.length >= limit)
            return;
        if (!rules.has(finding.id) && rules.size >= GITHUB_LIMITS.rulesPerRun)
            return;
        rules.add(finding.id);
        kept.push(index);
    };
    findings.forEach((f, i) => !f.suppressed && consider(f, i));
    findings.forEach((f, i) => f.suppressed && consider(f, i));
    return kept;
}
/** Chunks whose compression may run on the thread pool before the writer waits for the oldest. */
const IN_FLIGHT = 4;
/** What gzip's header and trailer add to a deflate stream. */
const GZIP_FRAME = 18;
/** deflate's worst case on text that does not compress: stored blocks, 5 bytes in 16 KB, and a margin. */
function storedBound(raw, chunks) {
    return Math.ceil(raw * 1.01) + 1024 * chunks + GZIP_FRAME;
}
/**
 * A bound above the gzipped size of text written in chunks, that depends on the text alone. While the text
 * stays well under the budget it is only held; past that, it is compressed at gzip's fastest level, which
 * compresses less than any upload will, on libuv's thread pool, alongside the writer building the next chunks.
 *
 * How far the thread pool is when the writer looks depends on timing, so the size is read only where it
 * does not: in the callback of a chunk's write, which zlib calls once that chunk is compressed and its output
 * handed on, before it takes the next one. `over` is decided from the size at the chunk `IN_FLIGHT` behind
 * the last one written, awaited in turn, so an attempt is given up at the same piece every time.
 */
class GzipBound {
    budget;
    held = [];
    rawBytes = 0;
    chunks = 0;
    gzip;
    gzipBytes = 0;
    /** Each chunk's write: the gzipped size once it is compressed. */
    written = [];
    /** The pieces written before each chunk. */
    piecesAt = [];
    /** Chunks whose writes were awaited; the size and pieces at the last of them. */
    settled = 0;
    settledBytes = 0;
    settledPieces = 0;
    /** The part settled is over the budget: the attempt can be given up. */
    over = false;
    constructor(budget) {
        this.budget = budget;
    }
    /** Takes a copy of `chunk` (its writer reuses it); `pieces` is how many pieces were written before it. */
    async add(chunk, pieces) {
        const copy = Buffer.from(chunk);
        this.rawBytes += copy.length;
        this.chunks++;
        this.piecesAt.push(pieces);
        if (this.held && storedBound(this.rawBytes, this.chunks) <= this.budget) {
            this.held.push(copy);
            return;
        }
        this.start();
        this.write(copy);
        while (this.settled <= this.chunks - 1 - IN_FLIGHT)
            await this.settle();
        // The trailer is not out yet.
        this.over = this.settledBytes + GZIP_FRAME > this.budget;
    }
    /** Starts compressing, with the text held so far. */
    start() {
        if (this.gzip)
            return;
        const gzip = (0,external_node_zlib_.createGzip)({ level: 1, chunkSize: 1 << 18 });
        gzip.on('data', (out) => (this.gzipBytes += out.length));
        this.gzip = gzip;
        for (const held of this.held ?? [])
            this.write(held);
        this.held = undefined;
    }
    write(chunk) {
        const gzip = this.gzip;
        this.written.push(new Promise((resolve, reject) => gzip.write(chunk, (error) => (error ? reject(error) : resolve(this.gzipBytes)))));
    }
    async settle() {
        this.settledBytes = await this.written[this.settled];
        this.settledPieces = this.piecesAt[this.settled] ?? 0;
        // The size is read: the promise can go.
        delete this.written[this.settled];
        this.settled++;
    }
    /** An estimate of the size of `pieces` pieces, from the part settled (an attempt given up). */
    estimate(pieces) {
        return Math.ceil((this.settledBytes * pieces) / Math.max(1, this.settledPieces));
    }
    /**
     * The bound of everything added. Text still held is only compressed when `exact`; otherwise its bound is its
     * size and deflate's worst case, enough to tell that it fits.
     */
    async total(exact) {
        if (this.held && !exact)
            return storedBound(this.rawBytes, this.chunks);
        if (!this.chunks)
            return 0;
        this.start();
        const gzip = this.gzip;
        gzip.end();
        await (0,external_node_stream_promises_.finished)(gzip);
        for (const write of this.written.slice(this.settled))
            await write;
        return this.gzipBytes;
    }
    /** Stops compressing: the text was given up. */
    discard() {
        for (const write of this.written.slice(this.settled))
            write?.catch(() => undefined);
        this.gzip?.destroy();
        this.held = undefined;
    }
}

;// CONCATENATED MODULE: ./src/findings/model.ts
/** The line that declares a finding's package, wherever code scanning's result had to move. */
function declaringLine(location) {
    return location.declaredLine ?? location.startLine;
}

// EXTERNAL MODULE: ./src/findings/text.ts
var findings_text = __webpack_require__(4087);
;// CONCATENATED MODULE: ./src/findings/versions.ts
/**
 * Which fixed versions to advise. Scanners list fixes in their own order (Xray's is often textual, `6.10.3`
 * before `6.2.4`) and for every release line, so a plain list can name a downgrade first and cut off the nearest
 * upgrade. Versions are compared only by their leading numbers (`4.1.9`, `v1.2`, `2.0.0-RC1`): that order holds in
 * every ecosystem sca-bridge reads; anything else (an epoch `2:1.6.4`, a range) keeps the scanner's order.
 */
const NUMBERED = /^v?(\d+(?:\.\d+)*)(?:[-+~_.a-zA-Z][^:]*)?$/i;
function numbersOf(version) {
    const match = NUMBERED.exec(version.trim());
    return match?.[1]?.split('.').map(Number);
}
/** Negative, zero or positive as `x` is below, level with or above `y`. */
function compareNumbers(x, y) {
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
        const d = (x[i] ?? 0) - (y[i] ?? 0);
        if (d)
            return d;
    }
    return 0;
}
/** The versions lowest first, or `versions` itself when some cannot be compared. Each is read once. */
function lowestFirst(versions) {
    // One version needs no order (the usual case, asked for each of a finding's messages).
    if (versions.length < 2)
        return versions;
    const read = versions.map((version) => ({ version, numbers: numbersOf(version) }));
    if (!read.every((r) => r.numbers))
        return versions;
    return read
        .sort((a, b) => compareNumbers(a.numbers, b.numbers) ||
        (a.version < b.version ? -1 : a.version > b.version ? 1 : 0))
        .map((r) => r.version);
}
/**
 * The fixed versions to upgrade to, nearest first: those above one of the `installed` versions (a fix below all of
 * them is another release line's), all of them when none is, in the scanner's order when some cannot be compared.
 */
function upgradeTargets(fixed, installed) {
    const sorted = lowestFirst(fixed);
    if (sorted === fixed)
        return [...fixed];
    const installs = installed.map((version) => ({ version, numbers: version && numbersOf(version) }));
    // Level numbers with other text (`2.0.0` and `2.0.0-RC1`) cannot be told apart, so they stay.
    const above = sorted.filter((v) => {
        const numbers = numbersOf(v);
        return installs.some((i) => {
            if (!i.numbers)
                return true;
            const order = compareNumbers(numbers, i.numbers);
            return order > 0 || (order === 0 && v !== i.version);
        });
    });
    return above.length ? above : [...sorted];
}

// EXTERNAL MODULE: ./src/version.ts + 1 modules
var version = __webpack_require__(1013);
// EXTERNAL MODULE: ./src/findings/cvss.ts
var cvss = __webpack_require__(2915);
;// CONCATENATED MODULE: ./src/report/advisory.ts



/** The public advisory page of an id, when the scheme has one. */
function advisoryUrl(id) {
    if ((0,findings_ids/* isCve */.vQ)(id))
        return `https://nvd.nist.gov/vuln/detail/${id}`;
    if ((0,findings_ids/* isGhsa */.ur)(id))
        return `https://github.com/advisories/${id}`;
    return undefined;
}
const SEVERITY_SCORE = {
    critical: 9.5,
    high: 8,
    medium: 5.5,
    low: 2,
    info: 0,
    unknown: 0,
};
/** GitHub's `security-severity`: the highest CVSS score of a rule's findings (`highestCvss`), else a score for the severity. */
function securitySeverity(highest, severity) {
    return (highest?.score ?? SEVERITY_SCORE[severity]).toFixed(1);
}
function componentLabel(finding) {
    const { packageName, version } = finding.component;
    return version ? `${packageName}@${version}` : packageName;
}
/** Up to three fixed versions to upgrade to, nearest first (`upgradeTargets`). */
function advisedVersions(finding) {
    return upgradeTargets(finding.fixedVersions, [finding.component.version]).slice(0, 3);
}
/** The sentence a developer acts on: `lodash@4.17.20 is affected by CVE-2021-23337 (high, CVSS 7.2). Upgrade to 4.17.21.` */
function findingMessage(finding) {
    const score = (0,cvss/* cvssScore */._k)(finding);
    // Only a verdict is worth the words: `undetermined` or `not covered` tells a developer nothing to act on.
    const verdict = finding.applicability === 'applicable' || finding.applicability === 'not applicable'
        ? `; contextual analysis: ${finding.applicability}`
        : '';
    const detail = `${score !== undefined ? `${finding.severity}, CVSS ${score.toFixed(1)}` : finding.severity}${verdict}`;
    const fix = finding.fixedVersions.length
        ? `Upgrade to ${advisedVersions(finding).join(' or ')}.`
        : 'No fixed version is known.';
    return `${componentLabel(finding)} is affected by ${finding.id} (${detail}). ${fix}`;
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/report/json-file.ts



/**
 * A lone UTF-16 surrogate as `JSON.stringify` escapes it (a character a scanner's text was cut in; a whole pair
 * it writes as the character): after an even run of backslashes, which are escaped backslashes.
 */
const LONE_SURROGATE = /(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g;
/**
 * The JSON text with each lone surrogate as U+FFFD, as the text's UTF-8 would have it: readers that decode the
 * escape into UTF-8 (GitLab's, Python's) fail on it, and with it on the whole report.
 */
function withoutLoneSurrogates(json) {
    return json.includes('\\ud') ? json.replace(LONE_SURROGATE, '$1\\ufffd') : json;
}
/** Text is written in batches of about this many bytes: few system calls, little held in memory. */
const BATCH_BYTES = 1 << 20;
/**
 * Writes JSON text to a file in batches at a movable position, so a large report is never one string in
 * memory and a part already written can be written again (a SARIF run that must shrink to fit GitHub).
 */
class JsonSink {
    fd;
    /** Where the next batch goes. */
    position = 0;
    /** Sees every batch as it is written (the SARIF writer's gzip counter); the batch is reused after. */
    tap;
    /** Bytes encoded into `buffer` and not yet written. */
    used = 0;
    buffer = Buffer.allocUnsafe(4 * BATCH_BYTES);
    constructor(fd) {
        this.fd = fd;
    }
    /**
     * Encodes each piece straight into one reused buffer: joining pieces into a batch string first would copy
     * every byte once more, and a new buffer per batch is twice as slow.
     */
    async write(json) {
        const text = withoutLoneSurrogates(json);
        // A UTF-16 unit takes at most 3 bytes of UTF-8.
        if (this.used + text.length * 3 > this.buffer.length) {
            await this.flush();
            if (text.length * 3 > this.buffer.length)
                return this.writeChunk(Buffer.from(text));
        }
        this.used += this.buffer.write(text, this.used);
        if (this.used >= BATCH_BYTES)
            await this.flush();
    }
    async flush() {
        if (!this.used)
            return;
        const chunk = this.buffer.subarray(0, this.used);
        this.used = 0;
        await this.writeChunk(chunk);
    }
    async writeChunk(chunk) {
        for (let done = 0; done < chunk.length;)
            done += (0,external_node_fs_.writeSync)(this.fd, chunk, done, chunk.length - done, this.position + done);
        this.position += chunk.length;
        await this.tap?.(chunk);
    }
    /** Forgets what was written from `position` on; the next batch overwrites it. */
    rewind(position) {
        this.used = 0;
        this.position = position;
    }
}
/** Copies a finished file, in order, to a device or pipe that cannot be written at positions. */
function copyInOrder(from, fd) {
    const source = (0,external_node_fs_.openSync)(from, 'r');
    try {
        const chunk = Buffer.allocUnsafe(BATCH_BYTES);
        for (let read = (0,external_node_fs_.readSync)(source, chunk); read > 0; read = (0,external_node_fs_.readSync)(source, chunk))
            for (let done = 0; done < read;)
                done += (0,external_node_fs_.writeSync)(fd, chunk, done, read - done);
    }
    finally {
        (0,external_node_fs_.closeSync)(source);
    }
}
/**
 * Opens `file` for a sink, runs `write`, and ends the file where the sink ended. A write that fails part way
 * (a full disk) removes the file: a partial report must not pass for a complete one. A device or pipe
 * (`/dev/stdout`) gets the finished text from a temporary file, and is never removed.
 */
async function withJsonSink(file, write) {
    const fd = (0,external_node_fs_.openSync)(file, 'w');
    const regular = (0,external_node_fs_.fstatSync)(fd).isFile();
    const scratch = regular
        ? undefined
        : external_node_path_default().join((0,external_node_fs_.mkdtempSync)(external_node_path_default().join((0,external_node_os_.tmpdir)(), 'sca-bridge-')), 'out.json');
    const sinkFd = scratch ? (0,external_node_fs_.openSync)(scratch, 'w+') : fd;
    try {
        const sink = new JsonSink(sinkFd);
        await write(sink);
        await sink.flush();
        (0,external_node_fs_.ftruncateSync)(sinkFd, sink.position);
        if (scratch)
            copyInOrder(scratch, fd);
    }
    catch (error) {
        if (regular)
            (0,external_node_fs_.rmSync)(file, { force: true });
        throw error;
    }
    finally {
        if (scratch) {
            (0,external_node_fs_.closeSync)(sinkFd);
            (0,external_node_fs_.rmSync)(external_node_path_default().dirname(scratch), { recursive: true, force: true });
        }
        (0,external_node_fs_.closeSync)(fd);
    }
}
/**
 * An element already written as JSON text: the file writer copies it as it is. Anything else that serialises
 * it (`JSON.stringify`) gets the value it stands for.
 */
class JsonText {
    text;
    constructor(text) {
        this.text = text;
    }
    toJSON() {
        return JSON.parse(this.text);
    }
}
/** The JSON string of `before`, the text `middleJson` already holds as a JSON string, and `after`. */
function joinedJson(before, middleJson, after) {
    return `${JSON.stringify(before).slice(0, -1)}${middleJson.slice(1, -1)}${JSON.stringify(after).slice(1)}`;
}
function isList(value) {
    return Array.isArray(value) || (typeof value === 'object' && value !== null && Symbol.iterator in value);
}
/**
 * Writes a JSON document whose bulk is one level of lists (a report's findings) element by element; a list
 * may be any iterable, so a report of 100,000 findings is never built, only written.
 */
async function writeJsonFile(file, value) {
    await withJsonSink(file, async (sink) => {
        const writeList = async (items) => {
            let first = true;
            await sink.write('[');
            for (const item of items) {
                const json = item instanceof JsonText ? item.text : JSON.stringify(item);
                await sink.write(`${first ? '\n' : ',\n'}${json}`);
                first = false;
            }
            await sink.write(first ? ']' : '\n]');
        };
        if (isList(value)) {
            await writeList(value);
        }
        else if (value && typeof value === 'object') {
            const entries = Object.entries(value).filter(([, v]) => v !== undefined);
            await sink.write('{');
            for (const [i, [key, item]] of entries.entries()) {
                await sink.write(`${i ? ',\n' : '\n'}${JSON.stringify(key)}: `);
                if (isList(item))
                    await writeList(item);
                else
                    await sink.write(JSON.stringify(item));
            }
            await sink.write('\n}');
        }
        else {
            await sink.write(JSON.stringify(value));
        }
        await sink.write('\n');
    });
}

;// CONCATENATED MODULE: ./src/report/gitlab.ts









/** The schema version GitLab validates the report against (SPEC §8). */
const DEPENDENCY_SCANNING_VERSION = '15.2.1';
const SCANNERS = {
    'dependency-track': {
        id: 'dependency-track',
        name: 'Dependency-Track',
        vendor: 'OWASP',
        url: 'https://dependencytrack.org/',
    },
    xray: { id: 'jfrog-xray', name: 'JFrog Xray', vendor: 'JFrog', url: 'https://jfrog.com/xray/' },
};
const GITLAB_SEVERITY = {
    critical: 'Critical',
    high: 'High',
    medium: 'Medium',
    low: 'Low',
    info: 'Info',
    unknown: 'Unknown',
};
/** Code Climate severities GitLab's code-quality widget reads. */
const CODE_QUALITY_SEVERITY = {
    critical: 'blocker',
    high: 'critical',
    medium: 'major',
    low: 'minor',
    info: 'info',
    unknown: 'info',
};
// The schema's CVSS rules: v2 vectors bare (`AV:N/AC:L/…`), v3 vectors `CVSS:3.x/…`; no v4 pattern in 15.2.1.
const CVSS2 = /^((AV:[NAL]|AC:[LMH]|Au:[MSN]|[CIA]:[NPC]|E:(U|POC|F|H|ND)|RL:(OF|TF|W|U|ND)|RC:(UC|UR|C|ND)|CDP:(N|L|LM|MH|H|ND)|TD:(N|L|M|H|ND)|[CIA]R:(L|M|H|ND))\/)*(AV:[NAL]|AC:[LMH]|Au:[MSN]|[CIA]:[NPC]|E:(U|POC|F|H|ND)|RL:(OF|TF|W|U|ND)|RC:(UC|UR|C|ND)|CDP:(N|L|LM|MH|H|ND)|TD:(N|L|M|H|ND)|[CIA]R:(L|M|H|ND))$/;
const CVSS3 = /^CVSS:3[.][01]\/((AV:[NALP]|AC:[LH]|PR:[NLH]|UI:[NR]|S:[UC]|[CIA]:[NLH]|E:[XUPFH]|RL:[XOTWU]|RC:[XURC]|[CIA]R:[XLMH]|MAV:[XNALP]|MAC:[XLH]|MPR:[XNLH]|MUI:[XNR]|MS:[XUC]|M[CIA]:[XNLH])\/)*(AV:[NALP]|AC:[LH]|PR:[NLH]|UI:[NR]|S:[UC]|[CIA]:[NLH]|E:[XUPFH]|RL:[XOTWU]|RC:[XURC]|[CIA]R:[XLMH]|MAV:[XNALP]|MAC:[XLH]|MPR:[XNLH]|MUI:[XNR]|MS:[XUC]|M[CIA]:[XNLH])$/;
/** `YYYY-MM-DDTHH:MM:SS`: the schema's time pattern takes no milliseconds and no zone. */
function gitlabTime(date) {
    return date.toISOString().slice(0, 19);
}
function stableUuid(hex) {
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
function identifier(id) {
    const url = (0,findings_ids/* isCve */.vQ)(id) || (0,findings_ids/* isGhsa */.ur)(id) ? advisoryUrl(id) : undefined;
    const type = (0,findings_ids/* isCve */.vQ)(id) ? 'cve' : (0,findings_ids/* isGhsa */.ur)(id) ? 'ghsa' : /^XRAY-/i.test(id) ? 'xray' : 'other';
    return url ? { type, name: id, value: id, url } : { type, name: id, value: id };
}
function cweIdentifier(cwe) {
    const value = cwe.replace(/^CWE-/i, '');
    return { type: 'cwe', name: cwe, value, url: `https://cwe.mitre.org/data/definitions/${value}.html` };
}
/** The schema's length bounds of a vector (v2, v3): GitLab refuses the whole report for one outside them. */
function within(vector, min) {
    return vector !== undefined && vector.length >= min && vector.length <= 128;
}
function vectorCheck(min, pattern, normalise = (raw) => raw) {
    const taken = new Map();
    return (raw) => {
        if (raw === undefined)
            return undefined;
        let vector = taken.get(raw);
        if (vector === undefined) {
            const normalised = normalise(raw);
            vector = within(normalised, min) && pattern.test(normalised) ? normalised : null;
            taken.set(raw, vector);
        }
        return vector ?? undefined;
    };
}
/** v2 vectors bare, as the schema writes them: without `CVSS:2.0/` or the parentheses NVD once used. */
function bareV2(raw) {
    return raw.replace(/^CVSS:2\.0\//, '').replace(/^\((.*)\)$/, '$1');
}
function cvssVectors(finding, vendor, takes) {
    const vectors = [];
    const v3 = takes.v3(finding.cvss.v3?.vector);
    if (v3)
        vectors.push({ vendor, vector: v3 });
    const v2 = takes.v2(finding.cvss.v2?.vector);
    if (v2)
        vectors.push({ vendor, vector: v2 });
    return vectors;
}
function solution(packageName, fixedVersions) {
    if (!fixedVersions.length)
        return undefined;
    return (0,findings_text/* shorten */.m)(`Upgrade ${packageName} to ${fixedVersions.slice(0, 5).join(' or ')}.`, 7000);
}
/** Items mapped only as they are written (and again each time they are read). */
function mapped(items, map) {
    return {
        *[Symbol.iterator]() {
            for (const item of items)
                yield map(item);
        },
    };
}
/**
 * Unsuppressed findings grouped as GitLab tells its dependency-scanning vulnerabilities apart: by first
 * identifier, file and package name, not version. Findings that share them would be one vulnerability in
 * GitLab whichever was written, so they are written as one that names every version. Both reports read them.
 */
function gitlabGroups(findings) {
    const groups = new Map();
    for (const finding of findings) {
        if (finding.suppressed)
            continue;
        const key = (0,findings_key/* findingIdentity */.AZ)(finding);
        const group = groups.get(key);
        if (group)
            group.push(finding);
        else
            groups.set(key, [finding]);
    }
    return [...groups].map(([identity, group]) => ({
        findings: group,
        digest: (0,findings_key/* identityDigest */.hh)(identity),
    }));
}
/** The sentence of each finding of a group, each once (both scanners may report one finding). */
function groupMessages(group) {
    return group.length === 1
        ? [findingMessage(group[0])]
        : [...new Set(group.map(findingMessage))];
}
/** The schema's longest description (1 MiB), with room to spare. */
const DESCRIPTION_LIMIT = 1_000_000;
/**
 * The JSON string of `message`, a blank line and `advisory`. The advisory, shared by many findings and most
 * of a report's bytes, is escaped once per report (`escaped`) and spliced in rather than copied into a new
 * string for every finding.
 */
function descriptionJson(message, advisory, escaped) {
    const text = `${message}\n\n`;
    if (text.length + advisory.length > DESCRIPTION_LIMIT)
        return JSON.stringify((0,findings_text/* shorten */.m)(`${text}${advisory}`, DESCRIPTION_LIMIT));
    let advisoryJson = escaped.get(advisory);
    if (advisoryJson === undefined) {
        advisoryJson = JSON.stringify(advisory);
        escaped.set(advisory, advisoryJson);
    }
    return joinedJson(text, advisoryJson, '');
}
/**
 * GitLab's dependency-scanning report (schema 15.2.1): one vulnerability per unsuppressed finding, or per
 * group of them GitLab would take for one (`gitlabGroups`).
 */
function gitlabDependencyScanningReport(input) {
    // The report names one scanner: the first source's (an empty Xray scan is still Xray's). Never one chosen
    // by the findings, so that no finding coming or going moves the report to another scanner, where GitLab
    // would see every vulnerability as new.
    const scannerName = Object.keys(input.scannerVersions)[0] ??
        input.groups[0]?.findings[0].scanner ??
        'dependency-track';
    const first = SCANNERS[scannerName];
    const escaped = new Map();
    const takes = { v3: vectorCheck(32, CVSS3), v2: vectorCheck(16, CVSS2, bareV2) };
    const vulnerabilities = mapped(input.groups, ({ findings: group, digest }) => {
        // The most severe finding of the group speaks for it (findings come most severe first).
        const [finding] = group;
        const scanner = SCANNERS[finding.scanner];
        const vectors = cvssVectors(finding, scanner.name, takes);
        const links = unionOf(group, (f) => f.references)
            .filter((r) => /^(https?|ftp):\/\/.+/.test(r))
            .map((url) => ({ url }));
        // Of what makes the group, as GitLab's identity does: not of the version or scanner that happens to lead it.
        const id = stableUuid(digest);
        const name = (0,findings_text/* shorten */.m)(`${finding.id}: ${finding.title}`, 255);
        const description = descriptionJson(groupMessages(group).join('\n'), finding.description, escaped);
        // One shape for every vulnerability (JSON leaves out the keys that are undefined).
        const rest = JSON.stringify({
            severity: GITLAB_SEVERITY[finding.severity],
            solution: solution(finding.component.packageName, upgradeTargets(unionOf(group, (f) => f.fixedVersions), group.map((f) => f.component.version))),
            identifiers: [
                ...unionOf(group, (f) => f.ids).map(identifier),
                ...unionOf(group, (f) => f.cwes).map(cweIdentifier),
            ],
            cvss_vectors: vectors.length ? vectors : undefined,
            links: links.length ? links : undefined,
            location: {
                file: finding.location.uri,
                dependency: {
                    package: { name: finding.component.packageName },
                    version: finding.component.version ?? 'unknown',
                },
            },
        });
        return new JsonText(`{"id":"${id}","name":${JSON.stringify(name)},"description":${description},${rest.slice(1)}`);
    });
    return {
        version: DEPENDENCY_SCANNING_VERSION,
        schema: `https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v${DEPENDENCY_SCANNING_VERSION}/dist/dependency-scanning-report-format.json`,
        scan: {
            analyzer: { id: 'sca-bridge', name: 'sca-bridge', version: version/* VERSION */.x, vendor: { name: 'sca-bridge' } },
            scanner: {
                id: first.id,
                name: first.name,
                url: first.url,
                version: input.scannerVersions[scannerName] ?? 'unknown',
                vendor: { name: first.vendor },
            },
            start_time: gitlabTime(input.startedAt),
            end_time: gitlabTime(input.finishedAt),
            status: 'success',
            type: 'dependency_scanning',
        },
        vulnerabilities,
    };
}
/**
 * GitLab's code-quality report (the Code Climate subset every tier shows in merge requests): one issue per
 * group GitLab's dependency scanning would make (`gitlabGroups`), its fingerprint of what makes the
 * group, so an upgrade that leaves the vulnerability shows no "new" issue in the merge request, and two versions
 * in one file are one issue that names both (the widget shows one issue per fingerprint).
 */
function gitlabCodeQualityReport(groups) {
    return mapped(groups, ({ findings: group, digest }) => {
        const [finding] = group;
        return {
            description: (0,findings_text/* shorten */.m)(groupMessages(group).join(' '), 1000),
            check_name: finding.id,
            fingerprint: digest.slice(0, 32),
            severity: CODE_QUALITY_SEVERITY[finding.severity],
            categories: ['Security'],
            location: {
                path: finding.location.uri,
                // The declaring line: the move off it (`separateSharedLines`) is for GitHub's alerts; GitLab tells
                // issues apart by fingerprint, and an issue on a line that declares nothing sends the reader astray.
                lines: { begin: declaringLine(finding.location) },
            },
        };
    });
}

// EXTERNAL MODULE: external "node:string_decoder"
var external_node_string_decoder_ = __webpack_require__(6193);
;// CONCATENATED MODULE: ./src/report/line-hash.ts


/**
 * GitHub's `primaryLocationLineHash`, computed the way `github/codeql-action` computes it when it uploads
 * SARIF, so a REST upload and `upload-sarif` give the same alert identity: for each line, a polynomial hash
 * (base 37, wrapping at 64 bits) of the 100 characters from the line's start — spaces and tabs skipped, CR and
 * CRLF read as LF, the text followed by an end marker (65535) and zeros — then `:n` for the n-th line of the
 * file with that hash. Each line's hash is computed on its own (Horner's rule over its 100 characters), so a
 * file is read only as far as the last line asked for needs.
 */
const BLOCK = 100;
const EOF_CHAR = 65535;
const line_hash_SPACE = 32;
const TAB = 9;
const line_hash_LF = 10;
const CR = 13;
const TWO_32 = 0x1_0000_0000;
/**
 * The text as codeql-action reads it: spaces and tabs dropped, line ends as one LF, the end marker last. It
 * stops once line `lastLine` and the 100 characters its hash covers are read.
 */
function normalise(text, lastLine) {
    const out = new Uint16Array(text.length + 1);
    let n = 0;
    let prevCR = false;
    let line = 1;
    let lastStart = lastLine === 1 ? 0 : -1;
    for (let i = 0; i < text.length; i++) {
        if (lastStart >= 0 && n >= lastStart + BLOCK)
            return out.subarray(0, n);
        const code = text.charCodeAt(i);
        if (code === line_hash_SPACE || code === TAB || (prevCR && code === line_hash_LF)) {
            prevCR = false;
            continue;
        }
        prevCR = code === CR;
        out[n++] = code === CR ? line_hash_LF : code;
        if (out[n - 1] === line_hash_LF && ++line === lastLine)
            lastStart = n;
    }
    out[n++] = EOF_CHAR;
    return out.subarray(0, n);
}
/** Σ c[i]·37^(99−i) mod 2^64 over the 100 characters from `start`, as unsigned hex (two 32-bit halves). */
function hashAt(chars, start) {
    let hi = 0;
    let lo = 0;
    for (let i = start; i < start + BLOCK; i++) {
        const next = lo * 37 + (i < chars.length ? (chars[i] ?? 0) : 0);
        lo = next % TWO_32;
        hi = (hi * 37 + Math.floor(next / TWO_32)) % TWO_32;
    }
    return hi === 0 ? lo.toString(16) : `${hi.toString(16)}${lo.toString(16).padStart(8, '0')}`;
}
/** Hashes of the lines of a text up to `lastLine` (every line when omitted), by line number. */
function lineHashes(text, lastLine = Number.POSITIVE_INFINITY) {
    const chars = normalise(text, lastLine);
    const seen = new Map();
    const hashes = new Map();
    // A line starts at the first character and after every LF; the end marker starts one more.
    let line = 0;
    for (let i = 0; i < chars.length && line < lastLine; i++) {
        if (i !== 0 && chars[i - 1] !== line_hash_LF)
            continue;
        line += 1;
        const hash = hashAt(chars, i);
        const n = (seen.get(hash) ?? 0) + 1;
        seen.set(hash, n);
        hashes.set(line, `${hash}:${n}`);
    }
    return hashes;
}
const CHUNK = 1 << 20;
/** One buffer for every file read: a new megabyte for each of 16,000 small manifests took seconds. */
let chunkBuffer;
/**
 * The start of a file, as far as hashing lines 1…`lastLine` needs: whole lines up to that one and a chunk
 * more (each hash covers 100 characters, which may run into later lines). A large file placed on its first
 * lines, such as an export, is then read only in part.
 */
function readHead(file, lastLine) {
    const fd = (0,external_node_fs_.openSync)(file, 'r');
    try {
        const decoder = new external_node_string_decoder_.StringDecoder('utf8');
        const buffer = (chunkBuffer ??= Buffer.allocUnsafe(CHUNK));
        let text = '';
        let lines = 0;
        let extra = false;
        for (;;) {
            const read = (0,external_node_fs_.readSync)(fd, buffer, 0, CHUNK, null);
            if (read === 0)
                return text + decoder.end();
            const chunk = decoder.write(buffer.subarray(0, read));
            text += chunk;
            if (extra)
                return text;
            for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1))
                lines++;
            // Line n starts after n - 1 line ends.
            extra = lines >= lastLine - 1;
        }
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}

;// CONCATENATED MODULE: ./src/scanners/index.ts

/** Loads a scanner's code only when a run needs it, so `import` and `--version` start fast. */
async function scannerAdapter(name) {
    switch (name) {
        case 'dependency-track':
            return (await __webpack_require__.e(/* import() */ 436).then(__webpack_require__.bind(__webpack_require__, 7436))).dependencyTrack;
        case 'xray':
            return (await __webpack_require__.e(/* import() */ 714).then(__webpack_require__.bind(__webpack_require__, 1714))).xray;
        default:
            throw new src_errors/* UserError */.yo('Input scanner: set dependency-track or xray.');
    }
}

// EXTERNAL MODULE: ./src/scanners/xray/urls.ts
var urls = __webpack_require__(3832);
;// CONCATENATED MODULE: ./src/report/markdown.ts
/**
 * Characters that change how the text around them shows rather than show themselves: C0 and C1 controls but
 * tab and line breaks, and the bidi embeddings, overrides and isolates (`evil\u202egnp.exe` shows as
 * `evilexe.png`). Scanner text shown to people (annotations, summaries, rule help) gets U+FFFD in their place.
 */
// eslint-disable-next-line no-control-regex -- matching controls is what it is for
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
function visible(text) {
    return text.replace(HIDDEN, '\ufffd');
}
/**
 * Scanner and user text in markdown: no line breaks or pipes (table cells), and no backticks, brackets or tags
 * that would pair with the document's own.
 */
function markdownCell(text) {
    return visible(text)
        .replace(/\r\n?|\n/g, ' ')
        .replace(/[|`[\]\\]/g, (c) => `\\${c}`)
        .replace(/</g, '&lt;');
}

;// CONCATENATED MODULE: ./src/report/sarif.ts








const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const TOOLS = {
    'dependency-track': { name: 'Dependency-Track', informationUri: 'https://dependencytrack.org/' },
    xray: { name: 'JFrog Xray', informationUri: 'https://jfrog.com/xray/' },
};
/** GitHub's caps on rule texts and tags (SPEC §7). */
const sarif_DESCRIPTION_LIMIT = 1024;
const TAG_LIMIT = 10;
/**
 * GitLab's cap on a result's message and a rule's `helpUri` (SPEC §8): it drops a result with a longer one,
 * and fails the whole scan when it drops half of them.
 */
const GITLAB_TEXT_LIMIT = 2048;
const LIST_LIMIT = 20;
// RFC 3986's characters of a path, and of a query or fragment; `%` only as the start of an escape.
const PATH_CHAR = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/;
const QUERY_CHAR = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]$/;
const PLAIN_PATH = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/;
function rfc3986(text, allowed) {
    if (allowed === PATH_CHAR && PLAIN_PATH.test(text))
        return text;
    return text.replace(/%(?![0-9A-Fa-f]{2})|[^%]/g, (c) => c !== '%' && allowed.test(c) ? c : encodeURIComponent(c));
}
/** Only an absolute http(s) URL is a `helpUri`: the schema wants a URI, scanners hand over any text. */
function webUrl(text) {
    if (!text)
        return undefined;
    try {
        const url = new URL(text);
        // WHATWG URLs accept hosts that RFC 3986, which SARIF's schema checks, does not (a backquote).
        const host = /^(\[[0-9a-f:.]+\]|[a-z0-9-]+(\.[a-z0-9-]+)*)$/i.test(url.hostname);
        if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !host)
            return undefined;
        // WHATWG also leaves characters in paths, queries and fragments that RFC 3986 forbids (`{`, `]`, a second `#`).
        const query = url.search ? `?${rfc3986(url.search.slice(1), QUERY_CHAR)}` : '';
        const fragment = url.hash ? `#${rfc3986(url.hash.slice(1), QUERY_CHAR)}` : '';
        return `${url.origin}${rfc3986(url.pathname, PATH_CHAR)}${query}${fragment}`;
    }
    catch {
        return undefined;
    }
}
/** A path as a URI reference: each segment percent-encoded (spaces, `{`, non-ASCII letters). */
function pathToUri(path) {
    return path
        .split('/')
        .map((segment) => encodeURIComponent(segment.toWellFormed()))
        .join('/');
}
function sarifLevel(severity) {
    if (severity === 'critical' || severity === 'high')
        return 'error';
    return severity === 'medium' ? 'warning' : 'note';
}
function groupById(findings) {
    const groups = new Map();
    for (const finding of findings) {
        const group = groups.get(finding.id);
        if (group)
            group.push(finding);
        else
            groups.set(finding.id, [finding]);
    }
    return groups;
}
function ruleTags(findings) {
    const tags = new Set(['security', 'vulnerability']);
    // Added one by one up to the limit: a finding may list any number of CWEs.
    const add = (tag) => tags.size < TAG_LIMIT && tags.add(tag);
    for (const f of findings)
        if (f.component.ecosystem)
            add(f.component.ecosystem);
    for (const f of findings)
        for (const cwe of f.cwes)
            add(cwe);
    return [...tags];
}
/** A CVSS vector as code, when it holds only what a vector does; other scanner text as plain text. */
function vectorMarkdown(vector) {
    return /^[\w:/.+-]+$/.test(vector) ? `\`${vector}\`` : markdownCell(vector);
}
/**
 * A rule's `help` as JSON text. The advisory text (`descriptionJson`, escaped once by the caller) is most of
 * a rule and appears in both forms, so it is spliced in rather than copied into each.
 */
function helpJson(id, findings, brief, descriptionJson, highest) {
    const [first] = findings;
    // The score security-severity gives, with its own vector; a vector without a score is still shown.
    const score = highest?.score;
    const vector = highest ? highest.vector : findings.map(cvss/* cvssVector */.$T).find(Boolean);
    const fixed = lowestFirst([...new Set(findings.flatMap((f) => f.fixedVersions))]);
    const components = [...new Set(findings.map(componentLabel))];
    const references = [
        ...new Set([advisoryUrl(id), ...findings.flatMap((f) => f.references)].filter((r) => !!r)),
    ];
    const shownComponents = components.slice(0, LIST_LIMIT);
    const more = components.length > LIST_LIMIT ? ', …' : '';
    const shownFixed = fixed.slice(0, LIST_LIMIT);
    const scoreText = score !== undefined ? `, CVSS ${score.toFixed(1)}` : '';
    const fixedText = (list) => (list.length ? list.join(', ') : 'none known');
    const lines = [
        `${id}: ${first.title}`,
        `Severity: ${first.severity}${scoreText}${vector ? ` (${vector})` : ''}`,
        `Affected components: ${shownComponents.join(', ')}${more}`,
        `Fixed versions: ${fixedText(shownFixed)}`,
    ].map(visible);
    // The scanner's text as markdown that makes no markup of its own.
    const md = {
        heading: `**${markdownCell(id)}**: ${markdownCell(first.title)}`,
        vector: vector && vectorMarkdown(vector),
        components: shownComponents.map(markdownCell),
        fixed: fixedText(shownFixed.map(markdownCell)),
    };
    if (brief) {
        const markdown = [
            md.heading,
            `Severity: ${first.severity}${scoreText}${md.vector ? ` (${md.vector})` : ''}`,
            `Affected components: ${md.components.join(', ')}${more}`,
            `Fixed versions: ${md.fixed}`,
        ];
        return JSON.stringify({ text: lines.join('\n'), markdown: markdown.join('  \n') });
    }
    const shownReferences = references.slice(0, LIST_LIMIT);
    const text = joinedJson(`${lines.join('\n')}\n\n`, descriptionJson, shownReferences.length ? `\n\n${shownReferences.map((r) => `- ${visible(r)}`).join('\n')}` : '\n');
    // A reference that is no web URL is text, not a link of its own making.
    const referenceItems = shownReferences.map((r) => `- ${webUrl(r) ?? markdownCell(r)}`);
    const markdown = joinedJson([
        md.heading,
        '',
        `| Severity | CVSS | Affected components | Fixed versions |`,
        `| --- | --- | --- | --- |`,
        `| ${first.severity} | ${score !== undefined ? score.toFixed(1) : '—'}${md.vector ? ` ${md.vector}` : ''} | ${md.components.join('<br>')} | ${md.fixed} |`,
        '',
        '',
    ].join('\n'), descriptionJson, referenceItems.length ? `\n\n**References**\n\n${referenceItems.join('\n')}` : '');
    return `{"text":${text},"markdown":${markdown}}`;
}
/** The first candidate that is a web URL GitLab takes too; each is parsed only until one is (25,000 rules). */
function firstHelpUri(candidates) {
    for (const candidate of candidates) {
        const url = webUrl(candidate);
        if (url !== undefined && url.length <= GITLAB_TEXT_LIMIT)
            return url;
    }
    return undefined;
}
/** A rule as JSON text (see `helpJson`). */
function ruleJson(id, findings, brief) {
    const [first] = findings;
    const severity = first.severity;
    const highest = (0,cvss/* highestCvss */.gb)(findings);
    const helpUri = firstHelpUri([advisoryUrl(id), ...findings.map((f) => f.url), ...first.references]);
    // The advisory's own markdown, but for characters that would hide or reorder the text around them.
    const description = visible(first.description || first.title);
    const descriptionJson = JSON.stringify(description);
    const full = description.length <= sarif_DESCRIPTION_LIMIT
        ? descriptionJson
        : JSON.stringify((0,findings_text/* shorten */.m)(description, sarif_DESCRIPTION_LIMIT));
    const rest = JSON.stringify({
        ...(helpUri ? { helpUri } : {}),
        defaultConfiguration: { level: sarifLevel(severity) },
        properties: {
            tags: ruleTags(findings),
            'security-severity': securitySeverity(highest, severity),
            precision: 'high',
        },
    });
    return `{"id":${JSON.stringify(id)},"shortDescription":${JSON.stringify({ text: (0,findings_text/* shorten */.m)(`${id}: ${first.title}`, sarif_DESCRIPTION_LIMIT) })},"fullDescription":{"text":${full}},"help":${helpJson(id, findings, brief, descriptionJson, highest)},${rest.slice(1)}`;
}
/**
 * The most entries a result's lists keep (fixed versions, component and impact paths). A component in
 * 40,000 artifacts would otherwise make one result of megabytes, which the size limit would drop whole, and the
 * most severe finding with it. Every entry stays in the artifact's findings.
 */
const RESULT_LIST_LIMIT = 10;
/**
 * Ids are short, and the one a user searches by may be any of them: a result keeps up to this many, the
 * scanner's own first (XRAY-…, which sorts after the CVEs) when there are more.
 */
const RESULT_ID_LIMIT = 100;
function resultIds(ids) {
    if (ids.length <= RESULT_ID_LIMIT)
        return [...ids];
    const [canonical = '', ...others] = ids;
    const isAlias = (id) => (0,findings_ids/* isCve */.vQ)(id) || (0,findings_ids/* isGhsa */.ur)(id);
    return [canonical, ...others.filter((id) => !isAlias(id)), ...others.filter(isAlias)].slice(0, RESULT_ID_LIMIT);
}
/** The most nodes an impact path keeps: a dependency chain is rarely deeper. */
const PATH_LIMIT = 50;
function buildResult(finding, ruleIndex, input, anySuppressed) {
    const { location } = finding;
    const lineHash = input.lineHashes(location.uri)?.get(location.startLine);
    const score = (0,cvss/* cvssScore */._k)(finding);
    const logical = finding.componentPaths.filter((p) => p !== location.uri).slice(0, RESULT_LIST_LIMIT);
    const result = {
        ruleId: finding.id,
        ruleIndex,
        level: sarifLevel(finding.severity),
        message: { text: (0,findings_text/* shorten */.m)(findingMessage(finding), GITLAB_TEXT_LIMIT) },
        locations: [
            {
                physicalLocation: {
                    artifactLocation: { uri: pathToUri(location.uri) },
                    region: { startLine: location.startLine },
                },
                ...(logical.length
                    ? { logicalLocations: logical.map((p) => ({ fullyQualifiedName: p, kind: 'artifact' })) }
                    : {}),
            },
        ],
        partialFingerprints: {
            ...(lineHash ? { primaryLocationLineHash: lineHash } : {}),
            'scaBridgeFinding/v1': (0,findings_key/* findingDigest */.AK)(finding).slice(0, 32),
        },
        properties: {
            packageName: finding.component.packageName,
            packageVersion: finding.component.version ?? '',
            ...(finding.component.purl ? { purl: finding.component.purl } : {}),
            ecosystem: finding.component.ecosystem ?? 'unknown',
            severity: finding.severity,
            ...(score !== undefined ? { cvssScore: score } : {}),
            vulnerabilityIds: resultIds(finding.ids),
            fixedVersions: finding.fixedVersions.slice(0, RESULT_LIST_LIMIT),
            componentPaths: finding.componentPaths.slice(0, RESULT_LIST_LIMIT),
            locationRule: location.rule,
            ...(finding.impactPaths.length
                ? { impactPaths: finding.impactPaths.slice(0, RESULT_LIST_LIMIT).map((p) => p.slice(0, PATH_LIMIT)) }
                : {}),
            ...(finding.epss ? { epssScore: finding.epss.score } : {}),
            ...(finding.analysis?.state ? { analysisState: finding.analysis.state } : {}),
            ...(finding.url ? { scannerUrl: finding.url } : {}),
            ...(finding.applicability ? { applicability: finding.applicability } : {}),
        },
    };
    if (anySuppressed) {
        // SARIF: either every result of a run carries `suppressions` or none does.
        result.suppressions = finding.suppressed
            ? [
                {
                    kind: 'external',
                    status: 'accepted',
                    justification: [finding.analysis?.state, finding.analysis?.justification, finding.analysis?.detail]
                        .filter(Boolean)
                        .join(': ') || 'suppressed in the scanner',
                },
            ]
            : [];
    }
    return result;
}
/**
 * A run's JSON, piece by piece: the envelope, then each rule and each result as its own piece, so a run of
 * 25,000 results is written as it is built and never held whole.
 */
function* sarifRunJson(input) {
    const groups = groupById(input.findings);
    const indexOf = new Map([...groups.keys()].map((id, i) => [id, i]));
    const anySuppressed = input.findings.some((f) => f.suppressed);
    const tool = TOOLS[input.scanner];
    const driver = JSON.stringify({
        name: tool.name,
        informationUri: tool.informationUri,
        ...(input.scannerVersion ? { version: input.scannerVersion } : {}),
    });
    yield `{"tool":{"driver":${driver.slice(0, -1)},"rules":[`;
    let separator = '';
    for (const [id, group] of groups) {
        yield `${separator}${ruleJson(id, group, !!input.briefHelp)}`;
        separator = ',';
    }
    yield `]}},"automationDetails":${JSON.stringify({ id: input.category })},"results":[`;
    separator = '';
    for (const finding of input.findings) {
        const result = buildResult(finding, indexOf.get(finding.id) ?? 0, input, anySuppressed);
        yield `${separator}${JSON.stringify(result)}`;
        separator = ',';
    }
    const properties = Object.fromEntries(Object.entries(input.properties).filter(([, v]) => v !== undefined && v !== ''));
    yield `],"properties":${JSON.stringify(properties)}}`;
}
/** The start of a log, up to its runs. */
const SARIF_LOG_HEAD = `{"$schema":${JSON.stringify(SARIF_SCHEMA)},"version":"2.1.0","runs":[`;

;// CONCATENATED MODULE: ./src/report/sarif-file.ts





/** The log's JSON, piece by piece: each run's pieces (see `sarifRunJson`) in the order of `runs`. */
function* logJson(runs) {
    yield SARIF_LOG_HEAD;
    for (const [i, run] of runs.entries()) {
        if (i)
            yield ',';
        yield* sarifRunJson(run);
    }
    yield ']}\n';
}
/**
 * Writes one attempt at the log from the sink's start; returns its gzipped size bound, or an estimate above
 * the budget as soon as the part written is over it. Both depend on the text alone (see `GzipBound`).
 */
async function writeAttempt(sink, runs, budget, exact, giveUp = true) {
    const bound = new GzipBound(budget);
    const pieces = runs.reduce((sum, run) => sum + new Set(run.findings.map((f) => f.id)).size + run.findings.length + 3, 1);
    let written = 0;
    sink.rewind(0);
    sink.tap = (chunk) => bound.add(chunk, written);
    try {
        for (const piece of logJson(runs)) {
            await sink.write(piece);
            written++;
            if (giveUp && bound.over) {
                bound.discard();
                return Math.max(budget + 1, bound.estimate(pieces));
            }
        }
        await sink.flush();
        return await bound.total(exact);
    }
    finally {
        sink.tap = undefined;
    }
}
/** A candidate's place in the order of keeping: a run's place, then its findings', for the few that cut. */
const NEVER = 0x7fffffff;
/**
 * The order in which the candidates of all runs are kept, as each finding's rank (NEVER past its run's
 * caps): open before suppressed, then most severe first (severity, then CVSS score), whichever run a finding
 * is of; findings alike in these take turns, run by run, in each run's own order.
 */
function keepingRanks(runs, candidates) {
    const entries = [];
    for (const [run, positions] of candidates.entries()) {
        const findings = runs[run]?.findings ?? [];
        let previous;
        for (const [order, index] of positions.entries()) {
            const f = findings[index];
            const entry = {
                run,
                index,
                order,
                suppressed: Number(f.suppressed),
                severity: (0,findings_severity/* severityRank */.qs)(f.severity),
                cvss: (0,cvss/* cvssScore */._k)(f) ?? -1,
                turn: 0,
            };
            const alike = previous &&
                previous.suppressed === entry.suppressed &&
                previous.severity === entry.severity &&
                previous.cvss === entry.cvss;
            entry.turn = alike && previous ? previous.turn + 1 : 0;
            entries.push(entry);
            previous = entry;
        }
    }
    entries.sort((a, b) => a.suppressed - b.suppressed ||
        b.severity - a.severity ||
        b.cvss - a.cvss ||
        a.turn - b.turn ||
        a.run - b.run ||
        a.order - b.order);
    const ranks = runs.map((run) => new Int32Array(run.findings.length).fill(NEVER));
    for (const [rank, { run, index }] of entries.entries())
        ranks[run][index] = rank;
    return ranks;
}
/** Attempts at a cut before the largest count known to fit is taken. */
const ATTEMPTS = 14;
/** How close a cut must come: within this share of the budget, or of the smallest count known not to fit. */
const CLOSE_ENOUGH = 0.05;
/**
 * Writes a log that fits GitHub's limits, and returns what each run kept. Each run keeps at most GitHub's
 * results and rules per run, open findings first; if the log is over the gzipped budget, rule help is
 * shortened in every run before any result is dropped, then results are dropped across the log in the order
 * of `keepingRanks` (suppressed ones first, then the least severe of any run) until it fits. An attempt that
 * does not fit is overwritten by the next; the file ends holding the one taken.
 */
async function writeFittedLog(sink, runs, budget) {
    const candidates = runs.map((run) => withinCounts(run.findings, GITHUB_LIMITS.resultsPerRun));
    const count = candidates.reduce((sum, c) => sum + c.length, 0);
    let ranks;
    const keptOf = (n) => {
        if (n >= count) {
            return runs.map((run, i) => {
                const positions = [...(candidates[i] ?? [])].sort((a, b) => a - b);
                return positions.map((p) => run.findings[p]);
            });
        }
        ranks ??= keepingRanks(runs, candidates);
        const rankOf = ranks;
        return runs.map((run, i) => run.findings.filter((_, j) => rankOf[i][j] < n));
    };
    let kept = [];
    const write = (n, briefHelp, exact, giveUp = true) => {
        kept = keptOf(n);
        const inputs = runs.map((run, i) => ({ ...run.input, findings: kept[i] ?? [], briefHelp }));
        return writeAttempt(sink, inputs, budget, exact, giveUp);
    };
    let n = count;
    let size = await write(n, false, false);
    if (size <= budget)
        return { kept, helpTrimmed: false };
    size = await write(n, true, false);
    // The largest count known to fit (-1: none yet) and its size, and the smallest count known not to.
    let fits = -1;
    let fitSize = 0;
    let tooMany = n;
    for (let attempt = 0;; attempt++) {
        if (size <= budget)
            [fits, fitSize] = [n, size];
        else
            tooMany = n;
        const close = fitSize >= budget * (1 - CLOSE_ENOUGH) || tooMany - fits <= Math.max(1, tooMany * CLOSE_ENOUGH);
        if (fits >= 0 && (close || attempt >= ATTEMPTS))
            break;
        if (fits < 0 && (n === 0 || attempt >= ATTEMPTS)) {
            // Not even a log without results fits (run properties of megabytes), or none was found to: the log
            // without results is written whole, never given up half-written.
            await write(0, true, true, false);
            return { kept, helpTrimmed: true };
        }
        // The count the last size points at, were every result the same size, on every other attempt and only
        // when it lies strictly between what fits and what does not; else halfway. The estimate is off when results
        // differ in size (or an attempt given up was estimated from its rules), and halving still closes the gap.
        const scaled = Math.floor((n * budget * 0.97) / size);
        const middle = Math.floor((Math.max(fits, 0) + tooMany) / 2);
        const useScaled = attempt % 2 === 0 && scaled > fits && scaled < tooMany;
        n = Math.min(tooMany - 1, Math.max(fits + 1, useScaled ? scaled : middle));
        size = await write(n, true, true);
    }
    // The file holds the last attempt: written again only when that was not the one taken.
    if (n !== fits)
        await write(fits, true, true);
    return { kept, helpTrimmed: true };
}
/**
 * Writes the SARIF log of `runs` within GitHub's limits: one gzipped budget for the whole file, and the
 * results each run leaves out chosen across runs (see `writeFittedLog`). Runs are written in their order;
 * the truncations come back in it. The size is bounded as the text is written, never from a whole string.
 */
async function writeSarifFile(file, runs, gzipBudget = SARIF_GZIP_BUDGET) {
    let fitted;
    await withJsonSink(file, async (sink) => {
        fitted = await writeFittedLog(sink, runs, gzipBudget);
    });
    const { kept, helpTrimmed } = fitted ?? { kept: [], helpTrimmed: false };
    return runs.map((run, i) => {
        const keep = new Set(kept[i]);
        const left = keep.size === run.findings.length ? [] : run.findings.filter((f) => !keep.has(f));
        return truncationOf(left, helpTrimmed);
    });
}

;// CONCATENATED MODULE: ./src/run.ts





















/** Converts between the locator's paths (relative to the working directory) and the repository root's. */
function pathsBetween(config) {
    // Findings share a few files: each is converted once.
    const convert = (from, to) => {
        const converted = new Map();
        return (uri) => {
            let result = converted.get(uri);
            if (result === undefined) {
                result = (0,paths/* relativeUri */.H9)(to, external_node_path_default().join(from, uri));
                converted.set(uri, result);
            }
            return result;
        };
    };
    return {
        toRoot: convert(config.workingDirectory, config.repositoryRoot),
        fromRoot: convert(config.repositoryRoot, config.workingDirectory),
    };
}
/** `notes`: gets what the run summary's readers must also see (the Action's job summary), once logged. */
function modelSteps(config, locator, logger, notes) {
    const keep = pathFilter(config.includePathPatterns, config.excludePathPatterns);
    const { toRoot, fromRoot } = pathsBetween(config);
    return {
        locate: (sources) => {
            const located = sources.flatMap((s) => {
                const file = s.context.file === undefined ? undefined : external_node_path_default().resolve(config.cwd, s.context.file);
                return s.findings.map((finding) => {
                    const location = locator.locate(finding, file);
                    return { ...finding, location: { ...location, uri: toRoot(location.uri) } };
                });
            });
            const kept = located.filter(keep);
            const note = pathFilterNote(located, kept, config.includePathPatterns);
            // Left out entirely is most likely a pattern written for another root: a warning, not a quiet pass.
            if (note?.warn)
                logger.warn(note.text);
            else if (note)
                logger.info(note.text);
            if (note)
                notes.push(note.text);
            return kept;
        },
        collapse: (located) => {
            const collapsed = collapseDuplicates(located);
            // Each file's count read is of rows: said, they add up to the counts reported.
            if (collapsed.length < located.length)
                logger.info(`${(0,wording/* plural */.LS)(located.length, 'finding')} read merge into ${collapsed.length}: the same vulnerability of the same component version, reported in several places, is one finding.`);
            return collapsed.sort(findings_severity/* bySeverity */.Np);
        },
        report: (collapsed, separate) => {
            const filtered = applyReportFilters(collapsed, config.minSeverity, config.includeSuppressed);
            // Among what is reported, and after sorting, so of the findings at a line the one it declares (else the most
            // severe) keeps it, and a finding left out never moves one that is reported.
            if (separate)
                separateSharedLines(filtered.reported, {
                    lineCount: (uri) => locator.lineCount(fromRoot(uri)),
                    declaresOther: (uri, line, component) => locator.declaresOther(fromRoot(uri), line, component),
                });
            return filtered;
        },
    };
}
function defaultCategory(scanner, subject) {
    return `sca-bridge/${scanner}/${subject ?? 'default'}/`;
}
/**
 * The user's category, or ours; with several runs, each gets its own (SPEC §7): per scanner, and per project
 * when one scanner's imports name several.
 */
function categoryFor(config, part, parts) {
    const { scanner, subject } = part;
    if (!config.category)
        return defaultCategory(scanner, subject);
    // GitHub takes the text before the last `/` as the category: `frontend` alone would be an empty category,
    // shared with every other upload that has none, each replacing the other's alerts.
    if (parts.length === 1)
        return config.category.includes('/') ? config.category : `${config.category}/`;
    const base = `${config.category.replace(/\/+$/, '')}/${scanner}/`;
    return parts.filter((p) => p.scanner === scanner).length > 1 ? `${base}${subject ?? 'default'}/` : base;
}
/**
 * The label a user gives a scanner's runs, by input name: its own (Xray's repository key, Dependency-Track's
 * project UUID), else the project name. One scanner's input never labels the other's run in a mixed import.
 */
function labelOf(config, scanner) {
    const own = scanner === 'xray' ? ['repo-key', config.repoKey] : ['project', config.project];
    const [input, value] = own[1] !== undefined ? own : ['project-name', config.projectName];
    return value === undefined ? undefined : { input, value };
}
function subjectOf(config, scanner, context, ci) {
    return (labelOf(config, scanner)?.value ??
        context.project ??
        context.projectUuid ??
        ci.repository?.split('/').pop());
}
/**
 * A label given to one scanner's imports of several projects would file them all under one category, with one
 * project's link: refused, as the other inputs that would lose what the user counts on.
 */
function refuseLabelOfSeveral(config, scanner, sources) {
    const label = labelOf(config, scanner);
    if (!label)
        return;
    // By what tells runs apart without a label (`subjectOf`): what the label would merge.
    const projects = [
        ...new Set(sources.flatMap((s) => s.context.project ?? s.context.projectUuid ?? [])),
    ].sort();
    if (projects.length < 2)
        return;
    throw new src_errors/* UserError */.yo(`Input ${label.input}: the ${scanner === 'xray' ? 'Xray' : 'Dependency-Track'} exports name ${projects.length} projects (${projects.join(', ')}), which get a SARIF run and category each; leave ${label.input} out, or import each project on its own with its ${label.input}.`);
}
/** Line hashes of the files findings are placed in, read once each and only as far as the last line used. */
function hashReader(root, findings) {
    const lastLine = new Map();
    for (const { location } of findings) {
        lastLine.set(location.uri, Math.max(lastLine.get(location.uri) ?? 0, location.startLine));
    }
    const cache = new Map();
    return (uri) => {
        if (!cache.has(uri)) {
            let hashes;
            try {
                const last = lastLine.get(uri) ?? Number.POSITIVE_INFINITY;
                hashes = lineHashes(readHead(external_node_path_default().join(root, uri), last), last);
            }
            catch {
                hashes = undefined;
            }
            cache.set(uri, hashes);
        }
        return cache.get(uri);
    };
}
/**
 * Masks the run's tokens (the scanner's, GitHub's) in what every report is written from: a server may quote its
 * token back inside a finding, an export may hold one, a label may be given one. Only these: a proxy's password
 * or the webhook's secret may be a word (`critical`), and masking it would change package names, fingerprints
 * and the summary's keys.
 */
function withoutTokens(config, value) {
    const tokens = [config.token, config.githubToken].filter((t) => !!t);
    if (!tokens.length)
        return value;
    const redactor = new src_logger/* Redactor */.pO(tokens);
    return (0,src_logger/* redactDeep */.KL)(value, (text) => redactor.redact(text));
}
/** The findings of the scan, or of the import files (expanded by `runScan`). */
async function gatherSources(config, logger, importFiles, keepDir) {
    if (config.mode === 'scan') {
        const adapter = await scannerAdapter(config.scanner);
        // Only the scanner flow has waits to cut short and server state to clean up; outside it a stop signal
        // ends the process as it always does.
        const cancel = (0,src_cancel/* cancelOnSignals */.dJ)(logger);
        try {
            const source = await adapter.scan({
                config,
                logger,
                signal: cancel.signal,
                ...(keepDir ? { keepDir } : {}),
            });
            // A stop that came when nothing was listening (the last rows being mapped) still stops the run.
            cancel.signal.throwIfAborted();
            return [withoutTokens(config, source)];
        }
        finally {
            cancel.dispose();
        }
    }
    const sources = readImports(importFiles, config.importFormat, config.cwd, logger, { uiUrl: config.uiUrl });
    for (const source of sources)
        for (const note of source.notes ?? [])
            logger.warn(`${source.context.file ?? 'An import'}: ${note}`);
    // An import's scanner is its file's; one named as well must agree rather than be ignored.
    const other = config.scanner && sources.find((s) => s.scanner !== config.scanner);
    if (other) {
        throw new src_errors/* UserError */.yo(`Input scanner: ${config.scanner}, but ${other.context.file ?? 'an import file'} is a ${other.scanner} export; leave scanner out for imports, or import ${config.scanner} exports.`);
    }
    return withoutTokens(config, sources.map((source) => withXrayLink(config, source)));
}
/**
 * An Xray export names no UI: with ui-url and repo-key, an import links where a scan of that repository does, its
 * scans in the JFrog UI.
 */
function withXrayLink(config, source) {
    if (source.scanner !== 'xray' || source.context.reportUrl || !config.uiUrl || !config.repoKey)
        return source;
    const reportUrl = (0,urls/* repositoryScansUrl */.co)((0,urls/* platformBase */.HY)(config.uiUrl), config.repoKey);
    return { ...source, context: { ...source.context, reportUrl } };
}
/**
 * GitLab's own reports, when asked for; they read the same findings as the SARIF, untruncated. Returns what it
 * wrote, said by the caller once every report is written.
 */
async function writeGitLabReports(config, reports, findings, startedAt) {
    const written = [];
    if (!config.gitlabDependencyReport && !config.gitlabCodequalityReport)
        return written;
    const groups = gitlabGroups(findings);
    if (config.gitlabDependencyReport) {
        const scannerVersions = Object.fromEntries(reports.map((r) => [r.scanner, r.source.scannerVersion]));
        const report = gitlabDependencyScanningReport({
            groups,
            startedAt,
            finishedAt: new Date(),
            scannerVersions,
        });
        await writeOutput(config.gitlabDependencyReport, 'gitlab-dependency-report', () => writeJsonFile(config.gitlabDependencyReport, report));
        written.push(`GitLab dependency-scanning report written to ${config.gitlabDependencyReport}`);
    }
    if (config.gitlabCodequalityReport) {
        await writeOutput(config.gitlabCodequalityReport, 'gitlab-codequality-report', () => writeJsonFile(config.gitlabCodequalityReport, gitlabCodeQualityReport(groups)));
        written.push(`GitLab code-quality report written to ${config.gitlabCodequalityReport}`);
    }
    return written;
}
/**
 * The sources' contexts as one: what a source gives and none contradicts (`oneOf`). Two exports of projects of one
 * name (two versions, or two servers' exports) make one run, which is neither's version, server version or link.
 */
function mergedContext(sources) {
    const keys = new Set(sources.flatMap((s) => Object.keys(s.context)));
    return Object.fromEntries([...keys].flatMap((key) => {
        const value = oneOf(sources.map((s) => s.context[key]));
        return value === undefined ? [] : [[key, value]];
    }));
}
function locatorFor(config, sources, logger) {
    return createLocator({
        workingDirectory: config.workingDirectory,
        repositoryRoot: config.repositoryRoot,
        importFiles: sources.flatMap((s) => (s.context.file ? [external_node_path_default().resolve(config.cwd, s.context.file)] : [])),
        ...(config.workflowRef ? { workflowRef: config.workflowRef } : {}),
        sarifFile: external_node_path_default().resolve(config.sarifFile),
        ...(config.sbom ? { sbom: external_node_path_default().resolve(config.sbom) } : {}),
        note: (message) => logger.info(message),
        warn: (message) => logger.warn(message),
    });
}
/**
 * A part per scanner, and a SARIF run per scanner or, when one scanner's imports name several projects, per
 * project: a run of them all would be filed under one project's category, chosen by the order of the files,
 * and every alert would move to another category when that order or the set of files changed. The counts,
 * the gate and GitLab's reports read the scanner's part, where a finding two projects share is one: the
 * projects' findings collapsed as they were placed, so an annotation sits where its SARIF result does.
 */
function partsAndRuns(sources, config, ci, steps) {
    const parts = [];
    const runs = [];
    for (const scanner of new Set(sources.map((s) => s.scanner))) {
        const own = sources.filter((s) => s.scanner === scanner);
        refuseLabelOfSeveral(config, scanner, own);
        const subjectOfSource = (s) => subjectOf(config, scanner, s.context, ci);
        const subjects = [...new Set(own.map(subjectOfSource))].sort();
        const projects = subjects.map((subject) => {
            const mine = own.filter((s) => subjectOfSource(s) === subject);
            const collapsed = steps.collapse(steps.locate(mine));
            return { subject, context: mergedContext(mine), collapsed, filtered: steps.report(collapsed, true) };
        });
        const [only] = projects;
        const part = {
            scanner,
            sources: own,
            context: mergedContext(own),
            ...(only && projects.length === 1
                ? only.filtered
                : steps.report(steps.collapse(projects.flatMap((p) => p.collapsed)), false)),
        };
        parts.push(part);
        for (const { subject, context, filtered } of projects)
            runs.push({ scanner, subject, context, reported: filtered.reported, of: part });
    }
    if (runs.length > GITHUB_LIMITS.runsPerFile) {
        throw new src_errors/* UserError */.yo(`Input import-file: the exports name ${runs.length} projects, and GitHub takes at most ${GITHUB_LIMITS.runsPerFile} SARIF runs (one per project) in a file; import at most ${GITHUB_LIMITS.runsPerFile} projects at a time.`);
    }
    return { parts, runs };
}
/** One SARIF run per run part; the writer fits them to GitHub's size limit together. */
function sarifRunSpecs(config, runs) {
    const hashes = hashReader(config.repositoryRoot, runs.flatMap((p) => p.reported));
    return runs.map((run) => ({
        findings: run.reported,
        input: {
            scanner: run.scanner,
            category: categoryFor(config, run, runs),
            ...(run.context.scannerVersion ? { scannerVersion: run.context.scannerVersion } : {}),
            // The labels are the user's, and may be given a token by mistake (`metadata: key=${{ secrets.X }}`).
            properties: withoutTokens(config, {
                scanner: run.scanner,
                project: config.projectName ?? run.context.project ?? run.context.projectUuid,
                projectVersion: config.projectVersion ?? run.context.projectVersion,
                repoKey: (run.scanner === 'xray' ? config.repoKey : undefined) ?? run.context.repoKey,
                branch: config.branch,
                environment: config.environment,
                scanTag: config.scanTag,
                metadata: Object.keys(config.metadata).length ? config.metadata : undefined,
                reportUrl: run.context.reportUrl,
            }),
            lineHashes: hashes,
        },
    }));
}
/**
 * What the SARIF left out of truncations of different findings (of different scanners), as one: their sums,
 * severities most severe first.
 */
function combined(truncations) {
    return truncationOf(truncations.flatMap((t) => t.left), truncations.some((t) => t.helpTrimmed));
}
/**
 * What the SARIF left out of a scanner's part, counted as its counts count: each finding of the part once,
 * however many of its runs (projects) left it out. A run's finding is a sighting of the part's finding of its
 * `findingKey` (the part collapses its projects' findings by that key, as each project's were), and counts
 * with the part's severity and suppression.
 */
function partTruncation(part, truncations) {
    const [only] = truncations;
    // One project: its run's findings are the part's.
    if (truncations.length === 1 && only)
        return only;
    const helpTrimmed = truncations.some((t) => t.helpTrimmed);
    if (!truncations.some((t) => t.resultsDropped))
        return combined(truncations);
    const found = new Map(part.reported.map((f) => [findingKey(f), f]));
    const left = new Map();
    for (const truncation of truncations) {
        for (const finding of truncation.left) {
            const key = findingKey(finding);
            if (!left.has(key))
                left.set(key, found.get(key) ?? finding);
        }
    }
    return truncationOf([...left.values()], helpTrimmed);
}
function scannerReport(part, runs, truncations) {
    const own = runs.flatMap((run, i) => (run.of === part ? [i] : []));
    return {
        scanner: part.scanner,
        findings: part.reported,
        violations: part.sources.flatMap((s) => s.violations),
        suppressed: part.suppressed,
        source: part.context,
        truncation: partTruncation(part, own.flatMap((i) => truncations[i] ?? [])),
    };
}
/**
 * Says which results a SARIF run left out, and where every one stays; a run of one of several projects names
 * the project.
 */
function warnTruncated(run, truncation, runs, untruncatedIn, logger) {
    if (!truncation.resultsDropped)
        return;
    const several = runs.filter((r) => r.scanner === run.scanner).length > 1;
    const kept = run.reported.length - truncation.resultsDropped;
    logger.warn(`${run.scanner}${several && run.subject ? ` (${run.subject})` : ''}: SARIF keeps the ${kept} most severe of ${run.reported.length} results to stay within GitHub's limits, leaving out ${leftOut(truncation)}; ${untruncatedIn}.`);
}
/** `3 high, 5 low` left out, and how many of them are suppressed (they go first). */
function leftOut({ droppedBySeverity, suppressedDropped, resultsDropped }) {
    const suppressed = !suppressedDropped
        ? ''
        : suppressedDropped === resultsDropped
            ? `, all suppressed`
            : `, ${suppressedDropped} of them suppressed`;
    return `${(0,findings_severity/* severityList */.Kb)(droppedBySeverity)}${suppressed}`;
}
/** Every report's findings, most severe first across scanners. */
function mergedFindings(reports) {
    // Each report is sorted already: only findings of several scanners need merging.
    return reports.length === 1
        ? (reports[0]?.findings ?? [])
        : reports.flatMap((r) => r.findings).sort(findings_severity/* bySeverity */.Np);
}
/** Counts, failing violations and the gate's verdict on them. */
function judge(config, reports, findings, logger) {
    const counts = countFindings(findings, reports.reduce((sum, r) => sum + r.suppressed, 0));
    const allViolations = reports.flatMap((r) => r.violations);
    // A scan's violations report is already of `watches` (Xray filters it); filtered again here by exact name,
    // a row Xray matched otherwise (case, no watch name) would leave the gate.
    const violations = failingViolations(allViolations, config.mode === 'scan' ? [] : config.watches);
    const unmatched = config.mode === 'import' && unmatchedWatchesWarning(allViolations, config.watches);
    if (unmatched)
        logger.warn(unmatched);
    const uncounted = config.failOnPolicyViolation && uncountedViolationsNote(allViolations, violations);
    if (uncounted)
        logger.info(uncounted);
    // A violations report alone (Xray's) gives no findings: without this the gate passes it unread.
    if (!config.failOnPolicyViolation && violations.length && !findings.length) {
        logger.warn(`${(0,wording/* plural */.LS)(violations.length, 'policy violation')} that would fail the build ${violations.length === 1 ? 'was' : 'were'} read, and the run reports no findings: the gate counts violations only with fail-on-policy-violation.`);
    }
    else if (!violations.length && allViolations.length && !findings.length) {
        // No violation fails the build, so nothing above speaks: 0 findings would read as a clean scan.
        logger.info(`${(0,wording/* plural */.LS)(allViolations.length, 'policy violation')} and no findings ${allViolations.length === 1 ? 'was' : 'were'} read: a violations report, or jf run with --watches or --project, gives vulnerabilities only as violations. For findings, import a vulnerabilities report, or add jf's --vuln.`);
    }
    const gate = evaluateGate(counts, violations.length, config);
    return { counts, violations, gate };
}
/** What the run summary says of results the SARIF left out or shortened; undefined when it kept all. */
function truncationSummary(reports) {
    // Each report's counts its own findings once (see `partTruncation`); reports are of different scanners.
    const truncation = combined(reports.map((r) => r.truncation));
    const { resultsDropped: dropped, helpTrimmed, droppedBySeverity } = truncation;
    if (!dropped && !helpTrimmed)
        return undefined;
    return {
        sarifResultsDropped: dropped,
        sarifResultsDroppedBySeverity: droppedBySeverity,
        helpTrimmed,
        note: `The SARIF keeps the most severe results within GitHub's limits (${GITHUB_LIMITS.resultsPerRun} results per run, 10 MB gzipped)${helpTrimmed ? ', with shortened rule help' : ''}; ${dropped ? `the ${(0,wording/* plural */.LS)(dropped, 'result')} left out of it (${leftOut(truncation)}) ${dropped === 1 ? 'is' : 'are'} counted here` : 'no result was left out'}.`,
    };
}
/** The one value the sources give, or, when they give several, their sorted list (`join`) or none. */
function oneOf(values, join) {
    const distinct = [...new Set(values.filter((v) => !!v))].sort();
    if (distinct.length <= 1)
        return distinct[0];
    return join === undefined ? undefined : distinct.join(join);
}
function runSummary(config, ci, startedAt, reports, sources, { counts, violations, gate }) {
    const truncated = truncationSummary(reports);
    const contexts = sources.map((s) => s.context);
    return {
        ...baseSummary(config, ci, startedAt),
        status: gate.result,
        scanner: reports.map((r) => r.scanner).join(',') || config.scanner || null,
        // Imports of several projects name them all.
        project: config.projectName ??
            oneOf(
            // A findings API array names its project only by UUID.
            contexts.map((c) => c.project ?? c.projectUuid), ', ') ??
            null,
        repoKey: config.repoKey ?? mergedContext(sources).repoKey ?? null,
        counts,
        policyViolations: violations.length,
        gate: { ...gate, failOnPolicyViolation: config.failOnPolicyViolation },
        sarifFile: config.sarifFile,
        // A link stands for the run only when it is the one the sources give.
        reportUrl: oneOf(contexts.map((c) => c.reportUrl)) ?? null,
        ...(truncated ? { truncated } : {}),
    };
}
/** Everything after the sources: model steps, SARIF, GitLab reports, counts, gate, run summary. */
async function runCore(config, ci, logger, { startedAt, untruncatedIn }, sources) {
    const wordsNote = (0,findings_severity/* unknownWordsNote */.W9)(sources.flatMap((source) => source.findings));
    if (wordsNote)
        logger.warn(wordsNote);
    const locator = await locatorFor(config, sources, logger);
    const pathNotes = [];
    const { parts, runs } = partsAndRuns(sources, config, ci, modelSteps(config, locator, logger, pathNotes));
    const specs = sarifRunSpecs(config, runs);
    const truncations = await writeOutput(config.sarifFile, 'sarif-file', () => writeSarifFile(config.sarifFile, specs));
    runs.forEach((run, i) => warnTruncated(run, truncations[i] ?? combined([]), runs, untruncatedIn, logger));
    // Help is shortened for the whole file: said once, when no run's warning says more.
    if (truncations.some((t) => t.helpTrimmed) && !truncations.some((t) => t.resultsDropped)) {
        logger.info("SARIF keeps every result; its rules' help is shortened (no advisory text) to stay within GitHub's 10 MB.");
    }
    const reports = parts.map((part) => scannerReport(part, runs, truncations));
    const findings = mergedFindings(reports);
    // Said only once all are written: a report a later failure removes was never this run's.
    const written = await writeGitLabReports(config, reports, findings, startedAt);
    for (const line of [`SARIF written to ${config.sarifFile}`, ...written])
        logger.info(line);
    const verdict = judge(config, reports, findings, logger);
    const summary = withoutTokens(config, runSummary(config, ci, startedAt, reports, sources, verdict));
    const exitCode = summary.status === 'failed' ? src_errors/* ExitCode */.yU.GateFailed : src_errors/* ExitCode */.yU.Ok;
    const below = minSeverityNote(config, parts);
    if (below)
        logger.info(below);
    const notes = [...(wordsNote ? [wordsNote] : []), ...pathNotes, ...(below ? [below] : [])];
    return { summary, exitCode, reports, findings, violations: verdict.violations, notes };
}
/** The findings `min-severity` left out, said: the counts alone would read as none of those severities. */
function minSeverityNote(config, parts) {
    const below = parts.reduce((sum, part) => sum + part.belowMinSeverity, 0);
    if (!below)
        return undefined;
    return `min-severity ${config.minSeverity} left out ${(0,wording/* plural */.LS)(below, 'finding')} below ${config.minSeverity}: no count, gate or report includes ${below === 1 ? 'it' : 'them'}.`;
}
/** The fields every summary has, also the one written when a run fails with an error. */
function baseSummary(config, ci, startedAt) {
    return {
        status: 'error',
        mode: config.mode === 'scan' || config.mode === 'import' ? config.mode : null,
        scanner: config.scanner ?? null,
        project: config.projectName ?? config.project ?? null,
        repoKey: config.repoKey ?? null,
        branch: config.branch ?? null,
        environment: config.environment ?? null,
        scanTag: config.scanTag ?? null,
        metadata: config.metadata ?? {},
        counts: { total: 0, critical: 0, high: 0, medium: 0, low: 0, info: 0, unknown: 0, suppressed: 0 },
        policyViolations: 0,
        // An error is never a pass, whoever reads only the gate.
        gate: {
            result: 'failed',
            failOn: config.failOnText ?? 'none',
            reasons: ['the run ended with an error before the gate was evaluated'],
            failOnPolicyViolation: !!config.failOnPolicyViolation,
        },
        sarifFile: null,
        reportUrl: null,
        run: ci,
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
    };
}
/** The summary of a run that ended in an error: the webhook and `--json` still say what happened. */
function errorSummary(config, ci, startedAt, error, logger) {
    return {
        ...withoutTokens(config ?? {}, baseSummary(config ?? {}, ci, startedAt)),
        error: { message: logger.redact((0,src_errors/* describeError */.Uc)(error)), exitCode: (0,src_errors/* exitCodeOf */.FO)(error) },
    };
}
/** The reports a run writes, by input name. */
function reportsOf(config) {
    return {
        'sarif-file': config.sarifFile,
        'gitlab-dependency-report': config.gitlabDependencyReport,
        'gitlab-codequality-report': config.gitlabCodequalityReport,
    };
}
/**
 * Refuses reports at the path of a file the run reads, then starts removing the reports an earlier run left: a
 * run that fails must not leave them looking like its own. The refusal is thrown at once, before anything is
 * read or asked of a scanner, and then nothing is removed.
 */
function clearReports(reports, read) {
    checkOutputPaths(reports, [
        ...read.importFiles.map((file) => ['import-file', file]),
        ['sbom', read.sbom],
        ['ca-file', read.caFile],
        ['token-file', read.tokenFile],
    ]);
    checkReplaceable(reports);
    return Promise.all(Object.entries(reports).map(([input, file]) => (file ? removeStale(file, input) : undefined))).then(() => undefined);
}
/**
 * Refuses a report path that holds something a report must not replace (a manifest, an export given as the
 * output by mistake), before anything is removed: a run refused later would otherwise have deleted it.
 */
function checkReplaceable(reports) {
    for (const [input, file] of Object.entries(reports)) {
        if (file && !isReplaceable(file))
            throw new src_errors/* UserError */.yo(`Input ${input}: ${file} holds something other than a report (sca-bridge's, or another tool's SARIF), which the run would replace; give the ${input} a path of its own, or remove the file first (nothing was changed).`);
    }
}
/** `clearReports` for a run already refused or failed: its error stays the error, and what stops the clearing a warning. */
async function clearAfterFailure(reports, read, logger) {
    try {
        await clearReports(reports, read);
    }
    catch (error) {
        logger.warn((0,src_errors/* describeError */.Uc)(error));
    }
}
/**
 * For a run of `scan` or `import` refused before its configuration was built (a flag or input refused): removes
 * the earlier run's reports at the paths the raw inputs name, as a run refused later does. `files`: those named
 * as arguments.
 */
function clearReportsOfRefusedRun(raw, read, logger) {
    return clearAfterFailure((0,src_config/* reportPaths */.Rs)(raw), {
        importFiles: (0,src_config/* importFilesOf */.k0)(raw, read.files),
        sbom: (0,src_config/* text */.Qq)(raw, 'sbom'),
        caFile: (0,src_config/* text */.Qq)(raw, 'ca-file'),
        tokenFile: read.tokenFile,
    }, logger);
}
/** `scan` and `import`: read the sources, then report. */
async function runScan(config, ci, logger, { startedAt = new Date(), keepDir, untruncatedIn }) {
    const reports = reportsOf(config);
    const written = Object.values(reports).filter((file) => !!file);
    const importFiles = config.mode === 'import'
        ? await expandImportFiles(config.importFiles, config.cwd, written, logger).catch(async (error) => {
            // A glob that matches nothing is refused as a bad input is, and leaves no earlier report either. A glob
            // never matches a report of the run's, so the paths as given are all that may name one.
            await clearAfterFailure(reports, config, logger);
            throw error;
        })
        : [];
    // Removed (on the thread pool) while the sources are read, and before anything is written or the run ends.
    const removed = clearReports(reports, { ...config, importFiles });
    const [removal, gathered] = await Promise.allSettled([
        removed,
        gatherSources(config, logger, importFiles, keepDir),
    ]);
    if (removal.status === 'rejected')
        throw removal.reason;
    if (gathered.status === 'rejected')
        throw gathered.reason;
    try {
        return await runCore(config, ci, logger, { startedAt, untruncatedIn }, gathered.value);
    }
    catch (error) {
        // A report written before a later step failed is this failed run's, and must not pass for a complete one.
        await clearAfterFailure(reports, { ...config, importFiles }, logger);
        throw error;
    }
}

// EXTERNAL MODULE: ./src/cli/args.ts
var args = __webpack_require__(7593);
;// CONCATENATED MODULE: ./src/cli/commands.ts














/**
 * A value as `--json` prints it. `##[` can only be inside a string, where `##\u005b` is the same JSON: GitHub's
 * runner acts on the older `##[command]` form anywhere in a line of a `run:` step, and a server's text (an error
 * body) must not add one. (`::` needs no care: no line of indented JSON starts with it.)
 */
function jsonText(value) {
    return `${JSON.stringify(value, null, 2).replaceAll('##[', '##\\u005b')}\n`;
}
/**
 * Repository keys, one a line; in a GitHub `run:` step, with the runner's workflow commands stopped if a key
 * (a server's text) could hold one, which a real key never does.
 */
function keyLines(keys, env) {
    return keys.length ? (0,src_logger/* printable */.g$)(keys.join('\n'), env.GITHUB_ACTIONS === 'true') : '';
}
/**
 * The file's bytes, or undefined past `max`: counted as read, not from its size, which a pipe (`/dev/stdin`,
 * a process substitution) or a device gives as 0 while it may never end.
 */
async function readAtMost(file, max) {
    const handle = await (0,promises_.open)(file, 'r');
    try {
        const chunks = [];
        const buffer = Buffer.allocUnsafe(2 ** 20);
        let total = 0;
        for (;;) {
            const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
            if (!bytesRead)
                return Buffer.concat(chunks, total);
            total += bytesRead;
            if (total > max)
                return undefined;
            // Copied: a pipe gives a few kilobytes a read, and the buffer is read into again.
            chunks.push(Buffer.from(buffer.subarray(0, bytesRead)));
        }
    }
    finally {
        await handle.close();
    }
}
/** Far above any token; a file past it (a device that never ends) is not one. */
const TOKEN_MAX_BYTES = 2 ** 20;
async function readToken(args, env) {
    if (!args.tokenFile)
        return env.SCA_BRIDGE_TOKEN || undefined;
    let bytes;
    try {
        bytes = await readAtMost(args.tokenFile, TOKEN_MAX_BYTES);
    }
    catch {
        throw new src_errors/* UserError */.yo(`--token-file: cannot read ${args.tokenFile}.`);
    }
    if (!bytes)
        throw new src_errors/* UserError */.yo(`--token-file: ${args.tokenFile} holds more than 1 MiB, which no token does.`);
    // Windows PowerShell 5's `>` writes UTF-16; trimming takes the final line break.
    return (0,encoding/* decodeText */.g7)(bytes).trim() || undefined;
}
/** Only `import` reads files named on the command line; elsewhere one is a mistake, not something to drop. */
function refuseFiles(mode, args) {
    if (mode === 'import' || !args.positionals.length)
        return;
    const hint = mode === 'scan'
        ? ' (an SBOM to upload is --sbom <file>; an export to read is `sca-bridge import <file>`)'
        : '';
    throw new src_errors/* UserError */.yo(`${mode}: takes no file, but was given ${args.positionals.join(' ')}${hint}.`);
}
/** The flags' inputs with the webhook secret, which only the environment gives; its secrets masked. */
function inputsOf(flags, io, logger, token) {
    const webhookSecret = io.env.SCA_BRIDGE_WEBHOOK_SECRET || undefined;
    const inputs = {
        ...flags,
        ...(token ? { token } : {}),
        ...(webhookSecret ? { 'webhook-secret': webhookSecret } : {}),
    };
    (0,src_config/* registerSecrets */.dg)(inputs, logger);
    return inputs;
}
async function buildConfig(mode, args, io, logger) {
    refuseFiles(mode, args);
    const inputs = inputsOf(args.inputs, io, logger, await readToken(args, io.env));
    return (0,src_config/* parseConfig */.o4)(mode, inputs, {
        env: io.env,
        cwd: io.cwd,
        gitBranch: gitBranch,
        gitRoot: gitRoot,
        gitOrigin: gitOrigin,
        ...(mode === 'import' ? { files: args.positionals } : {}),
        ...(args.tokenFile ? { tokenFile: args.tokenFile } : {}),
    });
}
function logOutcome(logger, status, reasons) {
    if (status === 'failed')
        logger.error(gateFailedMessage(reasons));
    else
        logger.info('Gate passed.');
}
/**
 * A `scan` or `import` whose command line could not be parsed (an unknown or repeated flag): the webhook and
 * `--json` still hear of the error, as for any refused run, from what the command line says leniently. No report
 * is removed: nothing in such a command line is taken for a path.
 */
async function reportUnparsedRun(io, error, logger) {
    const loose = (0,args/* looseArgs */.uY)(io.argv);
    if (loose.command !== 'scan' && loose.command !== 'import')
        return;
    const startedAt = new Date();
    const inputs = inputsOf(loose.inputs, io, logger);
    const summary = errorSummary({ mode: loose.command }, readCiContext(io.env), startedAt, error, logger);
    const webhook = (0,src_config/* webhookOfRefusedRun */.sw)(inputs, io.env);
    if (webhook)
        await sendWebhook(webhook, summary, logger);
    if (loose.json)
        io.stdout(jsonText(summary));
}
/**
 * Where a CLI run keeps every finding when the SARIF holds only some (GitHub's limits): only what the run
 * writes. GitLab's dependency-scanning report lists every open finding (a vulnerability of several versions
 * in one file is one entry there).
 */
function untruncatedIn(config) {
    return config.gitlabDependencyReport
        ? `the run summary (--json) counts all of them, and the GitLab dependency-scanning report (${config.gitlabDependencyReport}) lists every open one`
        : 'the run summary (--json) counts all of them; --gitlab-dependency-report writes a file that lists every open one';
}
/** `import` and `scan`: read the sources, report, gate. */
async function runReport(mode, args, io, logger) {
    const startedAt = new Date();
    const ci = readCiContext(io.env);
    let config;
    let webhook;
    let summary;
    let exitCode;
    try {
        config = webhook = await buildConfig(mode, args, io, logger);
        const outcome = await runScan(config, ci, logger, { startedAt, untruncatedIn: untruncatedIn(config) });
        ({ summary, exitCode } = outcome);
        const { counts } = summary;
        logger.info(`${(0,wording/* plural */.LS)(counts.total, 'finding')}: ${counts.critical} critical, ${counts.high} high, ${counts.medium} medium, ${counts.low} low, ${counts.info} info, ${counts.unknown} unknown; ${counts.suppressed} suppressed.`);
        logOutcome(logger, summary.status, summary.gate.reasons);
    }
    catch (error) {
        const { positionals: files, tokenFile } = args;
        // Its secrets masked before anything is said of the refusal.
        const inputs = inputsOf(args.inputs, io, logger);
        webhook ??= (0,src_config/* webhookOfRefusedRun */.sw)(inputs, io.env);
        if (!config)
            await clearReportsOfRefusedRun(args.inputs, { files, tokenFile }, logger);
        exitCode = (0,src_errors/* exitCodeOf */.FO)(error);
        logger.error((0,src_errors/* describeError */.Uc)(error));
        summary = errorSummary(config ?? (0,src_config/* askedOfRefusedRun */.XU)(inputs, mode, io.env), ci, startedAt, error, logger);
    }
    if (webhook)
        await sendWebhook(webhook, summary, logger);
    if (args.json)
        io.stdout(jsonText(summary));
    return exitCode;
}
/** Far above any run summary (its metadata included), far below what would not fit in one string. */
const SUMMARY_MAX_BYTES = 64 * 2 ** 20;
/** `gate <summary.json>`: the second job of GitLab's two-job pattern (SPEC §2, §8). */
async function runGate(args, logger) {
    const [file, ...extra] = args.positionals;
    if (!file || extra.length)
        throw new src_errors/* UserError */.yo('gate: name exactly one run summary file (written by `sca-bridge import --json`).');
    let text;
    try {
        const bytes = await readAtMost(file, SUMMARY_MAX_BYTES);
        if (!bytes)
            throw new src_errors/* UserError */.yo(`gate: ${file} holds more than ${SUMMARY_MAX_BYTES / 2 ** 20} MiB, and a run summary takes a few kilobytes: give the file \`sca-bridge import --json\` or \`scan --json\` printed, not an export or a report.`);
        // Windows PowerShell 5's `>` saves the summary as UTF-16, and other tools add a byte-order mark.
        text = (0,encoding/* decodeText */.g7)(bytes);
    }
    catch (error) {
        if (error instanceof src_errors/* UserError */.yo)
            throw error;
        throw new src_errors/* UserError */.yo(`gate: cannot read the run summary ${file}: ${error.message}`);
    }
    let document;
    try {
        document = JSON.parse(text);
    }
    catch (error) {
        throw new src_errors/* UserError */.yo(`gate: ${file} is not valid JSON (${error.message}); give the run summary \`sca-bridge import --json\` or \`scan --json\` printed, saved as UTF-8 or UTF-16.`);
    }
    const parsed = runSummarySchema.safeParse(document);
    if (!parsed.success) {
        throw new src_errors/* UserError */.yo(`gate: ${file} is not an sca-bridge run summary (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}).`);
    }
    const summary = parsed.data;
    if (summary.status === 'error') {
        logger.error(`The scan itself failed: ${summary.error?.message ?? 'see the scan job'}`);
        return summary.error?.exitCode ?? src_errors/* ExitCode */.yU.ScannerFailure;
    }
    // Blank is not given, as for `scan` and `import`: `--fail-on "$UNSET"` must not switch the saved gate off.
    const failOnText = (0,src_config/* text */.Qq)(args.inputs, 'fail-on') ?? summary.gate.failOn;
    const failOnPolicyViolation = args.inputs['fail-on-policy-violation'] !== undefined
        ? args.inputs['fail-on-policy-violation'] === 'true'
        : !!summary.gate.failOnPolicyViolation;
    // An Xray scan reads violations only when asked to; a summary without them cannot be gated on them. An
    // import reads whatever violations its files hold.
    const scanner = typeof summary.scanner === 'string' ? summary.scanner : '';
    if (failOnPolicyViolation &&
        !summary.gate.failOnPolicyViolation &&
        scanner.includes('xray') &&
        summary.mode !== 'import') {
        throw new src_errors/* UserError */.yo('gate: --fail-on-policy-violation, but the Xray scan ran without it and so read no violations; run the scan with --fail-on-policy-violation.');
    }
    const gate = evaluateGate(summary.counts, summary.policyViolations, {
        failOn: (0,src_config/* parseFailOn */.XV)(failOnText),
        failOnText,
        failOnPolicyViolation,
    });
    logOutcome(logger, gate.result, gate.reasons);
    return gate.result === 'failed' ? src_errors/* ExitCode */.yU.GateFailed : src_errors/* ExitCode */.yU.Ok;
}
/** `list-repos`: the Xray repository keys the token can see, one per line (or a JSON array with --json). */
async function listRepos(args, io, logger) {
    // Said before the other inputs are checked: no value of theirs would make another scanner list anything.
    const scanner = (0,src_config/* text */.Qq)(args.inputs, 'scanner') ?? 'xray';
    const adapter = scanner.toLowerCase() === 'xray' ? await scannerAdapter('xray') : undefined;
    if (!adapter?.listRepositories)
        throw new src_errors/* UserError */.yo(`list-repos: only Xray has repositories; use --scanner xray (got "${scanner}").`);
    const config = await buildConfig('list-repos', { ...args, inputs: { ...args.inputs, scanner } }, io, logger);
    const keys = await adapter.listRepositories({ config, logger });
    io.stdout(args.json ? jsonText(keys) : keyLines(keys, io.env));
    return src_errors/* ExitCode */.yU.Ok;
}
/** `test-connection`: URL, TLS, token and its permissions; reports nothing else. */
async function testConnection(args, io, logger) {
    const config = await buildConfig('test-connection', args, io, logger);
    await (await scannerAdapter(config.scanner)).testConnection({ config, logger });
    return src_errors/* ExitCode */.yU.Ok;
}


/***/ }),

/***/ 6266:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BC: () => (/* binding */ hasUtf32Bom),
/* harmony export */   U: () => (/* binding */ asUtf8),
/* harmony export */   g7: () => (/* binding */ decodeText)
/* harmony export */ });
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4573);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_buffer__WEBPACK_IMPORTED_MODULE_0__);

/**
 * Windows PowerShell 5 writes `>` and `Out-File` as UTF-16 with a byte-order mark. The mark names the byte
 * order beyond doubt, so such a file is read as the UTF-8 it stands for rather than refused; decoding is no
 * less exact than reading UTF-8 is. Without a mark nothing is guessed.
 */
function asUtf8(bytes) {
    // UTF-32LE's mark begins as UTF-16LE's does: read as UTF-16, its text would turn into NUL characters.
    if (hasUtf32Bom(bytes))
        return bytes;
    const littleEndian = bytes[0] === 0xff && bytes[1] === 0xfe;
    if (!littleEndian && !(bytes[0] === 0xfe && bytes[1] === 0xff))
        return bytes;
    // Whole code units, as swap16 needs: an odd last byte, half a character of a cut file, is dropped.
    const units = bytes.subarray(2, bytes.length - (bytes.length % 2));
    const utf16le = littleEndian ? units : Buffer.from(units).swap16();
    try {
        // Buffer to buffer: a JS string of a large export would double the memory and stops at V8's string limit.
        return (0,node_buffer__WEBPACK_IMPORTED_MODULE_0__.transcode)(utf16le, 'utf16le', 'utf8');
    }
    catch {
        // A lone surrogate (a cut or damaged file): the string's way turns it into U+FFFD, as a UTF-8 file's bad
        // bytes are read.
        return Buffer.from(utf16le.toString('utf16le'), 'utf8');
    }
}
/** A UTF-32 byte-order mark, either byte order; nothing here decodes UTF-32, so such bytes are left as they are. */
function hasUtf32Bom(bytes) {
    const [a, b, c, d] = bytes;
    return (a === 0xff && b === 0xfe && c === 0 && d === 0) || (a === 0 && b === 0 && c === 0xfe && d === 0xff);
}
/** The text without its byte-order mark: UTF-8 files may start with one, and JSON.parse refuses it. */
function withoutBom(text) {
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
/** A text file's text, whatever of UTF-8 or UTF-16 with a byte-order mark it was saved as, without the mark. */
function decodeText(bytes) {
    return withoutBom(asUtf8(bytes).toString('utf8'));
}


/***/ }),

/***/ 8410:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ buildFinding),
/* harmony export */   Y: () => (/* binding */ baseScore)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _ids_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5232);
/* harmony import */ var _key_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4861);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4087);
/* harmony import */ var _severity_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5131);
/* harmony import */ var _cvss_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2915);






/**
 * Scanners repeat an advisory's text in the finding of every component it affects: findings share one copy,
 * so 100,000 findings do not hold 100,000 copies of a few thousand texts. Bounded for long-lived processes.
 */
const sharedTexts = new Map();
function shared(text) {
    // Looked up by length and ends, as hashing a whole fresh text costs more than the rest of the look-up;
    // then compared whole.
    const key = text.length <= 96 ? text : `${text.length}:${text.slice(0, 64)}${text.slice(-32)}`;
    const known = sharedTexts.get(key);
    if (known === text)
        return known;
    if (known === undefined && sharedTexts.size < 100_000)
        sharedTexts.set(key, text);
    return text;
}
/** CVSS base scores lie within 0–10; anything else a file holds (a year parsed as a number) is no score. */
function baseScore(score) {
    return score !== undefined && score >= 0 && score <= 10 ? score : undefined;
}
function validScores(cvss) {
    const out = {};
    for (const version of ['v4', 'v3', 'v2']) {
        const entry = cvss?.[version];
        if (!entry)
            continue;
        const kept = {};
        const score = baseScore(entry.score);
        if (score !== undefined)
            kept.score = score;
        if (entry.vector)
            kept.vector = entry.vector;
        if (kept.score !== undefined || kept.vector)
            out[version] = kept;
    }
    return out;
}
/**
 * A title: the text's first line, with the lines a scanner wrapped mid-sentence joined to it (OpenSSL's
 * advisories, as Xray quotes them, break every 80 columns: "…a bug that causes\nit to ignore…").
 */
function firstLine(text) {
    const lines = text.trim().split(/\r?\n/, 8);
    let line = (lines[0] ?? '').trimEnd();
    for (const next of lines.slice(1)) {
        if (line.length >= 120 || /[.!?:]$/.test(line) || line.startsWith('#') || !/^\s*\p{Ll}/u.test(next))
            break;
        line = `${line} ${next.trim()}`.trimEnd();
    }
    return (0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .shorten */ .m)(line, 120, '...');
}
function present(values) {
    return [...new Set(values.filter((v) => v !== undefined && v !== null && v !== ''))];
}
/** Fills a finding's defaults in one place, so every importer yields the same shape. */
function buildFinding(input) {
    // Findings are kept by the 100,000: exact-size copies (`slice`) of arrays grown by filter or push, which
    // keep spare room.
    const description = shared(input.description?.trim() ?? '');
    const named = (0,_ids_js__WEBPACK_IMPORTED_MODULE_4__/* .orderIds */ .Fd)(input.ids).slice();
    // A vulnerability the scanner names by no id at all is told apart by its text: one `UNKNOWN` for all of
    // them would merge different ones on a component into one finding.
    const ids = named.length
        ? named
        : [`UNKNOWN-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.hash)('sha256', (0,_key_js__WEBPACK_IMPORTED_MODULE_1__/* .tupleKey */ .WS)([input.title ?? '', description])).slice(0, 8)}`];
    const [id] = ids;
    // Paths inside the artifact are component paths, never matched by path patterns (`patternPaths`).
    const patternPaths = present(input.componentPaths ?? []);
    const componentPaths = input.innerPaths?.length
        ? present([...patternPaths, ...input.innerPaths])
        : patternPaths;
    const cvss = validScores(input.cvss);
    const word = input.severity?.trim();
    // A word no scanner used before (a new level, a typo in a converted export) is rated by the finding's CVSS
    // score, as the scanners rate theirs, and said (`unknownWordsNote`): as unknown it would pass a gate on
    // critical unseen.
    const severity = word ? (0,_severity_js__WEBPACK_IMPORTED_MODULE_2__/* .severityOfWord */ .Zx)(word) : 'unknown';
    const finding = {
        scanner: input.scanner,
        id,
        ids,
        // Scanners put whole paragraphs in their summaries; a title is their first line.
        title: firstLine(input.title ?? '') || firstLine(description) || id,
        description,
        severity: severity ?? (0,_severity_js__WEBPACK_IMPORTED_MODULE_2__/* .severityFromScore */ .qI)((0,_cvss_js__WEBPACK_IMPORTED_MODULE_5__/* .cvssScore */ ._k)({ cvss })),
        cvss,
        cwes: present(input.cwes ?? []),
        component: input.component,
        componentPaths,
        impactPaths: (input.impactPaths ?? []).filter((path) => path.length > 0).map((path) => path.slice()),
        fixedVersions: present(input.fixedVersions ?? []),
        references: present(input.references ?? []),
        suppressed: input.suppressed ?? false,
    };
    if (!severity && word)
        finding.severityWord = word;
    if (patternPaths.length < componentPaths.length)
        finding.patternPaths = patternPaths;
    if (input.epss)
        finding.epss = input.epss;
    if (input.published)
        finding.published = input.published;
    if (input.analysis)
        finding.analysis = input.analysis;
    if (input.url)
        finding.url = input.url;
    const applicability = input.applicability?.trim().toLowerCase().replaceAll('_', ' ');
    if (applicability)
        finding.applicability = applicability;
    return finding;
}


/***/ }),

/***/ 9457:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T5: () => (/* binding */ componentFromPurl),
/* harmony export */   fv: () => (/* binding */ componentFromXrayId)
/* harmony export */ });
/* unused harmony exports packageNameOf, ecosystemOfXrayType */
/* harmony import */ var packageurl_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7091);
/* harmony import */ var packageurl_js__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(packageurl_js__WEBPACK_IMPORTED_MODULE_0__);

/** OS package types, whose purl namespace is the distribution: `apt install libssl3`, not `debian/libssl3`. */
const OS_PACKAGE_TYPES = new Set(['deb', 'apk', 'rpm', 'alpm']);
/**
 * The name as the ecosystem writes it: Maven `group:artifact`, OS packages their bare name, others
 * `namespace/name` (npm `@scope/name`).
 */
function packageNameOf(ecosystem, group, name) {
    if (!group || OS_PACKAGE_TYPES.has(ecosystem ?? ''))
        return name;
    return ecosystem === 'maven' ? `${group}:${name}` : `${group}/${name}`;
}
function buildPurl(ecosystem, namespace, name, version, qualifiers) {
    try {
        return new packageurl_js__WEBPACK_IMPORTED_MODULE_0__.PackageURL(ecosystem, namespace, name, version, qualifiers, undefined).toString();
    }
    catch {
        return undefined;
    }
}
/** Reads a purl; falls back to the given fields when the purl is absent or malformed. */
function componentFromPurl(purl, fallback) {
    if (purl) {
        try {
            const parsed = packageurl_js__WEBPACK_IMPORTED_MODULE_0__.PackageURL.fromString(purl);
            const group = parsed.namespace ?? fallback.group ?? undefined;
            return {
                packageName: packageNameOf(parsed.type, group, parsed.name),
                name: parsed.name,
                ...(group ? { group } : {}),
                ...(fallback.version || parsed.version ? { version: fallback.version || parsed.version } : {}),
                purl,
                ecosystem: parsed.type,
            };
        }
        catch {
            // A malformed purl still leaves the name and version to report.
        }
    }
    return {
        packageName: packageNameOf(undefined, fallback.group, fallback.name),
        name: fallback.name,
        ...(fallback.group ? { group: fallback.group } : {}),
        ...(fallback.version ? { version: fallback.version } : {}),
        ...(purl ? { purl } : {}),
    };
}
/** Xray's package types (component-id schemes and `package_type` words) as purl types. */
const XRAY_TYPES = {
    gav: 'maven',
    maven: 'maven',
    // jf writes the technology for some: Gradle for a gav (Go's map order picks Maven or Gradle), Python for pypi.
    gradle: 'maven',
    npm: 'npm',
    pypi: 'pypi',
    python: 'pypi',
    go: 'golang',
    golang: 'golang',
    deb: 'deb',
    debian: 'deb',
    alpine: 'apk',
    rpm: 'rpm',
    nuget: 'nuget',
    composer: 'composer',
    rubygems: 'gem',
    gem: 'gem',
    cargo: 'cargo',
    docker: 'docker',
    oci: 'oci',
    conan: 'conan',
    cocoapods: 'cocoapods',
    conda: 'conda',
    generic: 'generic',
    github: 'github',
    hex: 'hex',
    pub: 'pub',
    swift: 'swift',
    huggingface: 'huggingface',
};
function ecosystemOfXrayType(type) {
    if (!type)
        return undefined;
    const word = type.trim().toLowerCase();
    // Own keys only: a type such as `__proto__` must not reach the object's prototype.
    return Object.hasOwn(XRAY_TYPES, word) ? XRAY_TYPES[word] : undefined;
}
/** How many leading `:` fields of an OS package id name the distribution, before the package name. */
const DISTRO_FIELDS = { deb: 2, apk: 1, rpm: 1 };
/**
 * The purl spec's rpm type writes the version as version-release and the epoch as an `epoch` qualifier; deb
 * (and alpm) keep the epoch in the version, and apk has none. The component's own version stays the whole
 * `epoch:version-release`, as rpm and Xray's fixed versions write it: the epoch decides which is newer.
 */
function rpmPurlVersion(version, qualifiers) {
    const epoch = /^(\d+):(.+)$/.exec(version ?? '');
    if (!epoch?.[1] || !epoch[2])
        return { purlVersion: version, qualifiers };
    return { purlVersion: epoch[2], qualifiers: { ...qualifiers, epoch: epoch[1] } };
}
/** A generic file Xray knows by its content hash: `sha256:<hex>/<path>/<file>`. */
const HASHED_FILE = /^sha256:([0-9a-f]+)\/(?:.*\/)?([^/]+)$/i;
/**
 * A hashed generic file is named by its basename; the hash is its identity, kept as the purl's checksum.
 * Its version is not recorded anywhere, and guessing it from the file name would misname as many as it names.
 */
function hashedFileComponent(rest) {
    const match = HASHED_FILE.exec(rest);
    if (!match)
        return undefined;
    const [, hash = '', name = rest] = match;
    const purl = buildPurl('generic', undefined, name, undefined, { checksum: `sha256:${hash.toLowerCase()}` });
    return { packageName: name, name, ...(purl ? { purl } : {}), ecosystem: 'generic' };
}
/**
 * Parses an Xray component id: `gav://group:artifact:version`, `npm://@scope/name:version`,
 * `deb://debian:bookworm:libssl3:3.0.13-1~deb12u1` (versions may hold `:` epochs),
 * `alpine://3.18:libcrypto3:3.1.1-r1`, `go://github.com/a/b:v1.2.3`, `docker://image:tag`,
 * `generic://sha256:<hex>/lib/log4j-core-2.14.1.jar`.
 */
function componentFromXrayId(id, typeHint) {
    // A report has a row per vulnerability of a component: its id is parsed once. Components are never changed
    // after they are made, so findings may share one. Bounded for long-lived processes.
    const key = `${typeHint?.length ?? -1}:${typeHint ?? ''}${id}`;
    let component = parsedXrayIds.get(key);
    if (!component) {
        component = parseXrayId(id, typeHint);
        if (parsedXrayIds.size < 100_000)
            parsedXrayIds.set(key, component);
    }
    return component;
}
const parsedXrayIds = new Map();
function parseXrayId(id, typeHint) {
    const schemeAt = id.indexOf('://');
    const scheme = schemeAt >= 0 ? id.slice(0, schemeAt) : undefined;
    const rest = schemeAt >= 0 ? id.slice(schemeAt + 3) : id;
    const ecosystem = ecosystemOfXrayType(scheme) ?? ecosystemOfXrayType(typeHint);
    const hashedFile = ecosystem === 'generic' ? hashedFileComponent(rest) : undefined;
    if (hashedFile)
        return hashedFile;
    const fields = rest.split(':');
    const distroFields = ecosystem ? (DISTRO_FIELDS[ecosystem] ?? 0) : 0;
    let group;
    let name;
    let version;
    let purlVersion;
    let qualifiers;
    if (distroFields > 0 && fields.length > distroFields + 1) {
        const distro = fields.slice(0, distroFields);
        name = fields[distroFields] ?? rest;
        version = fields.slice(distroFields + 1).join(':') || undefined;
        group = ecosystem === 'apk' ? 'alpine' : ecosystem === 'deb' ? distro[0] : undefined;
        qualifiers = { distro: distro.join('-') };
        if (ecosystem === 'rpm')
            ({ purlVersion, qualifiers } = rpmPurlVersion(version, qualifiers));
    }
    else if (ecosystem === 'maven' && fields.length >= 3) {
        group = fields[0];
        name = fields[1] ?? rest;
        version = fields.slice(2).join(':');
    }
    else if (fields.length >= 2) {
        name = fields.slice(0, -1).join(':');
        version = fields.at(-1);
    }
    else {
        name = rest;
    }
    if (ecosystem === 'npm' && name.startsWith('@') && name.includes('/')) {
        [group, name] = [name.slice(0, name.indexOf('/')), name.slice(name.indexOf('/') + 1)];
    }
    else if ((ecosystem === 'golang' || ecosystem === 'composer') && name.includes('/')) {
        [group, name] = [name.slice(0, name.lastIndexOf('/')), name.slice(name.lastIndexOf('/') + 1)];
    }
    const purl = ecosystem ? buildPurl(ecosystem, group, name, purlVersion ?? version, qualifiers) : undefined;
    const packageName = packageNameOf(ecosystem, group, name);
    return {
        packageName,
        name,
        ...(group && packageName !== name ? { group } : {}),
        ...(version ? { version } : {}),
        ...(purl ? { purl } : {}),
        ...(ecosystem ? { ecosystem } : {}),
    };
}


/***/ }),

/***/ 5232:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fd: () => (/* binding */ orderIds),
/* harmony export */   iS: () => (/* binding */ canonicalId),
/* harmony export */   ur: () => (/* binding */ isGhsa),
/* harmony export */   vQ: () => (/* binding */ isCve)
/* harmony export */ });
/* unused harmony export normaliseId */
const CVE = /^CVE-(\d{4})-(\d{4,})$/i;
const GHSA = /^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/i;
function isCve(id) {
    return CVE.test(id);
}
function isGhsa(id) {
    return GHSA.test(id);
}
function compareCve(a, b) {
    const [, ya = '0', na = '0'] = CVE.exec(a) ?? [];
    const [, yb = '0', nb = '0'] = CVE.exec(b) ?? [];
    return Number(ya) - Number(yb) || Number(na) - Number(nb);
}
/** Normalises the case of well-known id schemes so the same id compares equal from every source. */
function normaliseId(id) {
    const trimmed = id.trim();
    if (isCve(trimmed) || isGhsa(trimmed)) {
        return isCve(trimmed) ? trimmed.toUpperCase() : `GHSA${trimmed.slice(4).toLowerCase()}`;
    }
    return trimmed;
}
/**
 * The canonical id of a vulnerability (SPEC §6): its lowest CVE, else its GHSA, else the scanner's own id.
 * `ids` must hold the scanner's own id first when it has no CVE or GHSA.
 */
function canonicalId(ids) {
    const cves = ids.filter(isCve).sort(compareCve);
    if (cves[0])
        return cves[0];
    const ghsa = ids.filter(isGhsa).sort();
    if (ghsa[0])
        return ghsa[0];
    return ids[0];
}
/** Canonical id first, then the others in a stable order, without duplicates or blanks. */
function orderIds(ids) {
    const unique = [...new Set(ids.filter((id) => !!id && !!id.trim()).map(normaliseId))];
    const canonical = canonicalId(unique);
    return canonical ? [canonical, ...unique.filter((id) => id !== canonical).sort()] : [];
}


/***/ }),

/***/ 4861:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AK: () => (/* binding */ findingDigest),
/* harmony export */   AZ: () => (/* binding */ findingIdentity),
/* harmony export */   WS: () => (/* binding */ tupleKey),
/* harmony export */   hh: () => (/* binding */ identityDigest)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

/**
 * One string for a tuple of strings (a finding's identity, a fingerprint's input), different for different
 * tuples: the parts joined by NUL, as keys and fingerprints have always been made, unless a part holds a NUL
 * itself, where `a\0b`,`c` and `a`,`b\0c` would meet. Such a tuple is written as JSON, which holds no NUL, so
 * it meets no joined tuple of two parts or more; fingerprints of ordinary input stay as they were.
 */
function tupleKey(parts) {
    return parts.some((part) => part.includes('\0')) ? JSON.stringify(parts) : parts.join('\0');
}
/**
 * What identifies a finding across runs whatever its version (SPEC §7): vulnerability id, package name and the
 * file it is placed in. GitLab tells its vulnerabilities apart the same way.
 */
function findingIdentity(finding) {
    return tupleKey([finding.id, finding.component.packageName, finding.location.uri]);
}
/** The SHA-256 (hex) of a `findingIdentity`, for a caller that holds the identity already. */
function identityDigest(identity) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.hash)('sha256', identity);
}
/** The SHA-256 (hex) of `findingIdentity`: SARIF's `scaBridgeFinding/v1`, GitLab's ids and fingerprints. */
function findingDigest(finding) {
    return identityDigest(findingIdentity(finding));
}


/***/ }),

/***/ 3243:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Xp: () => (/* binding */ DeadlinePassed),
  Qq: () => (/* binding */ HttpClient),
  F9: () => (/* binding */ HttpStatusError),
  Y5: () => (/* binding */ NotSent),
  R2: () => (/* binding */ redirectAdvice)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(1692);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
// EXTERNAL MODULE: ./src/cancel.ts
var cancel = __webpack_require__(833);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/logger.ts
var logger = __webpack_require__(6999);
// EXTERNAL MODULE: ./src/version.ts + 1 modules
var version = __webpack_require__(1013);
// EXTERNAL MODULE: ./src/wording.ts
var wording = __webpack_require__(3395);
// EXTERNAL MODULE: ./src/http/ca-file.ts
var ca_file = __webpack_require__(3281);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
;// CONCATENATED MODULE: ./src/http/proxy.ts

// Upper case first; an https URL falls back to HTTP_PROXY, as undici's agent does.
const HTTP = ['HTTP_PROXY', 'http_proxy'];
const HTTPS = ['HTTPS_PROXY', 'https_proxy'];
function first(env, names) {
    return names.find((name) => env[name]);
}
/** A NO_PROXY entry that is an IP range (`10.0.0.0/8`, `::1/128`): the range, or undefined for any other entry. */
function range(entry) {
    const cidr = /^\[?([0-9a-f.:]+)\]?\/(\d{1,3})$/i.exec(entry);
    const family = cidr ? (0,external_node_net_.isIP)(cidr[1] ?? '') : 0;
    const prefix = Number(cidr?.[2]);
    if (!cidr || !family || prefix > (family === 4 ? 32 : 128))
        return undefined;
    const list = new external_node_net_.BlockList();
    list.addSubnet(cidr[1] ?? '', prefix, family === 4 ? 'ipv4' : 'ipv6');
    return list;
}
/** NO_PROXY's entries (commas or spaces between them). */
function noProxyEntries(env) {
    const name = first(env, ['NO_PROXY', 'no_proxy']);
    return (env[name ?? ''] ?? '').split(/[,\s]+/).filter(Boolean);
}
/**
 * The options of undici's EnvHttpProxyAgent, from the variables alone (never the process's own environment).
 * Its NO_PROXY matches host names only: the IP ranges are left out, for `bypassesByRange` to route.
 */
function agentProxies(env) {
    const value = (names) => env[first(env, names) ?? ''] ?? '';
    const noProxy = noProxyEntries(env).filter((entry) => !range(entry));
    return { httpProxy: value(HTTP), httpsProxy: value(HTTPS), noProxy: noProxy.join(',') };
}
/** A URL's host as NO_PROXY entries are matched against it: lower case, without IPv6 brackets or a final dot. */
function hostOf(url) {
    return url.hostname
        .replace(/^\[(.+)\]$/, '$1')
        .replace(/\.$/, '')
        .toLowerCase();
}
/** Whether `host`, an IP address, lies in one of NO_PROXY's IP ranges (a host name never does, as with curl). */
function inRange(entries, host) {
    const family = (0,external_node_net_.isIP)(host);
    if (!family)
        return false;
    return entries.some((entry) => range(entry)?.check(host, family === 4 ? 'ipv4' : 'ipv6') ?? false);
}
/**
 * Whether a request to `url` goes direct for an IP range in NO_PROXY: undici's agent, which does not know
 * ranges, must not send it through the proxy.
 */
function bypassesByRange(url, env) {
    return inRange(noProxyEntries(env), hostOf(url));
}
/**
 * One NO_PROXY entry: `*`, a host or domain (`example.com`, `.example.com`, `*.example.com`), an IP address,
 * an optional `:port`. IP ranges are matched by `inRange`.
 */
function excludes(entry, host, port) {
    const withPort = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry);
    if (withPort && Number(withPort[2]) !== port)
        return false;
    const name = (withPort?.[1] ?? entry)
        .replace(/^\[(.+)\]$/, '$1')
        .replace(/^\*?\./, '')
        .replace(/\.$/, '')
        .toLowerCase();
    if (name === '*')
        return true;
    // `*.example.com` means the subdomains only.
    return (host === name && !entry.startsWith('*')) || host.endsWith(`.${name}`);
}
/** The proxy a request to `url` goes through, if any: undici's EnvHttpProxyAgent's choice, and NO_PROXY's IP ranges. */
function proxyFor(url, env) {
    const variable = first(env, url.protocol === 'https:' ? [...HTTPS, ...HTTP] : HTTP);
    const proxy = variable ? URL.parse(env[variable] ?? '') : null;
    if (!variable || !proxy)
        return undefined;
    const host = hostOf(url);
    const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
    const entries = noProxyEntries(env);
    return entries.some((entry) => excludes(entry, host, port)) || inRange(entries, host)
        ? undefined
        : { variable, origin: proxy.origin, withCredentials: proxy.username !== '' };
}
/** Statuses of a gateway that could not get an answer from the server: a proxy's own, in JSON too. */
const GATEWAY_STATUSES = new Set([502, 503, 504]);
/**
 * What an HTTP answer that came through `proxy` says about it. `own`: the body is the server's own answer (its
 * JSON, not a page or nothing); unless it is, or it is a gateway's error, the proxy may have answered in the
 * server's stead.
 */
function describeProxyAnswer(url, status, proxy, own) {
    const through = `The answer came through the proxy ${proxy.origin} (${proxy.variable})`;
    if (own && !GATEWAY_STATUSES.has(status))
        return `${through}.`;
    const host = URL.parse(url) ? hostOf(new URL(url)) : url;
    return `${through}, which may have refused or failed the request itself: check that the proxy lets requests to ${host} through, or list ${host} in NO_PROXY to reach it directly.`;
}
/**
 * The status a proxy refused a request with: undici reports a refused tunnel (https) as "Proxy response
 * (407) !== 200 …" and a refused plain-http request as "Proxy Authentication Required (407)".
 */
function proxyStatus(message) {
    const status = /^Proxy .*\((\d{3})\)/.exec(message)?.[1];
    return status ? Number(status) : undefined;
}
const CONNECT_FAILURES = new Set([
    'ENOTFOUND',
    'EAI_AGAIN',
    'ECONNREFUSED',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ETIMEDOUT',
    'UND_ERR_CONNECT_TIMEOUT',
]);
/**
 * A failure of the proxy a request goes through, with what to do; undefined for the others. Through a
 * proxy, sca-bridge only ever connects to the proxy: a failure to connect is the proxy's.
 */
function describeProxyError(code, message, url, proxy) {
    const { variable, origin } = proxy;
    const status = proxyStatus(message);
    if (status === 407 && proxy.withCredentials) {
        return `the proxy ${origin} (${variable}) refused the user name and password in ${variable} (HTTP 407) for requests to ${url}: check them (URL-encoded) and that the proxy account may reach that host.`;
    }
    if (status === 407) {
        return `the proxy ${origin} (${variable}) asks for credentials (HTTP 407) before it forwards requests to ${url}: put them in ${variable} as http://user:password@host:port (URL-encode special characters), from a secret.`;
    }
    if (status !== undefined) {
        return `the proxy ${origin} (${variable}) did not forward the request to ${url} (HTTP ${status}): check that the proxy lets requests to that host through, or list the host in NO_PROXY to reach it directly.`;
    }
    if (CONNECT_FAILURES.has(code)) {
        return `cannot reach the proxy ${origin} (${variable}, ${code}) that requests to ${url} go through: check ${variable} and that the proxy is running, or list the host in NO_PROXY to reach it directly.`;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/http/client.ts











const USER_AGENT = `sca-bridge/${version/* VERSION */.x}`;
/** The longest `Retry-After` honoured; a longer one fails the call rather than stall the pipeline. */
const MAX_RETRY_AFTER_MS = 120_000;
/** How long a call that outlives the run's cancellation may still take: CI kills the job seconds later. */
const GRACE_AFTER_CANCEL_MS = 5_000;
/** The end of the grace period: said with the URL of the call it cut off (`cutOff`). */
class GraceOver extends Error {
    constructor() {
        super(`did not answer within the ${GRACE_AFTER_CANCEL_MS / 1000} s a call may still take once the job is stopped.`);
    }
}
/** One grace period per run, shared by its calls: they all end by the stop plus `GRACE_AFTER_CANCEL_MS`. */
const graces = new WeakMap();
function graceAfter(run) {
    let grace = graces.get(run);
    if (!grace) {
        const controller = new AbortController();
        const start = () => setTimeout(() => controller.abort(new GraceOver()), GRACE_AFTER_CANCEL_MS).unref();
        if (run.aborted)
            start();
        else
            run.addEventListener('abort', start, { once: true });
        grace = controller.signal;
        graces.set(run, grace);
    }
    return grace;
}
/** Why a call stopped: the run's stop as it is, the end of the grace period with the call's URL. */
function cutOff(signal, shown) {
    const reason = signal.reason;
    return reason instanceof GraceOver ? new errors/* ScannerError */.VM(`${shown} ${reason.message}`) : reason;
}
/**
 * A call that ran out of its request's `deadline`: it had no answer by then, or failed with no time left for
 * another attempt. The caller knows what ran out (its `timeout`) and says so: scanners pass it on unwrapped.
 */
/**
 * A request that never reached the server: refused or unresolvable, or stopped at TLS. Unlike a lost answer, it
 * cannot have done anything there (a report creation made no report).
 */
class NotSent extends errors/* ScannerError */.VM {
}
class DeadlinePassed extends errors/* ScannerError */.VM {
    constructor(shown, failure) {
        super(failure
            ? `${(0,wording/* clause */.sb)(failure.message)}, with no time left to try again`
            : `${shown} did not answer in the time left`);
    }
}
/** Aborts at `deadline` (epoch ms), rounded up: a timer takes whole milliseconds, and `timeout` need not. */
function expiring(deadline) {
    return deadline === undefined
        ? undefined
        : AbortSignal.timeout(Math.max(0, Math.ceil(deadline - Date.now())));
}
/** The signal an attempt is sent with: it ends with the first of those given, if any. */
function firstOf(...signals) {
    const given = signals.filter((signal) => signal !== undefined);
    return given.length > 1 ? AbortSignal.any(given) : given[0];
}
/** Whether a body is JSON, the server's own answer: a proxy answers with a page, or nothing. */
function serverJson(body) {
    if (!body.trim())
        return false;
    try {
        parseText(body);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * A response with a status the caller did not expect; scanner clients turn it into an actionable message. `proxy`:
 * the proxy the request went through, which may have given the answer itself.
 */
class HttpStatusError extends errors/* ScannerError */.VM {
    status;
    url;
    body;
    contentType;
    redirect;
    proxy;
    constructor(status, url, body, contentType, redirect, proxy) {
        const answer = `${url} answered HTTP ${status}${body ? `: ${body.slice(0, 300)}` : ''}`;
        super(proxy ? `${(0,wording/* clause */.sb)(answer)}. ${describeProxyAnswer(url, status, proxy, serverJson(body))}` : answer);
        this.status = status;
        this.url = url;
        this.body = body;
        this.contentType = contentType;
        this.redirect = redirect;
        this.proxy = proxy;
    }
    /**
     * What to add to a message about this answer when it came through a proxy (empty otherwise): that it did, and
     * for an answer the proxy may have given itself, what to check. `own`: the body is the server's own answer, as
     * the caller knows its server (by default: JSON).
     */
    throughProxy(own = serverJson(this.body)) {
        return this.proxy ? describeProxyAnswer(this.url, this.status, this.proxy, own) : '';
    }
    /** A caller's explanation of this answer, and, when it came through a proxy, what `throughProxy` adds. */
    explained(message, own) {
        const proxied = this.throughProxy(own);
        return proxied ? `${message} ${proxied}` : message;
    }
}
/** What to do about a redirect; `why` says what following it would do (the scanners': take the token along). */
function redirectAdvice(redirect, input, why = 'the token would travel along') {
    const fix = redirect.base
        ? `set ${input} to ${redirect.base}`
        : `set ${input} to the address the server answers at without a redirect`;
    return `it redirects to ${redirect.to}, and sca-bridge does not follow redirects (${why}): ${fix}`;
}
/**
 * Answers worth another attempt: rate limits, server errors, a timeout the server or a proxy gave up on (408),
 * and the errors a CDN in front of the scanner gives when the origin is briefly unreachable (520–524).
 */
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524]);
/** An undici error's code and message, from its cause when it wraps one. */
function codeAndMessage(error) {
    const err = error;
    // DOMExceptions carry a numeric legacy code, which says nothing to a user.
    const text = (value) => (typeof value === 'string' ? value : undefined);
    return {
        code: text(err.cause?.code) ?? text(err.code) ?? '',
        // Quoted inside our sentences: without a full stop of its own.
        message: (0,wording/* clause */.sb)(err.cause?.message ?? err.message ?? String(error)),
    };
}
/** A network failure, with what to do; one through a proxy names it, whoever failed. */
function describeNetworkError(error, url, context) {
    const { code, message } = codeAndMessage(error);
    const { proxy } = context;
    if (!proxy)
        return describeFailure(code, message, url, context);
    return (describeProxyError(code, message, url, proxy) ??
        `${describeFailure(code, message, url, context)} It went through the proxy ${proxy.origin} (${proxy.variable}).`);
}
/** An https:// URL whose port answers plain HTTP: OpenSSL reads the HTTP answer as a record of a wrong version. */
function speaksNoTls(code, message) {
    return (/WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|HTTP_REQUEST/i.test(code) ||
        /wrong version number/i.test(message));
}
/** `a minute`, `30 s`. */
function seconds(ms) {
    return ms === 60_000 ? 'a minute' : `${Math.round(ms / 100) / 10} s`;
}
/** Network error codes a user can act on, with what to do. */
function describeFailure(code, message, url, context) {
    const { input, caFile } = context;
    // An unknown issuer, not an expired certificate or another host's: the one failure a CA file could mend.
    if (caFile && /SELF_SIGNED|UNABLE_TO_(VERIFY|GET_ISSUER)/i.test(code)) {
        return `TLS verification of ${url} failed (${code}): the ca-file ${caFile} does not hold the CA that signed the server's certificate. Add that CA's certificate to it, or the server's own when it signed itself (\`openssl s_client -showcerts -connect <host>:<port>\` shows the chain the server sends).`;
    }
    if (speaksNoTls(code, message)) {
        return `${url} does not answer TLS (${code || message}): the server at that port speaks plain HTTP, or another port is meant. Check ${input}: its scheme (http:// or https://) and port.`;
    }
    if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|TLS|SSL/i.test(code) || /certificate/i.test(message)) {
        return `TLS verification of ${url} failed (${code || message}). Give the server's CA bundle with ca-file, or, only for testing, set insecure: true.`;
    }
    if (code === 'UND_ERR_INVALID_ARG')
        return `sca-bridge could not send the request to ${url} (${message}): a header or the URL holds characters HTTP cannot carry; check the token and ${input}.`;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
        return `cannot resolve the host of ${url} (${code}): check ${input}.`;
    if (code === 'ECONNREFUSED')
        return `connection to ${url} refused: check ${input} and that the server is running.`;
    if (code === 'ECONNRESET' ||
        code === 'UND_ERR_SOCKET' ||
        /other side closed|socket hang up/i.test(message)) {
        const how = code === 'ECONNRESET' ? 'reset' : 'closed';
        return `the connection to ${url} was ${how} before the answer was complete (${code || message}): the server, or a proxy or load balancer in front of it, dropped it. ${RUN_AGAIN} and their time and size limits.`;
    }
    if (/Timeout/i.test(code) || /timeout/i.test(message))
        return `${url} did not answer in time (${code || message}; a request waits ${seconds(context.timeoutMs)} at most): check that the server is up and not overloaded, and that no firewall or proxy holds the connection.`;
    return `request to ${url} failed (${code ? `${code} ` : ''}${message}). Check ${input} and the network, then run the job again.`;
}
/** A body as JSON; a blank one is `null`. Throws what JSON.parse throws. */
function parseText(text) {
    return /\S/.test(text) ? JSON.parse(text) : null;
}
/**
 * The advice that ends the message of a failure another run may not meet (an answer cut short, a dropped
 * connection). It is for the final error: while the client still retries, it says only what happened.
 */
const RUN_AGAIN = 'Run the job again; if it keeps happening, check their logs';
/** A message without its run-again advice, for the log line of an attempt about to be retried. */
function withoutRunAgain(message) {
    const at = message.indexOf(` ${RUN_AGAIN}`);
    return at < 0 ? message : message.slice(0, at);
}
/**
 * Whether a JSON body that did not parse broke off, rather than being malformed: the parser ran out of text
 * (V8's "Unexpected end of JSON input", or an error at or past the text's last character). Trailing text or a
 * NaN is an error inside a complete answer. (A body shorter than its Content-Length never gets here: undici
 * fails the read itself, a network error retried as any other.)
 */
function endedEarly(text, error) {
    const message = error.message;
    if (/Unexpected end of JSON input/i.test(message))
        return true;
    const position = /\bat position (\d+)/.exec(message);
    return position !== null && Number(position[1]) >= text.trimEnd().length;
}
/**
 * A body that starts like JSON but does not parse: cut short on the way when the parse failed at its end, not
 * sent by the wrong server; malformed when it failed inside a complete answer, which another read would not mend.
 */
function jsonFault(path, response, error, input) {
    const { text } = response;
    if (!/^\s*[[{]/.test(text))
        return undefined;
    const why = `${Buffer.byteLength(text)} bytes; ${error.message}`;
    if (endedEarly(text, error)) {
        return {
            cutShort: true,
            message: `${path} sent JSON that is cut short (${why}): the server, or a proxy in front of it, ended the answer early. ${RUN_AGAIN}.`,
        };
    }
    return {
        cutShort: false,
        message: `${path} sent malformed JSON (${why}): the answer is complete but is not valid JSON, so sca-bridge does not read it again. Check that ${input} points at the API, not at a proxy or the web UI; if it does, report it with the server's version.`,
    };
}
/** Whether a failure came before the request reached the server. */
function neverSent(error) {
    const { code } = codeAndMessage(error);
    return isPermanent(error) || code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
}
/**
 * Failures no retry can mend: a certificate, a server that speaks no TLS, a request undici refuses to send (a
 * header it cannot carry), a proxy that wants credentials.
 */
function isPermanent(error) {
    const { code, message } = codeAndMessage(error);
    return (code === 'UND_ERR_INVALID_ARG' ||
        /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code) ||
        speaksNoTls(code, message) ||
        proxyStatus(message) === 407);
}
/** The base URL a redirect's target implies when it kept the path asked for under another base. */
function movedBase(target, url, base) {
    if (!url.pathname.startsWith(base.pathname))
        return undefined;
    const rest = url.pathname.slice(base.pathname.length);
    if (!target.pathname.endsWith(`/${rest}`))
        return undefined;
    const moved = `${target.origin}${target.pathname.slice(0, target.pathname.length - rest.length)}`;
    return moved === base.href ? undefined : moved.replace(/\/+$/, '');
}
function retryAfterMs(value) {
    const text = Array.isArray(value) ? value[0] : value;
    if (!text)
        return undefined;
    const seconds = Number(text);
    if (Number.isFinite(seconds))
        return Math.max(0, seconds * 1000);
    const date = Date.parse(text);
    return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
/**
 * The one HTTP client of the project: timeouts, bounded retries with backoff, proxy and TLS options. Every
 * message it makes is redacted of its secrets (a server or proxy may echo the token back), so the scanners
 * built on it need not redact.
 */
class HttpClient {
    options;
    dispatcher;
    /** Requests that go past the proxy for NO_PROXY's IP ranges. */
    direct;
    base;
    redactor = new logger/* Redactor */.pO();
    requestTimeoutMs;
    constructor(options) {
        this.options = options;
        this.requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
        this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
        const env = options.env ?? {};
        const proxyPasswords = Object.values(env).flatMap((value) => {
            const password = value && URL.parse(value)?.password;
            return password ? [decodeURIComponent(password)] : [];
        });
        // A header's credential is masked bare too: an answer may quote a token without its `Bearer`.
        const credentials = Object.values(options.headers ?? {}).flatMap((value) => {
            const credential = /^\S+ (\S+)$/.exec(value)?.[1];
            return credential ? [value, credential] : [value];
        });
        for (const secret of [...credentials, ...proxyPasswords]) {
            this.redactor.add(secret);
            options.logger.secret(secret);
        }
        for (const secret of options.secrets ?? [])
            this.redactor.add(secret);
        const tls = {
            ...(options.insecure ? { rejectUnauthorized: false } : {}),
            ...(options.caFile ? { ca: [...external_node_tls_.rootCertificates, (0,ca_file/* readCaFile */.R)(options.caFile)] } : {}),
        };
        const timeout = this.requestTimeoutMs;
        const agent = { connect: tls, headersTimeout: timeout, bodyTimeout: timeout };
        // undici's agent knows NO_PROXY's host names only: a request to an IP in one of its ranges goes direct here.
        const direct = (this.direct = new undici/* Agent */.g6(agent));
        this.dispatcher =
            options.dispatcher ??
                new undici/* EnvHttpProxyAgent */.J2({ ...agentProxies(env), ...agent, requestTls: tls }).compose((dispatch) => (opts, handler) => opts.origin && bypassesByRange(new URL(opts.origin), env)
                    ? direct.dispatch(opts, handler)
                    : dispatch(opts, handler));
        // Over plain http there are no certificates to skip.
        if (options.insecure && this.base.protocol === 'https:') {
            options.logger.warn(`insecure: TLS certificates of ${this.base.origin} are NOT verified. Anyone on the network path can read what is sent${options.urlInput === 'webhook-url' ? ' (the run summary)' : ' (the token with it)'} and answer in the server's name; use ca-file instead.`);
        }
        if (this.base.protocol === 'http:' && options.headers && Object.keys(options.headers).length) {
            options.logger.warn(`The token is sent over plain http to ${this.base.origin}; use https.`);
        }
    }
    url(path, query) {
        const url = new URL(path.replace(/^\//, ''), this.base);
        for (const [key, value] of Object.entries(query ?? {})) {
            if (value !== undefined)
                url.searchParams.set(key, String(value));
        }
        return url;
    }
    /** Sends a request; retries per `retry`; throws HttpStatusError for any status outside 2xx. */
    async send(req) {
        const url = this.url(req.path, req.query);
        const shown = this.options.originOnly ? url.origin : `${url.origin}${url.pathname}`;
        const run = this.options.signal;
        const signal = run && req.outlivesCancel ? graceAfter(run) : run;
        const { deadline } = req;
        const expiry = expiring(deadline);
        const attempts = req.retry ? (this.options.maxAttempts ?? 4) : 1;
        // Between attempts a stop ends the wait: a call cut off throws the stop, one that outlives it gives up
        // at the next attempt with its last error. A wait that would end past the deadline is not begun.
        const backOff = async (error, attempt, retryAfter) => {
            if (attempt >= attempts)
                return;
            const delay = retryAfter ?? this.backoff(attempt);
            if (deadline !== undefined && Date.now() + delay >= deadline)
                throw new DeadlinePassed(shown, error);
            await this.pause(error, attempt, attempts, delay).catch((stop) => {
                if (!req.outlivesCancel)
                    throw stop;
            });
        };
        const proxy = this.proxyOf(url);
        let lastError;
        for (let attempt = 1; attempt <= attempts; attempt++) {
            // Once the run is stopped, a call that outlives it gets no further attempt.
            if (lastError && req.outlivesCancel && run?.aborted)
                throw lastError;
            if (signal?.aborted)
                throw cutOff(signal, shown);
            if (expiry?.aborted)
                throw new DeadlinePassed(shown);
            let response;
            try {
                response = await this.once(url, req, firstOf(signal, expiry));
            }
            catch (error) {
                // A stop is said as a stop even when the deadline came too: the job is ending, not the wait.
                if (signal?.aborted)
                    throw cutOff(signal, shown);
                if (expiry?.aborted)
                    throw new DeadlinePassed(shown);
                lastError = new (neverSent(error) ? NotSent : errors/* ScannerError */.VM)(this.redact(describeNetworkError(error, shown, {
                    input: this.options.urlInput ?? 'api-url',
                    caFile: this.options.caFile,
                    proxy,
                    timeoutMs: this.requestTimeoutMs,
                })));
                if (isPermanent(error))
                    throw lastError;
                await backOff(lastError, attempt, undefined);
                continue;
            }
            if (response.status >= 200 && response.status < 300) {
                const fault = req.expectJson ? this.parseBody(url, response) : undefined;
                // Only a read cut short is sent again; any other answer that does not parse is left for parseJson to explain.
                if (fault?.cutShort && req.retry) {
                    lastError = new errors/* ScannerError */.VM(this.redact(fault.message));
                    await backOff(lastError, attempt, undefined);
                    continue;
                }
                if (req.keepAs)
                    this.keep(req.keepAs, response.text);
                return response;
            }
            lastError = new HttpStatusError(response.status, shown, this.redact(response.text.trim()), String(response.headers['content-type'] ?? ''), this.redirect(url, response), proxy);
            if (!RETRY_STATUSES.has(response.status))
                throw lastError;
            const after = retryAfterMs(response.headers['retry-after']);
            if (attempt < attempts && after !== undefined && after > MAX_RETRY_AFTER_MS) {
                throw new errors/* ScannerError */.VM(`${shown} asked to retry after ${Math.round(after / 1000)} s (HTTP ${response.status}), longer than sca-bridge waits (${MAX_RETRY_AFTER_MS / 1000} s); try again later.`);
            }
            await backOff(lastError, attempt, after);
        }
        if (lastError instanceof HttpStatusError || attempts === 1)
            throw lastError;
        throw new errors/* ScannerError */.VM(`after ${attempts} attempts, ${lastError?.message}`);
    }
    /**
     * Parses an `expectJson` answer into `response.data`; returns what to say when its body starts like JSON but
     * does not parse (cut short or malformed), and nothing for a body that parsed or is no JSON at all.
     */
    parseBody(url, response) {
        try {
            response.data = parseText(response.text);
            return undefined;
        }
        catch (error) {
            return jsonFault(url.pathname, response, error, this.options.urlInput ?? 'api-url');
        }
    }
    /** A 3xx's `Location`, redacted, and the base URL it implies. */
    redirect(url, response) {
        const location = [response.headers.location].flat()[0];
        const target = response.status >= 300 && response.status < 400 && location && URL.parse(location, url.href);
        if (!target)
            return undefined;
        if (this.options.originOnly)
            return { to: target.origin };
        const base = movedBase(target, url, this.base);
        return {
            to: this.redact(`${target.origin}${target.pathname}`),
            ...(base ? { base: this.redact(base) } : {}),
        };
    }
    /** Keeps an answer for the artifact; a copy that cannot be written (a full disk) costs a warning, not the scan. */
    keep(name, text) {
        if (!this.options.keepDir)
            return;
        const file = external_node_path_default().join(this.options.keepDir, `${name}.json`);
        try {
            (0,external_node_fs_.writeFileSync)(file, this.redact(text));
        }
        catch (error) {
            this.options.logger.warn(`Could not keep ${file} for the artifact: ${error.message}`);
        }
    }
    async once(url, req, signal) {
        const response = await (0,undici/* request */.Em)(url, {
            method: req.method ?? 'GET',
            // GitHub's API refuses a request without a User-Agent (HTTP 403); every server may as well know us.
            headers: {
                accept: 'application/json',
                'user-agent': USER_AGENT,
                ...this.options.headers,
                ...req.headers,
            },
            body: req.body,
            dispatcher: this.dispatcher,
            ...(signal ? { signal } : {}),
        });
        // Reading the whole body here makes a reset or a short body a network error, retried like one.
        const text = await response.body.text();
        return { status: response.statusCode, headers: response.headers, text };
    }
    /** The wait after attempt `attempt` when the server gave no `Retry-After`: exponential, with jitter. */
    backoff(attempt) {
        const backoff = (this.options.baseDelayMs ?? 1000) * 2 ** (attempt - 1);
        return backoff * (0.75 + Math.random() * 0.5);
    }
    /** Waits `delay` before the next attempt, saying why. */
    async pause(error, attempt, attempts, delay) {
        this.options.logger.info(`${(0,wording/* clause */.sb)(withoutRunAgain(error.message))}; retrying in ${(delay / 1000).toFixed(1)} s (${attempt}/${attempts - 1})`);
        await this.wait(delay);
    }
    /** Waits `ms` (between polls, between attempts), unless the run is stopped first: then it throws the stop. */
    wait(ms) {
        return (0,cancel/* pause */.v7)(ms, this.options.signal);
    }
    /** Sends a request and parses its JSON body; a body that is not JSON is a scanner failure. */
    async json(req) {
        return this.parseJson(req, await this.send({ ...req, expectJson: true }));
    }
    /**
     * Parses the JSON body of `req`'s answer (an empty or blank body is `null`); a body that is not JSON is a scanner
     * failure, said by `explain` when the caller knows its server better.
     */
    parseJson(req, response, explain = (answer) => this.notJson(answer)) {
        try {
            return {
                data: (response.data !== undefined ? response.data : parseText(response.text)),
                headers: response.headers,
                status: response.status,
            };
        }
        catch (error) {
            const url = this.url(req.path);
            const { text } = response;
            const contentType = String(response.headers['content-type'] ?? '');
            const message = explain({
                path: url.pathname,
                text,
                contentType,
                brokenJson: jsonFault(url.pathname, response, error, this.options.urlInput ?? 'api-url')?.message,
            });
            // A proxy's block page may come with 200: the proxy is then named, as for an error status.
            const proxy = this.proxyOf(url);
            const proxied = proxy ? ` ${describeProxyAnswer(url.href, response.status, proxy, false)}` : '';
            throw new errors/* ScannerError */.VM(this.redact(`${message}${proxied}`));
        }
    }
    notJson({ path, text, brokenJson }) {
        return (brokenJson ??
            `${path} did not return JSON (got "${text.slice(0, 80)}…"): check that ${this.options.urlInput ?? 'api-url'} points at the API, not the web UI.`);
    }
    /** The proxy a request to `url` goes through; a dispatcher handed in (tests) goes through none. */
    proxyOf(url) {
        return this.options.dispatcher ? undefined : proxyFor(url, this.options.env ?? {});
    }
    /** Masks this client's secrets in a text made from what a server answered. */
    redact(text) {
        return this.redactor.redact(text);
    }
    async close() {
        await Promise.all([this.dispatcher.close(), this.direct.close()]);
    }
}


/***/ }),

/***/ 2679:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Nj: () => (/* binding */ dtProjectUrl),
/* harmony export */   bl: () => (/* binding */ looksLikeDtFinding),
/* harmony export */   i1: () => (/* binding */ mapDtFinding),
/* harmony export */   nX: () => (/* binding */ dtFindingSchema)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9691);
/* harmony import */ var _findings_build_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8410);
/* harmony import */ var _findings_component_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9457);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5060);




const aliasSchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
    cveId: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
    ghsaId: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
    osvId: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
    sonatypeId: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
    snykId: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
    vulnDbId: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
    gsdId: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
});
/** One finding as `GET /api/v1/finding/project/{uuid}` returns it and FPF embeds it (absent means null). */
const dtFindingSchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
    component: zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
        uuid: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
        /** The project's UUID (the findings API's rows name no project otherwise). */
        project: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
        name: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
        group: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
        version: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
        purl: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
    }),
    vulnerability: zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
        uuid: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
        source: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
        vulnId: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
        title: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
        subtitle: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
        description: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
        recommendation: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
        severity: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .severityWord */ .Oh,
        cvssV2BaseScore: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optNumber */ .td,
        cvssV2Vector: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
        cvssV3BaseScore: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optNumber */ .td,
        cvssV3Vector: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
        cvssV4Score: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optNumber */ .td,
        cvssV4Vector: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
        epssScore: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optNumber */ .td,
        epssPercentile: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optNumber */ .td,
        cweId: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optNumber */ .td,
        cwes: (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optArray */ .hp)(zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({ cweId: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optNumber */ .td })),
        references: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
        published: zod__WEBPACK_IMPORTED_MODULE_3__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig()]).nullish(),
        aliases: (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optArray */ .hp)(aliasSchema),
    }),
    attribution: zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({ referenceUrl: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2, alternateIdentifier: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2 }).nullish(),
    analysis: zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
        state: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
        justification: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
        detail: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
        isSuppressed: zod__WEBPACK_IMPORTED_MODULE_3__/* .boolean */ .zMY().nullish(),
    })
        .nullish(),
    matrix: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
});
/** Analysis states that mean "not a problem here" count as suppressed (SPEC §6). */
const SUPPRESSING_STATES = new Set(['FALSE_POSITIVE', 'NOT_AFFECTED', 'RESOLVED']);
/** DT's API dates are epoch ms; FPF writes `2024-01-31 15:19:43.851`. Both become ISO-8601. */
function isoDate(value) {
    if (value === null || value === undefined || value === '')
        return undefined;
    if (typeof value === 'number') {
        const date = new Date(value);
        return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
    }
    // FPF dates carry no zone; read them as UTC so every runner gives the same answer.
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
    const date = new Date(`${value.replace(' ', 'T')}${hasZone ? '' : 'Z'}`);
    return Number.isNaN(date.getTime()) ? value : date.toISOString();
}
/** DT 4.14+ writes references as markdown links; older servers give only the attribution URL. */
function referenceUrls(markdown) {
    if (!markdown)
        return [];
    return [...markdown.matchAll(/https?:\/\/[^\s)\]]+/g)].map((match) => match[0]);
}
function cvssOf(v) {
    const cvss = {};
    if (v.cvssV4Score !== undefined || v.cvssV4Vector)
        cvss.v4 = {
            ...(v.cvssV4Score !== undefined ? { score: v.cvssV4Score } : {}),
            ...(v.cvssV4Vector ? { vector: v.cvssV4Vector } : {}),
        };
    if (v.cvssV3BaseScore !== undefined || v.cvssV3Vector)
        cvss.v3 = {
            ...(v.cvssV3BaseScore !== undefined ? { score: v.cvssV3BaseScore } : {}),
            ...(v.cvssV3Vector ? { vector: v.cvssV3Vector } : {}),
        };
    if (v.cvssV2BaseScore !== undefined || v.cvssV2Vector)
        cvss.v2 = {
            ...(v.cvssV2BaseScore !== undefined ? { score: v.cvssV2BaseScore } : {}),
            ...(v.cvssV2Vector ? { vector: v.cvssV2Vector } : {}),
        };
    return cvss;
}
/** A project's page in DT's web UI. */
function dtProjectUrl(uiBase, uuid) {
    return `${uiBase.replace(/\/+$/, '')}/projects/${encodeURIComponent(uuid.toWellFormed())}`;
}
/** Links into DT's web UI, when its base URL is known. */
function dtVulnerabilityUrl(uiBase, source, vulnId) {
    if (!uiBase || !source || !vulnId)
        return undefined;
    // Well-formed first: encodeURIComponent throws on a lone surrogate.
    const part = (text) => encodeURIComponent(text.toWellFormed());
    return `${uiBase.replace(/\/+$/, '')}/vulnerabilities/${part(source)}/${part(vulnId)}`;
}
/** Maps one DT finding: the one mapping FPF, the findings array and the DT API flow share. */
function mapDtFinding(raw, uiBase) {
    const v = raw.vulnerability;
    const c = raw.component;
    const aliasIds = v.aliases.flatMap((a) => [
        a.cveId,
        a.ghsaId,
        a.osvId,
        a.sonatypeId,
        a.snykId,
        a.vulnDbId,
        a.gsdId,
    ]);
    const cweNumbers = v.cwes.length ? v.cwes.map((cwe) => cwe.cweId) : [v.cweId];
    const state = raw.analysis?.state;
    const suppressed = !!raw.analysis?.isSuppressed || (!!state && SUPPRESSING_STATES.has(state));
    const analysis = state || raw.analysis?.justification || raw.analysis?.detail
        ? {
            ...(state ? { state } : {}),
            ...(raw.analysis?.justification ? { justification: raw.analysis.justification } : {}),
            ...(raw.analysis?.detail ? { detail: raw.analysis.detail } : {}),
        }
        : undefined;
    return (0,_findings_build_js__WEBPACK_IMPORTED_MODULE_0__/* .buildFinding */ .U)({
        scanner: 'dependency-track',
        // The analyzer's own id (OSS Index's `sonatype-2021-0176`) is one more alias.
        ids: [v.vulnId, ...aliasIds, raw.attribution?.alternateIdentifier],
        title: v.title ?? v.subtitle,
        description: [v.description, v.recommendation ? `Recommendation: ${v.recommendation}` : undefined]
            .filter(Boolean)
            .join('\n\n'),
        severity: v.severity,
        cvss: cvssOf(v),
        ...(v.epssScore !== undefined
            ? {
                epss: {
                    score: v.epssScore,
                    ...(v.epssPercentile !== undefined ? { percentile: v.epssPercentile } : {}),
                },
            }
            : {}),
        cwes: cweNumbers.filter((n) => n !== undefined && n > 0).map((n) => `CWE-${n}`),
        component: (0,_findings_component_js__WEBPACK_IMPORTED_MODULE_1__/* .componentFromPurl */ .T5)(c.purl, { name: c.name ?? 'unknown', group: c.group, version: c.version }),
        references: [...referenceUrls(v.references), raw.attribution?.referenceUrl],
        published: isoDate(v.published),
        ...(analysis ? { analysis } : {}),
        suppressed,
        url: dtVulnerabilityUrl(uiBase, v.source, v.vulnId),
    });
}
function looksLikeDtFinding(value) {
    return (typeof value === 'object' &&
        value !== null &&
        'vulnerability' in value &&
        'component' in value &&
        typeof value.vulnerability === 'object');
}


/***/ }),

/***/ 3233:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CZ: () => (/* binding */ bulkFormat),
/* harmony export */   SS: () => (/* binding */ mapEach),
/* harmony export */   tf: () => (/* binding */ validate)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5060);


/** A format whose bulk is one array: its whole-document `read` goes through the element-by-element path. */
function bulkFormat(format) {
    const { bulk } = format;
    return {
        ...format,
        read(document, file, options) {
            const items = bulk.key === '' ? document : (0,_schema_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)(document) ? document[bulk.key] : undefined;
            if (!Array.isArray(items))
                return bulk.read(document, [], 0, file, options);
            const envelope = bulk.key === '' ? [] : { ...document, [bulk.key]: [] };
            return bulk.read(envelope, items, items.length, file, options);
        },
    };
}
/**
 * Validates and maps each element of the bulk array, naming a bad one by its place (`rows.12.cves`); `map` is given
 * that place too, to name an element it refuses.
 */
function mapEach(items, schema, where, map) {
    const out = [];
    let index = 0;
    for (const item of items) {
        out.push(map(validate(schema, item, where.file, where.format, [where.key, index]), index));
        index++;
    }
    return out;
}
/** Validates a document against a format's schema; the error names the file, the format, the field and what to do. */
function validate(schema, document, file, format, at = []) {
    const parsed = schema.safeParse(document);
    if (parsed.success)
        return parsed.data;
    const issues = parsed.error.issues.slice(0, 3).map((issue) => {
        const path = [...at, ...issue.path].filter((part) => part !== '');
        const where = path.length ? path.join('.') : '(top level)';
        return `${where}: ${issue.message}`;
    });
    const more = parsed.error.issues.length > 3 ? ` (and ${parsed.error.issues.length - 3} more)` : '';
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${file}: not a valid ${format} file: ${issues.join('; ')}${more}. Export it again from the scanner and import it unedited; if the scanner wrote it so, report the field named here at ${_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BUG_REPORT_URL */ .y5}.`);
}


/***/ }),

/***/ 5313:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bc: () => (/* binding */ xrayRowKind),
/* harmony export */   IY: () => (/* binding */ xrayCveId),
/* harmony export */   KM: () => (/* binding */ xrayCveSchema),
/* harmony export */   MT: () => (/* binding */ readXrayCves),
/* harmony export */   W4: () => (/* binding */ fixedVersions),
/* harmony export */   gI: () => (/* binding */ given),
/* harmony export */   s3: () => (/* binding */ xrayViolation),
/* harmony export */   zB: () => (/* binding */ pathInRepository),
/* harmony export */   zJ: () => (/* binding */ refusedKind)
/* harmony export */ });
/* unused harmony exports normaliseFixedVersion, parseScoreVector */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9691);
/* harmony import */ var _findings_build_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8410);
/* harmony import */ var _findings_ids_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5232);
/* harmony import */ var _findings_severity_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5131);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5060);





/** A report path starts with the repository key; path patterns mean the path inside the repository. */
function pathInRepository(path) {
    const slash = path.indexOf('/');
    return slash > 0 ? path.slice(slash + 1) : path;
}
/**
 * Xray writes fixed versions as ranges: `[4.17.5]`, `[3.1.0,)` (3.1.0 and later), `≥ 2:1.6.4-3+deb9u1`,
 * `(,1.2.3]`; keep a plain version where one is meant.
 */
function normaliseFixedVersion(value) {
    const trimmed = value.trim().replace(/^[≥>=\s]+/, '');
    const exact = /^\[([^,\]]+)(\]|,\s*\))$/.exec(trimmed);
    return exact?.[1]?.trim() ?? trimmed;
}
/** `(,0.0.0)`: the versions below 0.0.0, none. Xray writes it for "no fix", which is no version to upgrade to. */
const NO_VERSION = /^\(\s*,\s*0+(\.0+)*\s*\)$/;
function fixedVersions(values) {
    const given = values.filter((v) => !!v && !!v.trim() && !NO_VERSION.test(v.trim()));
    return [...new Set(given.map(normaliseFixedVersion))];
}
/** Summary and Security-export files write a CVSS as `"9.8/CVSS:3.0/AV:N/…"`, or just `"5.9"`. */
function parseScoreVector(value) {
    if (!value)
        return undefined;
    const slash = value.indexOf('/');
    const scoreText = slash >= 0 ? value.slice(0, slash) : value;
    // A bare vector (`CVSS:3.1/AV:N/…`) has no score in front of its first slash.
    const scored = /^\s*\d+(\.\d+)?\s*$/.test(scoreText);
    const score = scored ? Number.parseFloat(scoreText) : Number.NaN;
    const vector = !scored ? value : slash >= 0 ? value.slice(slash + 1) : undefined;
    const out = {};
    const base = (0,_findings_build_js__WEBPACK_IMPORTED_MODULE_0__/* .baseScore */ .Y)(score);
    if (base !== undefined)
        out.score = base;
    if (vector)
        out.vector = vector;
    return out.score === undefined && out.vector === undefined ? undefined : out;
}
function better(a, b) {
    if (!a)
        return b;
    if (!b)
        return a;
    return (b.score ?? -1) > (a.score ?? -1) ? b : a;
}
/** The CVE list shape that reports, `jf` JSON and summaries share (scores as numbers, strings or `score/vector`). */
const xrayCveSchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
    cve: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
    id: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
    cwe: (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optArray */ .hp)(zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP()),
    cvss_v2: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
    cvss_v3: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
    cvss_v2_score: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optNumber */ .td,
    cvss_v2_vector: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
    cvss_v3_score: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optNumber */ .td,
    cvss_v3_vector: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optString */ .$2,
});
/** The CVE (or other) id of an entry of a CVE list, which some styles write as `id`. */
function xrayCveId(cve) {
    return cve.cve ?? cve.id;
}
/** Ids, the highest CVSS of each version and the CWEs of an Xray CVE list; id-less entries still give scores. */
function readXrayCves(cves) {
    const ids = [];
    const cwes = new Set();
    let v2;
    let v3;
    for (const cve of cves) {
        const id = xrayCveId(cve);
        if (id)
            ids.push(id);
        // Only real CWE ids: NVD's placeholders (`NVD-CWE-noinfo`, `NVD-CWE-Other`) name no weakness.
        for (const cwe of cve.cwe)
            if (/^CWE-\d+$/i.test(cwe.trim()))
                cwes.add(cwe.trim().toUpperCase());
        v2 = better(v2, fromParts(cve.cvss_v2_score, cve.cvss_v2_vector) ?? parseScoreVector(cve.cvss_v2));
        v3 = better(v3, fromParts(cve.cvss_v3_score, cve.cvss_v3_vector) ?? parseScoreVector(cve.cvss_v3));
    }
    const cvss = {};
    if (v3)
        cvss.v3 = v3;
    if (v2)
        cvss.v2 = v2;
    return { ids, cvss, cwes: [...cwes] };
}
/** A score and vector given apart; a score outside 0–10 is dropped here, before `better` compares it. */
function fromParts(given, vector) {
    const score = (0,_findings_build_js__WEBPACK_IMPORTED_MODULE_0__/* .baseScore */ .Y)(given);
    if (score === undefined && !vector)
        return undefined;
    return { ...(score !== undefined ? { score } : {}), ...(vector ? { vector } : {}) };
}
/** One Xray violation for the gate, from whichever shape (report row, `jf` JSON) carried it. */
function xrayViolation(fields) {
    // Only the ids: a violation carries no scores or weaknesses for the gate to read.
    const subject = (0,_findings_ids_js__WEBPACK_IMPORTED_MODULE_4__/* .canonicalId */ .iS)(fields.cves.flatMap((cve) => xrayCveId(cve) ?? [])) ?? fields.issue;
    return {
        scanner: 'xray',
        type: fields.type,
        policy: fields.policy || 'unknown policy',
        ...(fields.watch ? { watch: fields.watch } : {}),
        state: fields.failBuild ? 'FAIL' : 'WARN',
        severity: (0,_findings_severity_js__WEBPACK_IMPORTED_MODULE_1__/* .parseSeverity */ .lv)(fields.severity),
        component: fields.component,
        ...(subject ? { subject } : {}),
        suppressed: false,
    };
}
/** Fields only a violations, licence or operational-risk row fills; a vulnerabilities row may carry them empty. */
const KIND_FIELDS = [
    ['violations', ['watch_name', 'policy_names', 'violation_details']],
    ['licenses', ['license', 'license_name']],
    // Not `is_eol` or `eol_message`: end-of-life flags may come to vulnerabilities rows too.
    ['operational risk', ['risk', 'risk_reason']],
];
/** A field a row gives a value, empty or not: a licence row of an unknown licence has `license: ""`. */
function given(value) {
    return value !== undefined && value !== null;
}
/** A field a row gives a value that is not empty (`""`, `[]`). */
function filled(value) {
    return given(value) && value !== '' && !(Array.isArray(value) && !value.length);
}
/**
 * What kind of row, other than a vulnerability's, `row` is. A violation only by a watch or policy it names: a
 * vulnerabilities row may carry `watch_name: null`, `""` or `policy_names: []`. A licence or risk row by any of
 * its fields, empty too.
 */
function xrayRowKind(row) {
    if (!(0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(row))
        return undefined;
    return KIND_FIELDS.find(([kind, fields]) => fields.some((field) => (kind === 'violations' ? filled : given)(row[field])))?.[0];
}
/** How a message names the kinds of Xray export sca-bridge refuses (licences, operational risks); else undefined. */
function refusedKind(kind) {
    return kind === 'licenses' ? 'licence' : kind === 'operational risk' ? 'operational-risk' : undefined;
}


/***/ }),

/***/ 3310:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AN: () => (/* binding */ mapXrayViolationRow),
/* harmony export */   N3: () => (/* binding */ mapXrayRow),
/* harmony export */   TS: () => (/* binding */ xrayReport),
/* harmony export */   Yr: () => (/* binding */ xrayRowSchema),
/* harmony export */   ZL: () => (/* binding */ xrayViolationRowSchema)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9691);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _findings_build_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8410);
/* harmony import */ var _findings_component_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9457);
/* harmony import */ var _importer_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3233);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5060);
/* harmony import */ var _xray_fields_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5313);







/** One row of a vulnerabilities report (Reports API content, or the UI's Reports → Export → JSON). */
const xrayRowSchema = zod__WEBPACK_IMPORTED_MODULE_6__/* .object */ .Ikc({
    issue_id: _schema_js__WEBPACK_IMPORTED_MODULE_4__/* .optString */ .$2,
    cves: (0,_schema_js__WEBPACK_IMPORTED_MODULE_4__/* .optArray */ .hp)(_xray_fields_js__WEBPACK_IMPORTED_MODULE_5__/* .xrayCveSchema */ .KM),
    summary: _schema_js__WEBPACK_IMPORTED_MODULE_4__/* .optString */ .$2,
    description: _schema_js__WEBPACK_IMPORTED_MODULE_4__/* .optString */ .$2,
    severity: _schema_js__WEBPACK_IMPORTED_MODULE_4__/* .severityWord */ .Oh,
    vulnerable_component: _schema_js__WEBPACK_IMPORTED_MODULE_4__/* .optString */ .$2,
    impacted_artifact: _schema_js__WEBPACK_IMPORTED_MODULE_4__/* .optString */ .$2,
    impact_path: (0,_schema_js__WEBPACK_IMPORTED_MODULE_4__/* .optArray */ .hp)(zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP()),
    path: _schema_js__WEBPACK_IMPORTED_MODULE_4__/* .optString */ .$2,
    component_physical_path: _schema_js__WEBPACK_IMPORTED_MODULE_4__/* .optString */ .$2,
    fixed_versions: (0,_schema_js__WEBPACK_IMPORTED_MODULE_4__/* .optArray */ .hp)(zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP()),
    published: _schema_js__WEBPACK_IMPORTED_MODULE_4__/* .optString */ .$2,
    package_type: _schema_js__WEBPACK_IMPORTED_MODULE_4__/* .optString */ .$2,
    references: (0,_schema_js__WEBPACK_IMPORTED_MODULE_4__/* .optArray */ .hp)(zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP()),
    // Reports of Xray 3.x with contextual analysis: a verdict, or only whether it applies.
    applicability_result: _schema_js__WEBPACK_IMPORTED_MODULE_4__/* .optString */ .$2,
    applicability: zod__WEBPACK_IMPORTED_MODULE_6__/* .boolean */ .zMY().nullish(),
});
/** One row of a violations report: the same envelope, rows with `type`, `watch_name`, `policy_names`. */
const xrayViolationRowSchema = zod__WEBPACK_IMPORTED_MODULE_6__/* .object */ .Ikc({
    type: _schema_js__WEBPACK_IMPORTED_MODULE_4__/* .optString */ .$2,
    watch_name: _schema_js__WEBPACK_IMPORTED_MODULE_4__/* .optString */ .$2,
    policy_names: (0,_schema_js__WEBPACK_IMPORTED_MODULE_4__/* .optArray */ .hp)(zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP()),
    issue_id: _schema_js__WEBPACK_IMPORTED_MODULE_4__/* .optString */ .$2,
    severity: _schema_js__WEBPACK_IMPORTED_MODULE_4__/* .optString */ .$2,
    vulnerable_component: _schema_js__WEBPACK_IMPORTED_MODULE_4__/* .optString */ .$2,
    impacted_artifact: _schema_js__WEBPACK_IMPORTED_MODULE_4__/* .optString */ .$2,
    cves: (0,_schema_js__WEBPACK_IMPORTED_MODULE_4__/* .optArray */ .hp)(_xray_fields_js__WEBPACK_IMPORTED_MODULE_5__/* .xrayCveSchema */ .KM),
    summary: _schema_js__WEBPACK_IMPORTED_MODULE_4__/* .optString */ .$2,
});
/** Maps a vulnerabilities-report row: the one mapping the `xray-report` import and the Xray API flow share. */
function mapXrayRow(row) {
    const { ids, cvss, cwes } = (0,_xray_fields_js__WEBPACK_IMPORTED_MODULE_5__/* .readXrayCves */ .MT)(row.cves);
    const component = (0,_findings_component_js__WEBPACK_IMPORTED_MODULE_2__/* .componentFromXrayId */ .fv)(row.vulnerable_component ?? 'unknown', row.package_type);
    return (0,_findings_build_js__WEBPACK_IMPORTED_MODULE_1__/* .buildFinding */ .U)({
        scanner: 'xray',
        ids: [row.issue_id, ...ids],
        title: row.summary,
        description: row.description ?? row.summary,
        severity: row.severity,
        cvss,
        cwes,
        component,
        componentPaths: [row.path ? (0,_xray_fields_js__WEBPACK_IMPORTED_MODULE_5__/* .pathInRepository */ .zB)(row.path) : undefined],
        innerPaths: [row.component_physical_path],
        impactPaths: row.impact_path.length ? [row.impact_path] : [],
        fixedVersions: (0,_xray_fields_js__WEBPACK_IMPORTED_MODULE_5__/* .fixedVersions */ .W4)(row.fixed_versions),
        references: row.references,
        published: row.published,
        applicability: row.applicability_result ??
            (typeof row.applicability === 'boolean'
                ? row.applicability
                    ? 'applicable'
                    : 'not applicable'
                : undefined),
    });
}
/** Every row of a violations report counts for the gate (SPEC §3 `fail-on-policy-violation`). */
function mapXrayViolationRow(row) {
    return (0,_xray_fields_js__WEBPACK_IMPORTED_MODULE_5__/* .xrayViolation */ .s3)({
        type: row.type ?? 'security',
        policy: row.policy_names.join(', ') || row.watch_name,
        watch: row.watch_name,
        failBuild: true,
        severity: row.severity,
        component: row.vulnerable_component ?? row.impacted_artifact ?? 'unknown',
        cves: row.cves,
        issue: row.issue_id,
    });
}
/** What names a vulnerability or its component: a row with none of them would be reported as an unknown one. */
const VULNERABILITY_FIELDS = ['issue_id', 'cves', 'vulnerable_component', 'summary'];
/** Whether a vulnerabilities row names neither a vulnerability nor a component. */
function namesNothing(row) {
    return (0,_schema_js__WEBPACK_IMPORTED_MODULE_4__/* .isRecord */ .u4)(row) && !VULNERABILITY_FIELDS.some((field) => (0,_xray_fields_js__WEBPACK_IMPORTED_MODULE_5__/* .given */ .gI)(row[field]));
}
/**
 * The rows up to the first that shows another kind of report, which is then written to `other.kind`.
 * Vulnerabilities, violations and licence reports share `{total_rows, rows}`: what a row gives tells them apart
 * (`xrayRowKind`). Licence and operational-risk reports are refused: nothing is lost without a word.
 */
function* untilOtherKind(items, other) {
    let index = 0;
    for (const row of items) {
        other.kind = (0,_xray_fields_js__WEBPACK_IMPORTED_MODULE_5__/* .xrayRowKind */ .Bc)(row);
        if (other.kind)
            return;
        if (other.namesNothing === undefined && namesNothing(row))
            other.namesNothing = index;
        index++;
        yield row;
    }
}
const envelopeSchema = zod__WEBPACK_IMPORTED_MODULE_6__/* .object */ .Ikc({ total_rows: zod__WEBPACK_IMPORTED_MODULE_6__/* .number */ .aig().int().nonnegative(), rows: zod__WEBPACK_IMPORTED_MODULE_6__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_6__/* .unknown */ .L5J()) });
/**
 * Reads a report element by element. Any row, not only the first, may show that it is a violations report (a
 * vulnerabilities row may carry `watch_name: null`); rows are read as vulnerabilities until one does, and only
 * then read again, so a vulnerabilities report is parsed once (`items` may be iterated twice).
 */
function readReport(envelope, items, count, file) {
    const { total_rows: total } = (0,_importer_js__WEBPACK_IMPORTED_MODULE_3__/* .validate */ .tf)(envelopeSchema, envelope, file, 'xray-report');
    if (count !== total) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${file}: the report holds ${count} of its ${total} rows (total_rows): it is one page of a report, not the whole report. Export the whole report (Reports → Export → JSON), or let a scan read every page (mode scan; CLI: \`sca-bridge scan --scanner xray\`).`);
    }
    const where = { file, format: 'xray-report', key: 'rows' };
    const other = {};
    const findings = (0,_importer_js__WEBPACK_IMPORTED_MODULE_3__/* .mapEach */ .SS)(untilOtherKind(items, other), xrayRowSchema, where, mapXrayRow);
    const refused = (0,_xray_fields_js__WEBPACK_IMPORTED_MODULE_5__/* .refusedKind */ .zJ)(other.kind);
    if (refused) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${file}: this is an Xray ${refused} report; sca-bridge reports vulnerabilities. Export the vulnerabilities report (or the violations report) instead.`);
    }
    if (other.kind !== 'violations' && other.namesNothing !== undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${file}: rows.${other.namesNothing} has none of ${VULNERABILITY_FIELDS.join(', ')}, so it names no vulnerability: this is not a vulnerabilities report Xray exported. Export the vulnerabilities report (Reports → Export → JSON) and import that.`);
    }
    if (other.kind === 'violations') {
        const violations = (0,_importer_js__WEBPACK_IMPORTED_MODULE_3__/* .mapEach */ .SS)(items, xrayViolationRowSchema, where, mapXrayViolationRow);
        return { scanner: 'xray', findings: [], violations, context: { file } };
    }
    return { scanner: 'xray', findings, violations: [], context: { file } };
}
const xrayReport = (0,_importer_js__WEBPACK_IMPORTED_MODULE_3__/* .bulkFormat */ .CZ)({
    name: 'xray-report',
    scanner: 'xray',
    origin: 'Xray Reports: the vulnerabilities or violations report content (`POST /xray/api/v1/reports/{vulnerabilities|violations}/{id}`) or the UI export (Reports → Export → JSON)',
    matches: (doc) => (0,_schema_js__WEBPACK_IMPORTED_MODULE_4__/* .isRecord */ .u4)(doc) && typeof doc.total_rows === 'number' && Array.isArray(doc.rows),
    bulk: { key: 'rows', read: readReport },
});


/***/ }),

/***/ 3832:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HY: () => (/* binding */ platformBase),
/* harmony export */   co: () => (/* binding */ repositoryScansUrl),
/* harmony export */   e6: () => (/* binding */ reportName),
/* harmony export */   gk: () => (/* binding */ uiBase),
/* harmony export */   z7: () => (/* binding */ reportsUrl)
/* harmony export */ });
/**
 * Where things live on a JFrog Platform: Xray under `/xray/api/v1`, Artifactory under `/artifactory/api`,
 * the web UI under `/ui`. `api-url` is the platform base, given with or without a trailing `/xray`.
 */
/** Trailing service paths a user may paste after the platform base; all of them mean the platform base. */
const SERVICE_SUFFIX = /\/(?:xray(?:\/api(?:\/v[12])?)?|artifactory(?:\/api)?|ui)$/i;
/** `https://acme.jfrog.io/xray/` → `https://acme.jfrog.io`; a context path (`https://host/jfrog/xray`) is kept. */
function platformBase(apiUrl) {
    const url = new URL(apiUrl);
    url.search = '';
    url.hash = '';
    let path = url.pathname.replace(/\/+$/, '');
    path = path.replace(SERVICE_SUFFIX, '');
    url.pathname = path || '/';
    return url.toString().replace(/\/+$/, '');
}
/** The web UI base: `ui-url` when given (with or without `/ui`), else the platform base itself. */
function uiBase(uiUrl, apiUrl) {
    return platformBase(uiUrl ?? apiUrl);
}
/**
 * The repository's Xray scan results in the JFrog UI (Xray → Scans List → Repositories → the repository).
 * This is where the findings behind a report live, so the link stays valid after the report is deleted.
 */
function repositoryScansUrl(ui, repoKey) {
    return `${ui}/ui/scans-list/repositories/${encodeURIComponent(repoKey)}/scan-descendants`;
}
/** Xray → Reports in the JFrog UI, where a report kept with `keep-report` is listed under its name. */
function reportsUrl(ui) {
    return `${ui}/ui/reports`;
}
/** Characters a report name keeps; everything else becomes `-` (Xray shows names in URLs and file names). */
function sanitise(part) {
    return part
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/-{2,}/g, '-')
        .replace(/^[-.]+|[-.]+$/g, '');
}
const MAX_NAME = 120;
/**
 * `sca-bridge_<project-key>_<repo-key>_<branch>_<time>_<unique>[_<suffix>]`, sanitised: the name tells an Xray
 * admin which pipeline made a report, and the run's own `unique` part (random) tells two runs of one second
 * apart, so that a report whose creation lost its answer is found by its name and no other run's is taken.
 */
function reportName(parts) {
    const time = parts.at
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z')
        .replace(/:/g, '-');
    const head = ['sca-bridge', parts.projectKey, parts.repoKey, parts.branch]
        .filter((p) => !!p)
        .map(sanitise)
        .filter(Boolean)
        .join('_');
    const tail = [time, sanitise(parts.unique), parts.suffix].filter(Boolean).join('_');
    // The time, unique part and suffix stay whole: a long branch name is what gets shortened.
    const room = MAX_NAME - tail.length - 1;
    return `${head.length > room ? head.slice(0, room).replace(/[-._]+$/, '') : head}_${tail}`;
}


/***/ })

};
