export const id = 436;
export const ids = [436];
export const modules = {

/***/ 7436:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createDependencyTrack: () => (/* binding */ createDependencyTrack),
  dependencyTrack: () => (/* binding */ dependencyTrack)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/importers/dtrack-finding.ts
var dtrack_finding = __webpack_require__(2679);
// EXTERNAL MODULE: ./src/schema.ts
var schema = __webpack_require__(5060);
// EXTERNAL MODULE: ./src/http/client.ts + 1 modules
var client = __webpack_require__(3243);
// EXTERNAL MODULE: ./src/scanners/scanner.ts
var scanner = __webpack_require__(4161);
// EXTERNAL MODULE: ./src/cancel.ts
var cancel = __webpack_require__(833);
// EXTERNAL MODULE: ./src/findings/text.ts
var findings_text = __webpack_require__(4087);
;// CONCATENATED MODULE: ./src/scanners/dependency-track/permissions.ts
/** What each permission is for, as the messages say it. */
const PURPOSE = {
    BOM_UPLOAD: 'upload the SBOM (sbom) and follow its processing',
    PROJECT_CREATION_UPLOAD: 'let Dependency-Track create the project on upload (auto-create)',
    VIEW_PORTFOLIO: 'look up the project (project, project-name, project-version)',
    VIEW_VULNERABILITY: 'read the findings',
    VIEW_POLICY_VIOLATION: 'read the policy violations (fail-on-policy-violation)',
};
/**
 * Permissions that also grant another one. The upload's auto-create accepts PORTFOLIO_MANAGEMENT,
 * PORTFOLIO_MANAGEMENT_CREATE (its fine-grained part, Dependency-Track 4.13 and 5) or PROJECT_CREATION_UPLOAD.
 */
const ALSO_GRANTED_BY = {
    PROJECT_CREATION_UPLOAD: ['PORTFOLIO_MANAGEMENT', 'PORTFOLIO_MANAGEMENT_CREATE'],
};
/**
 * What a run needs. `test-connection` checks the whole main flow (upload with auto-create, then read); `scan`
 * only what its inputs use, and not PROJECT_CREATION_UPLOAD: only the lookup before the upload tells whether DT
 * must create the project, and the flow checks it then.
 */
function neededPermissions(config) {
    const connection = config.mode === 'test-connection';
    return [
        ...(connection || config.sbom ? ['BOM_UPLOAD'] : []),
        ...(connection && config.autoCreate ? ['PROJECT_CREATION_UPLOAD'] : []),
        'VIEW_PORTFOLIO',
        'VIEW_VULNERABILITY',
        'VIEW_POLICY_VIOLATION',
    ];
}
/** The permissions whose lack ends a run at the key check, with why, as the refusal says it (`which …`). */
const REQUIRED_FOR = {
    VIEW_VULNERABILITY: 'every scan needs to read the findings',
    VIEW_POLICY_VIOLATION: 'fail-on-policy-violation needs to read the policy violations it gates on',
};
/**
 * Of the needed permissions, those a run cannot do without: the findings every scan reads, and the violations
 * the gate counts with fail-on-policy-violation. Their lack fails the key check (exit 3) before any upload or
 * project creation, rather than the read after it; the others stay warnings.
 */
function requiredPermissions(config) {
    return [
        'VIEW_VULNERABILITY',
        ...(config.failOnPolicyViolation ? ['VIEW_POLICY_VIOLATION'] : []),
    ];
}
/** The needed permissions the team's list lacks (directly and through a permission that grants it). */
function missingPermissions(granted, needed) {
    const have = new Set(granted);
    return needed.filter((p) => !have.has(p) && !(ALSO_GRANTED_BY[p] ?? []).some((also) => have.has(also)));
}
/** `PROJECT_CREATION_UPLOAD (or PORTFOLIO_MANAGEMENT or PORTFOLIO_MANAGEMENT_CREATE)`: each permission that grants it. */
function grantedByText(permission) {
    const also = ALSO_GRANTED_BY[permission];
    return also?.length ? `${permission} (or ${also.join(' or ')})` : permission;
}

// EXTERNAL MODULE: ./src/wording.ts
var wording = __webpack_require__(3395);
;// CONCATENATED MODULE: ./src/scanners/dependency-track/errors.ts







/** A failed call with the HTTP status it failed with, so a flow can react to one (a 404 of a missing route). */
class DtError extends errors/* ScannerError */.VM {
    status;
    lacks;
    constructor(message, status, 
    /** A 403 of Dependency-Track's own for the call's permission: the key is valid, its team lacks this. */
    lacks) {
        super(message);
        this.status = status;
        this.lacks = lacks;
    }
}
const TEAMS = 'Administration → Access Management → Teams';
const KEY_HELP = 'check the API key: the CLI reads it from SCA_BRIDGE_TOKEN or --token-file, the Action from its token input, GitLab from the masked CI/CD variable SCA_BRIDGE_TOKEN';
const UI_NOT_API = 'api-url seems to point at the web UI, not the API server: in the default setup the API server listens on port 8081 and the UI on 8080; give the API server URL, with or without /api';
const LET_THROUGH = 'Let requests with an X-Api-Key header through to the API server, or set api-url to an address that reaches the API server directly';
const LOGIN_PROXY = `a login or single sign-on proxy in front of Dependency-Track seems to stop API calls. ${LET_THROUGH}`;
/** A server's text on one line, cut to `max` characters. */
function clip(text, max = 500) {
    return (0,findings_text/* shorten */.m)(text.replace(/\s+/g, ' ').trim(), max);
}
/**
 * One error of a list, as text: its path and message when it has them (DT's validation errors; another
 * server's `{status, message}`), else its JSON; never `[object Object]`.
 */
function errorText(error) {
    if (!(0,schema/* isRecord */.u4)(error))
        return String(error);
    return ([error.path, error.message].filter((x) => typeof x === 'string' && x).join(': ') || JSON.stringify(error));
}
/**
 * DT's error bodies as a line a user can read: plain text (most of DT4), RFC 9457 problem+json
 * (`title`, `detail`, `errors[]`: BOM validation since 4.11), or Jersey's array of validation errors.
 */
function errorDetail(body, contentType = '') {
    const text = body.trim();
    if (!text)
        return '';
    if (/json/i.test(contentType) || /^[[{]/.test(text)) {
        try {
            const doc = JSON.parse(text);
            if (Array.isArray(doc)) {
                return clip(doc.map(errorText).join('; '));
            }
            if ((0,schema/* isRecord */.u4)(doc)) {
                const head = [doc.title, doc.detail].filter((x) => typeof x === 'string' && x).join(': ');
                const errors = Array.isArray(doc.errors) ? doc.errors.map(errorText) : [];
                const shown = errors.slice(0, 10);
                const more = errors.length > shown.length ? ` (and ${errors.length - shown.length} more)` : '';
                const parts = [head || (typeof doc.message === 'string' ? doc.message : ''), ...shown].filter(Boolean);
                if (parts.length)
                    return clip(`${parts.join('; ')}${more}`, 1500);
            }
        }
        catch {
            // not JSON after all: shown as text
        }
    }
    return clip(text);
}
function looksLikeHtml(body, contentType = '') {
    return /html/i.test(contentType) || /^\s*<(!doctype|html)/i.test(body);
}
/**
 * An answer that is not JSON, said for Dependency-Track: a cut-short body; once `/api/version` answered as
 * Dependency-Track (`dtAnswered`: api-url is right), a login proxy in front of it, which lets that
 * unauthenticated call through; before, the web UI's page or another server at api-url.
 */
function notJson({ path, text, contentType, brokenJson }, call, dtAnswered = false) {
    if (brokenJson)
        return `${brokenJson.replace(/\.$/, '')} (while ${call.what}).`;
    const html = looksLikeHtml(text, contentType);
    if (dtAnswered) {
        const got = html ? 'a web page' : `"${clip(text, 80)}"`;
        return `${path} answered with ${got}, not JSON, while ${call.what}, though /api/version answered as Dependency-Track: ${LOGIN_PROXY}.`;
    }
    if (html) {
        return `${path} answered with a web page, not Dependency-Track's API, while ${call.what}: ${UI_NOT_API}.`;
    }
    return `${path} did not answer JSON while ${call.what} (got "${text.slice(0, 80)}…"): check that api-url is Dependency-Track's API server.`;
}
function endpoint(error) {
    try {
        return new URL(error.url).pathname;
    }
    catch {
        return error.url;
    }
}
/**
 * A web page where the API answers, read by its status: the UI has no such route (404, 405; not once
 * `/api/version` answered as Dependency-Track), or a login proxy stands in front (401, 403). Other pages keep
 * their status's message: a 5xx or 429 page comes from a failing server or proxy, and a 404 of a call that
 * expects one keeps its meaning (servlet containers render their error pages in HTML).
 */
function webPage(status, where, call, dtAnswered) {
    if (status === 401 || status === 403) {
        return `Dependency-Track's address answered with a web page (${where}) while ${call.what}: ${LOGIN_PROXY}.`;
    }
    if (!dtAnswered && (status === 405 || (status === 404 && !call.notFound))) {
        return `Dependency-Track answered with a web page (${where}) while ${call.what}: ${UI_NOT_API}.`;
    }
    return undefined;
}
/** What a collection project (DT 4.13+) is, for the messages that meet one: it holds no components itself. */
const COLLECTION_PROJECT = "a collection project, whose findings are its children's";
/**
 * What to do about DT's 400 to an upload. Most are about the BOM (schema validation since 4.11: "The uploaded
 * BOM is invalid"), and so is one without a word; the others are not, and a hint to check the file would mislead:
 * a collection project (4.13+), a form field DT's validation refused.
 */
function uploadRejected(detail) {
    if (/collection project/i.test(detail)) {
        return ` The project is ${COLLECTION_PROJECT}: upload the SBOM to one of its child projects instead (project, or project-name and project-version).`;
    }
    if (!detail || /invalid|schema|pars/i.test(detail)) {
        return ' Dependency-Track accepts CycloneDX SBOMs (JSON or XML) only; check that the file is valid CycloneDX.';
    }
    return '';
}
/**
 * Turns a failed call into a ScannerError that says what happened and what to do. What the server said comes
 * from the HTTP client already redacted of the key. `dtAnswered`: `/api/version` answered as Dependency-Track,
 * so api-url reaches it and a web page comes from something in front of it, not from the web UI.
 */
function explain(error, call, dtAnswered = false) {
    // Said by whoever knows more: the stop as it is, a deadline by the wait whose timeout ran out.
    if (error instanceof cancel/* JobStopped */.fB || error instanceof client/* DeadlinePassed */.Xp)
        return error;
    if (!(error instanceof client/* HttpStatusError */.F9)) {
        if (!(error instanceof errors/* ScannerError */.VM))
            return error instanceof Error ? error : new Error(String(error));
        // What was under way first: the failure's own message often ends with advice, which stays last.
        const during = `While ${call.what}: ${(0,wording/* clause */.sb)(error.message)}.`;
        return new errors/* ScannerError */.VM(call.upload
            ? `${during} An SBOM upload is never retried automatically (Dependency-Track might process it twice): run the job again.`
            : during);
    }
    const status = error.status;
    const where = `HTTP ${status} from ${endpoint(error)}`;
    const html = looksLikeHtml(error.body, error.contentType);
    const detail = html ? '' : errorDetail(error.body, error.contentType);
    // Through a proxy, the proxy may have written it.
    const said = detail ? ` ${error.proxy ? 'The answer' : 'Dependency-Track'} said: "${detail}".` : '';
    // Dependency-Track answers its refusals in JSON or plain text, and a wrong key or a missing permission with
    // nothing (401, 403): those are its own; otherwise (a web page, a server error's text) only JSON is, which
    // the client tells when `own` is left undefined.
    const own = (!!detail && status < 500) || (!error.body.trim() && (status === 401 || status === 403));
    const fail = (message, lacks) => new DtError(error.explained(message, own ? true : undefined), status, lacks);
    if (error.redirect) {
        return fail(`Dependency-Track's address answered with a redirect (${where}) while ${call.what}: ${(0,client/* redirectAdvice */.R2)(error.redirect, 'api-url')}.`);
    }
    const page = html ? webPage(status, where, call, dtAnswered) : undefined;
    if (page)
        return fail(page);
    if (status === 413 && call.upload) {
        // DT sets no such limit on the multipart upload (research/dependency-track.md §2): a proxy in front does.
        return fail(`A proxy in front of Dependency-Track refused ${call.what} (${where}): the SBOM (${call.upload.size}) is larger than it accepts. Raise its request body limit (nginx: client_max_body_size; ingress-nginx: the nginx.ingress.kubernetes.io/proxy-body-size annotation), then run the job again.`);
    }
    if ((status === 401 || status === 403) && call.unauthenticated) {
        // No API key is asked for here, so the refusal is not about it: a proxy or web server wants credentials.
        return fail(`Something in front of Dependency-Track refused ${call.what} (${where}): Dependency-Track answers it without authentication, so the API key is not the cause; a proxy or HTTP basic authentication in front of the API server asks for credentials. ${LET_THROUGH}.${said}`);
    }
    switch (status) {
        case 401: {
            if (call.upload?.creating) {
                const createOnly = /permission to create project/i.test(error.body);
                return fail(createOnly
                    ? `Dependency-Track refused to create the project (${where}) while ${call.what}: the API key's team needs ${grantedByText('PROJECT_CREATION_UPLOAD')} for auto-create (add it in ${TEAMS}), or create the project first and keep auto-create off.`
                    : `Dependency-Track refused the upload (${where}) while ${call.what}: either the API key is wrong (${KEY_HELP}), or its team lacks ${grantedByText('PROJECT_CREATION_UPLOAD')}, which auto-create needs (Dependency-Track answers 401 for that; add it in ${TEAMS}).${said}`);
            }
            return fail(`Dependency-Track refused the API key (${where}) while ${call.what}: ${KEY_HELP}. Keys are shown only once, in ${TEAMS}; create a new one if in doubt.`);
        }
        case 403: {
            if (/access to the \w+ project is forbidden|access denied/i.test(detail)) {
                return fail(`Dependency-Track denied access to the project (${where}) while ${call.what}: portfolio access control is on and the API key's team is not among the project's teams; add the team to the project (or its parent) in Dependency-Track.${said}`);
            }
            if (call.permission) {
                return fail(`Dependency-Track refused ${call.what} (${where}): the API key's team lacks the ${grantedByText(call.permission)} permission, needed to ${PURPOSE[call.permission]}. Add it in ${TEAMS}.${said}`, call.permission);
            }
            return fail(`Dependency-Track refused ${call.what} (${where}): the API key's team lacks a permission this needs; see the permissions in the README.${said}`);
        }
        case 404:
            if (call.notFound)
                return fail(call.notFound(detail));
            return fail(`Dependency-Track has no ${endpoint(error)} (${where}) while ${call.what}: check api-url (the API server's URL, with or without /api).${said}`);
        case 400:
            return fail(`Dependency-Track rejected ${call.what} (${where}).${said || ' It gave no detail.'}${call.upload ? uploadRejected(detail) : ''}`);
        default:
            if (call.upload) {
                return fail(`Dependency-Track failed ${call.what} (${where}).${said} The upload is not retried automatically (Dependency-Track might process it twice): check the server's log, then run the job again.`);
            }
            if (status >= 500 || status === 429) {
                return fail(`Dependency-Track failed while ${call.what} (${where}, after retries).${said} Check the server (or the proxy in front of it), then run the job again.`);
            }
            return fail(`Dependency-Track answered ${where} while ${call.what}.${said}`);
    }
}

;// CONCATENATED MODULE: ./src/scanners/dependency-track/urls.ts
/**
 * The server's root from `api-url`, given with or without a trailing `/api` (or `/api/v1`): every API path
 * (`api/version`, `api/v1/…`) is resolved against it.
 */
function serverRoot(apiUrl) {
    const url = new URL(apiUrl);
    url.pathname = url.pathname.replace(/\/+$/, '').replace(/\/api(?:\/v1)?$/i, '');
    url.search = '';
    url.hash = '';
    return url.toString().replace(/\/+$/, '');
}
/**
 * The web UI's base for links: `ui-url`, else the server root. The UI may live elsewhere (the default
 * compose setup serves the API on port 8081 and the UI on 8080): `ui-url` says where.
 */
function uiBase(config) {
    if (config.uiUrl)
        return config.uiUrl.replace(/\/+$/, '');
    return serverRoot(config.apiUrl ?? '');
}

;// CONCATENATED MODULE: ./src/scanners/dependency-track/api.ts




/** Dependency-Track's REST API over the project's HTTP client: `X-Api-Key`, and failures explained. */
class DtApi {
    http;
    root;
    /**
     * Set once `/api/version` answered as Dependency-Track: api-url reaches the API server, so a web page or a
     * non-JSON answer later comes from something in front of it (a login proxy), not from the web UI.
     */
    dtAnswered = false;
    constructor(http, root) {
        this.http = http;
        this.root = root;
    }
    static open(ctx, overrides = {}) {
        const root = serverRoot(ctx.config.apiUrl ?? '');
        const http = new client/* HttpClient */.Qq({
            baseUrl: `${root}/`,
            headers: { 'X-Api-Key': ctx.config.token ?? '' },
            ...(0,scanner/* scannerHttpOptions */.tk)(ctx),
            ...overrides,
        });
        return new DtApi(http, root);
    }
    async send(req, call) {
        try {
            return await this.http.send(req);
        }
        catch (error) {
            throw explain(error, call, this.dtAnswered);
        }
    }
    /** Sends and parses JSON (a blank body is `null`); an answer that is not JSON says what api-url should be. */
    async json(req, call) {
        // expectJson: a read cut short is sent again, as any network failure of a read is.
        const response = await this.send({ ...req, expectJson: true }, call);
        return this.http.parseJson(req, response, (answer) => notJson(answer, call, this.dtAnswered));
    }
    /** `/api/version` answered as Dependency-Track (`checkServer`). */
    answeredAsDependencyTrack() {
        this.dtAnswered = true;
    }
    /** Waits between polls; a stopped run ends the wait. */
    wait(ms) {
        return this.http.wait(ms);
    }
    async close() {
        await this.http.close();
    }
}
/** `X-Total-Count`, the number of rows a paged list holds; `undefined` when absent or not a number. */
function totalCount(headers) {
    const raw = headers['x-total-count'];
    const text = Array.isArray(raw) ? raw[0] : raw;
    if (text === undefined || text.trim() === '')
        return undefined;
    const n = Number(text);
    return Number.isInteger(n) && n >= 0 ? n : undefined;
}

// EXTERNAL MODULE: ./src/scanners/limiter.ts
var scanners_limiter = __webpack_require__(7131);
;// CONCATENATED MODULE: ./src/scanners/dependency-track/paging.ts




/**
 * Rows asked for per page. DT's default is 100; a larger page means fewer requests, and a server that caps the
 * page size answers page 1 with fewer rows than asked, which is then the size asked for every later page.
 */
const PAGE_SIZE = 1000;
/** Pages read at the same time once page 1 told the total and the page size (as many as Xray's). */
const PAGE_CONCURRENCY = 4;
/** A row's identity, from one of its string fields (`matrix` of a finding, `uuid` of a violation). */
function byField(field) {
    return (row) => {
        const value = (0,schema/* isRecord */.u4)(row) ? row[field] : undefined;
        return typeof value === 'string' ? value : undefined;
    };
}
/** The list's total changed between two of its pages; `change` says how. */
class ListChanged extends errors/* ScannerError */.VM {
    change;
    constructor(change, message) {
        super(message);
        this.change = change;
    }
}
/** Reads of a whole list: a total that changed while the first was read gets one more try from page 1. */
const READS = 2;
/**
 * Reads every row of a paged list: page 1 of `pageNumber`/`pageSize` tells the total (`X-Total-Count`) and the
 * page size the server serves (fewer rows than asked while the total is larger: a cap, asked for from then on,
 * so the pages stay contiguous), then the other pages `PAGE_CONCURRENCY` at a time, taken in page order until
 * the rows of the pages that added any reach the total (a row DT lists twice counts twice there, as its total
 * does), and further pages one by one if they do not yet. Pages longer than asked for are accepted (DT4 returns
 * findings whole, in one request). A row an earlier page gave is kept once, and a page that adds nothing before
 * the total is reached (a server that ignores `pageNumber`) is an error, never a quiet gap. So is a total that changes between pages (rows deleted or added meanwhile shift
 * others onto pages already read, where they are never seen), after one more read from page 1: an analyser
 * that finishes just after the BOM was processed changes the list once.
 */
async function readAllPages(api, path, query, call, logger, pageSize = PAGE_SIZE, concurrency = PAGE_CONCURRENCY) {
    const limiter = new scanners_limiter/* Limiter */.jG(concurrency);
    for (let read = 1;; read++) {
        try {
            return await readOnce(api, path, query, call, logger, pageSize, read, limiter);
        }
        catch (error) {
            if (!(error instanceof ListChanged) || read >= READS)
                throw error;
            logger.info(`${error.change}; reading them again from page 1.`);
        }
    }
}
async function readOnce(api, path, query, call, logger, asked, read, limiter) {
    let first;
    /** One page's rows, checked: a list, with an `X-Total-Count` equal to page 1's. */
    const readPage = async (page, pageSize) => {
        const { data, headers } = await api.json({
            path,
            query: { ...query, pageNumber: page, pageSize },
            retry: true,
            keepAs: `dependency-track-${call.rows.replace(/ /g, '-')}${read > 1 ? `-read-${read}` : ''}-page-${page}`,
        }, call);
        if (!Array.isArray(data)) {
            throw new errors/* ScannerError */.VM(`Dependency-Track answered ${path} with ${data === null ? 'an empty body' : `a JSON ${typeof data}`} instead of a list of ${call.rows} while ${call.what}: check that api-url is Dependency-Track's API server.`);
        }
        const total = totalCount(headers);
        if (total === undefined) {
            throw new errors/* ScannerError */.VM(`Dependency-Track sent no X-Total-Count header with the ${call.rows} (${path}), so sca-bridge cannot tell whether it read them all. A proxy in front of Dependency-Track may drop the header: let it pass.`);
        }
        first ??= total;
        if (total !== first) {
            const change = `The ${call.rows} of ${path} changed while they were read: page 1 said ${first} (X-Total-Count), page ${page} says ${total}`;
            throw new ListChanged(change, `${change}, in both of ${READS} reads. Nothing is reported rather than an incomplete list; run the job again (another upload or analysis may be changing the project).`);
        }
        return data;
    };
    const rows = [];
    const seen = new Set();
    /** The rows of the pages that added any, repeats included: what X-Total-Count counts. */
    let served = 0;
    /** Adds a page's rows in page order; true once the total is reached. A page that adds nothing before is an error. */
    const add = (page, data, total) => {
        const before = rows.length;
        // A repeat within one answer is the server's own (DT may list a finding twice and counts both); only
        // rows an earlier page already gave are skipped.
        const ids = data.map((row) => call.identity(row));
        data.forEach((row, i) => {
            const id = ids[i];
            if (id === undefined || !seen.has(id))
                rows.push(row);
        });
        for (const id of ids)
            if (id !== undefined)
                seen.add(id);
        // A finding DT lists twice is two of its total wherever the page boundary falls: a page that adds rows counts
        // whole. (A page of repeats alone, a server ignoring pageNumber, adds nothing and is the error below.)
        if (rows.length > before)
            served += data.length;
        logger.debug(`${path}: page ${page} had ${data.length} ${call.rows}; ${served} of ${total} read`);
        if (served >= total)
            return true;
        if (rows.length === before) {
            throw new errors/* ScannerError */.VM(`The count of ${call.rows} does not add up: Dependency-Track reports ${total} (X-Total-Count) for ${path}, but page ${page} ${data.length ? 'only repeated rows already read' : 'came back empty'} after ${rows.length}. Nothing is reported rather than an incomplete list; run the job again (the project may have changed while it was read).`);
        }
        return false;
    };
    const firstPage = await limiter.run(() => readPage(1, asked));
    const total = first;
    if (add(1, firstPage, total))
        return rows;
    // Fewer rows than asked while the total is larger: the server caps pages at what it gave. With pageNumber
    // semantics the offset is (page − 1) × pageSize, so asking that size keeps the pages contiguous. More rows
    // than asked: it does not page (DT4 sends findings whole), and the pages after are read one at a time, where
    // the first that adds nothing ends the read, rather than many copies of the whole list at once.
    const pageSize = Math.min(asked, firstPage.length);
    const pages = firstPage.length > asked ? 1 : Math.ceil(total / pageSize);
    if (pages > 1) {
        logger.debug(`${path}: ${total} ${call.rows} in ${pages} pages of ${pageSize}${pageSize < asked ? ` (the server caps a page at ${pageSize}; ${asked} were asked)` : ''}, ${limiter.size} at a time`);
    }
    // After a failure the pages still waiting are not asked for; every page before a failed one was already
    // asked (the limiter starts them in order), so the first failure in page order is the same on every run.
    let failed = false;
    const reads = Array.from({ length: pages - 1 }, (_, i) => i + 2).map((page) => limiter.run(async () => {
        if (failed)
            throw new scanners_limiter/* Cancelled */.cJ(`reading ${path} stopped`);
        try {
            return await readPage(page, pageSize);
        }
        catch (error) {
            failed = true;
            throw error;
        }
    }));
    // Each is awaited below in page order; handled now, so that one failing while an earlier one is awaited is
    // not an unhandled rejection.
    for (const pending of reads)
        pending.catch(() => undefined);
    try {
        // In page order: the first page that fails or adds nothing is the error, and once the list is read or has
        // failed the pages still waiting are not asked for (a server that ignores pageNumber is found out at page 2,
        // not after every page).
        for (const [i, pending] of reads.entries())
            if (add(i + 2, await pending, total))
                return rows;
    }
    finally {
        failed = true;
        await Promise.allSettled(reads);
    }
    // The pages the total called for came short without one adding nothing (a server listing rows twice across
    // pages of its own, or a total counting rows it does not serve): read on, one page at a time, until the total
    // is reached or a page adds nothing.
    for (let page = pages + 1;; page++) {
        if (add(page, await readPage(page, pageSize), total))
            return rows;
    }
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
;// CONCATENATED MODULE: ./src/scanners/dependency-track/project.ts





/** From the inputs, before any network call; bad or missing ones are input errors (exit 2). */
function projectTarget(config) {
    if (config.project) {
        if (!(0,schema/* isUuid */.O1)(config.project)) {
            throw new errors/* UserError */.yo(`Input project: expected a Dependency-Track project UUID (such as 3b0e9f5c-2a3d-4c1e-9f7a-0d5e6b7c8a9b), got "${config.project}". To name a project, use project-name and project-version.`);
        }
        return { kind: 'uuid', uuid: config.project };
    }
    if (!config.projectName) {
        throw new errors/* UserError */.yo('Input project-name: name the Dependency-Track project (with project-version, which defaults to the branch), or give its UUID with project.');
    }
    const version = config.projectVersion ?? config.branch;
    if (!version) {
        throw new errors/* UserError */.yo(`Input project-version: give the version of Dependency-Track project "${config.projectName}" (it defaults to the branch, which could not be found here).`);
    }
    return { kind: 'name', name: config.projectName, version };
}
function describeTarget(target) {
    return target.kind === 'uuid'
        ? `project ${target.uuid}`
        : `project "${target.name}" version "${target.version}"`;
}
const projectSchema = schemas/* object */.Ikc({
    uuid: schemas/* string */.YjP().min(1),
    name: schema/* optString */.$2,
    version: schema/* optString */.$2,
    lastBomImport: schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* string */.YjP()]).nullish().transform(epochMs),
    // 4.13+ (`NONE` for any other project; DT5 leaves it out then): one sca-bridge cannot read is no collection.
    collectionLogic: schema/* optString */.$2.catch(undefined),
});
/**
 * Dependency-Track writes dates as epoch milliseconds; a server whose JSON mapper writes ISO 8601 text (or the
 * number as text) must not have its project taken for no project at all.
 */
function epochMs(value) {
    const ms = typeof value === 'string' ? (/^\d+$/.test(value) ? Number(value) : Date.parse(value)) : value;
    return typeof ms === 'number' && Number.isFinite(ms) ? ms : undefined;
}
/**
 * The project, or `undefined` when Dependency-Track has none by that UUID or name and version (404):
 * `GET /api/v1/project/{uuid}` or `GET /api/v1/project/lookup?name&version` (exact match; `VIEW_PORTFOLIO`).
 */
async function findProject(api, target) {
    const what = `looking up ${describeTarget(target)}`;
    let data;
    try {
        ({ data } = await api.json(target.kind === 'uuid'
            ? { path: `api/v1/project/${target.uuid}`, retry: true }
            : {
                path: 'api/v1/project/lookup',
                query: { name: target.name, version: target.version },
                retry: true,
            }, { what, permission: 'VIEW_PORTFOLIO', notFound: (detail) => detail }));
    }
    catch (error) {
        if (error instanceof DtError && error.status === 404)
            return undefined;
        throw error;
    }
    const project = projectSchema.safeParse(data);
    if (!project.success) {
        throw new errors/* ScannerError */.VM(`Dependency-Track answered the lookup of ${describeTarget(target)} without a project UUID: check that api-url is Dependency-Track's API server.`);
    }
    return {
        uuid: project.data.uuid,
        ...(project.data.name ? { name: project.data.name } : {}),
        ...(project.data.version ? { version: project.data.version } : {}),
        ...(project.data.lastBomImport !== undefined ? { lastBomImport: project.data.lastBomImport } : {}),
        ...(project.data.collectionLogic && project.data.collectionLogic !== 'NONE'
            ? { collectionLogic: project.data.collectionLogic }
            : {}),
    };
}
const namedSchema = projectSchema.extend({ isLatest: schemas/* boolean */.zMY().nullish() });
/**
 * The UUID of the parent-project given by name. DT's upload looks a `parentName` up with a null version when
 * no `parentVersion` comes along, so a versioned parent is never found that way: the name is resolved here,
 * with `GET /api/v1/project?name=` (every version of that name), to one project: the only one, else the one
 * marked latest.
 */
async function resolveParent(api, name, logger) {
    const rows = await readAllPages(api, 'api/v1/project', { name }, {
        what: `looking up parent-project "${name}"`,
        rows: 'projects',
        identity: byField('uuid'),
        permission: 'VIEW_PORTFOLIO',
    }, logger);
    // DT matches the name exactly; checked again, so a server that searches instead cannot pick a stranger.
    const named = rows.flatMap((row) => {
        const project = namedSchema.safeParse(row);
        return project.success && project.data.name === name ? [project.data] : [];
    });
    if (!named.length) {
        throw new errors/* UserError */.yo(`Input parent-project: Dependency-Track has no project named "${name}" (names must match exactly; the API key's team needs VIEW_PORTFOLIO to see it): give the parent's exact name or its UUID.`);
    }
    // The one without a version is the one DT's own `parentName` lookup would find; else the one marked latest.
    const unversioned = named.filter((project) => !project.version);
    const latest = named.filter((project) => project.isLatest);
    const parent = [named, unversioned, latest].find((set) => set.length === 1)?.[0];
    if (!parent) {
        const versions = named.map((project) => (project.version ? `"${project.version}"` : '(no version)'));
        throw new errors/* UserError */.yo(`Input parent-project: Dependency-Track has ${named.length} projects named "${name}" (versions ${versions.join(', ')}) and ${latest.length ? 'more than one is' : 'none is'} marked latest: give the parent's UUID with parent-project.`);
    }
    logger.info(`parent-project "${name}" is ${parent.version ? `version "${parent.version}" ` : ''}(${parent.uuid}).`);
    return parent.uuid;
}
/** The message for a project that does not exist, with the fix. */
function notFoundMessage(target, uploading) {
    const which = target.kind === 'uuid'
        ? `Dependency-Track has no project with UUID ${target.uuid}: check the project input`
        : `Dependency-Track has no project named "${target.name}" with version "${target.version}" (names and versions must match exactly): check project-name and project-version (it defaults to the branch; a project without a version is named by its UUID, with project)`;
    // Only a name and version can be created on upload: a UUID names a project that must exist already.
    if (uploading || target.kind === 'uuid')
        return `${which}; or, to let Dependency-Track create it on upload, use project-name and project-version with auto-create: true${uploading ? '' : ' and an sbom'} (the API key's team then needs PROJECT_CREATION_UPLOAD).`;
    return `${which}; or give an sbom to upload, and Dependency-Track creates the project (auto-create).`;
}

// EXTERNAL MODULE: ./src/scanners/version.ts
var scanners_version = __webpack_require__(6895);
;// CONCATENATED MODULE: ./src/scanners/dependency-track/version.ts

/** Features this flow uses, with the first version that has them (research/dependency-track.md). */
const SINCE = {
    /** `GET /api/v1/team/self`. */
    teamSelf: [4, 4],
    /** `parentUUID` / `parentName` on upload. */
    parent: [4, 8],
    /** `GET /api/v1/event/token/{t}`; before it, `/api/v1/bom/token/{t}`. */
    eventToken: [4, 11],
    /** `projectTags` and `isLatest` on upload. */
    tagsAndLatest: [4, 12],
};
function has(version, feature) {
    const [major, minor] = SINCE[feature];
    return (0,scanners_version/* atLeast */.j)(version, major, minor);
}

;// CONCATENATED MODULE: ./src/scanners/dependency-track/server.ts






const aboutSchema = schemas/* object */.Ikc({
    version: schemas/* string */.YjP(),
    application: schemas/* string */.YjP().nullish(),
    framework: schemas/* object */.Ikc({ name: schemas/* string */.YjP().nullish(), version: schemas/* string */.YjP().nullish() }).nullish(),
});
/** `GET /api/version` (unauthenticated): reachability, TLS, and the version features are gated on. */
async function checkServer(api, logger) {
    const { data } = await api.json({ path: 'api/version', retry: true }, { what: "reading Dependency-Track's version (GET /api/version)", unauthenticated: true });
    const about = aboutSchema.safeParse(data);
    if (!about.success) {
        throw new errors/* ScannerError */.VM(`${api.root}/api/version answered, but not as Dependency-Track does (no version in ${JSON.stringify(data)?.slice(0, 120)}): check that api-url is Dependency-Track's API server.`);
    }
    api.answeredAsDependencyTrack();
    const version = (0,scanners_version/* parseServerVersion */.x)(about.data.version);
    const application = about.data.application ?? 'Dependency-Track';
    logger.info(`${application} ${about.data.version} at ${api.root}`);
    if (!version)
        logger.warn(`Dependency-Track reported a version sca-bridge cannot read ("${about.data.version}"); assuming a current server.`);
    return { text: about.data.version, version };
}
const teamSchema = schemas/* object */.Ikc({
    name: schemas/* string */.YjP().nullish(),
    uuid: schemas/* string */.YjP().nullish(),
    permissions: schemas/* array */.YOg(schemas/* object */.Ikc({ name: schemas/* string */.YjP() })).nullish(),
});
/**
 * Verifies the key where team/self cannot: `GET /api/v1/project` for one row, the cheapest call that needs a
 * key. Dependency-Track authenticates before it authorises, so a refused key is its 401 (the error, as from
 * team/self) and a 403 of its own a valid key whose team lacks VIEW_PORTFOLIO (a warning, as from team/self).
 * Any other answer (a proxy that lets through only the calls a run makes) leaves the key unverified, as before
 * this check: a warning, and the calls the run needs tell.
 */
async function verifyKey(api, logger) {
    try {
        await api.json({ path: 'api/v1/project', query: { pageSize: 1, pageNumber: 1 }, retry: true }, { what: 'checking the API key (GET /api/v1/project)', permission: 'VIEW_PORTFOLIO' });
        logger.info('Dependency-Track accepts the API key (GET /api/v1/project answered).');
    }
    catch (error) {
        if (!(error instanceof DtError) || error.status === 401)
            throw error;
        if (!error.lacks) {
            logger.warn(`The API key could not be verified (${error.message}); the calls the run needs will tell.`);
            return {};
        }
        logger.warn(`Dependency-Track accepts the API key (GET /api/v1/project answered 403, not 401). ${lacking(undefined, error.lacks)}`);
    }
    return { accepted: true };
}
/**
 * `GET /api/v1/team/self` (4.4+, any valid key): fails on a refused key, names the team, and warns for each
 * permission the run needs that the team lacks. Without it (older servers) the key is verified by another call
 * and its permissions cannot be listed, which is a warning, not a failure.
 */
async function checkKey(api, server, needed, logger, 
/** Of `needed`, those the run cannot do without: their lack ends it (exit 3) rather than being warned of. */
required = []) {
    const cannotList = "so the API key's permissions cannot be listed; the first call that needs one will tell.";
    if (has(server.version, 'teamSelf') === false) {
        logger.warn(`Dependency-Track ${server.text} predates 4.4 and has no /api/v1/team/self, ${cannotList}`);
        return verifyKey(api, logger);
    }
    let data;
    try {
        ({ data } = await api.json({ path: 'api/v1/team/self', retry: true }, { what: 'checking the API key (GET /api/v1/team/self)', notFound: (detail) => detail }));
    }
    catch (error) {
        if (error instanceof DtError && error.status === 404 && /no team/i.test(error.message)) {
            // Dependency-Track authenticated the key, and found no team to go with it.
            logger.warn(`Dependency-Track found no team for the API key ("${error.message}"); its permissions cannot be checked.`);
            return { accepted: true };
        }
        if (error instanceof DtError && error.status === 404) {
            logger.warn(`Dependency-Track ${server.text} answered 404 for /api/v1/team/self (a server older than 4.4, or a proxy that hides the endpoint), ${cannotList}`);
            return verifyKey(api, logger);
        }
        throw error;
    }
    if (data === null) {
        logger.warn('Dependency-Track does not enforce authentication (team/self answered with nothing): the API key is not checked and its permissions cannot be listed.');
        return {};
    }
    const team = teamSchema.safeParse(data);
    if (!team.success) {
        logger.warn('Dependency-Track answered /api/v1/team/self in a shape sca-bridge does not know; permissions not checked.');
        return {};
    }
    const permissions = (team.data.permissions ?? []).map((p) => p.name);
    const name = team.data.name ?? 'unnamed team';
    logger.info(`The API key belongs to the team "${name}".`);
    logger.debug(`Team permissions: ${permissions.join(', ') || 'none'}`);
    const missing = missingPermissions(permissions, needed);
    const isRequired = (p) => required.includes(p);
    // Every missing permission is said, the ones a scan can do without first: one fix for all of them.
    for (const permission of missing.filter((p) => !isRequired(p)))
        logger.warn(lacking(name, permission));
    const permission = missing.find(isRequired);
    if (permission) {
        throw new errors/* ScannerError */.VM(`Dependency-Track ${server.text} at ${api.root} accepts the API key, but its team "${name}" lacks ${grantedByText(permission)}, which ${REQUIRED_FOR[permission]}: add it in Administration → Access Management → Teams.`);
    }
    return { team: name, permissions, accepted: true };
}
/** The warning for a permission the key's team (named when the server tells) lacks. */
function lacking(team, permission) {
    return `The API key's team${team === undefined ? '' : ` "${team}"`} lacks ${grantedByText(permission)}, needed to ${PURPOSE[permission]}. Add it in Administration → Access Management → Teams.`;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/encoding.ts
var encoding = __webpack_require__(6266);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
;// CONCATENATED MODULE: ./src/scanners/dependency-track/upload.ts






/** How to get what DT takes, for the messages about a file it would not. */
const MAKE_ONE = "Generate a CycloneDX SBOM (for example with cdxgen, syft -o cyclonedx-json, @cyclonedx/cyclonedx-npm, or the CycloneDX Maven plugin's makeAggregateBom goal)";
/** Reads the SBOM before anything touches the network; DT takes CycloneDX only (SPDX gets a 400). */
async function readSbom(file) {
    let bytes;
    try {
        // UTF-16 (Windows PowerShell 5's `>`) is sent as the UTF-8 it stands for, as imports are read.
        bytes = (0,encoding/* asUtf8 */.U)(await (0,promises_.readFile)(file));
    }
    catch {
        throw new errors/* UserError */.yo(`Input sbom: cannot read ${file}; give the path of a CycloneDX SBOM (JSON or XML).`);
    }
    // A UTF-8 byte-order mark trips DT's parser (the official upload action strips it too).
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
        bytes = bytes.subarray(3);
    const head = Buffer.from(bytes.subarray(0, 4096)).toString('utf8').trimStart();
    if (!head)
        throw new errors/* UserError */.yo(`Input sbom: ${file} is empty.`);
    if (/"spdxVersion"\s*:|^SPDXVersion:/m.test(head)) {
        throw new errors/* UserError */.yo(`Input sbom: ${file} is an SPDX document; Dependency-Track accepts CycloneDX only. ${MAKE_ONE}.`);
    }
    const xml = head.startsWith('<');
    const notBom = xml ? notCycloneDxXml(bytes) : undefined;
    if (notBom) {
        throw new errors/* UserError */.yo(`Input sbom: ${file} is XML but not a CycloneDX SBOM (${notBom}); Dependency-Track accepts CycloneDX only. ${MAKE_ONE}.`);
    }
    if (!xml && !isCycloneDxJson(bytes)) {
        throw new errors/* UserError */.yo(`Input sbom: ${file} is neither CycloneDX JSON (an object with "bomFormat": "CycloneDX") nor XML. ${MAKE_ONE}.`);
    }
    return { file, name: external_node_path_default().basename(file), bytes, type: xml ? 'application/xml' : 'application/json' };
}
/** How far into an XML SBOM its root element is looked for: past a long licence comment, not through the file. */
const XML_HEAD_BYTES = 64 * 1024;
/** What may precede the root element: white space, the declaration and other processing instructions, comments, a doctype. */
const XML_PROLOG = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*/i;
/** The root element's start tag: its prefix, local name and attributes. */
const START_TAG = /^<(?:([\w.-]+):)?([\w.-]+)([^>]*)>/;
/**
 * What keeps XML from being a CycloneDX BOM, or `undefined` when it is one: DT reads a root element `bom` in
 * the CycloneDX namespace (`http://cyclonedx.org/schema/bom/1.x`), which its schema validation (4.11+) also
 * requires; anything else (a pom.xml, SPDX RDF) it cannot import, and an older server would accept the upload
 * and fail while processing it.
 */
function notCycloneDxXml(bytes) {
    const head = Buffer.from(bytes.subarray(0, XML_HEAD_BYTES)).toString('utf8');
    const tag = START_TAG.exec(head.slice(XML_PROLOG.exec(head)[0].length));
    if (!tag)
        return `no root element in its first ${XML_HEAD_BYTES / 1024} kB`;
    const [, prefix, name, attributes = ''] = tag;
    const root = `<${prefix ? `${prefix}:` : ''}${name}>`;
    if (name !== 'bom')
        return `its root element is ${root}, not <bom>`;
    const xmlns = prefix ? `xmlns:${prefix.replaceAll('.', '\\.')}` : 'xmlns';
    const cycloneDx = new RegExp(`(?:^|\\s)${xmlns}\\s*=\\s*["']http://cyclonedx\\.org/schema/bom/`);
    return cycloneDx.test(attributes)
        ? undefined
        : `its root element ${root} is not in the CycloneDX namespace http://cyclonedx.org/schema/bom/…`;
}
/**
 * Whether the bytes look like CycloneDX JSON the way Dependency-Track's own parser factory tells (an object
 * naming `bomFormat` and `CycloneDX`); its schema checks the rest. Searched in the bytes, not parsed: an SBOM
 * may be hundreds of megabytes.
 */
function isCycloneDxJson(bytes) {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return buffer.includes('"bomFormat"') && buffer.includes('CycloneDX');
}
/** A size as the messages say it: `1.1 kB`. */
function kilobytes(bytes) {
    return `${(bytes / 1024).toFixed(1)} kB`;
}
/** undici's own FormData: the client's `request` refuses Node's built-in one. */
function uploadForm(target, sbom) {
    const form = new undici.FormData();
    const field = (name, value) => {
        if (value !== undefined && value !== '')
            form.append(name, String(value));
    };
    if (target.uuid) {
        field('project', target.uuid);
    }
    else {
        field('projectName', target.name);
        field('projectVersion', target.version);
        field('autoCreate', target.autoCreate);
        if (target.autoCreate) {
            field('projectTags', target.tags);
            field('parentUUID', target.parentUuid);
            field('isLatest', target.isLatest);
        }
    }
    form.append('bom', new Blob([Buffer.from(sbom.bytes)], { type: sbom.type }), sbom.name);
    return form;
}
/** DT4 answers `{token}`; DT5 adds `projectUuid`. */
const uploadResponseSchema = schemas/* object */.Ikc({
    token: schemas/* string */.YjP().min(1),
    projectUuid: schemas/* string */.YjP().min(1).nullish(),
});
/** Uploads once: `retry: false`, since a repeated upload would be processed twice. */
async function uploadSbom(api, target, sbom, what, creating) {
    const { data } = await api.json({ method: 'POST', path: 'api/v1/bom', body: uploadForm(target, sbom), retry: false }, {
        what,
        permission: 'BOM_UPLOAD',
        upload: { creating, size: kilobytes(sbom.bytes.length) },
        notFound: (detail) => `Dependency-Track could not find the project or its parent while ${what}${detail ? ` ("${detail}")` : ''}: check project / project-name / project-version and parent-project${target.autoCreate ? ' (auto-create creates the project, never its parent)' : ', or set auto-create: true'}.`,
    });
    const parsed = uploadResponseSchema.safeParse(data);
    if (!parsed.success) {
        throw new errors/* ScannerError */.VM(`Dependency-Track accepted the SBOM but answered without an upload token (${JSON.stringify(data)?.slice(0, 120)}): sca-bridge cannot follow its processing. Check that api-url is Dependency-Track's API server.`);
    }
    return {
        token: parsed.data.token,
        ...(parsed.data.projectUuid ? { projectUuid: parsed.data.projectUuid } : {}),
    };
}

// EXTERNAL MODULE: ./src/findings/component.ts
var findings_component = __webpack_require__(9457);
;// CONCATENATED MODULE: ./src/scanners/dependency-track/violations.ts



/** One row of `GET /api/v1/violation/project/{uuid}` (DT4 `model/PolicyViolation.java`; absent means null). */
const dtViolationSchema = schemas/* object */.Ikc({
    type: schema/* optString */.$2,
    uuid: schema/* optString */.$2,
    text: schema/* optString */.$2,
    component: schemas/* object */.Ikc({
        name: schema/* optString */.$2,
        group: schema/* optString */.$2,
        version: schema/* optString */.$2,
        purl: schema/* optString */.$2,
        license: schema/* optString */.$2,
        resolvedLicense: schemas/* object */.Ikc({ licenseId: schema/* optString */.$2, name: schema/* optString */.$2 }).nullish(),
    })
        .nullish(),
    policyCondition: schemas/* object */.Ikc({
        subject: schema/* optString */.$2,
        operator: schema/* optString */.$2,
        value: schema/* optString */.$2,
        policy: schemas/* object */.Ikc({ name: schema/* optString */.$2, violationState: schema/* optString */.$2 }).nullish(),
    })
        .nullish(),
    analysis: schemas/* object */.Ikc({ analysisState: schema/* optString */.$2, isSuppressed: schemas/* boolean */.zMY().nullish() }).nullish(),
});
const STATES = new Set(['INFO', 'WARN', 'FAIL']);
/** What the violation is about: the licence, the vulnerability, else the policy condition. */
function subjectOf(v) {
    const condition = v.policyCondition;
    const license = v.component?.resolvedLicense?.licenseId ?? v.component?.resolvedLicense?.name ?? v.component?.license;
    if ((condition?.subject === 'LICENSE' || condition?.subject === 'LICENSE_GROUP') && license)
        return license;
    if (v.text)
        return v.text;
    if (!condition?.subject)
        return undefined;
    return [condition.subject, condition.operator, condition.value].filter(Boolean).join(' ');
}
/** Maps one DT policy violation: its state comes from the policy, suppression from its analysis. */
function mapDtViolation(v) {
    const c = v.component;
    const component = (0,findings_component/* componentFromPurl */.T5)(c?.purl, {
        name: c?.name ?? 'unknown',
        ...(c?.group ? { group: c.group } : {}),
        ...(c?.version ? { version: c.version } : {}),
    });
    const state = v.policyCondition?.policy?.violationState?.toUpperCase();
    const subject = subjectOf(v);
    return {
        scanner: 'dependency-track',
        type: v.type ?? 'UNKNOWN',
        policy: v.policyCondition?.policy?.name ?? 'unnamed policy',
        state: state && STATES.has(state) ? state : 'INFO',
        component: component.version ? `${component.packageName}@${component.version}` : component.packageName,
        ...(subject ? { subject } : {}),
        suppressed: !!v.analysis?.isSuppressed,
    };
}

;// CONCATENATED MODULE: ./src/scanners/dependency-track/wait.ts







const statusSchema = schemas/* object */.Ikc({ processing: schemas/* boolean */.zMY() });
function seconds(ms) {
    const s = ms / 1000;
    return s < 10 ? `${s.toFixed(1)} s` : `${Math.round(s)} s`;
}
/**
 * Waits until DT has processed an upload: `processing: false` on `/api/v1/event/token/{t}` (4.11+), or on
 * `/api/v1/bom/token/{t}` on older servers (also when the event endpoint answers 404). DT chains ingest,
 * vulnerability analysis and policy evaluation to the token, so `false` means findings and violations are in.
 */
async function waitForProcessing(api, token, version, options, logger) {
    const started = Date.now();
    const timeoutMs = options.timeoutSeconds * 1000;
    const intervalMs = options.pollIntervalSeconds * 1000;
    const progressEveryMs = options.progressEveryMs ?? 10_000;
    const deadline = (0,scanner/* pollDeadline */.oj)(started, timeoutMs);
    let useEvent = has(version, 'eventToken') !== false;
    let polls = 0;
    let lastProgress = started;
    // The timeout's message. `lastPoll`: the failure of a poll that ended the wait, which is no word that the
    // server was still processing, so the message says only what it knows.
    const timedOut = (lastPoll) => new errors/* ScannerError */.VM(`Dependency-Track ${lastPoll ? 'did not report the SBOM processed' : 'was still processing the SBOM'} after ${seconds(Date.now() - started)} (timeout ${options.timeoutSeconds} s, ${(0,wording/* plural */.LS)(polls, 'poll')} of token ${token} answered${lastPoll ? `; the last poll: ${lastPoll}` : ''}). The analysis goes on on the server: raise timeout (seconds) if this project regularly takes longer, or check the server's load and its task queue.`);
    logger.info(`Waiting for Dependency-Track to process the SBOM (token ${token}): polling every ${options.pollIntervalSeconds} s for up to ${options.timeoutSeconds} s.`);
    for (;;) {
        const path = useEvent
            ? `api/v1/event/token/${encodeURIComponent(token)}`
            : `api/v1/bom/token/${encodeURIComponent(token)}`;
        let data;
        try {
            ({ data } = await api.json({ path, retry: true, deadline }, {
                what: 'following the processing of the SBOM',
                ...(useEvent ? {} : { permission: 'BOM_UPLOAD' }),
                notFound: () => `Dependency-Track has neither /api/v1/event/token nor /api/v1/bom/token: sca-bridge cannot follow the upload's processing. Check api-url.`,
            }));
        }
        catch (error) {
            if (useEvent && error instanceof DtError && error.status === 404) {
                logger.debug('/api/v1/event/token answered 404 (Dependency-Track before 4.11): polling /api/v1/bom/token');
                useEvent = false;
                continue;
            }
            if (error instanceof client/* DeadlinePassed */.Xp)
                throw timedOut(error.message);
            throw error;
        }
        polls++;
        const status = statusSchema.safeParse(data);
        if (!status.success) {
            throw new errors/* ScannerError */.VM(`Dependency-Track answered ${path} without a processing flag (${JSON.stringify(data)?.slice(0, 120)}): check that api-url is Dependency-Track's API server.`);
        }
        const elapsed = Date.now() - started;
        if (!status.data.processing) {
            logger.info(`Dependency-Track processed the SBOM in ${seconds(elapsed)} (${(0,wording/* plural */.LS)(polls, 'poll')}).`);
            return;
        }
        if (elapsed >= timeoutMs)
            throw timedOut();
        const now = Date.now();
        if (now - lastProgress >= progressEveryMs) {
            lastProgress = now;
            logger.info(`Still processing: ${seconds(elapsed)} elapsed of at most ${options.timeoutSeconds} s.`);
        }
        else {
            logger.debug(`processing (${seconds(elapsed)} elapsed, poll ${polls})`);
        }
        await api.wait(Math.max(0, Math.min(intervalMs, timeoutMs - elapsed)));
    }
}

;// CONCATENATED MODULE: ./src/scanners/dependency-track/flow.ts















function label(project, target) {
    const name = project.name ?? (target.kind === 'name' ? target.name : undefined);
    const version = project.version ?? (target.kind === 'name' ? target.version : undefined);
    return name ? `"${name}"${version ? ` version "${version}"` : ''}` : project.uuid;
}
/** Upload fields that only count when DT creates the project, with the server versions that know them. */
async function creationFields(api, config, server, logger) {
    const fields = {};
    const tags = (config.scanTag ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean)
        .join(',');
    if (tags)
        fields.tags = tags;
    if (config.isLatest !== undefined)
        fields.isLatest = config.isLatest;
    if ((tags || config.isLatest !== undefined) && has(server.version, 'tagsAndLatest') === false) {
        logger.warn(`Dependency-Track ${server.text} ignores scan-tag and is-latest on upload (they need 4.12 or newer).`);
    }
    const parent = config.parentProject;
    if (parent && has(server.version, 'parent') === false) {
        logger.warn(`Dependency-Track ${server.text} ignores parent-project on upload (it needs 4.8 or newer).`);
    }
    else if (parent) {
        fields.parentUuid = (0,schema/* isUuid */.O1)(parent) ? parent.toLowerCase() : await resolveParent(api, parent, logger);
    }
    return fields;
}
/** Uploads the SBOM, waits until DT has processed it, checks that DT imported it, and returns the project. */
async function uploadAndWait(api, config, target, sbom, server, key, logger, options) {
    const found = await findProject(api, target);
    if (!found && (target.kind === 'uuid' || !config.autoCreate)) {
        throw new errors/* ScannerError */.VM(notFoundMessage(target, true));
    }
    let upload;
    if (found) {
        upload = { uuid: found.uuid };
        if (config.scanTag || config.parentProject || config.isLatest !== undefined) {
            logger.info(`${describeTarget(target)} exists: scan-tag, parent-project and is-latest apply only when Dependency-Track creates a project, so its settings are left as they are.`);
        }
    }
    else {
        // Only a project DT must create needs PROJECT_CREATION_UPLOAD: warned of here, before DT's 401 to the upload.
        const cannotCreate = key.permissions && missingPermissions(key.permissions, ['PROJECT_CREATION_UPLOAD']);
        for (const permission of cannotCreate || [])
            logger.warn(lacking(key.team ?? 'unnamed team', permission));
        const named = target;
        upload = {
            name: named.name,
            version: named.version,
            autoCreate: true,
            ...(await creationFields(api, config, server, logger)),
        };
    }
    // A project given by UUID is named as Dependency-Track knows it, not by its UUID twice.
    const where = found ? `project ${label(found, target)} (${found.uuid})` : describeTarget(target);
    logger.info(`Uploading ${sbom.name} (${kilobytes(sbom.bytes.length)}) to ${where}${found ? '' : ', which Dependency-Track creates (auto-create)'}.`);
    const uploaded = await uploadSbom(api, upload, sbom, `uploading ${sbom.name} to ${where}`, !found);
    await waitForProcessing(api, uploaded.token, server.version, {
        timeoutSeconds: config.timeoutSeconds,
        pollIntervalSeconds: config.pollIntervalSeconds,
        ...(options.progressEveryMs !== undefined ? { progressEveryMs: options.progressEveryMs } : {}),
    }, logger);
    // DT answers `processing: false` however the processing ended: also when it failed (DT logs the exception and
    // sends BOM_PROCESSING_FAILED; the import, with its update of the project, is rolled back), and for a token a
    // restart forgot (DT4 tracks tokens in memory). Only the project's lastBomImport, set as the import commits,
    // tells an import from a failure: it must differ from what the lookup before the upload saw.
    const uuid = found?.uuid ?? uploaded.projectUuid;
    const after = await findProject(api, uuid ? { kind: 'uuid', uuid } : target);
    if (!after) {
        throw new errors/* ScannerError */.VM(`Dependency-Track accepted the SBOM for ${where} but the project cannot be found after processing: check in Dependency-Track that it exists (the API key's team needs VIEW_PORTFOLIO to see it).`);
    }
    if (after.lastBomImport === undefined || after.lastBomImport === found?.lastBomImport) {
        const last = after.lastBomImport === undefined ? 'none' : new Date(after.lastBomImport).toISOString();
        throw new errors/* ScannerError */.VM(`Dependency-Track did not import the SBOM (sbom: ${sbom.file}) into ${where}: it reported the upload processed (token ${uploaded.token}), but the project's last SBOM import is unchanged (${last}). Its processing failed, for example on a BOM it cannot read or a CycloneDX version it does not support, or the server restarted meanwhile. Dependency-Track's log (BomUploadProcessingTask) or its BOM_PROCESSING_FAILED notification names the cause; fix the SBOM or the server, then run the job again.`);
    }
    return after;
}
async function existingProject(api, target, logger) {
    const found = await findProject(api, target);
    if (!found)
        throw new errors/* ScannerError */.VM(notFoundMessage(target, false));
    // It never has findings of its own: a gate passing on none would say nothing (and DT refuses an upload to it).
    if (found.collectionLogic) {
        throw new errors/* ScannerError */.VM(`Dependency-Track project ${label(found, target)} (${found.uuid}) is ${COLLECTION_PROJECT} (collectionLogic ${found.collectionLogic}): it holds no components itself, so it has no findings to read, and sca-bridge reads one project. Name one of its child projects instead (project, or project-name and project-version), or upload an SBOM (sbom) to a project that is not a collection.`);
    }
    const imported = found.lastBomImport
        ? `; its last SBOM import was at ${new Date(found.lastBomImport).toISOString()}`
        : '';
    logger.info(`Reading the current findings of ${label(found, target)} (${found.uuid})${imported}.`);
    return found;
}
/** No findings of a project no SBOM was ever uploaded to say nothing of it: warned of, so they do not read as clean. */
function warnIfNeverImported(project, name, findings, logger) {
    if (project.lastBomImport !== undefined || findings.length)
        return;
    logger.warn(`No SBOM was ever uploaded to project ${name} (${project.uuid}): Dependency-Track has nothing of it to analyse, so its 0 findings do not mean it is clean. Upload one with sbom, or name the project your SBOMs are uploaded to.`);
}
function invalidRow(kind, index, issues) {
    const issue = issues[0];
    const where = issue?.path.length ? issue.path.map(String).join('.') : '(row)';
    return new errors/* ScannerError */.VM(`Dependency-Track returned a ${kind} sca-bridge cannot read (row ${index + 1}, ${where}: ${issue?.message ?? 'invalid'}). Please report it with your Dependency-Track version.`);
}
async function readFindings(api, project, name, ui, logger) {
    // Always with suppressed ones: the pipeline counts them, and reports them only with include-suppressed.
    const rows = await readAllPages(api, `api/v1/finding/project/${project.uuid}`, { suppressed: true }, {
        what: `reading the findings of ${name}`,
        rows: 'findings',
        identity: byField('matrix'),
        permission: 'VIEW_VULNERABILITY',
        notFound: () => `Dependency-Track has no project ${project.uuid} any more (reading its findings): run again.`,
    }, logger);
    return rows.map((row, index) => {
        const parsed = dtrack_finding/* dtFindingSchema */.nX.safeParse(row);
        if (!parsed.success)
            throw invalidRow('finding', index, parsed.error.issues);
        return (0,dtrack_finding/* mapDtFinding */.i1)(parsed.data, ui);
    });
}
async function readViolations(api, project, name, config, key, logger) {
    // The key check has warned already; without the gate on violations the request would only warn again.
    const lacksPermission = !!key.permissions && missingPermissions(key.permissions, ['VIEW_POLICY_VIOLATION']).length > 0;
    if (lacksPermission && !config.failOnPolicyViolation) {
        logger.info('Policy violations are not read: the API key lacks VIEW_POLICY_VIOLATION.');
        return [];
    }
    let rows;
    try {
        rows = await readAllPages(api, `api/v1/violation/project/${project.uuid}`, { suppressed: true }, {
            what: `reading the policy violations of ${name}`,
            rows: 'policy violations',
            identity: byField('uuid'),
            permission: 'VIEW_POLICY_VIOLATION',
            notFound: () => `Dependency-Track has no project ${project.uuid} any more (reading its policy violations): run again.`,
        }, logger);
    }
    catch (error) {
        // Without the gate on violations, a key that cannot read them loses only information: say so loudly.
        if (error instanceof DtError && error.status === 403 && !config.failOnPolicyViolation) {
            logger.warn(`Policy violations are not reported: ${error.message} (With fail-on-policy-violation this is an error.)`);
            return [];
        }
        throw error;
    }
    return rows.map((row, index) => {
        const parsed = dtViolationSchema.safeParse(row);
        if (!parsed.success)
            throw invalidRow('policy violation', index, parsed.error.issues);
        return mapDtViolation(parsed.data);
    });
}
/** `scan`: version and key check, optional SBOM upload and wait, then every finding and policy violation. */
async function scan(ctx, options = {}) {
    const { config, logger } = ctx;
    // Inputs first: a bad one is exit 2 before any network call.
    const target = projectTarget(config);
    const sbom = config.sbom ? await readSbom(config.sbom) : undefined;
    const uploadOnly = [
        config.parentProject && 'parent-project',
        config.isLatest !== undefined && 'is-latest',
    ].filter((input) => !!input);
    if (!sbom && uploadOnly.length) {
        logger.warn(`${uploadOnly.join(' and ')} ${uploadOnly.length > 1 ? 'apply' : 'applies'} to an upload, and there is none (no sbom): the project's current findings are read as they are.`);
    }
    const ui = uiBase(config);
    const api = DtApi.open(ctx, options.http);
    try {
        const server = await checkServer(api, logger);
        const key = await checkKey(api, server, neededPermissions(config), logger, requiredPermissions(config));
        const project = sbom
            ? await uploadAndWait(api, config, target, sbom, server, key, logger, options)
            : await existingProject(api, target, logger);
        const name = label(project, target);
        const findings = await readFindings(api, project, name, ui, logger);
        if (!sbom)
            warnIfNeverImported(project, name, findings, logger);
        const violations = await readViolations(api, project, name, config, key, logger);
        const suppressed = findings.filter((f) => f.suppressed).length;
        const failing = violations.filter((v) => v.state === 'FAIL' && !v.suppressed).length;
        logger.info(`Dependency-Track returned ${(0,wording/* plural */.LS)(findings.length, 'finding row')} (${suppressed} suppressed) and ${(0,wording/* plural */.LS)(violations.length, 'policy violation')} (${failing} failing, not suppressed) for ${name}.`);
        const projectName = project.name ?? (target.kind === 'name' ? target.name : undefined);
        const projectVersion = project.version ?? (target.kind === 'name' ? target.version : undefined);
        return {
            scanner: 'dependency-track',
            findings,
            violations,
            context: {
                ...(projectName ? { project: projectName } : {}),
                ...(projectVersion ? { projectVersion } : {}),
                scannerVersion: server.text,
                reportUrl: (0,dtrack_finding/* dtProjectUrl */.Nj)(ui, project.uuid),
            },
        };
    }
    finally {
        await api.close();
    }
}
/** What test-connection found out about the key. */
function keyVerdict(key) {
    if (key.team)
        return `accepts the API key (team "${key.team}")`;
    if (key.accepted)
        return 'accepts the API key (its team and permissions cannot be listed; see above)';
    return 'answers; the API key could not be verified (see above)';
}
/** `test-connection`: URL, TLS, version, the key and its permissions, and the project when one is named. */
async function testConnection(ctx, options = {}) {
    const { config, logger } = ctx;
    const target = config.project || config.projectName ? projectTarget(config) : undefined;
    const api = DtApi.open(ctx, options.http);
    try {
        const server = await checkServer(api, logger);
        // Every scan reads the findings: a key that cannot is no working connection (Xray's without Manage Reports
        // fails the same way). The other permissions depend on the inputs a scan is given, and stay warnings.
        const key = await checkKey(api, server, neededPermissions(config), logger, requiredPermissions(config));
        if (target) {
            let found;
            let denied = false;
            try {
                found = await findProject(api, target);
            }
            catch (error) {
                if (!(error instanceof DtError && error.status === 403))
                    throw error;
                denied = true;
                logger.warn(error.message);
            }
            if (found) {
                logger.info(`Found ${describeTarget(target)}: ${(0,dtrack_finding/* dtProjectUrl */.Nj)(uiBase(config), found.uuid)}`);
                // A scan of it would be refused (see existingProject and DT's answer to an upload): said now.
                if (found.collectionLogic) {
                    logger.warn(`Dependency-Track ${describeTarget(target)} is ${COLLECTION_PROJECT} (collectionLogic ${found.collectionLogic}): a scan of it is refused, as it holds no components itself. Name one of its child projects.`);
                }
            }
            else if (!denied && target.kind === 'name' && config.autoCreate) {
                logger.info(`${describeTarget(target)} does not exist yet: a scan with an sbom creates it (auto-create).`);
            }
            else if (!denied) {
                logger.warn(notFoundMessage(target, true));
            }
        }
        logger.info(`Connection OK: Dependency-Track ${server.text} at ${api.root} ${keyVerdict(key)}.`);
    }
    finally {
        await api.close();
    }
}

;// CONCATENATED MODULE: ./src/scanners/dependency-track/adapter.ts

/** The Dependency-Track adapter; tests pass options for faster retries. */
function createDependencyTrack(options = {}) {
    return {
        testConnection: (ctx) => testConnection(ctx, options),
        scan: (ctx) => scan(ctx, options),
    };
}
const dependencyTrack = createDependencyTrack();


/***/ }),

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


/***/ })

};
