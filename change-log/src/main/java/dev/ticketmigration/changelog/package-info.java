/** The source's change log read as dirty keys: which rows to rebuild, at which source position. */
package dev.ticketmigration.changelog;
