// The public surface of venues/; modules add their exports here.
export {};
