// The ownership rule of the harness servers, TypeScript and Rust alike, as every corpus states it
// in `authorizeRule`: ids of 1000 and more belong to nobody, so the corpus can expect `forbidden`.

function isIdName(name: string): boolean {
  return name === "id" || name.endsWith("Id");
}

function isBigId(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 1000;
}

/** Some object inside `value`, at any depth, has an id key holding an id of 1000 or more. */
function holdsBigId(value: unknown): boolean {
  if (Array.isArray(value)) {
    return value.some(holdsBigId);
  }
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).some(([key, item]) => (isIdName(key) && isBigId(item)) || holdsBigId(item));
  }
  return false;
}

/** Whether the rule refuses these arguments, named `names` by the catalog. */
export function deniedByIds(args: readonly unknown[], names: readonly string[]): boolean {
  return args.some((value, i) => (isIdName(names[i] ?? "") && isBigId(value)) || holdsBigId(value));
}
