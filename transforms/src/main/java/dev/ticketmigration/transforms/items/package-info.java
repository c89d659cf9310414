/**
 * Item building: ticket tables joined by ticket into ticket_sales items, configuration rows into
 * config items, rejected rows to dead letters.
 */
package dev.ticketmigration.transforms.items;
