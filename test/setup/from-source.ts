// Every CLI a test starts runs the TypeScript source as it is now, not a dist/ built before the last edit.
process.env.EXECDRILL_FROM_SOURCE = '1';
