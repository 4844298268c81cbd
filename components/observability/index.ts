export * from "./alarm-specs";
export * from "./alarm-topics";
export * from "./alarms";
export * from "./cost-anomaly";
export * from "./dashboard";
export * from "./dashboard-body";
export * from "./metrics";
export * from "./region-health";
