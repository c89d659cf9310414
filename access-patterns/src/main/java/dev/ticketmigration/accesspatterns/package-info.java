/**
 * The SPEC's access patterns on the migrated tables, their SQL twins on the source, and the {@code
 * Ask} command.
 */
package dev.ticketmigration.accesspatterns;
