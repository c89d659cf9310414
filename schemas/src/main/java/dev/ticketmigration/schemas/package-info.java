/** Source row and DynamoDB item models, key formats and table definitions of the migration. */
package dev.ticketmigration.schemas;
