// True for an object that is not an array or null: the shape of every DynamoDB JSON object.
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
