/**
 * A test fixture: {@link dev.ticketmigration.faultproxy.FaultProxy}, a fault-injecting proxy to put
 * in front of dynalite (throttling, 5xx, resets, stalls, UnprocessedItems) for testing retries.
 * Test scope only; no production jar carries it.
 */
package dev.ticketmigration.faultproxy;
