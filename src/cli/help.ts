import { IMPORT_FORMATS } from '../importers/formats.js';

export const HELP = `sca-bridge: Dependency-Track and JFrog Xray findings as SARIF, gates and reports

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
  --import-format <format>       auto (default) or one of: ${IMPORT_FORMATS.join(', ')}
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
const connectionHelp = (scanners: string, apiUrl: string) => `  --scanner <name>               ${scanners}
  --api-url <url>                ${apiUrl}
  --token-file <file>            the token, else the environment variable SCA_BRIDGE_TOKEN (never a flag)
  --ca-file <pem>                extra trusted CAs;  --insecure skips TLS verification (testing only)
  --timeout <s>                  a request waits at most a minute, or this when shorter (default 600)`;

/** `<command> --help` for the commands that take few flags (args.ts COMMAND_FLAGS); `scan` and `import` take them all. */
const COMMAND_HELP: Readonly<Record<string, string>> = {
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
export function helpFor(command: string | undefined): string {
  return (command === undefined ? undefined : COMMAND_HELP[command]) ?? HELP;
}
