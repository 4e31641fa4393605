// The facts table (README.md beside this file) as a command's core, and its sequential looks (a drill's gates share their grid and projection).
export * from './fact.ts';
export * from './claim.ts';
export * from './evaluate.ts';
export * from './sequential.ts';
export * from './run-facts.ts';
export * from './table.ts';
export { allFacts, FACTS } from './catalogue.ts';
