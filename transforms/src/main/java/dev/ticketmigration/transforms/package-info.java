/**
 * Reusable PTransforms and DoFns of the migration, by role in sub-packages (reading, items,
 * writing, verify, plan); this package holds what all of them share: metric names, progress lines,
 * item counts and dead letters.
 */
package dev.ticketmigration.transforms;
