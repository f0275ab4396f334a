// Edits for schema/provider-compat's safe fixes, in a JSON schema file (jsonc-parser tree) or an inline block-style YAML schema.
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { Node as JsonNode } from 'jsonc-parser';
import type { TextEdit } from '../../diagnostic';
import type { Frontmatter } from '../../document/types';
import { findKey, nodeSpan } from '../../document/frontmatter';
import type { SchemaSource } from '../../schema/sources';
import { childOf } from '../../schema/sources';
import type { SchemaPath } from '../../schema/walk';
import type { CompatFix } from './provider-compat-check';

/** The edits for a fix, or undefined when the schema's text is not one we can edit without guessing. */
export function compatFixEdits(
  fix: CompatFix,
  objectPath: SchemaPath,
  source: SchemaSource,
  frontmatter: Frontmatter | undefined,
  text: string,
  schemaAt: unknown,
): TextEdit[] | undefined {
  if (source.json) return jsonEdits(fix, objectPath, source.json.tree, source.json.text, schemaAt);
  if (source.yaml && frontmatter)
    return yamlEdits(fix, [...source.yaml.base, ...objectPath.map(String)], frontmatter, text, schemaAt);
  return undefined;
}

// --- JSON -------------------------------------------------------------------------------------------------------

function jsonNodeAt(tree: JsonNode, path: SchemaPath): JsonNode | undefined {
  let node: JsonNode | undefined = tree;
  for (const segment of path) {
    const child: { value: JsonNode } | undefined = node ? childOf(node, segment) : undefined;
    if (!child) return undefined;
    node = child.value;
  }
  return node;
}

function jsonEdits(fix: CompatFix, path: SchemaPath, tree: JsonNode, text: string, schemaAt: unknown): TextEdit[] | undefined {
  const object = jsonNodeAt(tree, path);
  if (!object || object.type !== 'object') return undefined;
  if (fix.kind === 'additionalProperties') return [appendJsonMember(object, text, '"additionalProperties": false')];
  const property = childOf(object, 'properties')?.value;
  const propertySchema = property ? childOf(property, fix.property)?.value : undefined;
  const nullable = propertySchema ? jsonNullable(propertySchema, schemaAt, fix.property) : undefined;
  if (!nullable) return undefined;
  const required = childOf(object, 'required')?.value;
  const name = JSON.stringify(fix.property);
  let requiredEdit: TextEdit;
  if (required?.type === 'array') {
    const items = required.children ?? [];
    const last = items[items.length - 1];
    requiredEdit = last
      ? { offset: last.offset + last.length, length: 0, newText: `, ${name}` }
      : { offset: required.offset + 1, length: 0, newText: name };
  } else if (required) {
    return undefined;
  } else {
    requiredEdit = appendJsonMember(object, text, `"required": [${name}]`);
  }
  return [requiredEdit, nullable];
}

/** `"type": "string"` → `["string", "null"]`; a type list gains `"null"`; nothing when null is already allowed. */
function jsonNullable(schema: JsonNode, schemaAt: unknown, property: string): TextEdit | undefined {
  if (!canBeNullable(schemaAt, property)) return undefined;
  const type = childOf(schema, 'type')?.value;
  if (!type) return undefined;
  if (type.type === 'string')
    return { offset: type.offset, length: type.length, newText: `[${JSON.stringify(type.value)}, "null"]` };
  if (type.type === 'array') {
    const items = type.children ?? [];
    if (items.some((i) => i.value === 'null')) return { offset: type.offset, length: 0, newText: '' };
    const last = items[items.length - 1];
    return last ? { offset: last.offset + last.length, length: 0, newText: ', "null"' } : undefined;
  }
  return undefined;
}

/** A new last member of an object, on its own line with the members' indentation (inline for a one-line object). */
function appendJsonMember(object: JsonNode, text: string, member: string): TextEdit {
  const members = object.children ?? [];
  const last = members[members.length - 1];
  if (!last) return { offset: object.offset + 1, length: 0, newText: member };
  const lineStart = text.lastIndexOf('\n', last.offset) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, last.offset))?.[0] ?? '';
  const ownLine = text.slice(lineStart, last.offset).trim() === '';
  return { offset: last.offset + last.length, length: 0, newText: ownLine ? `,\n${indent}${member}` : `, ${member}` };
}

// --- YAML -------------------------------------------------------------------------------------------------------

function yamlEdits(
  fix: CompatFix,
  path: string[],
  frontmatter: Frontmatter,
  text: string,
  schemaAt: unknown,
): TextEdit[] | undefined {
  const object = path.length === 0 ? frontmatter.yaml.contents : findKey(frontmatter, path)?.value;
  if (!isMap(object) || object.items.length === 0) return undefined;
  if (fix.kind === 'additionalProperties')
    return memberEdit(object as YamlNode, frontmatter, text, 'additionalProperties: false');
  const properties = object.get('properties', true);
  const propertySchema = isMap(properties) ? properties.get(fix.property, true) : undefined;
  if (!isMap(propertySchema) || !canBeNullable(schemaAt, fix.property)) return undefined;
  const type = propertySchema.get('type', true);
  let typeEdit: TextEdit;
  if (isScalar(type) && typeof type.value === 'string') {
    const span = nodeSpan(frontmatter, type);
    typeEdit = { ...span, newText: `[${type.value}, "null"]` };
  } else if (isSeq(type) && type.flow) {
    if (type.items.some((i) => isScalar(i) && i.value === 'null')) return undefined;
    const span = nodeSpan(frontmatter, type);
    const close = text.lastIndexOf(']', span.offset + span.length);
    if (close < span.offset) return undefined;
    typeEdit = { offset: close, length: 0, newText: type.items.length > 0 ? ', "null"' : '"null"' };
  } else {
    return undefined;
  }
  const required = object.get('required', true);
  let requiredEdit: TextEdit[] | undefined;
  const name = /^[A-Za-z_][\w-]*$/.test(fix.property) ? fix.property : JSON.stringify(fix.property);
  if (required === undefined) requiredEdit = memberEdit(object as YamlNode, frontmatter, text, `required: [${name}]`);
  else if (isSeq(required) && required.flow) {
    const span = nodeSpan(frontmatter, required);
    const close = text.lastIndexOf(']', span.offset + span.length);
    if (close < span.offset) return undefined;
    requiredEdit = [{ offset: close, length: 0, newText: required.items.length > 0 ? `, ${name}` : name }];
  } else if (isSeq(required) && required.items.length > 0) {
    const first = nodeSpan(frontmatter, required.items[0] as YamlNode);
    const lineStart = text.lastIndexOf('\n', first.offset) + 1;
    const prefix = text.slice(lineStart, first.offset);
    if (!/^[ \t]*-[ \t]+$/.test(prefix)) return undefined;
    requiredEdit = [{ offset: lineStart, length: 0, newText: `${prefix}${name}\n` }];
  } else {
    return undefined;
  }
  return requiredEdit ? [...requiredEdit, typeEdit] : undefined;
}

/** A new first key of a mapping: on its own line for a block mapping, after `{` for a flow one. */
function memberEdit(object: YamlNode, frontmatter: Frontmatter, text: string, member: string): TextEdit[] | undefined {
  if (!isMap(object)) return undefined;
  const span = nodeSpan(frontmatter, object);
  if (object.flow) {
    const open = text.indexOf('{', span.offset);
    if (open < 0 || open >= span.offset + span.length) return undefined;
    return [{ offset: open + 1, length: 0, newText: object.items.length > 0 ? ` ${member},` : member }];
  }
  const firstKey = object.items[0]?.key as YamlNode | undefined;
  if (!firstKey) return undefined;
  const key = nodeSpan(frontmatter, firstKey);
  const lineStart = text.lastIndexOf('\n', key.offset - 1) + 1;
  const indent = text.slice(lineStart, key.offset);
  // The first key shares its line with a `- ` or a parent key: its column is the mapping's indentation.
  const column = /^[ \t]*$/.test(indent) ? indent : ' '.repeat(key.offset - lineStart);
  return [{ offset: key.offset, length: 0, newText: `${member}\n${column}` }];
}

/** Making a property nullable is safe only when it carries no `enum`/`const` that would still exclude null. */
function canBeNullable(objectSchema: unknown, property: string): boolean {
  if (typeof objectSchema !== 'object' || objectSchema === null) return false;
  const properties = (objectSchema as Record<string, unknown>).properties;
  const schema =
    typeof properties === 'object' && properties !== null ? (properties as Record<string, unknown>)[property] : undefined;
  if (typeof schema !== 'object' || schema === null) return false;
  const record = schema as Record<string, unknown>;
  return record.enum === undefined && record.const === undefined && typeof record.$ref !== 'string';
}
