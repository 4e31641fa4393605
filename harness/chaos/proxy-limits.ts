/**
 * The chaos proxy's bounds (chaos-proxy.ts): how long a client may take to send its Logon, the largest
 * frame it waits for, and how much may wait in one direction before the connection is closed. Units: ms,
 * bytes. A module of its own so that the CLI can show the defaults without loading the proxy.
 */
export interface ProxyLimits {
  logonTimeoutMs: number;
  maxMessageBytes: number;
  maxBufferedBytes: number;
}

export const DEFAULT_PROXY_LIMITS: ProxyLimits = { logonTimeoutMs: 10_000, maxMessageBytes: 65_536, maxBufferedBytes: 4 << 20 };
