/**
 * Verify: scanning a table, scoping it to a slice, comparing with the items the source must become,
 * guarded repair.
 */
package dev.ticketmigration.transforms.verify;
