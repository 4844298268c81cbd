/**
 * The AWS commercial regions this platform knows, with the letters of their Availability Zones.
 *
 * Zone letters are per-account mappings of physical zones, but the set of letters a region offers
 * is fixed and public. Keeping the table here lets config validation reject a zone that does not
 * exist in the region without any provider call. Add a region here (one line) to support it.
 */
export const REGION_AZ_LETTERS: Readonly<Record<string, string>> = Object.freeze({
  "us-east-1": "abcdef",
  "us-east-2": "abc",
  "us-west-1": "abc",
  "us-west-2": "abcd",
  "ca-central-1": "abd",
  "ca-west-1": "abc",
  "mx-central-1": "abc",
  "sa-east-1": "abc",
  "eu-west-1": "abc",
  "eu-west-2": "abc",
  "eu-west-3": "abc",
  "eu-central-1": "abc",
  "eu-central-2": "abc",
  "eu-north-1": "abc",
  "eu-south-1": "abc",
  "eu-south-2": "abc",
  "il-central-1": "abc",
  "me-south-1": "abc",
  "me-central-1": "abc",
  "af-south-1": "abc",
  "ap-east-1": "abc",
  "ap-south-1": "abc",
  "ap-south-2": "abc",
  "ap-northeast-1": "acd",
  "ap-northeast-2": "abcd",
  "ap-northeast-3": "abc",
  "ap-southeast-1": "abc",
  "ap-southeast-2": "abc",
  "ap-southeast-3": "abc",
  "ap-southeast-4": "abc",
  "ap-southeast-5": "abc",
  "ap-southeast-7": "abc",
});

export const KNOWN_REGIONS: readonly string[] = Object.keys(REGION_AZ_LETTERS);

/** The Availability Zone names that exist in `region` (empty for an unknown region). */
export function zonesOf(region: string): string[] {
  const letters = REGION_AZ_LETTERS[region] ?? "";
  return [...letters].map((l) => `${region}${l}`);
}
