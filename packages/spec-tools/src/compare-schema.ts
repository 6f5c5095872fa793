// Comparing two schemas (and named component schemas, once per direction) and reporting what changed.
import type { ChangeList } from './changes.js';
import { isDocKey } from './documentation.js';
import { code, isObject, json, unescapePointer } from './json.js';
import { byDirection, type Direction } from './level.js';
import type { Resolver } from './resolve.js';
import {
  HANDLED,
  LOWER_BOUNDS,
  OTHER_CONSTRAINTS,
  UPPER_BOUNDS,
  admitsAll,
  enumOf,
  typeSet,
  typeText,
} from './schema-keywords.js';

/** The component schema name of a `#/components/schemas/<name>` ref. */
export function componentName(node: unknown): string | undefined {
  if (!isObject(node) || typeof node.$ref !== 'string') return undefined;
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(node.$ref);
  return match?.[1] === undefined ? undefined : unescapePointer(match[1]);
}

export class SchemaComparison {
  /** Component schemas compared (or being compared), by `name|direction`. */
  readonly components = new Set<string>();

  constructor(
    readonly before: Resolver,
    readonly after: Resolver,
    readonly changes: ChangeList,
  ) {}

  /** Has the component schema `name` been compared in any direction? */
  compared(name: string): boolean {
    return [...this.components].some((key) => key.startsWith(`${name}|`));
  }

  /** Compares a component schema once per direction, under its own name. */
  component(name: string, dir: Direction): void {
    const key = `${name}|${dir}`;
    if (this.components.has(key)) return;
    this.components.add(key);
    const oldSchema: unknown = this.before.doc.components?.schemas?.[name];
    const newSchema: unknown = this.after.doc.components?.schemas?.[name];
    if (oldSchema === undefined || newSchema === undefined) return; // reported as an added/removed type
    const where =
      dir === 'both'
        ? `schema ${code(name)}`
        : `schema ${code(name)} (in ${dir === 'request' ? 'requests' : 'responses'})`;
    this.schema(oldSchema, newSchema, where, '', dir, [`#/components/schemas/${name}`]);
  }

  /**
   * Compares two schemas. `where` names the place (operation, schema), `field` the path inside it, `seen` the
   * refs being resolved (cycles).
   */
  schema(oldNode: unknown, newNode: unknown, where: string, field: string, dir: Direction, seen: string[] = []): void {
    const add = this.changes.add.bind(this.changes);
    const oldName = componentName(oldNode);
    const newName = componentName(newNode);
    if (oldName !== undefined && oldName === newName) {
      // The same named schema on both sides: compared once per direction, under its own name.
      this.component(oldName, dir);
      return;
    }
    // allOf of the same named schemas on both sides (the envelope pattern): each named part is compared once
    // under its own name, the inline parts here; anything else is compared merged.
    const rawOld: unknown = this.before.deref(oldNode, seen);
    const rawNew: unknown = this.after.deref(newNode, seen);
    if (
      isObject(rawOld) &&
      isObject(rawNew) &&
      Array.isArray(rawOld.allOf) &&
      Array.isArray(rawNew.allOf) &&
      rawOld.allOf.length === rawNew.allOf.length &&
      rawOld.allOf.every((part: unknown, i: number) => componentName(part) === componentName(rawNew.allOf[i]))
    ) {
      rawOld.allOf.forEach((part: unknown, i: number) => {
        const name = componentName(part);
        if (name !== undefined) this.component(name, dir);
        else this.schema(part, rawNew.allOf[i], where, field, dir, seen);
      });
      const { allOf: _oldParts, ...oldRest } = rawOld;
      const { allOf: _newParts, ...newRest } = rawNew;
      this.schema(oldRest, newRest, where, field, dir, seen);
      return;
    }
    const o: unknown = this.before.schema(oldNode, seen);
    const n: unknown = this.after.schema(newNode, seen);
    const at = field ? `${where}: field ${code(field)}` : where;
    if (isObject(o) && o.$circular) {
      if (!(isObject(n) && n.$circular === o.$circular)) add('breaking', `${at}: recursive schema changed (review)`);
      return;
    }
    if (!isObject(o) || !isObject(n)) {
      if (json(o) !== json(n)) add('breaking', `${at}: schema changed (review)`);
      return;
    }

    // Types.
    const ot = typeSet(o);
    const nt = typeSet(n);
    if (ot.size > 0 && nt.size > 0 && typeText(ot) !== typeText(nt)) {
      const widened = admitsAll(nt, ot);
      add(
        dir === 'request' && widened ? 'feature' : 'breaking',
        `${at}: type changed from ${code(typeText(ot))} to ${code(typeText(nt))}`,
      );
    } else if (ot.size > 0 && nt.size === 0) {
      add(byDirection(dir, 'feature', 'breaking'), `${at}: no longer typed (was ${code(typeText(ot))})`);
    } else if (ot.size === 0 && nt.size > 0) {
      add(byDirection(dir, 'breaking', 'feature'), `${at}: now typed ${code(typeText(nt))}`);
    }

    // Enums.
    const oe = enumOf(o);
    const ne = enumOf(n);
    if (oe && ne) {
      const removed = oe.filter((v) => !ne.includes(v));
      const added = ne.filter((v) => !oe.includes(v));
      if (removed.length > 0) add('breaking', `${at}: enum narrowed, no longer ${removed.join(', ')}`);
      if (added.length > 0) {
        add(
          'feature',
          dir === 'request'
            ? `${at}: enum accepts ${added.join(', ')}`
            : `${at}: enum gained ${added.join(', ')} (code that switches over every value needs a new case)`,
        );
      }
    } else if (!oe && ne) {
      add('breaking', `${at}: enum narrowed, now only ${ne.join(', ')}`);
    } else if (oe && !ne) {
      add('feature', `${at}: no longer limited to ${oe.join(', ')}`);
    }

    // Object properties.
    const op: Record<string, unknown> = isObject(o.properties) ? o.properties : {};
    const np: Record<string, unknown> = isObject(n.properties) ? n.properties : {};
    const oreq = new Set<string>(Array.isArray(o.required) ? o.required : []);
    const nreq = new Set<string>(Array.isArray(n.required) ? n.required : []);
    const sub = (key: string) => (field ? `${field}.${key}` : key);
    for (const key of Object.keys(op)) {
      if (!(key in np)) add('breaking', `${where}: field ${code(sub(key))} removed`);
    }
    for (const key of Object.keys(np)) {
      if (key in op) continue;
      if (dir === 'response') add('feature', `${where}: new field ${code(sub(key))}`);
      else if (nreq.has(key)) add('breaking', `${where}: new required field ${code(sub(key))}`);
      else add('feature', `${where}: new optional field ${code(sub(key))}`);
    }
    for (const key of Object.keys(op)) {
      if (!(key in np)) continue;
      if (!oreq.has(key) && nreq.has(key)) {
        add(byDirection(dir, 'breaking', 'feature'), `${where}: field ${code(sub(key))} is now required`);
      } else if (oreq.has(key) && !nreq.has(key)) {
        add(
          byDirection(dir, 'feature', 'breaking'),
          `${where}: field ${code(sub(key))} is now optional${dir === 'request' ? '' : ' (may be missing)'}`,
        );
      }
      this.schema(op[key], np[key], where, sub(key), dir, seen);
    }
    // required entries for properties that are not declared (rare): compare as a set.
    const undeclared = (req: Set<string>, props: Record<string, unknown>) =>
      [...req]
        .filter((k) => !(k in props))
        .sort()
        .join(',');
    if (undeclared(oreq, op) !== undeclared(nreq, np)) add('breaking', `${at}: required list changed (review)`);

    // additionalProperties.
    const oa: unknown = o.additionalProperties;
    const na: unknown = n.additionalProperties;
    if (isObject(oa) && isObject(na)) this.schema(oa, na, where, `${field || ''}{*}`, dir, seen);
    else if (json(oa) !== json(na)) {
      const closed = na === false || (oa === undefined && isObject(na)) || (oa === true && isObject(na));
      add(
        closed ? byDirection(dir, 'breaking', 'feature') : byDirection(dir, 'feature', 'breaking'),
        `${at}: additional properties ${closed ? 'restricted' : 'allowed'}`,
      );
    }

    // Arrays.
    if (o.items !== undefined && n.items !== undefined) this.schema(o.items, n.items, where, `${field}[]`, dir, seen);
    else if (json(o.items) !== json(n.items))
      add('breaking', `${at}: array items ${o.items === undefined ? 'now typed' : 'no longer typed'} (review)`);
    if (json(o.prefixItems) !== json(n.prefixItems)) add('breaking', `${at}: prefixItems changed (review)`);

    // Unions.
    for (const keyword of ['oneOf', 'anyOf']) {
      const ov: unknown[] | undefined = Array.isArray(o[keyword]) ? o[keyword] : undefined;
      const nv: unknown[] | undefined = Array.isArray(n[keyword]) ? n[keyword] : undefined;
      if (!ov && !nv) continue;
      if (ov && nv && ov.length === nv.length) {
        for (const [i, variant] of ov.entries())
          this.schema(variant, nv[i], where, `${field}(${keyword} ${i + 1})`, dir, seen);
        continue;
      }
      const oldTexts = (ov ?? []).map(json);
      const newTexts = (nv ?? []).map(json);
      if (oldTexts.some((t) => !newTexts.includes(t))) add('breaking', `${at}: ${keyword} lost a variant`);
      if (newTexts.some((t) => !oldTexts.includes(t)))
        add(byDirection(dir, 'feature', 'breaking'), `${at}: ${keyword} gained a variant`);
    }

    // Constraints (the client validates responses with them; the server validates requests).
    for (const key of [...LOWER_BOUNDS, ...UPPER_BOUNDS, ...OTHER_CONSTRAINTS]) {
      const before: unknown = o[key];
      const after: unknown = n[key];
      if (json(before) === json(after)) continue;
      let tighter: boolean;
      if (after === undefined) tighter = false;
      else if (before === undefined) tighter = key !== 'uniqueItems' || after === true;
      else if (LOWER_BOUNDS.includes(key) && typeof before === 'number' && typeof after === 'number')
        tighter = after > before;
      else if (UPPER_BOUNDS.includes(key) && typeof before === 'number' && typeof after === 'number')
        tighter = after < before;
      else if (key === 'uniqueItems') tighter = after === true;
      else tighter = true; // a different pattern, format, ...: assume it rejects something it accepted
      add(
        tighter ? 'breaking' : 'feature',
        `${at}: ${code(key)} ${tighter ? 'tightened' : 'loosened'} (${json(before) ?? 'none'} → ${json(after) ?? 'none'})`,
      );
    }

    if (o.deprecated !== true && n.deprecated === true) add('feature', `${at}: deprecated`);
    if (o.deprecated === true && n.deprecated !== true) add('feature', `${at}: no longer deprecated`);
    if (json(o.default) !== json(n.default))
      add('fix', `${at}: default ${json(o.default) ?? 'none'} → ${json(n.default) ?? 'none'}`);
    if (json(o.discriminator) !== json(n.discriminator)) add('breaking', `${at}: discriminator changed (review)`);

    // Anything else (readOnly, writeOnly, not, if/then/else, ...): not classified.
    for (const key of new Set([...Object.keys(o), ...Object.keys(n)])) {
      if (HANDLED.has(key) || isDocKey(key)) continue;
      if (json(o[key]) !== json(n[key])) add('breaking', `${at}: ${code(key)} changed (not classified: review)`);
    }
  }
}
