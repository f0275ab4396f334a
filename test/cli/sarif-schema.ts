// The SARIF 2.1.0 JSON Schema (final "rtm.5" revision, as shipped in @microsoft/jest-sarif) compiled with ajv for our output tests.
import { readFileSync } from 'node:fs';
import Ajv04 from 'ajv-draft-04';

const SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

/**
 * The schema is draft-04, hence ajv-draft-04. Formats are checked with small local implementations
 * (ajv-formats is not a dependency); the schema is the one the SARIF SDK's own matchers validate with.
 */
/** Returns a checker that answers the schema errors as text, or undefined when the log is valid. */
export function sarifValidator(): (log: unknown) => string | undefined {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  if (schema.$schema !== 'http://json-schema.org/draft-04/schema#') {
    throw new Error(`unexpected $schema ${String(schema.$schema)}: pick the matching ajv class`);
  }
  // The published `language` pattern has a stray `]` that is legal only without the `u` flag.
  const ajv = new Ajv04({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', (value: string) => isUri(value, false));
  ajv.addFormat('uri-reference', (value: string) => isUri(value, true));
  ajv.addFormat('date-time', (value: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/i.test(value));
  const validate = ajv.compile(schema);
  return (log) => (validate(log) ? undefined : JSON.stringify(validate.errors, null, 2));
}

/** RFC 3986 characters only (so spaces and raw non-ASCII fail); absolute URIs need a scheme. */
function isUri(value: string, relativeAllowed: boolean): boolean {
  if (!/^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/.test(value) || /%(?![0-9A-Fa-f]{2})/.test(value)) return false;
  return relativeAllowed || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value);
}
