/** Tag helpers shared by all components. */

export type Tags = Readonly<Record<string, string>>;

/** The component's tags plus a `Name` tag (and any extra tags), for one child resource. */
export function tagsFor(base: Tags | undefined, name: string, extra: Tags = {}): Record<string, string> {
  return { ...(base ?? {}), ...extra, Name: name };
}
