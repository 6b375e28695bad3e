// An evaluator of condition specs and update specs over AttributeValue items, written from DynamoDB's
// documented semantics and independent of lib/expressions, for the oracle tests; where the documentation
// leaves a detail open, it follows AWS's DynamoDB Local.
import type { AttributeMap, AttributeValue } from "../../lib/codec/mod.ts";
import type { CmpOp, PathSpec, Spec } from "./_spec.ts";

type AV = AttributeValue;
const typeOf = (av: AV): string => Object.keys(av)[0];
const inner = (av: AV): unknown => Object.values(av)[0];

/** The value at `path`, or undefined. */
export function resolvePath(item: AttributeMap, path: PathSpec): AV | undefined {
  return path.reduce<AV | undefined>(step, { M: item });
}

function step(c: AV | undefined, e: string | number): AV | undefined {
  if (!c) return undefined;
  if (typeof e === "number") return "L" in c ? c.L[e] : undefined;
  return "M" in c && Object.hasOwn(c.M, e) ? c.M[e] : undefined;
}

/** Deep equality of AttributeValues, sets in any order, numbers by value. */
export function equal(a: AV, b: AV): boolean {
  const t = typeOf(a);
  if (t !== typeOf(b)) return false;
  const x = inner(a), y = inner(b);
  if (t === "N") return Number(x) === Number(y);
  if (t === "SS" || t === "NS" || t === "BS") {
    const xs = x as string[], ys = y as string[];
    const norm = (v: string) => t === "NS" ? String(Number(v)) : v;
    return xs.length === ys.length && xs.every((v) => ys.map(norm).includes(norm(v)));
  }
  if (t === "L") {
    const xs = x as AV[], ys = y as AV[];
    return xs.length === ys.length && xs.every((v, i) => equal(v, ys[i]));
  }
  if (t === "M") {
    const xm = x as Record<string, AV>, ym = y as Record<string, AV>;
    const keys = Object.keys(xm);
    return keys.length === Object.keys(ym).length &&
      keys.every((k) => Object.hasOwn(ym, k) && equal(xm[k], ym[k]));
  }
  return x === y;
}

const utf8 = (s: string) => [...new TextEncoder().encode(s)];
function order(a: AV, b: AV): number | undefined {
  if ("N" in a && "N" in b) return Number(a.N) - Number(b.N);
  if ("S" in a && "S" in b) {
    const x = utf8(a.S), y = utf8(b.S);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  }
  return undefined;
}

function sizeOf(av: AV | undefined): AV | undefined {
  if (!av) return undefined;
  // The documentation says "the length of the string"; DynamoDB Local counts UTF-16 units (size of
  // "é" is 1, of "😀" is 2), as dynalite does.
  if ("S" in av) return { N: String(av.S.length) };
  if ("B" in av) return { N: String(atob(av.B).length) };
  for (const t of ["SS", "NS", "BS", "L"] as const) {
    if (t in av) return { N: String((inner(av) as unknown[]).length) };
  }
  if ("M" in av) return { N: String(Object.keys(av.M).length) };
  return undefined;
}

function compare(op: CmpOp, a: AV | undefined, b: AV): boolean {
  if (op === "<>") return !a || !equal(a, b);
  if (!a) return false;
  if (op === "=") return equal(a, b);
  const r = order(a, b);
  if (r === undefined) return false;
  return op === "<" ? r < 0 : op === "<=" ? r <= 0 : op === ">" ? r > 0 : r >= 0;
}

/** Whether `item` satisfies the condition `spec`; `encode` turns the spec's plain values into AVs. */
export function evaluate(spec: Spec, item: AttributeMap, encode: (v: unknown) => AV): boolean {
  const lhs = (p: PathSpec, isSize: boolean) =>
    isSize ? sizeOf(resolvePath(item, p)) : resolvePath(item, p);
  switch (spec.t) {
    case "and":
      return spec.of.every((s) => evaluate(s, item, encode));
    case "or":
      return spec.of.some((s) => evaluate(s, item, encode));
    case "not":
      return !evaluate(spec.of, item, encode);
    case "cmp":
      return compare(spec.op, lhs(spec.path, spec.size), encode(spec.value));
    case "between": {
      const a = lhs(spec.path, spec.size);
      return compare(">=", a, encode(spec.low)) && compare("<=", a, encode(spec.high));
    }
    case "in": {
      const a = lhs(spec.path, spec.size);
      return !!a && spec.values.some((v) => equal(a, encode(v)));
    }
    case "exists":
      return resolvePath(item, spec.path) !== undefined;
    case "notExists":
      return resolvePath(item, spec.path) === undefined;
    case "type": {
      const a = resolvePath(item, spec.path);
      return !!a && typeOf(a) === spec.type;
    }
    case "begins": {
      const a = resolvePath(item, spec.path);
      return !!a && "S" in a && a.S.startsWith(spec.value);
    }
    case "contains": {
      const a = resolvePath(item, spec.path);
      const v = encode(spec.value);
      if (!a) return false;
      if ("S" in a) return "S" in v && a.S.includes(v.S);
      if ("SS" in a) return "S" in v && a.SS.includes(v.S);
      if ("NS" in a) return "N" in v && a.NS.some((n) => Number(n) === Number(v.N));
      if ("L" in a) return a.L.some((e) => equal(e, v));
      return false;
    }
  }
}

/** An update as plain data: what the oracle asks the builder and this evaluator to do. */
export type UpdateStep =
  | { do: "set"; path: PathSpec; value: unknown }
  | { do: "setFrom"; path: PathSpec; from: PathSpec }
  | { do: "setSum"; path: PathSpec; start: number; add: number; sign: 1 | -1 }
  | { do: "append"; path: PathSpec; list: unknown[]; front: boolean }
  | { do: "setIfMissing"; path: PathSpec; value: unknown }
  | { do: "remove"; path: PathSpec }
  | { do: "add"; path: PathSpec; value: number | Set<string> }
  | { do: "delete"; path: PathSpec; value: Set<string> };

function parentOf(root: AV, path: PathSpec): [AV | undefined, string | number] {
  return [path.length === 1 ? root : resolveIn(root, path.slice(0, -1)), path[path.length - 1]];
}
function resolveIn(root: AV, path: PathSpec): AV | undefined {
  return "M" in root ? resolvePath(root.M, path) : undefined;
}
function put(root: AV, path: PathSpec, value: AV): void {
  const [parent, last] = parentOf(root, path);
  if (parent && "M" in parent && typeof last === "string") parent.M[last] = value;
  else if (parent && "L" in parent && typeof last === "number") {
    if (last < parent.L.length) parent.L[last] = value;
    else parent.L.push(value); // an index past the end appends
  } else throw new Error(`invalid update path ${JSON.stringify(path)}`);
}
function drop(root: AV, path: PathSpec): void {
  const [parent, last] = parentOf(root, path);
  if (parent && "M" in parent && typeof last === "string") delete parent.M[last];
  else if (parent && "L" in parent && typeof last === "number" && last < parent.L.length) {
    parent.L.splice(last, 1);
  }
}

const num = (n: number) => ({ N: String(n) });

/** Applies update steps to a copy of `item`: right-hand sides read the item as it was before the update. */
export function applyUpdate(
  item: AttributeMap,
  steps: UpdateStep[],
  encode: (v: unknown) => AV,
): AttributeMap {
  const before: AV = { M: item };
  const root: AV = structuredClone(before);
  const read = (p: PathSpec) => resolveIn(before, p);
  const computed = steps.map((s): AV | undefined => {
    switch (s.do) {
      case "set":
        return encode(s.value);
      case "setFrom":
        return read(s.from);
      case "setSum": {
        const cur = read(s.path);
        return num((cur && "N" in cur ? Number(cur.N) : s.start) + s.sign * s.add);
      }
      case "append": {
        const cur = read(s.path);
        const old = cur && "L" in cur ? cur.L : [];
        const extra = s.list.map(encode);
        return { L: s.front ? [...extra, ...old] : [...old, ...extra] };
      }
      case "setIfMissing":
        return read(s.path) ?? encode(s.value);
      default:
        return undefined;
    }
  });
  // REMOVE of list elements uses the indexes of the list before the update: remove from the highest.
  const removes = steps.filter((s) => s.do === "remove").sort((a, b) => {
    const x = a.path[a.path.length - 1], y = b.path[b.path.length - 1];
    return typeof x === "number" && typeof y === "number" ? y - x : 0;
  });
  steps.forEach((s, i) => {
    const v = computed[i];
    if (v) put(root, s.path, structuredClone(v));
    else if (s.do === "add") {
      const cur = resolveIn(root, s.path);
      const value = encode(s.value);
      if ("N" in value) {
        put(root, s.path, num(Number(cur && "N" in cur ? cur.N : 0) + Number(value.N)));
      } else {
        const old = cur ? inner(cur) as string[] : [];
        const merged = [...old, ...(inner(value) as string[]).filter((x) => !old.includes(x))];
        put(root, s.path, { [typeOf(value)]: merged } as AV);
      }
    } else if (s.do === "delete") {
      const cur = resolveIn(root, s.path);
      if (!cur) return;
      const gone = inner(encode(s.value)) as string[];
      const left = (inner(cur) as string[]).filter((x) => !gone.includes(x));
      if (left.length) put(root, s.path, { [typeOf(cur)]: left } as AV);
      else drop(root, s.path);
    }
  });
  for (const s of removes) drop(root, s.path);
  return (root as { M: AttributeMap }).M;
}
