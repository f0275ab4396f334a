// Picks the formatter for `--format`; each formatter is a pure function from the report to text.
import type { FormatName } from '../args';
import type { Report } from '../report';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';

export function formatReport(report: Report, format: FormatName, options: { color: boolean }): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'github':
      return formatGithub(report);
    case 'junit':
      return formatJunit(report);
    default:
      return formatStylish(report, options);
  }
}
