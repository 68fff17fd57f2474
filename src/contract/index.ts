export * from './common.js';
export * from './auth.js';
export * from './products.js';
export * from './items.js';
export * from './item-parts.js';
