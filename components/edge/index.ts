export { Cdn, type CdnArgs, CLOUDFRONT_ZONE_ID } from "./cdn";
export { RegionalEndpoint, type RegionalEndpointArgs } from "./regional-endpoint";
export { WebAcl, type WebAclArgs } from "./web-acl";
