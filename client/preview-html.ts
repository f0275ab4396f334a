// The rendered-preview page: the prompt's messages by role, each with its token count, the variables substituted
// highlighted. Pure (no vscode import), so it is unit-tested; the panel (client/preview-panel.ts) only shows it.
import type { PreviewResult } from '../server/protocol';
import { groupDigits, plural } from './format';

export interface PreviewPage {
  cspSource: string;
  nonce: string;
  title: string;
}

export function previewHtml(result: PreviewResult, page: PreviewPage): string {
  const approx = result.approximate ? '≈' : '';
  const count = (n: number) => `${approx}${plural(n, 'token')}`;
  const total =
    result.chat && result.overhead > 0
      ? `${count(result.total)} (${count(result.total - result.overhead)} + ${groupDigits(result.overhead)} chat overhead)`
      : count(result.total);
  const messages = result.messages
    .map(
      (m) => `<section class="message" data-role="${escape(m.role)}">
  <h2><span class="role">${escape(m.role)}</span> <span class="tokens">${count(m.tokens)}</span></h2>
  <pre>${m.segments.map((s) => (s.kind === 'text' ? escape(s.text) : `<span class="${s.kind}" title="${TITLES[s.kind]}">${escape(s.text)}</span>`)).join('')}</pre>
</section>`,
    )
    .join('\n');
  const notes = [
    result.missing.length > 0 ? `<li>No value for ${list(result.missing)}: shown as written.</li>` : '',
    result.unevaluated.length > 0
      ? `<li>Not evaluated (the preview runs no template code): ${list(result.unevaluated)}.</li>`
      : '',
    result.truncated ? '<li>The rendered text was cut: it is longer than the preview shows.</li>' : '',
  ].join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${page.cspSource} 'nonce-${page.nonce}'; script-src 'nonce-${page.nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escape(page.title)}</title>
<style nonce="${page.nonce}">
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 16px 16px; }
  header { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: baseline; border-bottom: 1px solid var(--vscode-panel-border); padding: 8px 0; }
  header h1 { font-size: 1.1em; margin: 0; }
  .message { border: 1px solid var(--vscode-panel-border); border-radius: 4px; margin: 12px 0; }
  .message h2 { font-size: 0.95em; margin: 0; padding: 6px 10px; background: var(--vscode-editorWidget-background); display: flex; justify-content: space-between; }
  .role { text-transform: uppercase; letter-spacing: 0.05em; }
  .tokens { font-weight: normal; color: var(--vscode-descriptionForeground); }
  pre { white-space: pre-wrap; word-break: break-word; margin: 0; padding: 10px; font-family: var(--vscode-editor-font-family); }
  .value { background: var(--vscode-editor-findMatchHighlightBackground); }
  .missing, .literal { color: var(--vscode-editorWarning-foreground); }
  .notes { color: var(--vscode-descriptionForeground); }
</style>
</head>
<body>
<header>
  <h1>${escape(page.title)}</h1>
  <span class="total">${total} · ${escape(result.model)}</span>
  ${setPicker(result)}
</header>
${notes ? `<ul class="notes">${notes}</ul>` : ''}
${messages}
<script nonce="${page.nonce}">
  const vscode = acquireVsCodeApi();
  const picker = document.getElementById('set');
  if (picker) picker.addEventListener('change', () => vscode.postMessage({ set: Number(picker.value) }));
</script>
</body>
</html>`;
}

const TITLES: Record<string, string> = {
  value: 'substituted variable',
  missing: 'no value in the chosen variables',
  literal: 'not evaluated by the preview',
};

function setPicker(result: PreviewResult): string {
  if (result.sets.length === 0)
    return '<span class="sets">No example variables declared (Prompty <code>sample</code>, Dotprompt <code>input.default</code>, GitHub Models <code>testData</code>)</span>';
  const options = result.sets
    .map((set, i) => `<option value="${i}"${i === result.chosen ? ' selected' : ''}>${escape(set.label)}</option>`)
    .join('');
  return `<label>Variables: <select id="set">${options}</select></label>`;
}

function list(items: readonly string[]): string {
  return items.map((item) => `<code>${escape(item)}</code>`).join(', ');
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
