/**
 * Source reads: whole tables, ticket tables in parallel id ranges (with the rows outside them), row
 * mapping by logical meaning, sampling.
 */
package dev.ticketmigration.transforms.reading;
