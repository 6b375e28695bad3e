// Private: the projection and consistency fields of a batch or transactional read. The key attributes are
// added to the projection, so results can be matched to the keys asked for.
import type { CodecOptions } from "../codec/mod.ts";
import { compileExpressions } from "../expressions/compile.ts";
import { parsePath, type PathInput } from "../expressions/path.ts";

/** The read fields of one table of BatchGetItem (or one Get of TransactGetItems). */
export interface ReadFields {
  ConsistentRead?: boolean;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
}

/** Builds the read fields; with a projection, the key attributes `keys` are always projected too. */
export function readFields(
  options: { consistentRead?: boolean; projection?: readonly PathInput[] },
  keys: readonly string[],
  codec?: CodecOptions,
): ReadFields {
  const { consistentRead, projection } = options;
  const out: ReadFields = consistentRead ? { ConsistentRead: true } : {};
  if (projection) {
    const paths = projection.map((p) => parsePath(p));
    for (const k of keys) if (!paths.some((p) => p.length === 1 && p[0] === k)) paths.push([k]);
    const { ProjectionExpression, ExpressionAttributeNames } = compileExpressions({
      projection: paths,
    }, codec);
    Object.assign(out, { ProjectionExpression, ExpressionAttributeNames });
  }
  return out;
}
