export const id = 714;
export const ids = [714];
export const modules = {

/***/ 7131:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cJ: () => (/* binding */ Cancelled),
/* harmony export */   j3: () => (/* binding */ settleAll),
/* harmony export */   jG: () => (/* binding */ Limiter)
/* harmony export */ });
/** At most `size` tasks at a time; the rest wait in order. A freed slot passes straight to the next waiter. */
class Limiter {
    size;
    active = 0;
    waiting = [];
    constructor(size) {
        this.size = size;
        if (!Number.isInteger(size) || size < 1)
            throw new RangeError(`Limiter size must be ≥ 1, got ${size}`);
    }
    async run(task) {
        if (this.active < this.size)
            this.active++;
        else
            await new Promise((resolve) => this.waiting.push(resolve));
        try {
            return await task();
        }
        finally {
            const next = this.waiting.shift();
            if (next)
                next();
            else
                this.active--;
        }
    }
}
/** Thrown by a task that stopped because a sibling task failed; the sibling's error is the one to report. */
class Cancelled extends Error {
    name = 'Cancelled';
}
/**
 * Waits for every promise, then throws the first real failure in the given order (not in time order, and
 * never a `Cancelled` when there is a cause): callers get a stable error, and nothing is still running
 * when they clean up.
 */
async function settleAll(promises) {
    const results = await Promise.allSettled(promises);
    const failures = results
        .filter((r) => r.status === 'rejected')
        .map((r) => r.reason);
    if (failures.length)
        throw failures.find((e) => !(e instanceof Cancelled)) ?? failures[0];
    return results.map((r) => r.value);
}


/***/ }),

/***/ 4161:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   oj: () => (/* binding */ pollDeadline),
/* harmony export */   tk: () => (/* binding */ scannerHttpOptions)
/* harmony export */ });
/* unused harmony export requestTimeoutMs */
/**
 * The options every scanner's HTTP client takes from its run: TLS, proxies, the request time limit, the logger,
 * the cancellation and where raw answers are kept.
 */
function scannerHttpOptions(ctx) {
    const { config } = ctx;
    return {
        insecure: config.insecure,
        ...(config.caFile ? { caFile: config.caFile } : {}),
        env: config.proxyEnv,
        requestTimeoutMs: requestTimeoutMs(config),
        logger: ctx.logger,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        ...(ctx.keepDir ? { keepDir: ctx.keepDir } : {}),
    };
}
/**
 * A request's time limit: a minute, or `timeout` when that is shorter, so a server that accepts the
 * connection and never answers cannot hold a short run for minutes.
 */
function requestTimeoutMs(config) {
    return Math.min(60_000, config.timeoutSeconds * 1000);
}
/** The most the poll sent as `timeout` runs out may take to answer: the server may just have finished. */
const LAST_POLL_MS = 5_000;
/**
 * The deadline of a wait's status polls (`HttpRequest.deadline`, epoch ms): `timeout` after the wait started,
 * plus a few seconds (or `timeout` when shorter) for the poll sent as it runs out. A server that hangs holds
 * the run that long past `timeout` at most, not each retry's request time limit and backoff (minutes).
 */
function pollDeadline(started, timeoutMs) {
    return started + timeoutMs + Math.min(LAST_POLL_MS, timeoutMs);
}


/***/ }),

/***/ 6895:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ atLeast),
/* harmony export */   x: () => (/* binding */ parseServerVersion)
/* harmony export */ });
function parseServerVersion(text) {
    const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(text?.trim() ?? '');
    if (!match)
        return undefined;
    return {
        text: text.trim(),
        major: Number(match[1]),
        minor: Number(match[2]),
        patch: Number(match[3] ?? 0),
    };
}
/** Whether the server is at least `major.minor`; `undefined` when its version is unknown. */
function atLeast(version, major, minor) {
    if (!version)
        return undefined;
    return version.major > major || (version.major === major && version.minor >= minor);
}


/***/ }),

/***/ 1714:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createXrayAdapter: () => (/* binding */ createXrayAdapter),
  xray: () => (/* binding */ xray)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/importers/xray-report.ts
var xray_report = __webpack_require__(3310);
// EXTERNAL MODULE: ./src/cancel.ts
var cancel = __webpack_require__(833);
// EXTERNAL MODULE: ./src/http/client.ts + 1 modules
var http_client = __webpack_require__(3243);
// EXTERNAL MODULE: ./src/schema.ts
var schema = __webpack_require__(5060);
// EXTERNAL MODULE: ./src/scanners/scanner.ts
var scanner = __webpack_require__(4161);
// EXTERNAL MODULE: ./src/scanners/version.ts
var version = __webpack_require__(6895);
;// CONCATENATED MODULE: ./src/scanners/xray/errors.ts





/** A failed Xray call with the HTTP status it failed with, so a flow can react to one or say it again. */
class XrayStatusError extends errors/* ScannerError */.VM {
    http;
    context;
    constructor(http, context) {
        super(http.explained(explainStatus(http, context)));
        this.http = http;
        this.context = context;
    }
    get status() {
        return this.http.status;
    }
    /** The same failure, said knowing more (the Xray version a call beside it read). */
    knowing(more) {
        return new XrayStatusError(this.http, { ...this.context, ...more });
    }
}
/** `Please report it …`, with the Xray version when known: what sca-bridge asks did not fit this Xray. */
function reportIt(version) {
    return `Please report it to sca-bridge with your Xray version${version ? ` (${version})` : ''}.`;
}
/** Older Xray versions refuse a report that names fields they do not know, such as the path patterns. */
const PATTERNS_FIX = 'Older Xray versions refuse the include-path-patterns and exclude-path-patterns sca-bridge sends with the report: run the scan again without them, or upgrade Xray.';
/** What to do about a server that fails. */
const OVERLOADED = "Xray may be overloaded or restarting; try again later, or ask your JFrog administrator to check Xray's logs.";
const TOKEN_FIX = 'create a new access token (JFrog Platform: Administration → User Management → Access Tokens, or Edit Profile → Generate an Identity Token) for a user with Xray Read and Manage Reports, and pass it as SCA_BRIDGE_TOKEN (CLI), the token input (GitHub Action) or the masked CI/CD variable SCA_BRIDGE_TOKEN (GitLab)';
/**
 * The message inside a JFrog error body: Xray writes `{"error": "…"}`, the router and Artifactory
 * `{"errors": [{"status": 401, "message": "…"}]}`; some answers are `{"message": "…"}` or plain text.
 */
function jfrogErrorText(body) {
    const text = body.trim();
    if (!text)
        return undefined;
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        // An HTML page (a proxy, a login page) says nothing useful in a one-line message.
        if (/^<(!doctype|html|\?xml)/i.test(text))
            return undefined;
        return text.length > 200 ? `${text.slice(0, 200)}…` : text;
    }
    if (!(0,schema/* isRecord */.u4)(parsed))
        return undefined;
    const messages = [];
    if (typeof parsed.error === 'string')
        messages.push(parsed.error);
    if (Array.isArray(parsed.errors)) {
        for (const entry of parsed.errors) {
            if (typeof entry === 'string')
                messages.push(entry);
            else if ((0,schema/* isRecord */.u4)(entry) && typeof entry.message === 'string')
                messages.push(entry.message);
        }
    }
    if (!messages.length && typeof parsed.message === 'string')
        messages.push(parsed.message);
    return messages.length ? [...new Set(messages)].join('; ') : undefined;
}
function statusText(status, body) {
    const text = jfrogErrorText(body);
    return `HTTP ${status}${text ? `: ${text}` : ''}`;
}
function forbidden(ctx) {
    if (ctx.operation === 'repositories') {
        return "the token's user may not list repositories: it needs Read permission on the repositories (a permission target in Administration → User Management → Permissions).";
    }
    const scope = ctx.repoKey ? ` on the repository ${ctx.repoKey}` : '';
    const project = ctx.projectKey
        ? ` In the JFrog Project ${ctx.projectKey}, a Project Admin with the Manage Security Assets privilege may do this instead.`
        : '';
    return `the token's user lacks a permission: it needs Xray Read${scope} (a permission target with Xray "Read") and the Manage Reports role (Administration → User Management → Roles / Permissions → Xray: Manage Reports).${project}`;
}
/** Not repo-key: the vulnerabilities report names the same repository, so the watches or the version are at fault. */
function violationsFix(watches) {
    const names = watches.length
        ? `Check watches (${watches.join(', ')}): each must name a watch that exists in Xray, spelled exactly (Xray → Watches & Policies). `
        : '';
    return `${names}Violations reports need Xray 3.11 or later. To scan without them, set fail-on-policy-violation: false.`;
}
function explainStatus(error, ctx) {
    const { status, body } = error;
    const where = `${ctx.doing} (${error.url})`;
    const answer = statusText(status, body);
    if (status === 401) {
        return `${where}: JFrog refused the token (${answer}). The token is invalid, expired or revoked: ${TOKEN_FIX}.`;
    }
    if (status === 403)
        return `${where}: permission denied (${answer}): ${forbidden(ctx)}`;
    if (error.redirect) {
        return `${where}: answered with a redirect (HTTP ${status}): ${(0,http_client/* redirectAdvice */.R2)(error.redirect, 'api-url')}.`;
    }
    if (ctx.operation === 'create-report') {
        const patterns = ctx.pathPatterns ? `${PATTERNS_FIX} ` : '';
        if ((status === 400 || status === 404) && ctx.report === 'violations') {
            return `${where}: Xray refused the violations report that fail-on-policy-violation reads (${answer}). ${patterns}${violationsFix(ctx.watches ?? [])}`;
        }
        if (status === 400 || status === 404) {
            return `${where}: Xray refused the report for the repository "${ctx.repoKey}" (${answer}). ${patterns}${patterns ? 'Otherwise check' : 'Check'} repo-key: it is the repository key exactly as Artifactory spells it (\`sca-bridge list-repos\` prints the keys the token can see), and the repository must be indexed by Xray (Administration → Xray Settings → Indexed Resources).`;
        }
        if (status === 412) {
            return `${where}: Xray's reports feature is disabled (${answer}); ask your JFrog administrator to enable Xray reports.`;
        }
        if (status === 429) {
            return `${where}: Xray refused a new report (${answer}): too many reports are being generated. sca-bridge does not retry a report creation blindly; try again later, or delete old reports in Xray → Reports.`;
        }
    }
    if (status === 404 && ctx.operation === 'auth-check' && ctx.xrayVersion) {
        // The version call answered at the same base: the URL is right, the Reports API (Xray 3.8+) is what is missing.
        const recent = (0,version/* atLeast */.j)((0,version/* parseServerVersion */.x)(ctx.xrayVersion), 3, 8);
        const fix = recent === false
            ? 'ask your JFrog administrator to upgrade Xray'
            : `${recent ? 'this version has it, so' : 'if this version has it,'} a proxy or gateway in front of Xray may not pass POST /xray/api/v1/reports on: ask your JFrog administrator`;
        return `${where}: not found (${answer}), though Xray ${ctx.xrayVersion} answered the version call at the same address, so api-url is right. sca-bridge reads Xray through its Reports API, which needs Xray 3.8 or later: ${fix}.`;
    }
    if (status === 404 && (ctx.operation === 'version' || ctx.operation === 'auth-check')) {
        return `${where}: not found (${answer}). api-url must be the JFrog Platform base URL (https://acme.jfrog.io, with or without /xray), and Xray must be installed on it.`;
    }
    if (status === 404 && ctx.operation === 'repositories') {
        return `${where}: not found (${answer}). api-url must be the JFrog Platform base URL (https://acme.jfrog.io) where Artifactory answers under /artifactory.`;
    }
    if (status === 404 && (ctx.operation === 'report-status' || ctx.operation === 'report-content')) {
        return `${where}: the report is gone (${answer}); someone deleted it while sca-bridge was reading it. Run the scan again.`;
    }
    if (status === 400 && ctx.operation === 'report-content') {
        // sca-bridge asks only documented parameters, and only once the report is completed: Xray disagrees.
        return `${where}: Xray refused ${ctx.asked ?? 'the page'} (${answer}), though the report is completed and sca-bridge asks only with parameters Xray documents. ${reportIt(ctx.xrayVersion)}`;
    }
    // A report's creation is sent once (a repeat could create a second report); the flow then looks it up by name.
    if (ctx.operation === 'create-report' && status >= 500) {
        return `${where}: the server failed (${answer}), and a report creation is never sent twice.`;
    }
    if (status >= 500 || status === 429) {
        return `${where}: the server failed (${answer}) after sca-bridge's retries. ${OVERLOADED}`;
    }
    return `${where}: unexpected answer (${answer}).`;
}
/**
 * Turns a failed Xray call into a ScannerError (exit 3) that says what happened and what to do. Other
 * errors (bad input, bugs) pass through unchanged.
 */
function explainXrayError(error, ctx) {
    // Said by whoever knows more: the stop as it is, a deadline by the wait whose timeout ran out.
    if (error instanceof cancel/* JobStopped */.fB || error instanceof http_client/* DeadlinePassed */.Xp)
        return error;
    if (error instanceof http_client/* HttpStatusError */.F9)
        return new XrayStatusError(error, ctx);
    if (error instanceof errors/* ScannerError */.VM)
        return new errors/* ScannerError */.VM(`${ctx.doing}: ${error.message}`);
    return error instanceof Error ? error : new Error(String(error));
}

// EXTERNAL MODULE: ./src/scanners/xray/urls.ts
var urls = __webpack_require__(3832);
;// CONCATENATED MODULE: ./src/scanners/xray/client.ts








const defaultHttpFactory = (options) => new http_client/* HttpClient */.Qq(options);
const versionSchema = schemas/* object */.Ikc({ xray_version: schemas/* string */.YjP(), xray_revision: schemas/* string */.YjP().optional() });
/** A report id: a number, or a string of digits (some versions). */
const reportId = schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* string */.YjP().regex(/^\d+$/)]).transform(Number);
// Only the fields sca-bridge reads are checked: any other may be null or missing without harm. An entry
// without an id or name is no report sca-bridge looks for.
const reportsListSchema = schemas/* object */.Ikc({
    total_reports: schemas/* number */.aig().optional(),
    reports: schemas/* array */.YOg(schemas/* object */.Ikc({ id: reportId.optional().catch(undefined), name: schema/* optString */.$2.catch(undefined) }).loose())
        .nullish(),
});
const createdSchema = schemas/* object */.Ikc({ report_id: reportId });
/** Only `status` must be there; Xray writes null into the rest while a report is young (`progress: null`). */
const detailsSchema = schemas/* object */.Ikc({
    status: schemas/* string */.YjP(),
    progress: schema/* optNumber */.td,
    total_artifacts: schema/* optNumber */.td,
    num_of_processed_artifacts: schema/* optNumber */.td,
    number_of_rows: schema/* optNumber */.td,
    error: schema/* optString */.$2,
});
/** `rows` is null in a page without rows (Go writes an empty list as null): read as none, when none are due. */
const pageSchema = schemas/* object */.Ikc({ total_rows: schemas/* number */.aig().int().nonnegative(), rows: schemas/* array */.YOg(schemas/* unknown */.L5J()).nullable() })
    .refine((page) => page.rows !== null || page.total_rows === 0, {
    path: ['rows'],
    message: 'null, yet total_rows is not 0',
})
    .transform((page) => ({ total_rows: page.total_rows, rows: page.rows ?? [] }));
const repositoriesSchema = schemas/* array */.YOg(schemas/* object */.Ikc({ key: schemas/* string */.YjP(), type: schema/* optString */.$2.catch(undefined) }).loose());
/**
 * A report creation whose outcome is unknown: the request left, but its answer was lost (a network failure, a
 * gateway's 5xx, a body cut short). Xray may hold the report all the same: `findReport` tells.
 */
class CreationUnclear extends errors/* ScannerError */.VM {
}
/**
 * Whether a failed creation may have created the report: its answer was lost, not refused (3xx, 4xx), and the
 * request reached Xray (a refused connection, an unknown host or a TLS failure made nothing).
 */
function mayHaveCreated(error) {
    if (!(error instanceof errors/* ScannerError */.VM) ||
        error instanceof cancel/* JobStopped */.fB ||
        error instanceof http_client/* DeadlinePassed */.Xp ||
        error instanceof http_client/* NotSent */.Y5)
        return false;
    return !(error instanceof XrayStatusError) || error.status >= 500 || error.status === 408;
}
/** Operations that follow a version call and reports list that answered: a wrong api-url is ruled out. */
const AFTER_ACCESS = new Set([
    'create-report',
    'find-report',
    'report-status',
    'report-content',
]);
/** Xray and Artifactory calls, each with the retry rule SPEC §9 gives it and an actionable error. */
class XrayClient {
    /** The JFrog Platform base URL (`https://acme.jfrog.io`), without `/xray`. */
    base;
    http;
    config;
    signal;
    /** Xray's version once `version()` answered, for messages that ask for a report. */
    xrayVersion;
    constructor(ctx, factory = defaultHttpFactory) {
        const { config } = ctx;
        this.config = config;
        this.signal = ctx.signal;
        if (!config.apiUrl) {
            throw new errors/* UserError */.yo('Input api-url: set the JFrog Platform base URL (https://acme.jfrog.io).');
        }
        const token = config.token ?? '';
        this.base = (0,urls/* platformBase */.HY)(config.apiUrl);
        this.http = factory({
            baseUrl: this.base,
            headers: { authorization: `Bearer ${token}` },
            ...(0,scanner/* scannerHttpOptions */.tk)(ctx),
        });
    }
    /** `?projectKey=` on every report call when the repository belongs to a JFrog Project. */
    get project() {
        return this.config.projectKey ? { projectKey: this.config.projectKey } : {};
    }
    async call(req, schema, ctx) {
        const context = {
            ...ctx,
            repoKey: this.config.repoKey,
            projectKey: this.config.projectKey,
            watches: this.config.watches,
            xrayVersion: this.xrayVersion,
        };
        let data;
        try {
            data = (await this.http.json(req)).data;
        }
        catch (error) {
            throw explainXrayError(error, context);
        }
        const parsed = schema.safeParse(data);
        if (!parsed.success) {
            const issue = parsed.error.issues[0];
            const where = issue?.path.length ? issue.path.join('.') : '(top level)';
            // Once Xray has answered the version and the reports list, a shape it gives is Xray's, not another server's.
            const fix = AFTER_ACCESS.has(ctx.operation)
                ? `Xray answered in a shape sca-bridge does not know. ${reportIt(this.xrayVersion)}`
                : 'Check that api-url is the JFrog Platform base URL (https://acme.jfrog.io).';
            throw new errors/* ScannerError */.VM(this.http.redact(`${ctx.doing} (${this.http.url(req.path).href}): unexpected answer (${where}: ${issue?.message}). ${fix}`));
        }
        return parsed.data;
    }
    /** `GET /xray/api/v1/system/version`: reachability, TLS and the version. */
    async version() {
        const data = await this.call({ path: 'xray/api/v1/system/version', retry: true }, versionSchema, {
            operation: 'version',
            doing: 'Reading the Xray version',
        });
        this.xrayVersion = data.xray_version;
        return { version: data.xray_version, ...(data.xray_revision ? { revision: data.xray_revision } : {}) };
    }
    /**
     * `POST /xray/api/v1/reports` (Get Reports List, Xray 3.8+): pagination is mandatory, `filters` optional.
     * Read-only, so retried like a GET.
     */
    listReports(ask, ctx) {
        const { direction, num_of_rows, order_by } = ask.query;
        return this.call({
            method: 'POST',
            path: 'xray/api/v1/reports',
            query: { direction, page_num: 1, num_of_rows, order_by, ...this.project },
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(ask.filters ? { filters: ask.filters } : {}),
            retry: true,
            ...(ask.outlivesCancel ? { outlivesCancel: true } : {}),
        }, reportsListSchema, ctx);
    }
    /** The reports list, one row: needs a valid token with Manage Reports. Returns how many reports it sees. */
    async reportsList() {
        const data = await this.listReports({ query: { direction: 'asc', num_of_rows: 1, order_by: 'name' } }, { operation: 'auth-check', doing: 'Checking the token against the Xray reports list' });
        return data.total_reports ?? data.reports?.length ?? 0;
    }
    /**
     * The id of the report named `name`, if Xray holds one. Xray's name filter matches a substring (a report's
     * name is part of its violations sibling's), so the name is compared whole; newest first, should an Xray
     * ignore the filter. Like the creation it follows, it outlives a stop: a report found is then deleted.
     */
    async findReport(name) {
        const data = await this.listReports({
            query: { direction: 'desc', num_of_rows: 10, order_by: 'start_time' },
            filters: { name },
            outlivesCancel: true,
        }, { operation: 'find-report', doing: `Looking up the Xray report ${name}` });
        return data.reports?.find((report) => report.name === name && report.id !== undefined)?.id;
    }
    /** `GET /artifactory/api/repositories`: the repositories the token can see (`?project=` with project-key), by key. */
    async repositories() {
        const data = await this.call({
            path: 'artifactory/api/repositories',
            query: this.config.projectKey ? { project: this.config.projectKey } : {},
            retry: true,
        }, repositoriesSchema, { operation: 'repositories', doing: 'Listing the Artifactory repositories' });
        const byKey = new Map(data.map(({ key, type }) => [key, { key, ...(type ? { type } : {}) }]));
        return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
    }
    /**
     * `POST /xray/api/v1/reports/{kind}`: creates a report. Never retried: a retry could create a second one.
     * A stop signal does not cut it off, so the report it creates is known and can be deleted. A failure that
     * may have created it all the same is a `CreationUnclear`.
     */
    async createReport(kind, body) {
        // Outliving the stop is for a creation already under way; once stopped, none starts (it would only be
        // deleted again, or left behind when the grace period ends first).
        this.signal?.throwIfAborted();
        try {
            const data = await this.call({
                method: 'POST',
                path: `xray/api/v1/reports/${kind}`,
                query: this.project,
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify(body),
                retry: false,
                outlivesCancel: true,
            }, createdSchema, {
                operation: 'create-report',
                doing: `Creating the Xray ${kind} report`,
                report: kind,
                pathPatterns: body.resources.repositories.some((repo) => !!repo.include_path_patterns?.length || !!repo.exclude_path_patterns?.length),
            });
            return data.report_id;
        }
        catch (error) {
            throw mayHaveCreated(error) ? new CreationUnclear(error.message) : error;
        }
    }
    /** `GET /xray/api/v1/reports/{id}`: status, progress and row count; given up at `deadline` (epoch ms). */
    reportDetails(id, deadline) {
        return this.call({ path: `xray/api/v1/reports/${id}`, query: this.project, retry: true, deadline }, detailsSchema, { operation: 'report-status', doing: `Reading the status of Xray report ${id}` });
    }
    /**
     * `POST /xray/api/v1/reports/{kind}/{id}?…`: one page of a report's content. Read-only: retried like a GET.
     * A page of a later read of the whole report is kept under its own name.
     */
    reportPage(kind, id, ask) {
        const { page, rows, orderBy, read = 1 } = ask;
        return this.call({
            method: 'POST',
            path: `xray/api/v1/reports/${kind}/${id}`,
            query: { direction: 'asc', page_num: page, num_of_rows: rows, order_by: orderBy, ...this.project },
            retry: true,
            keepAs: `xray-${kind}-report-${id}${read > 1 ? `-read-${read}` : ''}-page-${page}`,
        }, pageSchema, {
            operation: 'report-content',
            doing: `Reading page ${page} of Xray ${kind} report ${id}`,
            asked: `page_num=${page}, num_of_rows=${rows}, order_by=${orderBy}, direction=asc`,
        });
    }
    /** `DELETE /xray/api/v1/reports/{id}`; deleting twice changes nothing, so it is retried, and 404 means done. */
    async deleteReport(id) {
        try {
            await this.http.send({
                method: 'DELETE',
                path: `xray/api/v1/reports/${id}`,
                query: this.project,
                retry: true,
                outlivesCancel: true,
            });
        }
        catch (error) {
            if (error.status === 404)
                return;
            throw explainXrayError(error, {
                operation: 'delete-report',
                doing: `Deleting Xray report ${id}`,
                repoKey: this.config.repoKey,
                projectKey: this.config.projectKey,
            });
        }
    }
    /** Waits between polls; a stopped run ends the wait. */
    wait(ms) {
        return this.http.wait(ms);
    }
    close() {
        return this.http.close();
    }
}

// EXTERNAL MODULE: ./src/scanners/limiter.ts
var scanners_limiter = __webpack_require__(7131);
// EXTERNAL MODULE: ./src/wording.ts
var wording = __webpack_require__(3395);
;// CONCATENATED MODULE: ./src/scanners/xray/report.ts









/**
 * One fixed sort key for every page of a report: paging with LIMIT/OFFSET is only consistent when each
 * page sorts the same way. `vulnerable_component` is accepted by both the vulnerabilities and the
 * violations report, and ties far less than `severity` (5 values) or `path` (every row of one artifact,
 * hundreds in a Docker image).
 */
const ORDER_BY = 'vulnerable_component';
/** Rows asked for per page. Servers cap it lower (the cap is undocumented): page 1 tells the real size. */
const REQUESTED_PAGE_ROWS = 1000;
/** Content pages read at the same time, over every report of a run. */
const PAGE_CONCURRENCY = 4;
/**
 * When a creation that lost its answer is looked up by its name, in ms after the first look. A gateway's 504
 * usually means Xray is still creating the report: it shows up in the list seconds later. Looks past the run's
 * timeout are not made.
 */
const LOOKUPS_AFTER_MS = [0, 2_000, 5_000, 10_000, 20_000];
/** How often a wait between looks checks whether the other report failed. */
const STOP_CHECK_MS = 250;
function describeProgress(details) {
    const parts = [details.status];
    if (details.progress !== undefined)
        parts.push(`${details.progress}%`);
    if (details.total_artifacts !== undefined) {
        parts.push(`${details.num_of_processed_artifacts ?? 0} of ${details.total_artifacts} artifacts`);
    }
    if (details.number_of_rows !== undefined)
        parts.push(`${details.number_of_rows} rows`);
    return parts.join(', ');
}
/** The statuses of a report Xray is still making (JFrog documents `pending` and `running`). */
const WAITING_STATUSES = new Set(['pending', 'running']);
/**
 * Polls `GET /reports/{id}` every poll-interval until `completed`, `failed`/`aborted` (or another status that
 * carries an error), or the timeout.
 */
async function waitForReport(kind, id, options) {
    const { client, logger } = options;
    const stopped = options.stopped ?? (() => false);
    const started = Date.now();
    const deadline = started + options.timeoutMs;
    // A poll that hangs is given up then: the one sent as the timeout runs out still gets its few seconds.
    const answerBy = (0,scanner/* pollDeadline */.oj)(started, options.timeoutMs);
    let shown = '';
    /** The timeout's message, with what the last poll said. */
    const notReady = (last) => new errors/* ScannerError */.VM(`Xray's ${kind} report ${id} was not ready within timeout (${options.timeoutMs / 1000} s; ${last}). Raise timeout for large repositories, or narrow the report with include-path-patterns.`);
    for (;;) {
        if (stopped())
            throw new scanners_limiter/* Cancelled */.cJ(`waiting for Xray ${kind} report ${id} stopped`);
        const details = await client.reportDetails(id, answerBy).catch((error) => {
            if (!(error instanceof http_client/* DeadlinePassed */.Xp))
                throw error;
            throw notReady(`${shown ? `last status: ${shown}; ` : ''}the last poll: ${error.message}`);
        });
        const status = details.status.toLowerCase();
        const progress = describeProgress(details);
        const elapsed = ((Date.now() - started) / 1000).toFixed(1);
        if (progress !== shown)
            logger.info(`Xray ${kind} report ${id}: ${progress} (${elapsed} s)`);
        else
            logger.debug(`Xray ${kind} report ${id}: ${progress} (${elapsed} s)`);
        shown = progress;
        if (status === 'completed' || status === 'complete') {
            const { total_artifacts: total, num_of_processed_artifacts: processed } = details;
            if (total !== undefined && processed !== undefined && processed < total) {
                logger.warn(`Xray's ${kind} report ${id} completed having processed ${processed} of ${total} artifacts: findings in the other ${total - processed} are not in it (Xray may not have scanned them yet). Run the scan again once Xray has scanned the repository (Xray → Scans List shows its progress).`);
            }
            return details;
        }
        // A status Xray does not document that comes with an error is an end too: waiting would only run out the timeout.
        const unknownWithError = !WAITING_STATUSES.has(status) && !!details.error;
        if (status === 'failed' || status === 'aborted' || unknownWithError) {
            throw new errors/* ScannerError */.VM(`Xray could not generate the ${kind} report ${id} (status ${status}${details.error ? `: ${details.error}` : ''}). Check in Xray → Reports why it stopped; the repository must be indexed by Xray, and a report may be aborted when Xray restarts. Run the scan again once Xray is healthy.`);
        }
        const left = deadline - Date.now();
        if (left <= 0)
            throw notReady(`last status: ${progress}`);
        await client.wait(Math.min(options.pollIntervalMs, left));
    }
}
/**
 * The sort field of each read of a whole report: the first, and when rows repeat across pages, up to two more
 * (the CVE field is `cve` in a vulnerabilities report, `cves` in a violations report). Rows tied on one field
 * (one component with many issues) are told apart by another; reading the same field again, in either
 * direction, may well repeat the same mistake.
 */
const READ_ORDERS = {
    vulnerabilities: [ORDER_BY, 'cve', 'impacted_artifact'],
    violations: [ORDER_BY, 'cves', 'impacted_artifact'],
};
/** A row's identity: a digest of its JSON text, so a large report's keys stay small. */
function rowKey(row) {
    return (0,external_node_crypto_.hash)('sha1', JSON.stringify(row), 'base64');
}
/**
 * The distinct rows of every read of a report. A repeat within one page is the server's own (one query
 * cannot give a row twice) and counts; a row an earlier page of the same read gave is a repeat across pages.
 */
class RowUnion {
    rows = new Map();
    /** Rows held, a repeat within a page counted. */
    size = 0;
    /** Adds one read's pages; returns its repeats across pages. */
    add(pages) {
        const earlier = new Set();
        let repeats = 0;
        for (const page of pages) {
            const counts = new Map();
            for (const row of page) {
                const key = rowKey(row);
                const seen = counts.get(key);
                if (seen)
                    seen.count++;
                else
                    counts.set(key, { row, count: 1 });
            }
            for (const [key, { row, count }] of counts) {
                if (earlier.has(key))
                    repeats++;
                earlier.add(key);
                const held = this.rows.get(key) ?? { row, count: 0 };
                if (count > held.count) {
                    this.size += count - held.count;
                    held.count = count;
                }
                this.rows.set(key, held);
            }
        }
        return repeats;
    }
    all() {
        return [...this.rows.values()].flatMap(({ row, count }) => Array(count).fill(row));
    }
}
/**
 * Reads pages `from` to the last of one read of the report, a bounded number at a time, in page order. After
 * one page (or a sibling report) failed, the pages still waiting are not asked for.
 */
async function readPages(paging, from, read, options) {
    const { client, logger, limiter } = options;
    const { kind, id, pages, pageSize, total } = paging;
    const stopped = options.stopped ?? (() => false);
    const byPage = [];
    let failed = false;
    const reads = Array.from({ length: pages - from + 1 }, (_, i) => i + from).map((page) => limiter.run(async () => {
        if (failed || stopped())
            throw new scanners_limiter/* Cancelled */.cJ(`reading Xray ${kind} report ${id} stopped`);
        try {
            const content = await client.reportPage(kind, id, {
                page,
                rows: pageSize,
                orderBy: READ_ORDERS[kind][read - 1] ?? ORDER_BY,
                read,
            });
            if (content.total_rows !== total) {
                throw new errors/* ScannerError */.VM(`Xray's ${kind} report ${id} changed while it was read: page 1 said ${total} rows, page ${page} says ${content.total_rows}. Run the scan again.`);
            }
            byPage[page - from] = content.rows;
            logger.debug(`Xray ${kind} report ${id}: page ${page} of ${pages}, ${content.rows.length} rows`);
        }
        catch (error) {
            failed = true;
            throw error;
        }
    }));
    await (0,scanners_limiter/* settleAll */.j3)(reads);
    return byPage;
}
function sortValue(row) {
    return String((0,schema/* isRecord */.u4)(row) ? row[ORDER_BY] : undefined);
}
/**
 * Whether a row of one read comes back on a later page. Only a row whose sort value is on two pages can (a tie
 * a page boundary cuts), so only those are keyed: a clean read costs a digest for a few rows, not for each.
 */
function repeatsAcrossPages(byPage) {
    const firstPage = new Map();
    const spanning = new Set();
    for (const [i, page] of byPage.entries()) {
        for (const row of page) {
            const value = sortValue(row);
            const seen = firstPage.get(value);
            if (seen === undefined)
                firstPage.set(value, i);
            else if (seen !== i)
                spanning.add(value);
        }
    }
    if (!spanning.size)
        return false;
    const pageOf = new Map();
    for (const [i, page] of byPage.entries()) {
        for (const row of page) {
            if (!spanning.has(sortValue(row)))
                continue;
            const key = rowKey(row);
            const seen = pageOf.get(key);
            if (seen !== undefined && seen !== i)
                return true;
            pageOf.set(key, i);
        }
    }
    return false;
}
/** The error for pages that hold fewer or more rows than `total_rows`, naming the pages that differ. */
function countError(paging, byPage) {
    const { kind, id, pages, pageSize, total } = paging;
    const expected = (page) => (page < pages ? pageSize : total - (pages - 1) * pageSize);
    const short = byPage
        .map((page, i) => ({ page: i + 1, rows: page.length }))
        .filter((p) => p.rows !== expected(p.page))
        .map((p) => `page ${p.page}: ${p.rows} of ${expected(p.page)}`);
    return new errors/* ScannerError */.VM(`Xray's ${kind} report ${id} holds ${total} rows (total_rows) but its ${pages} pages of ${pageSize} gave ${byPage.flat().length}${short.length ? ` (${short.slice(0, 5).join(', ')})` : ''}. sca-bridge reports nothing rather than an incomplete result; run the scan again, and if it persists report it to JFrog support.`);
}
/**
 * Compares the content's `total_rows` with the `number_of_rows` the report's status gave. Nothing documents that
 * the two count alike (a violations report may count otherwise), so a difference is only said: a warning when the
 * content holds fewer, which may be a loss worth a look, info when it holds more. Every row the content holds is
 * read, and a read that gives other than `total_rows` still fails.
 */
function checkStatusRows(kind, id, statusRows, total, logger) {
    if (statusRows === undefined || statusRows === total)
        return;
    // Rows counted and none served is a fault, not a clean repository: passing the gate on it would hide every finding.
    if (total === 0) {
        throw new errors/* ScannerError */.VM(`Xray's ${kind} report ${id} counted ${statusRows} rows when it completed (number_of_rows) but its content holds none (total_rows 0). Run the scan again; if it persists, run it with keep-report: true, compare the report in Xray → Reports, and report it to JFrog support.`);
    }
    if (total < statusRows) {
        logger.warn(`Xray's ${kind} report ${id} counted ${statusRows} rows when it completed (number_of_rows) but its content holds ${total} (total_rows); sca-bridge reads and reports those ${total}. If findings seem missing, run the scan again with keep-report: true and compare the report in Xray → Reports; if it persists, report it to JFrog support.`);
        return;
    }
    logger.info(`Xray's ${kind} report ${id} counted ${statusRows} rows when it completed (number_of_rows); its content holds ${total} (total_rows), and all ${total} are read.`);
}
/**
 * Reads every row: page 1 first, its row count is the server's real page size, then the remaining pages
 * (asked with that size, so the offsets line up whatever the server does with a capped size), a bounded
 * number at a time. The rows collected must equal `total_rows`: a gap is an error, never a quiet loss.
 *
 * Rows tied on `ORDER_BY` may come in another order per page (a database's top-N sort is not stable, and
 * orders ties by how many rows it keeps), so a page can repeat rows of another and miss others while the
 * count still adds up. Rows are keyed by their content: when some repeat across pages, the report is read
 * again sorted by other fields (`READ_ORDERS`), keeping the distinct rows of every read, until they reach
 * `total_rows`; otherwise the run fails (exit 3) rather than report fewer rows than Xray holds.
 */
async function readAllPages(kind, id, options, statusRows) {
    const { client, logger, limiter } = options;
    const first = await limiter.run(() => client.reportPage(kind, id, { page: 1, rows: REQUESTED_PAGE_ROWS, orderBy: ORDER_BY }));
    const total = first.total_rows;
    checkStatusRows(kind, id, statusRows, total, logger);
    if (total === 0 && first.rows.length === 0)
        return [];
    const pageSize = first.rows.length;
    if (pageSize === 0) {
        throw new errors/* ScannerError */.VM(`Xray's ${kind} report ${id} says it holds ${total} rows (total_rows) but its first page is empty; sca-bridge cannot read it. Run the scan again; if it persists, report it to JFrog support.`);
    }
    const paging = { kind, id, pages: Math.max(1, Math.ceil(total / pageSize)), pageSize, total };
    if (paging.pages > 1) {
        const capped = pageSize < REQUESTED_PAGE_ROWS
            ? ` (the server caps a page at ${pageSize} rows; ${REQUESTED_PAGE_ROWS} were asked)`
            : '';
        logger.info(`Reading Xray ${kind} report ${id}: ${total} rows in ${paging.pages} pages of ${pageSize}${capped}, ${limiter.size} at a time.`);
    }
    const byPage = [first.rows, ...(await readPages(paging, 2, 1, options))];
    if (!repeatsAcrossPages(byPage)) {
        const rows = byPage.flat();
        if (rows.length !== total)
            throw countError(paging, byPage);
        return rows;
    }
    const union = new RowUnion();
    union.add(byPage);
    const orders = READ_ORDERS[kind];
    for (let read = 2; read <= orders.length && union.size !== total; read++) {
        logger.info(`Xray's ${kind} report ${id} repeated rows across pages (rows tied on ${orders[read - 2]} came in another order per page), ${union.size} distinct of ${total}: reading it again sorted by ${orders[read - 1]} (read ${read} of at most ${orders.length}).`);
        union.add(await readPages(paging, 1, read, options));
    }
    if (union.size === total)
        return union.all();
    throw new errors/* ScannerError */.VM(`Xray's ${kind} report ${id} repeated rows across pages on each of ${orders.length} reads (sorted by ${orders.join(', ')}) and gave ${union.size} distinct rows of ${total} (total_rows). sca-bridge reports nothing rather than an incomplete result; run the scan again, and if it persists report it to JFrog support.`);
}
/**
 * The report a creation that lost its answer made all the same: looked up by its name (unique per run), never
 * created again. Xray may still be creating it, so it is looked up again a few times (`LOOKUPS_AFTER_MS`, within
 * the run's timeout) before none is concluded. A report found is the run's, read and then deleted as any; none
 * found fails the run. A stop ends the waits between looks; one last look then finds a report to delete.
 */
async function lostReport(error, name, options) {
    const { client, logger } = options;
    const stopped = options.stopped ?? (() => false);
    const lost = (0,wording/* clause */.sb)(error.message);
    const schedule = (options.lookupsAfterMs ?? LOOKUPS_AFTER_MS).filter((at, i) => i === 0 || at <= options.timeoutMs);
    const find = async () => {
        try {
            return await client.findReport(name);
        }
        catch (lookup) {
            throw new errors/* ScannerError */.VM(`${lost}. Xray may have created the report all the same, and looking it up by its name failed too (${(0,wording/* clause */.sb)(lookup.message)}): if Xray → Reports lists ${name}, delete it there.`);
        }
    };
    const found = (id) => {
        logger.warn(`${lost}. Xray created the report all the same: ${name} is report ${id}, and the scan goes on with it.`);
        return id;
    };
    // The run is stopped (the job, or the other report failed): one last look, and a report listed is deleted by
    // the flow, which stops at its next call.
    const lastLook = async (stop) => {
        const id = await client.findReport(name).catch(() => undefined);
        if (id !== undefined)
            return found(id);
        logger.warn(`${lost}. The run stopped while sca-bridge looked for the report ${name}: should Xray → Reports list it, delete it there.`);
        throw stop;
    };
    const started = Date.now();
    for (const [i, at] of schedule.entries()) {
        // In slices, so the other report failing ends the wait as a stopped job does.
        for (let left = started + at - Date.now(); left > 0; left = started + at - Date.now()) {
            try {
                await client.wait(Math.min(left, STOP_CHECK_MS));
            }
            catch (stop) {
                return lastLook(stop);
            }
            if (stopped())
                return lastLook(new scanners_limiter/* Cancelled */.cJ(`looking for Xray report ${name} stopped`));
        }
        const id = await find();
        if (id !== undefined)
            return found(id);
        const next = schedule[i + 1];
        if (next !== undefined) {
            logger.info(`${lost}. Xray lists no report named ${name} yet (look ${i + 1} of ${schedule.length}): it may still be creating it; looking again in ${(Math.max(0, started + next - Date.now()) / 1000).toFixed(1)} s.`);
        }
    }
    const over = schedule.length > 1 ? ` after ${schedule.length} looks over ${schedule.at(-1) / 1000} s` : '';
    throw new errors/* ScannerError */.VM(`${lost}. Xray lists no report named ${name}${over}, so it seems none was created (should one show up in Xray → Reports, delete it there). ${OVERLOADED}`);
}
/**
 * One report from creation to deletion: create (never retried), wait, read every page, and delete it
 * unless keep-report, also when any step failed.
 */
async function runReport(kind, body, options) {
    const { client, logger } = options;
    const id = await client.createReport(kind, body).catch((error) => {
        if (!(error instanceof CreationUnclear))
            throw error;
        return lostReport(error, body.name, options);
    });
    logger.info(`Created Xray ${kind} report ${id} (${body.name}).`);
    try {
        const details = await waitForReport(kind, id, options);
        const rows = await readAllPages(kind, id, options, details.number_of_rows);
        logger.info(`Read ${rows.length} rows of Xray ${kind} report ${id}.`);
        return { id, name: body.name, rows };
    }
    finally {
        if (options.keepReport) {
            logger.info(`keep-report: Xray ${kind} report ${id} (${body.name}) is kept; it is listed in Xray → Reports.`);
        }
        else {
            try {
                await client.deleteReport(id);
                logger.info(`Deleted Xray ${kind} report ${id}.`);
            }
            catch (error) {
                // A failed delete must not hide the scan's own result or error: it is a warning.
                const why = error instanceof Error ? error.message : String(error);
                logger.warn(`${why} The report ${body.name} (id ${id}) is left in Xray → Reports; delete it there.`);
            }
        }
    }
}

;// CONCATENATED MODULE: ./src/scanners/xray/adapter.ts










/** Validates a report's rows with the schema the `xray-report` importer uses; a bad row names itself. */
function parseRows(schema, rows, kind, id) {
    const parsed = schemas/* array */.YOg(schema).safeParse(rows);
    if (parsed.success)
        return parsed.data;
    const issue = parsed.error.issues[0];
    throw new errors/* ScannerError */.VM(`Xray's ${kind} report ${id} holds a row sca-bridge cannot read (${issue?.path.join('.')}: ${issue?.message}). Please report it with your Xray version.`);
}
function repositoryResource(config, repoKey) {
    return {
        name: repoKey,
        ...(config.includePathPatterns.length ? { include_path_patterns: config.includePathPatterns } : {}),
        ...(config.excludePathPatterns.length ? { exclude_path_patterns: config.excludePathPatterns } : {}),
    };
}
const EMPTY_REPORT = "It holds no rows: either the repository has no known vulnerabilities, or Xray has not scanned it. A repository is only in Xray's reports when it is indexed (Administration → Xray Settings → Indexed Resources → Repositories) and watched by a watch with a security policy (Xray → Watches & Policies), and its artifacts have been scanned.";
/** Where a user checks repo-key. */
const LIST_REPOS = '`sca-bridge list-repos` (in the CLI) prints the repository keys the token can see, and names the virtual ones';
/** Xray indexes the local and remote repositories behind a virtual one, not the virtual one itself. */
const isVirtual = (repository) => repository?.type?.toUpperCase() === 'VIRTUAL';
function repositoryCount(n) {
    return n === 1 ? '1 repository' : `${n} repositories`;
}
/** ` (2 local, 1 remote, 1 virtual)`: the repositories' types, when the API gave them. */
function typesOf(repositories) {
    const counts = new Map();
    for (const { type } of repositories) {
        if (type)
            counts.set(type.toLowerCase(), (counts.get(type.toLowerCase()) ?? 0) + 1);
    }
    const shown = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([type, n]) => `${n} ${type}`);
    return shown.length ? ` (${shown.join(', ')})` : '';
}
/**
 * An empty report for a repository Xray does not know may be Xray's answer to a misspelt or virtual key:
 * checked only then, against the repositories the token can see. A virtual key fails the run (exit 3): Xray
 * never reports on one, and an empty report would pass any gate. A key the list lacks is a warning: nothing
 * documents that the list (`?project=`) holds the repositories shared with a project, and the token's
 * Artifactory read may be narrower than its Xray reporting. A key that differs only in case from one listed is
 * a warning too: Artifactory keeps keys unique ignoring case, but whether Xray's report matches one ignoring case
 * is not documented. When the list cannot be read, or is empty, the empty report stands, with the warning.
 */
async function checkEmptyReportKey(client, config, logger) {
    const repoKey = config.repoKey;
    const unchecked = (why) => logger.warn(`Xray's vulnerabilities report for ${repoKey} is empty, and repo-key could not be checked (${why}). ${EMPTY_REPORT} Check repo-key too: ${LIST_REPOS}.`);
    let repositories;
    try {
        repositories = await client.repositories();
    }
    catch (error) {
        unchecked((0,wording/* clause */.sb)(error.message));
        return;
    }
    const scope = config.projectKey ? ` in the JFrog Project ${config.projectKey}` : '';
    if (!repositories.length) {
        unchecked(`the token sees no repository at all${scope}`);
        return;
    }
    const exact = repositories.find((repo) => repo.key === repoKey);
    // Xray may match the key regardless of case: a listed key that differs only in case is the one meant.
    const near = exact
        ? undefined
        : repositories.find((repo) => repo.key.toLowerCase() === repoKey.toLowerCase());
    const repository = exact ?? near;
    if (!repository) {
        logger.warn(`Xray's vulnerabilities report for ${repoKey} is empty, and repo-key ${repoKey} is not among the ${repositoryCount(repositories.length)} the token lists${scope}: check repo-key: it is the repository key exactly as Artifactory spells it (${LIST_REPOS}). Xray reports nothing for a repository it does not know; but the list may leave out repositories the token cannot read in Artifactory or that are shared with the project, so the empty report stands. ${EMPTY_REPORT}`);
        return;
    }
    if (isVirtual(repository)) {
        throw new errors/* ScannerError */.VM(`Xray's vulnerabilities report for ${repoKey} is empty: ${repository.key} is a virtual repository, and Xray does not report on virtual repositories. Set repo-key to the local or remote repositories behind it (one scan each; ${LIST_REPOS}).`);
    }
    if (near) {
        logger.warn(`Xray's vulnerabilities report for ${repoKey} is empty, and repo-key ${repoKey} is not among the ${repositoryCount(repositories.length)} the token lists${scope}: ${near.key}, which the token lists, differs from it only in case: set repo-key to ${near.key} if that is the repository meant. ${EMPTY_REPORT}`);
        return;
    }
    const kind = repository.type ? `${repository.type.toLowerCase()} ` : '';
    logger.warn(`Xray's vulnerabilities report for ${repoKey} is empty; repo-key names a ${kind}repository the token can see. ${EMPTY_REPORT}`);
}
async function withClient(ctx, http, use) {
    const client = new XrayClient(ctx, http);
    try {
        return await use(client);
    }
    finally {
        await client.close();
    }
}
async function checkAccess(client, config, logger) {
    // Both are read-only; asking at once saves a round trip. The version's error wins when both fail; the
    // reports list's is said knowing the version (a 404 then means an Xray without the Reports API, not a wrong URL).
    const [asked, listed] = await Promise.allSettled([client.version(), client.reportsList()]);
    if (asked.status === 'rejected')
        throw asked.reason;
    const version = asked.value;
    if (listed.status === 'rejected') {
        const error = listed.reason;
        throw error instanceof XrayStatusError ? error.knowing({ xrayVersion: version.version }) : error;
    }
    const reports = listed.value;
    logger.info(`Reached Xray ${version.version}${version.revision ? ` (revision ${version.revision})` : ''} at ${client.base}: URL and TLS are fine.`);
    logger.info(`The token is valid and may manage Xray reports: POST /xray/api/v1/reports answered (${reports} reports visible${config.projectKey ? ` in the JFrog Project ${config.projectKey}` : ''}).`);
    return version.version;
}
/** Creates the Xray adapter; `xray` below is the one the CLI and the Action load. */
function createXrayAdapter(options = {}) {
    const http = options.http ?? defaultHttpFactory;
    const now = options.now ?? (() => new Date());
    return {
        async testConnection(ctx) {
            await withClient(ctx, http, async (client) => {
                await checkAccess(client, ctx.config, ctx.logger);
                ctx.logger.info('Connection test passed. Not checked here: Xray Read on a particular repository, which the scan needs for its report (`sca-bridge list-repos` shows the repositories the token can see).');
            });
        },
        async listRepositories(ctx) {
            return withClient(ctx, http, async (client) => {
                const repositories = await client.repositories();
                ctx.logger.info(`${repositoryCount(repositories.length)} visible to the token at ${client.base}${ctx.config.projectKey ? ` in the JFrog Project ${ctx.config.projectKey}` : ''}${typesOf(repositories)}.`);
                const virtual = repositories.filter(isVirtual).map((repo) => repo.key);
                if (virtual.length) {
                    ctx.logger.info(`Xray does not report on virtual repositories (${virtual.join(', ')}): give repo-key the local or remote repositories behind them.`);
                }
                return repositories.map((repo) => repo.key);
            });
        },
        async scan(ctx) {
            const { config, logger } = ctx;
            // The config refuses an Xray scan without repo-key (exit 2) before any scanner runs.
            const repoKey = config.repoKey;
            // A reusable workflow may pass watches to every run: said, not refused.
            if (config.watches.length && !config.failOnPolicyViolation) {
                logger.warn(`watches (${config.watches.join(', ')}) choose the violations fail-on-policy-violation counts; without it no violations report is read, so they change nothing. Set fail-on-policy-violation to fail on them.`);
            }
            return withClient(ctx, http, async (client) => {
                const scannerVersion = await checkAccess(client, config, logger);
                const at = now();
                const unique = options.unique?.() ?? (0,external_node_crypto_.randomBytes)(3).toString('hex');
                const name = (suffix) => (0,urls/* reportName */.e6)({
                    repoKey,
                    projectKey: config.projectKey,
                    branch: config.branch,
                    at,
                    unique,
                    ...(suffix ? { suffix } : {}),
                });
                const resources = { repositories: [repositoryResource(config, repoKey)] };
                let failed = false;
                const flow = {
                    client,
                    logger,
                    limiter: new scanners_limiter/* Limiter */.jG(options.pageConcurrency ?? PAGE_CONCURRENCY),
                    pollIntervalMs: config.pollIntervalSeconds * 1000,
                    timeoutMs: config.timeoutSeconds * 1000,
                    keepReport: config.keepReport,
                    stopped: () => failed,
                    ...(options.lookupsAfterMs ? { lookupsAfterMs: options.lookupsAfterMs } : {}),
                };
                const run = (kind, body) => runReport(kind, body, flow).catch((error) => {
                    failed = true;
                    throw error;
                });
                const [vulnerabilities, violationsReport] = await (0,scanners_limiter/* settleAll */.j3)([
                    run('vulnerabilities', { name: name(), resources }),
                    config.failOnPolicyViolation
                        ? run('violations', {
                            name: name('violations'),
                            resources,
                            ...(config.watches.length ? { filters: { watch_names: config.watches } } : {}),
                        })
                        : Promise.resolve(undefined),
                ]);
                const rows = parseRows(xray_report/* xrayRowSchema */.Yr, vulnerabilities.rows, 'vulnerabilities', vulnerabilities.id);
                if (!rows.length)
                    await checkEmptyReportKey(client, config, logger);
                let violations = [];
                if (violationsReport) {
                    violations = parseRows(xray_report/* xrayViolationRowSchema */.ZL, violationsReport.rows, 'violations', violationsReport.id).map(xray_report/* mapXrayViolationRow */.AN);
                    logger.info(`${(0,wording/* plural */.LS)(violations.length, 'policy violation')} in ${repoKey}${config.watches.length ? ` (watches: ${config.watches.join(', ')})` : ''}.`);
                }
                const ui = (0,urls/* uiBase */.gk)(config.uiUrl, config.apiUrl ?? client.base);
                if (config.keepReport)
                    logger.info(`Kept reports: ${(0,urls/* reportsUrl */.z7)(ui)}`);
                return {
                    scanner: 'xray',
                    findings: rows.map(xray_report/* mapXrayRow */.N3),
                    violations,
                    context: {
                        repoKey,
                        ...(config.projectKey ? { project: config.projectKey } : {}),
                        scannerVersion,
                        reportUrl: (0,urls/* repositoryScansUrl */.co)(ui, repoKey),
                    },
                };
            });
        },
    };
}
const xray = createXrayAdapter();


/***/ })

};
