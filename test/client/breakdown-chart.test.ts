// The token-breakdown chart: bar geometry worked out by hand, budget markers, red when over, escaping and the page's CSP.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BAR_END, BAR_X, breakdownHtml, breakdownSvg, escapeXml, sectionBars, windowBar } from '../../client/breakdown-chart';
import { section, stats } from './stats-fixture';

const SPAN = BAR_END - BAR_X;

describe('client/breakdown-chart: window bar', () => {
  it('lays prompt, variables, output reserve and remaining end to end across the window', () => {
    const bar = windowBar(stats());
    assert.equal(bar.scale, 128000);
    assert.deepEqual(
      bar.segments.map((s) => [s.key, s.tokens]),
      [
        ['prompt', 1241], // 1,234 + 7 overhead
        ['variables', 500],
        ['output', 4096],
        ['remaining', 122163], // 128,000 − 1,241 − 500 − 4,096
      ],
    );
    assert.equal(bar.segments[0]!.x, BAR_X);
    assert.ok(Math.abs(bar.segments[1]!.x - (BAR_X + (1241 / 128000) * SPAN)) < 1e-9);
    const last = bar.segments[3]!;
    assert.ok(Math.abs(last.x + last.width - BAR_END) < 1e-9, 'the four slices fill the bar exactly');
    assert.equal(bar.windowX, BAR_END);
    assert.equal(bar.overflow, 0);
  });

  it('stretches past the window when over and marks where the window ends', () => {
    // 120,000 + 7 + 500 + 8,192 = 128,699 needed in a 128,000 window: over by 699.
    const bar = windowBar(stats({ promptTokens: 120000, outputReserve: 8192 }));
    assert.equal(bar.scale, 128699);
    assert.equal(bar.overflow, 699);
    assert.equal(bar.segments[3]!.tokens, 0);
    assert.ok(Math.abs(bar.windowX! - (BAR_X + (128000 / 128699) * SPAN)) < 1e-9);
  });

  it('has no window line without a known window', () => {
    const bar = windowBar(stats({ context: undefined }));
    assert.equal(bar.windowX, undefined);
    assert.equal(bar.scale, 1241 + 500 + 4096);
  });
});

describe('client/breakdown-chart: section bars', () => {
  it('scales every bar to the largest count or budget and flags the ones over budget', () => {
    const { scale, bars } = sectionBars([section('Intro', 120), section('Rules', 520, 300), section('Examples', 200, 800)], 100);
    assert.equal(scale, 800); // the Examples budget is the largest number
    assert.deepEqual(
      bars.map((b) => b.over),
      [false, true, false],
    );
    assert.equal(bars[1]!.width, (520 / 800) * SPAN);
    assert.equal(bars[1]!.budgetX, BAR_X + (300 / 800) * SPAN);
    assert.equal(bars[0]!.budgetX, undefined);
    assert.deepEqual(
      bars.map((b) => b.y),
      [100, 126, 152],
    );
  });

  it('a section exactly at its budget is not over', () => {
    assert.equal(sectionBars([section('A', 300, 300)], 0).bars[0]!.over, false);
  });
});

describe('client/breakdown-chart: SVG', () => {
  const svg = breakdownSvg(stats());

  it('draws one group per section with its count, a budget marker where annotated, red when over', () => {
    const groups = svg.match(/<g class="section[^"]*"[^>]*>/g) ?? [];
    assert.deepEqual(groups, [
      '<g class="section" data-title="Intro" data-tokens="120">',
      '<g class="section over" data-title="Rules" data-tokens="520" data-budget="300">',
      '<g class="section" data-title="Examples" data-tokens="200" data-budget="400">',
    ]);
    assert.equal((svg.match(/<line class="budget"/g) ?? []).length, 2);
    assert.equal((svg.match(/<rect class="bar over"/g) ?? []).length, 1);
    assert.match(svg, /<text class="count over" [^>]*>520 \/ 300<\/text>/);
    assert.match(svg, /<title>Rules: 520 tokens, budget 300 \(over by 220\)<\/title>/);
    assert.match(svg, /<text class="count" [^>]*>120<\/text>/);
  });

  it('draws the stacked window bar with a legend and the total against the window', () => {
    for (const key of ['prompt', 'variables', 'output', 'remaining'])
      assert.match(svg, new RegExp(`<rect class="segment ${key}" data-tokens=`));
    assert.match(svg, />Prompt 1,241<\/text>/);
    assert.match(svg, />Output reserve 4,096<\/text>/);
    assert.match(svg, />5,837 \/ 128k<\/text>/); // input 1,741 + output 4,096
    assert.doesNotMatch(svg, /class="overflow"/);
  });

  it('shows the overflow in red past the window line', () => {
    const over = breakdownSvg(stats({ promptTokens: 120000, inputTokens: 120507, outputReserve: 8192, state: 'error' }));
    assert.match(over, /<rect class="overflow" data-tokens="699"/);
    assert.match(over, />Over the window by 699 tokens<\/text>/);
    assert.match(over, /<line class="window-end"/);
    assert.doesNotMatch(over, />Remaining 0</, 'no empty "remaining" in the legend when over');
  });

  it('marks approximate counts and says when there are no sections', () => {
    const approx = breakdownSvg(stats({ approximate: true, sections: [] }));
    assert.match(approx, /approximate counts/);
    assert.match(approx, />Prompt ≈1,241<\/text>/);
    assert.match(approx, /No headings or role blocks in this prompt\./);
  });

  it('escapes headings and model ids', () => {
    const hostile = breakdownSvg(stats({ model: 'a"b', sections: [section('<script>alert(1)</script> & co', 10)] }));
    assert.doesNotMatch(hostile, /<script>/);
    assert.match(hostile, /data-title="&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; co"/);
    assert.match(hostile, /a&quot;b/);
    assert.equal(escapeXml(`<'&">`), '&lt;&#39;&amp;&quot;&gt;');
  });

  it('role blocks (level 0) are not pushed off the left edge', () => {
    const roles = breakdownSvg(stats({ sections: [section('system', 223, undefined, 0, 'role')] }));
    assert.match(roles, /<text class="label" x="8" [^>]*>system \(role\)<\/text>/);
  });

  it('truncates long titles with an ellipsis', () => {
    const long = breakdownSvg(stats({ sections: [section('A very long heading that goes on and on and on', 10)] }));
    assert.match(long, /<text class="label" [^>]*>A very long heading that…<\/text>/);
  });
});

describe('client/breakdown-chart: page', () => {
  it('allows no scripts and only nonce-carrying styles', () => {
    const html = breakdownHtml(stats(), { cspSource: 'vscode-webview://abc', nonce: 'n0nce', title: 'support.prompt.md' });
    const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
    assert.equal(csp, "default-src 'none'; img-src vscode-webview://abc data:; style-src vscode-webview://abc 'nonce-n0nce';");
    assert.doesNotMatch(html, /<script/);
    assert.match(html, /<style nonce="n0nce">/);
    assert.match(html, /<h1>support\.prompt\.md<\/h1>/);
    assert.match(html, /<svg id="token-breakdown"/);
  });
});
