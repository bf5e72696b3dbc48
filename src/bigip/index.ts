/** The BIG-IP configuration model: parse tmsh / bigpipe `bigip.conf` text into typed objects and query them. */
export * from './address.js';
export * from './datagroup.js';
export * from './diagnostic.js';
export * from './model.js';
export * from './parse-config.js';
export * from './props.js';
export * from './query.js';
export * from './resolve.js';
export * from './services.js';
export * from './tmsh.js';
