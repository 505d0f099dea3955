export * from './common';
export * from './video';
export * from './avatar';
export * from './voice';
export * from './user';
