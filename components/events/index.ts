export * from "./asl";
export * from "./consumer-queue";
export * from "./global-endpoint";
export * from "./order-access";
export * from "./order-bus";
export * from "./order-fanout";
export * from "./order-workflow";
