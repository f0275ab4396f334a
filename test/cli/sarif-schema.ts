// The official SARIF 2.1.0 JSON Schema (test/data, from the OASIS TC repository) compiled with ajv for our output tests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';

const SCHEMA_FILE = path.join(__dirname, '..', 'data', 'sarif-schema-2.1.0.json');

/**
 * The file's `$schema` is draft 2020-12, hence Ajv2020. Two defects of the published file need allowances:
 * `language` patterns use the inline flag `(?i)`, which JavaScript rejects (translated to the `i` flag here),
 * and `region` lists an `anyOf` inside `properties`, which fails meta-schema validation (so that check is off).
 * Formats are checked with small local implementations: ajv-formats is not a dependency.
 */
/** Returns a checker that answers the schema errors as text, or undefined when the log is valid. */
export function sarifValidator(): (log: unknown) => string | undefined {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  if (schema.$schema !== 'https://json-schema.org/draft/2020-12/schema') {
    throw new Error(`unexpected $schema ${String(schema.$schema)}: pick the matching ajv class`);
  }
  const regExp = Object.assign(
    (pattern: string, flags: string) => (pattern.startsWith('^(?i)') ? new RegExp(`^${pattern.slice(5)}`, `${flags}i`) : new RegExp(pattern, flags)),
    { code: 'new RegExp' },
  );
  const ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: true, code: { regExp } });
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
