// The public surface of policies/; modules add their exports here.
export {};
