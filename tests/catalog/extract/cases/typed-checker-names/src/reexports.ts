export { ORIGINAL as RENAMED, Events as EventNames } from './events.js';
export * as all from './events.js';
