export * from './classifications';
