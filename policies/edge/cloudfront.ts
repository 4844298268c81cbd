/** Shared readers of a planned CloudFront distribution's inputs. */
import { asArray, asObject } from "../lib/values";

export type Props = Record<string, unknown>;
export const behaviorsOf = (d: Props) => [
  asObject(d.defaultCacheBehavior),
  ...asArray(d.orderedCacheBehaviors),
];
export const originsOf = (d: Props) => asArray(d.origins);
export const isS3Origin = (o: Props) =>
  typeof o.domainName === "string" && /\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com$/.test(o.domainName);
