// Rule fixtures: every file under test/fixtures/rules/<area>/<name>/ is linted and compared with that folder's expected.yaml;
// a diagnostic in another file (a sample, a schema) names it with `file:`, relative to the fixture folder.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { lintDocument, type EngineHost } from '../../core/engine';
import { RULES, RULE_IDS, findRule } from '../../core/rules/registry';
import { defaultConfig, type ResolvedConfig } from '../../core/config/types';
import { parseConfigText, resolveConfig } from '../../core/config/load';
import { lineColumnAt, lineStarts } from '../../core/positions';
import { applyEdits } from '../../core/edits';
import type { Diagnostic } from '../../core/diagnostic';
import { TokenizerPool } from '../../core/tokens/pool';
import { nodeRankLoader } from '../../node/ranks';
import { nodeFileAccess } from '../../node/file-access';

const root = join(__dirname, '..', 'fixtures', 'rules');
const docsRoot = join(__dirname, '..', '..', 'docs', 'rules');
const host: EngineHost = { tokenizers: new TokenizerPool(nodeRankLoader), files: nodeFileAccess() };

interface Expected {
  rule: string;
  /** "line:col-endLine:endCol", 1-based, UTF-16 columns. */
  at: string;
  /** A substring the message must contain. */
  message?: string;
  /** The file the diagnostic points into, relative to the fixture folder, when it is not the linted file. */
  file?: string;
}

function ruleDirs(): string[] {
  return RULE_IDS.map((id) => join(root, id)).filter((dir) => existsSync(dir));
}

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.') && name !== 'expected.yaml' && statSync(join(dir, name)).isFile())
    .sort();
}

function configFor(dir: string): ResolvedConfig {
  const file = join(dir, '.promptbound.yaml');
  if (!existsSync(file)) return defaultConfig();
  const parsed = parseConfigText(file, readFileSync(file, 'utf8'), RULE_IDS);
  assert.deepEqual(parsed.problems, [], `fixture config ${file} must be valid`);
  return resolveConfig(parsed.config ? [parsed.config] : []);
}

/** Position in the file the diagnostic points into (the linted file unless `uri` names another). */
function where(file: string, text: string, d: Diagnostic): string {
  if (d.uri !== undefined && d.uri !== file) text = readFileSync(d.uri, 'utf8');
  const starts = lineStarts(text);
  const a = lineColumnAt(starts, text, d.offset);
  const b = lineColumnAt(starts, text, d.offset + d.length);
  return `${a.line}:${a.column}-${b.line}:${b.column}`;
}

function otherFile(dir: string, file: string, d: Diagnostic): string | undefined {
  return d.uri !== undefined && d.uri !== file ? relative(dir, d.uri).split('\\').join('/') : undefined;
}

async function lint(file: string, config: ResolvedConfig, text = readFileSync(file, 'utf8')) {
  return lintDocument({ uri: file, text, config }, host);
}

describe('rule fixtures', () => {
  for (const dir of ruleDirs()) {
    const id = relative(root, dir);
    const expectations = parseYaml(readFileSync(join(dir, 'expected.yaml'), 'utf8')) as Record<string, Expected[]>;
    describe(id, () => {
      for (const name of fixtureFiles(dir)) {
        it(name, async () => {
          const expected = expectations[name];
          assert.ok(Array.isArray(expected), `${id}/expected.yaml has no entry for ${name}`);
          const file = join(dir, name);
          const text = readFileSync(file, 'utf8');
          const { diagnostics } = await lint(file, configFor(dir), text);
          const actual = diagnostics.map((d) => ({
            rule: d.ruleId,
            file: otherFile(dir, file, d),
            at: where(file, text, d),
            message: d.message,
          }));
          assert.deepEqual(
            actual.map(({ rule, file: other, at }) => ({ rule, file: other, at })),
            expected.map(({ rule, file: other, at }) => ({ rule, file: other, at })),
            `diagnostics of ${name}:\n${actual.map((a) => `  ${a.file ? `${a.file} ` : ''}${a.at} ${a.rule} ${a.message}`).join('\n')}`,
          );
          expected.forEach((e, i) => {
            if (e.message)
              assert.ok(actual[i].message.includes(e.message), `message "${actual[i].message}" should contain "${e.message}"`);
          });
        });
      }
    });
  }
});

describe('every rule is documented and has fixtures', () => {
  for (const rule of RULES) {
    it(rule.meta.id, async () => {
      const page = join(docsRoot, `${rule.meta.id}.md`);
      assert.ok(existsSync(page), `missing docs page docs/rules/${rule.meta.id}.md`);
      const doc = readFileSync(page, 'utf8');
      assert.match(doc, new RegExp(`^# ${rule.meta.id.replace('/', '\\/')}\\b`, 'm'), 'page title is the rule id');
      const header = doc.split('\n')[2] ?? '';
      const expectedHeader = `Default severity: **${rule.meta.defaultSeverity}** · Fixable: ${rule.meta.fixable ? 'yes' : 'no'}`;
      assert.ok(
        header === expectedHeader || (rule.meta.fixable && header.startsWith(`${expectedHeader} (`)),
        `line 3 of the page must say "${expectedHeader}" (from the rule's meta), got "${header}"`,
      );
      for (const heading of ['## When it triggers', '## Failing example', '## Fixed example', '## Why', '## Options']) {
        assert.ok(doc.includes(heading), `docs page lacks "${heading}"`);
      }
      const dir = join(root, rule.meta.id);
      assert.ok(existsSync(join(dir, 'expected.yaml')), `missing fixtures test/fixtures/rules/${rule.meta.id}/`);
      const expectations = parseYaml(readFileSync(join(dir, 'expected.yaml'), 'utf8')) as Record<string, Expected[]>;
      const lists = Object.values(expectations);
      assert.ok(
        lists.some((l) => l.some((e) => e.rule === rule.meta.id)),
        'at least one fixture triggers the rule',
      );
      assert.ok(
        lists.some((l) => l.every((e) => e.rule !== rule.meta.id)),
        'at least one fixture passes the rule',
      );
    });
  }

  it('every docs page belongs to a registered rule', () => {
    const pages: string[] = [];
    for (const area of readdirSync(docsRoot)) {
      const dir = join(docsRoot, area);
      if (!statSync(dir).isDirectory()) continue;
      for (const page of readdirSync(dir)) if (page.endsWith('.md')) pages.push(`${area}/${page.slice(0, -3)}`);
    }
    assert.deepEqual(
      pages.filter((p) => !findRule(p)),
      [],
    );
  });
});

describe('rules not marked fixable offer no fix', () => {
  for (const dir of ruleDirs()) {
    const id = relative(root, dir);
    const rule = findRule(id);
    if (!rule || rule.meta.fixable) continue;
    it(id, async () => {
      for (const name of fixtureFiles(dir)) {
        const { diagnostics } = await lint(join(dir, name), configFor(dir));
        const withFix = diagnostics.filter((d) => d.ruleId === id && (d.fixes?.length ?? 0) > 0);
        assert.deepEqual(
          withFix.map((d) => d.message),
          [],
          `${id} is not fixable but offers a fix in ${name}`,
        );
      }
    });
  }
});

describe('fixable rules: applying the fix removes the problem', () => {
  for (const dir of ruleDirs()) {
    const id = relative(root, dir);
    const rule = findRule(id);
    if (!rule?.meta.fixable) continue;
    it(id, async () => {
      let fixed = 0;
      for (const name of fixtureFiles(dir)) {
        const file = join(dir, name);
        const config = configFor(dir);
        const text = readFileSync(file, 'utf8');
        const before = (await lint(file, config, text)).diagnostics.filter((d) => d.ruleId === id);
        for (const diagnostic of before) {
          const fix = diagnostic.fixes?.[0];
          // A fix of another file (a schema file) edits that file's text: its own tests apply it there.
          if (!fix || (diagnostic.uri !== undefined && diagnostic.uri !== file)) continue;
          const after = applyEdits(text, fix.edits);
          assert.ok(after !== undefined, 'fix edits do not overlap');
          const relinted = (await lint(file, config, after)).diagnostics.filter((d) => d.ruleId === id);
          assert.equal(relinted.length, before.length - 1, `fix "${fix.title}" in ${name} removes exactly that problem`);
          fixed++;
        }
      }
      assert.ok(fixed > 0, `no fixture of ${id} offers a fix`);
    });
  }
});
