/** Plan statistics: item counts, sizes, write units and hot partition keys without writing. */
package dev.ticketmigration.transforms.plan;
