// Checking samples: every failure is located in the sample's file (checked by slicing the file), schema failures
// inside a fence or a .jsonl value included; JSON expectations; the per-prompt cap.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseJson, parseTree, findNodeAtLocation } from 'jsonc-parser';
import type { Span } from '../../core/diagnostic';
import type { CheckContext } from '../../core/constraints/types';
import type { SchemaValidation } from '../../core/schema/types';
import { parseDocument } from '../../core/document';
import { TokenizerPool } from '../../core/tokens/pool';
import { nodeRankLoader } from '../../node/ranks';
import { checkSample, checkSamples, expectsJson, failedKeys, type CompletionRequirements } from '../../core/samples/check';
import { parseSampleFile, MAX_SAMPLES_PER_PROMPT } from '../../core/samples/parse';
import { memoryFiles } from './memory-files';

const slice = (text: string, span: Span) => text.slice(span.offset, span.offset + span.length);

/** A stand-in for the schema engine: `status` must be "approved" or "rejected"; the failure is at the value node. */
const statusSchema: SchemaValidation = {
  validate(jsonText) {
    const value = parseJson(jsonText) as { status?: unknown };
    if (value.status === 'approved' || value.status === 'rejected') return [];
    const node = findNodeAtLocation(parseTree(jsonText)!, ['status'])!;
    return [
      {
        message: 'must be equal to one of the allowed values',
        pointer: '/status',
        keyword: 'enum',
        span: { offset: node.offset, length: node.length },
      },
    ];
  },
};

async function requirements(constraints: Record<string, unknown>, schema?: SchemaValidation): Promise<CompletionRequirements> {
  const counter = await new TokenizerPool(nodeRankLoader).counterFor({ encoding: 'o200k_base' });
  const check: CheckContext = { compat: 'default', mode: 'strict', counter, promptText: '', schema };
  return { constraints, check, expectJson: schema !== undefined || constraints.format === 'json' };
}

function only(uri: string, text: string) {
  const { completions } = parseSampleFile(uri, text);
  assert.equal(completions.length, 1);
  return completions[0]!;
}

describe('checkSample locates failures in the sample file', () => {
  it('.txt: the words past the maximum', async () => {
    const text = 'We ship refunds within ten business days.\n';
    const report = checkSample(only('/s/a.txt', text), await requirements({ words: { max: 5 } }));
    const words = report.results.find((r) => r.key === 'words')!;
    assert.equal(words.pass, false);
    assert.equal(words.message, '7 words; at most 5 allowed');
    assert.equal(slice(text, words.ranges[0]!), 'business days');
    assert.deepEqual(failedKeys(report), ['words']);
  });

  it('.jsonl without escapes: the forbidden word inside the line', async () => {
    const text = '"fine"\n{"id": 7, "response": "We guarantee a refund."}\n';
    const [, second] = parseSampleFile('/s/a.jsonl', text).completions;
    const report = checkSample(second!, await requirements({ exclude: ['guarantee'] }));
    const exclude = report.results.find((r) => r.key === 'exclude')!;
    assert.equal(exclude.pass, false);
    assert.equal(slice(text, exclude.ranges[0]!), 'guarantee');
  });

  it('.jsonl with escapes: the whole string literal', async () => {
    const text = '{"response": "We \\"guarantee\\" it."}\n';
    const [sample] = parseSampleFile('/s/a.jsonl', text).completions;
    const report = checkSample(sample!, await requirements({ exclude: ['guarantee'] }));
    assert.equal(slice(text, report.results[0]!.ranges[0]!), '"We \\"guarantee\\" it."');
  });

  it('schema failure inside a ```json fence: the failing node', async () => {
    const text = '```json\n{"status": "maybe"}\n```\n';
    const report = checkSample(only('/s/a.md', text), await requirements({}, statusSchema));
    assert.equal(report.notJson, undefined);
    assert.equal(report.schemaFailures.length, 1);
    assert.equal(slice(text, report.schemaFailures[0]!.span), '"maybe"');
    assert.deepEqual(failedKeys(report), ['schema']);
  });

  it('schema failure in an escaped .jsonl value: the whole string literal', async () => {
    const text = '{"response": "{\\"status\\": \\"maybe\\"}"}\n';
    const [sample] = parseSampleFile('/s/a.jsonl', text).completions;
    assert.equal(sample!.text, '{"status": "maybe"}');
    const report = checkSample(sample!, await requirements({}, statusSchema));
    assert.equal(slice(text, report.schemaFailures[0]!.span), '"{\\"status\\": \\"maybe\\"}"');
  });

  it('not JSON: the parse error, mapped through the fence', async () => {
    const text = '```json\n{"status": "ok",}\n```\n';
    const report = checkSample(only('/s/a.md', text), await requirements({ format: 'json' }));
    assert.match(report.notJson!.message, /^does not parse as JSON/);
    assert.equal(slice(text, report.notJson!.span), '}');
    assert.deepEqual(failedKeys(report), ['not JSON'], 'the failing format result is covered by not JSON');
  });

  it('a valid completion fails nothing', async () => {
    const report = checkSample(only('/s/a.json', '{"status": "approved"}'), await requirements({ format: 'json' }, statusSchema));
    assert.deepEqual(failedKeys(report), []);
  });
});

describe('checkSamples', () => {
  it('reads every discovered file; unreadable .jsonl lines become not-JSON reports', async () => {
    const files = memoryFiles({
      '/p/x.prompt.md': '',
      '/p/x.samples/a.txt': 'one two three',
      '/p/x.samples/b.jsonl': '"one"\nbroken\n',
    });
    const doc = parseDocument('/p/x.prompt.md', '---\nconstraints:\n  words: {max: 2}\n---\nHi\n');
    const reports = await checkSamples(doc, files, await requirements({ words: { max: 2 } }));
    assert.deepEqual(
      reports.map((r) => [r.sample.uri, failedKeys(r)]),
      [
        ['/p/x.samples/a.txt', ['words']],
        ['/p/x.samples/b.jsonl', ['not JSON']],
        ['/p/x.samples/b.jsonl', []],
      ],
    );
  });

  it(`checks at most ${MAX_SAMPLES_PER_PROMPT} samples per prompt`, async () => {
    const lines = Array.from({ length: MAX_SAMPLES_PER_PROMPT + 5 }, (_, i) => JSON.stringify(`answer ${i}`)).join('\n');
    const files = memoryFiles({ '/p/x.samples/many.jsonl': lines });
    const doc = parseDocument('/p/x.prompt.md', '---\nconstraints:\n  words: {max: 2}\n---\nHi\n');
    assert.equal((await checkSamples(doc, files, await requirements({ words: { max: 2 } }))).length, MAX_SAMPLES_PER_PROMPT);
  });
});

describe('expectsJson', () => {
  const cases: Array<[string, string, boolean]> = [
    ['/p/a.prompt.md', '---\nconstraints:\n  format: json\n---\n', true],
    ['/p/a.prompt.md', '---\nconstraints:\n  format: markdown\n---\n', false],
    ['/p/a.prompt.md', '---\nconstraints:\n  schema: ./s.json\n---\n', true],
    ['/p/a.prompt', '---\noutput:\n  format: json\n---\n', true],
    ['/p/a.prompt.yml', 'messages: []\nresponseFormat: json_object\n', true],
    ['/p/a.prompt.md', '---\nmodel: gpt-4o\n---\n', false],
  ];
  for (const [uri, text, want] of cases)
    it(`${JSON.stringify(text)} → ${want}`, () => assert.equal(expectsJson(parseDocument(uri, text)), want));
});
