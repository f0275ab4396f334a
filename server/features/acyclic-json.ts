// JSON text for comparing parsed frontmatter, which YAML aliases can make cyclic.

/** JSON text of a value that may be cyclic (a YAML alias inside itself: `a: &a [*a]`): a repeated ancestor becomes "[cycle]". */
export function acyclicJson(value: unknown): string {
  const ancestors: unknown[] = [];
  return JSON.stringify(value, function (this: unknown, _key: string, v: unknown) {
    if (typeof v !== 'object' || v === null) return v;
    while (ancestors.length > 0 && ancestors[ancestors.length - 1] !== this) ancestors.pop();
    if (ancestors.includes(v)) return '[cycle]';
    ancestors.push(v);
    return v;
  });
}
