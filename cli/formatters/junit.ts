// JUnit XML (`--format junit`) for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines): one test suite
// per file, one failed test case per problem, one passing case for a clean file — the shape ESLint's junit formatter uses.
import { relativeUri, rootRelative } from '../paths';
import type { Report } from '../report';

export function formatJunit(report: Report): string {
  const suites = report.files.map((file) => {
    const name = escape(rootRelative(report.root, file.path) ?? file.path);
    const failures = file.messages.filter((m) => m.severity !== 'info');
    const cases =
      file.messages.length === 0
        ? [`    <testcase time="0" name="${name}" classname="promptbound"/>`]
        : file.messages.map((m) => {
            const rule = m.ruleId ?? 'file';
            const where = `${name}:${m.line}:${m.column}`;
            const kind = m.severity === 'info' ? 'skipped' : 'failure';
            const body = `<${kind} message="${escape(m.message)}"><![CDATA[${cdata(`${where} ${m.severity} ${m.message} (${rule})`)}]]></${kind}>`;
            return `    <testcase time="0" name="${escape(`${where} ${rule}`)}" classname="${escape(relativeUri(rule))}">${body}</testcase>`;
          });
    const skipped = file.messages.length - failures.length;
    const header = `  <testsuite package="promptbound" time="0" tests="${cases.length}" errors="0" failures="${failures.length}" skipped="${skipped}" name="${name}">`;
    return [header, ...cases, '  </testsuite>'].join('\n');
  });
  return ['<?xml version="1.0" encoding="utf-8"?>', '<testsuites>', ...suites, '</testsuites>', ''].join('\n');
}

/** Characters XML 1.0 does not allow at all, even escaped. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function escape(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** `]]>` cannot appear inside CDATA: split it across two sections. */
function cdata(text: string): string {
  return text.replace(NOT_XML, '').replace(/]]>/g, ']]]]><![CDATA[>');
}
