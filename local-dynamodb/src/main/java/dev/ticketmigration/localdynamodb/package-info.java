/**
 * Starts and stops dynalite, the open-source local DynamoDB used for local runs and tests, and
 * {@link dev.ticketmigration.localdynamodb.FaultProxy}, a fault-injecting proxy to put in front of
 * it (throttling, 5xx, resets, stalls, UnprocessedItems) for testing retries.
 */
package dev.ticketmigration.localdynamodb;
