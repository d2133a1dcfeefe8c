package org.geoetl.stac;

import java.util.List;

/** Published items of these jobs changed and were unpublished: their approvals must be reviewed again. */
public record PublishedItemsChanged(List<String> jobIds) {
}
