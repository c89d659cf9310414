/**
 * Writing items: the DynamoDB target and its clients, BatchWriteItem with a rate cap and retry
 * metrics, import files.
 */
package dev.ticketmigration.transforms.writing;
