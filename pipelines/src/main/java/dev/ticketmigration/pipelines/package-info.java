/** The runnable migration: options, the pipeline graph, source and target checks, the summary. */
package dev.ticketmigration.pipelines;
