package org.geoetl.curated.source;

/**
 * An event ACLED has withdrawn since it was published: its row must go from the loaded table.
 *
 * @param eventIdCnty      the withdrawn event's id
 * @param deletedTimestamp unix seconds of the deletion: the incremental cursor of deletions
 */
public record AcledDeletion(String eventIdCnty, long deletedTimestamp) {
}
