/**
 * Starts and stops dynalite, the open-source local DynamoDB used for local runs and tests. The
 * fault-injecting proxy to put in front of it is a test fixture of its own, in the {@code
 * fault-proxy} module.
 */
package dev.ticketmigration.localdynamodb;
