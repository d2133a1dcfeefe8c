package org.geoetl.curated.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns ACLED rows into records, leniently: values may come as strings or numbers, empty strings
 * mean absent, an unparseable optional value becomes null. A row the load cannot use (no id, no
 * coordinates, no timestamp to track it by) is rejected into the {@link Tally}, never dropped.
 */
final class AcledRows {

    private AcledRows() {
    }

    /** Counts what a read delivered and what it rejected, by reason, keeping the first examples. */
    static final class Tally {
        private long count;
        private final Map<String, Long> reasons = new LinkedHashMap<>();
        private final List<String> examples = new ArrayList<>();

        void accepted(int rows) {
            count += rows;
        }

        void reject(int page, int row, String id, String reason) {
            reasons.merge(reason, 1L, Long::sum);
            if (examples.size() < AcledReadResult.MAX_EXAMPLES) {
                examples.add("page " + page + " row " + (row + 1) + (id == null ? "" : " (event " + id + ")") + ": " + reason);
            }
        }

        AcledReadResult result() {
            return new AcledReadResult(count, reasons.values().stream().mapToLong(Long::longValue).sum(), reasons, examples);
        }
    }

    static Optional<AcledEvent> event(JsonNode row, int page, int index, Tally tally) {
        String id = text(row, "event_id_cnty");
        Double latitude = decimal(row, "latitude");
        Double longitude = decimal(row, "longitude");
        Long timestamp = whole(row, "timestamp");
        String reason = id == null ? "missing event_id_cnty"
                : latitude == null || longitude == null ? "missing or invalid coordinates"
                : Math.abs(latitude) > 90 || Math.abs(longitude) > 180 ? "coordinates out of range"
                : timestamp == null ? "missing or invalid timestamp" : null;
        if (reason != null) {
            tally.reject(page, index, printable(id), reason);
            return Optional.empty();
        }
        Long fatalities = whole(row, "fatalities");
        return Optional.of(new AcledEvent(id, date(row, "event_date"), text(row, "year"), text(row, "time_precision"),
                text(row, "disorder_type"), text(row, "event_type"), text(row, "sub_event_type"),
                text(row, "actor1"), text(row, "assoc_actor_1"), text(row, "inter1"),
                text(row, "actor2"), text(row, "assoc_actor_2"), text(row, "inter2"),
                text(row, "interaction"), text(row, "civilian_targeting"), text(row, "iso"), text(row, "region"),
                text(row, "country"), text(row, "admin1"), text(row, "admin2"), text(row, "admin3"),
                text(row, "location"), latitude, longitude, text(row, "geo_precision"), text(row, "source"),
                text(row, "source_scale"), text(row, "notes"),
                fatalities == null || Math.abs(fatalities) > Integer.MAX_VALUE ? null : fatalities.intValue(),
                text(row, "tags"), timestamp));
    }

    static Optional<AcledDeletion> deletion(JsonNode row, int page, int index, Tally tally) {
        String id = text(row, "event_id_cnty");
        Long deleted = whole(row, "deleted_timestamp");
        String reason = id == null ? "missing event_id_cnty" : deleted == null ? "missing or invalid deleted_timestamp" : null;
        if (reason != null) {
            tally.reject(page, index, printable(id), reason);
            return Optional.empty();
        }
        return Optional.of(new AcledDeletion(id, deleted));
    }

    /** The value as text, stripped; null when missing, JSON null, empty or a container. */
    static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    private static Double decimal(JsonNode row, String field) {
        String text = text(row, field);
        try {
            double value = text == null ? Double.NaN : Double.parseDouble(text);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /* Whole numbers, also written "12.0" or "1.7e9"; a fraction is not a whole number. */
    private static Long whole(JsonNode row, String field) {
        String text = text(row, field);
        try {
            return text == null ? null : new BigDecimal(text).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static LocalDate date(JsonNode row, String field) {
        String text = text(row, field);
        try {
            return text == null ? null : LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /* An id from the server, as an example may quote it. */
    private static String printable(String id) {
        return id == null ? null : id.replaceAll("[^\\w.-]", "?").substring(0, Math.min(id.length(), 40));
    }
}
