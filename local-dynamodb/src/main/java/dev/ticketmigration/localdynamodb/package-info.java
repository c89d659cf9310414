/** Starts and stops dynalite, the open-source local DynamoDB used for local runs and tests. */
package dev.ticketmigration.localdynamodb;
