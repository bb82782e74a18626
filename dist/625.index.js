export const id = 625;
export const ids = [625];
export const modules = {

/***/ 67625:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   uploadUnique: () => (/* binding */ uploadUnique)
/* harmony export */ });
/* unused harmony export uniqueName */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);

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
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ScannerError */ .VM(`could not find a free artifact name after 5 tries, starting from ${name}`);
}


/***/ })

};
