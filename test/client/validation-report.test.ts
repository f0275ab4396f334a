// "Validate clipboard/selection as completion": the message and the output channel's ✓/✗ lines, worked out by hand.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ValidateCompletionResult } from '../../server/protocol';
import { validationReport } from '../../client/validation-report';

const at = (line: number, character: number) => ({ start: { line, character }, end: { line, character: character + 1 } });

describe('client/validation-report', () => {
  it('a passing completion: an information message and one ✓ per constraint', () => {
    const result: ValidateCompletionResult = {
      prompt: 'file:///w/support.prompt.md',
      pass: true,
      results: [
        { key: 'words', pass: true, message: '96 words; at most 120 allowed', measured: 96, required: { max: 120 } },
        { key: 'endsWith', pass: true, message: 'ends with the required text' },
      ],
      schema: [],
    };
    assert.deepEqual(validationReport(result, 'Clipboard'), {
      severity: 'info',
      message: 'Clipboard passes all 2 checks of support.prompt.md.',
      lines: [
        'Clipboard checked against support.prompt.md',
        '  ✓ words: 96 words; at most 120 allowed (measured 96, required {"max":120})',
        '  ✓ endsWith: ends with the required text',
      ],
    });
  });

  it('a failing completion: an error naming the first failure, ✗ lines for constraints and schema problems', () => {
    const result: ValidateCompletionResult = {
      prompt: 'file:///w/extract%20invoice.prompt',
      pass: false,
      results: [
        { key: 'format', pass: true, message: 'parses as JSON' },
        { key: 'words', pass: false, message: '142 words; at most 120 allowed', measured: 142, required: 'at most 120' },
      ],
      schema: [{ message: 'must be number', pointer: '/total', range: at(2, 11) }],
    };
    const report = validationReport(result, 'Selection');
    assert.equal(report.severity, 'error');
    assert.equal(report.message, 'Selection fails 2 checks of extract invoice.prompt: words: 142 words; at most 120 allowed');
    assert.deepEqual(report.lines, [
      'Selection checked against extract invoice.prompt',
      '  ✓ format: parses as JSON',
      '  ✗ words: 142 words; at most 120 allowed (measured 142, required at most 120)',
      '  ✗ schema /total at 3:12: must be number',
    ]);
  });

  it('text that is not JSON is one failure with its position', () => {
    const result: ValidateCompletionResult = {
      pass: false,
      results: [],
      schema: [],
      notJson: { message: 'Unexpected token } in JSON', range: at(0, 4) },
    };
    const report = validationReport(result, 'Clipboard', 'a.prompt.md');
    assert.equal(report.message, 'Clipboard fails 1 check of a.prompt.md: Unexpected token } in JSON');
    assert.deepEqual(report.lines.slice(1), ['  ✗ JSON at 1:5: Unexpected token } in JSON']);
  });

  it('a root schema problem is shown at /', () => {
    const result: ValidateCompletionResult = {
      pass: false,
      results: [],
      schema: [{ message: 'must be object', pointer: '', range: at(0, 0) }],
    };
    assert.equal(validationReport(result, 'Clipboard', 'a.prompt').lines[1], '  ✗ schema / at 1:1: must be object');
  });

  it('nothing to check: a warning with the reason', () => {
    const result: ValidateCompletionResult = {
      pass: true,
      results: [],
      schema: [],
      problem: 'This prompt declares no constraints or output schema.',
    };
    assert.deepEqual(validationReport(result, 'Clipboard', 'a.prompt.md'), {
      severity: 'warning',
      message: 'Clipboard: nothing checked. This prompt declares no constraints or output schema.',
      lines: ['Clipboard checked against a.prompt.md', '  This prompt declares no constraints or output schema.'],
    });
  });
});
