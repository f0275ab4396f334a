// statedConstraints: phrases located in the file, one per key, ambiguous keys dropped, code and template comments ignored.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import { statedConstraints } from '../../core/instructions/stated';

function stated(uri: string, text: string) {
  return statedConstraints(parseDocument(uri, text)).map((s) => ({
    key: s.key,
    value: s.value,
    at: text.slice(s.span.offset, s.span.offset + s.span.length),
  }));
}

describe('statedConstraints', () => {
  it('reports at the phrase in the file, after the frontmatter', () => {
    const text = '---\nmodel: gpt-4o  # answer in at most 9 words\n---\nAnswer in at most 50 words.\n';
    assert.deepEqual(stated('a.prompt.md', text), [{ key: 'words', value: '<=50', at: 'at most 50 words' }]);
  });

  it('a key stated with two values is ambiguous and dropped; the same value twice is reported once, at the first', () => {
    const text =
      'Answer in at most 2 sentences here. Respond in JSON.\n\nLater, answer in at most 5 sentences. Respond in JSON.\n';
    assert.deepEqual(stated('a.prompt.md', text), [{ key: 'format', value: 'json', at: 'Respond in JSON' }]);
  });

  it('template comments are not sent, so not read; a fence opened before a variable still hides what follows it', () => {
    const text = '{{! respond in JSON }}\n```\n{{example}}\nAnswer in at most 5 words.\n```\nWrite at least 2 sentences.\n';
    assert.deepEqual(stated('a.prompt', text), [{ key: 'sentences', value: '>=2', at: 'at least 2 sentences' }]);
  });

  it('a GitHub Models quoted string (decoded, not verbatim) is located on the phrase, across the escape', () => {
    const text = 'model: openai/gpt-4o\nmessages:\n  - role: user\n    content: "Reply\\tin exactly 2 sentences."\n';
    assert.deepEqual(stated('a.prompt.yml', text), [{ key: 'sentences', value: 2, at: 'exactly 2 sentences' }]);
  });
});
