// The config resolver every command uses, reporting in the CLI's terms (paths as shown, warnings on stderr).
import type { RULE_IDS } from '../core/rules/registry';
import { ConfigResolver } from '../node/config';
import type { CliIo } from './io';
import { displayPath } from './paths';

export function configResolver(io: CliIo, model: string | undefined, config: string | undefined): ConfigResolver {
  return new ConfigResolver({
    cwd: io.cwd,
    explicitFile: config,
    modelOverride: model,
    knownRuleIds: ruleIds,
    displayPath: (file) => displayPath(io.cwd, file),
    warn: (message) => io.stderr.write(`promptbound: warning: ${message}\n`),
  });
}

/** The rule registry loads every rule: only a config that names rules needs it (`validate` and `count` rarely do). */
function ruleIds(): typeof RULE_IDS {
  return (require('../core/rules/registry') as { RULE_IDS: typeof RULE_IDS }).RULE_IDS;
}
