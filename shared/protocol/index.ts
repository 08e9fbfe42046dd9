export * from './events';
export * from './envelope';
export { exceedsJsonSize } from './jsonSize';
export * from './wire';
