/** Reusable PTransforms and DoFns: read source rows, key and join them, build items, write. */
package dev.ticketmigration.transforms;
