// Sample file parsing: whole-file completions, `.jsonl` lines (strings, objects, escapes, bad lines) and the size cap.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SAMPLE_FILE_CHARS, parseSampleFile } from '../../core/samples/parse';

const slice = (text: string, span: { offset: number; length: number }) => text.slice(span.offset, span.offset + span.length);

describe('parseSampleFile', () => {
  for (const ext of ['txt', 'md', 'json']) {
    it(`.${ext} is one verbatim completion`, () => {
      const text = 'Hello,\r\nworld.\n';
      const { completions, problems } = parseSampleFile(`/s/a.${ext}`, text);
      assert.deepEqual(problems, []);
      assert.deepEqual(completions, [{ uri: `/s/a.${ext}`, text, span: { offset: 0, length: 15 }, verbatim: true, index: 0 }]);
    });
  }

  it('.jsonl: strings and response/completion/output objects, blank lines skipped, CRLF', () => {
    const text = [
      '"plain answer"',
      '',
      '{"id": 1, "response": "from response"}',
      '{"completion": "from completion"}\r',
      '  {"output": "from output", "response": 3}',
    ].join('\n');
    const { completions, problems } = parseSampleFile('/s/a.jsonl', text);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      completions.map((c) => [c.text, c.index, c.verbatim, slice(text, c.span)]),
      [
        ['plain answer', 0, true, 'plain answer'],
        ['from response', 2, true, 'from response'],
        ['from completion', 3, true, 'from completion'],
        ['from output', 4, true, 'from output'],
      ],
    );
  });

  it('.jsonl: a value with escapes is decoded; its span is the whole literal', () => {
    const text = '{"response": "line one\\nline \\"two\\""}\n';
    const [c] = parseSampleFile('/s/a.jsonl', text).completions;
    assert.equal(c!.text, 'line one\nline "two"');
    assert.equal(c!.verbatim, false);
    assert.equal(slice(text, c!.span), '"line one\\nline \\"two\\""');
  });

  it('.jsonl: bad lines are problems located in the line; good lines still count', () => {
    const text = '"ok"\n{"response": }\n{"answer": "no field"}\n42\n';
    const { completions, problems } = parseSampleFile('/s/a.jsonl', text);
    assert.deepEqual(
      completions.map((c) => c.text),
      ['ok'],
    );
    assert.equal(problems.length, 3);
    assert.match(problems[0]!.message, /^line 2 is not valid JSON \(value expected\)/);
    assert.equal(slice(text, problems[0]!.span), '}');
    assert.match(problems[1]!.message, /^line 3: expected a JSON string or an object/);
    assert.equal(slice(text, problems[1]!.span), '{"answer": "no field"}');
    assert.equal(slice(text, problems[2]!.span), '42');
  });

  it('a file over 5 MB is a problem, not read', () => {
    const { completions, problems } = parseSampleFile('/s/big.txt', 'x'.repeat(MAX_SAMPLE_FILE_CHARS + 1));
    assert.deepEqual(completions, []);
    assert.match(problems[0]!.message, /larger than 5 MB/);
  });
});
