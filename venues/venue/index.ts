// The public surface of the venue assembly.
export * from './requests.ts';
export * from './feed-messages.ts';
export * from './venue.ts';
export * from './silence-watch.ts';
