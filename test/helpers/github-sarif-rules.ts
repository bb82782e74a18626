import type { Log } from 'sarif';

/**
 * GitHub code scanning's own rules, beyond the schema: what makes an upload fail or an alert misplace
 * (research/sarif-github-gitlab.md §2), and GitLab's caps on the texts of a SARIF report it ingests (§4).
 * Returns the violations found; an empty list means acceptable.
 */
export function githubSarifProblems(log: Log): string[] {
  const problems: string[] = [];
  if (!log.$schema) problems.push('$schema is missing');
  const categories = new Set<string>();
  log.runs.forEach((run, r) => {
    const category = run.automationDetails?.id ?? '';
    if (categories.has(category)) problems.push(`run ${r}: category ${category} repeats another run's`);
    categories.add(category);
    const rules = run.tool.driver.rules ?? [];
    const ids = new Set<string>();
    if ((run.results ?? []).length > 25_000) problems.push(`run ${r}: more than 25,000 results`);
    if (rules.length > 25_000) problems.push(`run ${r}: more than 25,000 rules`);
    for (const rule of rules) {
      if (ids.has(rule.id)) problems.push(`rule ${rule.id} is not unique`);
      ids.add(rule.id);
      const severity = rule.properties?.['security-severity'];
      if (typeof severity !== 'string' || !/^\d+(\.\d+)?$/.test(severity) || Number(severity) > 10) {
        problems.push(
          `rule ${rule.id}: security-severity ${String(severity)} is not a numeric string within 0–10`,
        );
      }
      const tags = (rule.properties?.tags ?? []) as string[];
      if (tags.length > 10) problems.push(`rule ${rule.id}: ${tags.length} tags (max 10)`);
      if (!rule.shortDescription?.text || rule.shortDescription.text.length > 1024) {
        problems.push(`rule ${rule.id}: shortDescription missing or over 1,024 characters`);
      }
      if (!rule.fullDescription?.text || rule.fullDescription.text.length > 1024) {
        problems.push(`rule ${rule.id}: fullDescription missing or over 1,024 characters`);
      }
      if (!rule.help?.text) problems.push(`rule ${rule.id}: help.text missing`);
      // GitLab's own cap, for a log published as its SARIF report.
      if ((rule.helpUri?.length ?? 0) > 2048) problems.push(`rule ${rule.id}: helpUri over 2,048 characters`);
    }
    const results = run.results ?? [];
    const withSuppressions = results.filter((res) => res.suppressions !== undefined).length;
    if (withSuppressions !== 0 && withSuppressions !== results.length) {
      problems.push(`run ${r}: suppressions on some results but not all`);
    }
    const seenLines = new Set<string>();
    results.forEach((result, i) => {
      const where = `run ${r} result ${i}`;
      if (!result.ruleId || !ids.has(result.ruleId))
        problems.push(`${where}: ruleId ${result.ruleId} has no rule`);
      // GitHub takes the rule by `ruleIndex` when a result has one: another rule's index shows the alert
      // under that rule (its severity, help and title).
      const indexed = result.ruleIndex === undefined ? undefined : rules[result.ruleIndex];
      if (indexed?.id !== result.ruleId) {
        problems.push(
          `${where}: ruleIndex ${result.ruleIndex} is rule ${indexed?.id ?? '(none)'}, not its ruleId ${result.ruleId}`,
        );
      }
      if (!result.message.text) problems.push(`${where}: empty message`);
      if ((result.message.text?.length ?? 0) > 2048) problems.push(`${where}: message over 2,048 characters`);
      const physical = result.locations?.[0]?.physicalLocation;
      const uri = physical?.artifactLocation?.uri;
      if (!uri) problems.push(`${where}: no physical location`);
      else if (/^[a-z]+:/i.test(uri) || uri.startsWith('/') || uri.includes('\\') || uri.includes(' ')) {
        problems.push(`${where}: location ${uri} is not a relative path`);
      }
      const line = physical?.region?.startLine;
      if (!Number.isInteger(line) || (line ?? 0) < 1) problems.push(`${where}: no startLine`);
      const key = `${result.ruleId}\u0000${uri}\u0000${line}`;
      if (seenLines.has(key))
        problems.push(`${where}: shares rule ${result.ruleId} and line ${uri}:${line} with another result`);
      seenLines.add(key);
    });
  });
  return problems;
}
