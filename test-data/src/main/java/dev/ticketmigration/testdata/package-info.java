/** DMS_SAMPLE source schema per SQL dialect and a deterministic, seeded generator of its data. */
package dev.ticketmigration.testdata;
