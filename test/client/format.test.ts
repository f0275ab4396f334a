// The status bar's text and tooltip, checked against strings worked out by hand.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  displayState,
  escapeMarkdown,
  formatCount,
  formatWindow,
  groupDigits,
  statusText,
  tightestTarget,
  tooltipMarkdown,
} from '../../client/format';
import { stats } from './stats-fixture';

describe('client/format: numbers', () => {
  it('groups digits the en-US way whatever the locale', () => {
    assert.equal(groupDigits(0), '0');
    assert.equal(groupDigits(999), '999');
    assert.equal(groupDigits(1000), '1,000');
    assert.equal(groupDigits(1234567), '1,234,567');
    assert.equal(groupDigits(-5505), '-5,505');
  });

  it('marks approximate counts with ≈', () => {
    assert.equal(formatCount(1234), '1,234');
    assert.equal(formatCount(1234, true), '≈1,234');
  });

  it('writes windows in three significant digits at most', () => {
    assert.equal(formatWindow(512), '512');
    assert.equal(formatWindow(8192), '8.19k');
    assert.equal(formatWindow(16000), '16k');
    assert.equal(formatWindow(32768), '32.8k');
    assert.equal(formatWindow(128000), '128k');
    assert.equal(formatWindow(131072), '131k');
    assert.equal(formatWindow(200000), '200k');
    assert.equal(formatWindow(999_999), '1M'); // not "1000k"
    assert.equal(formatWindow(1_000_000), '1M');
    assert.equal(formatWindow(1_048_576), '1.05M');
    assert.equal(formatWindow(2_000_000), '2M');
  });
});

describe('client/format: status bar text', () => {
  it('shows the input tokens (prompt + overhead + variables) against the window and the model', () => {
    assert.equal(statusText(stats()), '1,741 / 128k tokens · gpt-4o');
  });

  it('prefixes ≈ for approximate models', () => {
    assert.equal(
      statusText(stats({ approximate: true, model: 'claude-sonnet-4', context: 200000 })),
      '≈1,741 / 200k tokens · claude-sonnet-4',
    );
  });

  it('leaves the window out when the model is unknown', () => {
    assert.equal(statusText(stats({ model: 'acme-7b', modelKnown: false, context: undefined })), '1,741 tokens · acme-7b');
  });

  it('puts the selection first', () => {
    assert.equal(
      statusText(stats(), { tokens: 42, approximate: false, model: 'gpt-4o' }),
      'sel 42 · 1,741 / 128k tokens · gpt-4o',
    );
    assert.equal(
      statusText(stats({ approximate: true }), { tokens: 4200, approximate: true, model: 'x' }),
      'sel ≈4,200 · ≈1,741 / 128k tokens · gpt-4o',
    );
  });
});

describe('client/format: tooltip', () => {
  it('lists prompt, overhead, variables, input, output reserve, remaining and window', () => {
    const expected = [
      "**promptbound** · gpt\\-4o (o200k_base) — the prompt's own model",
      '',
      '| | tokens |',
      '|:--|--:|',
      '| Prompt | 1,234 |',
      '| Chat overhead | 7 |',
      '| Variables: `question` 200, `history` 300 | 500 |',
      '| **Input** | 1,741 |',
      '| Output reserve | 4,096 |',
      '| Remaining of window | 122,163 |',
      '| Context window | 128,000 |',
      '',
      'Input uses 1% of the 123,904-token input budget (window minus output reserve).',
      '',
      'Click to pick a model for this prompt.',
    ].join('\n');
    assert.equal(tooltipMarkdown(stats()), expected);
  });

  it('says by how much a prompt is over, with the error icon', () => {
    const over = stats({ inputTokens: 130000, remaining: -6096, state: 'error', modelSource: 'override' });
    const text = tooltipMarkdown(over);
    assert.match(text, /\| \*\*Over the window by\*\* \| 6,096 \|/);
    assert.match(text, /— picked in the editor/);
    assert.match(text, /^\$\(error\) Input uses 105% of the 123,904-token input budget/m);
  });

  it('gives the warnAt threshold when near the limit', () => {
    const near = stats({ inputTokens: 105000, remaining: 18904, state: 'warning' });
    assert.match(
      tooltipMarkdown(near),
      /^\$\(warning\) Input uses 85% of the 123,904-token input budget \(window minus output reserve\); warnAt is 80%\.$/m,
    );
  });

  it('counts variables instead of naming them when there are many', () => {
    const many = stats({ variables: ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name, tokens: 100 })) });
    assert.match(tooltipMarkdown(many), /\| Variables \(5\) \| 500 \|/);
  });

  it('omits rows it has no number for and explains an unknown model', () => {
    const unknown = stats({
      modelKnown: false,
      model: 'acme_7b',
      context: undefined,
      inputBudget: undefined,
      remaining: undefined,
      outputReserve: undefined,
      variables: [],
      variablesTotal: 0,
    });
    const text = tooltipMarkdown(unknown);
    assert.doesNotMatch(text, /Output reserve|Remaining|Context window|Variables/);
    assert.match(text, /acme\\_7b \(unknown model\)/);
    assert.match(text, /Unknown model: no context window to budget against\./);
  });

  it('adds the selection count', () => {
    assert.match(tooltipMarkdown(stats(), { tokens: 42, approximate: false, model: 'gpt-4o' }), /\nSelection: 42 tokens\n/);
  });

  it('escapes Markdown in user text', () => {
    assert.equal(escapeMarkdown('my_model|*v2*'), 'my\\_model\\|\\*v2\\*');
  });
});

describe('client/format: several targets', () => {
  // gpt-4o: 1,741 of 123,904 (1%); claude: ≈2,100 of 195,904 (1%) but warning; gemini: ≈1,900 of 1,040,576.
  const targets = () =>
    stats({
      targets: [
        {
          model: 'gpt-4o',
          modelKnown: true,
          approximate: false,
          inputTokens: 1741,
          promptTokens: 1234,
          outputReserve: 4096,
          context: 128000,
          inputBudget: 123904,
          remaining: 122163,
          state: 'ok',
        },
        {
          model: 'claude-sonnet-4-5',
          modelKnown: true,
          approximate: true,
          inputTokens: 2100,
          promptTokens: 1593,
          outputReserve: 4096,
          context: 200000,
          inputBudget: 195904,
          remaining: 193804,
          state: 'warning',
        },
        {
          model: 'gemini-2.5-pro',
          modelKnown: true,
          approximate: true,
          inputTokens: 1900,
          promptTokens: 1393,
          outputReserve: 8192,
          context: 1048576,
          inputBudget: 1040384,
          remaining: 1038484,
          state: 'ok',
        },
      ],
    });

  it('shows the tightest target (worst state first) and how many others there are', () => {
    assert.equal(statusText(targets()), '≈2,100 / 200k tokens · claude-sonnet-4-5 +2');
    assert.equal(displayState(targets()), 'warning');
  });

  it('with equal states, the tightest is the one using the largest share of its input budget', () => {
    const s = targets();
    s.targets![1].state = 'ok';
    // gpt-4o uses 1,741 / 123,904 = 1.41% of its input budget, claude 2,100 / 195,904 = 1.07%: gpt-4o is tighter.
    assert.equal(tightestTarget(s)?.model, 'gpt-4o');
    assert.equal(statusText(s), '1,741 / 128k tokens · gpt-4o +2');
  });

  it('lists every target in the tooltip, marking the tightest', () => {
    const tooltip = tooltipMarkdown(targets());
    assert.ok(tooltip.includes('| target | input | window | budget used |'), tooltip);
    assert.ok(tooltip.includes('| gpt\\-4o | 1,741 | 128k | 1% |'), tooltip);
    assert.ok(tooltip.includes('| $(warning) claude\\-sonnet\\-4\\-5 (tightest) | ≈2,100 | 200k | 1% |'), tooltip);
    assert.ok(tooltip.includes('| gemini\\-2\\.5\\-pro | ≈1,900 | 1.05M | 0% |'), tooltip);
  });

  it('a prompt with one model has no targets table and keeps its own text', () => {
    assert.equal(tightestTarget(stats()), undefined);
    assert.ok(!tooltipMarkdown(stats()).includes('**Targets**'));
  });
});
