package org.geoetl.stac.cql2;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** RFC 3339 timestamps and dates of CQL2 literals. */
final class Cql2Times {

    private Cql2Times() {
    }

    static OffsetDateTime instant(String text, String at) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new Cql2Exception(at + ": '" + Cql2Json.abbreviate(text) + "' is not an RFC 3339 timestamp or date");
        }
    }

    static Cql2.Interval interval(String start, String end, String at) {
        OffsetDateTime s = "..".equals(start) ? null : instant(start, at);
        OffsetDateTime e = "..".equals(end) ? null : instant(end, at);
        if (s != null && e != null && s.isAfter(e)) {
            throw new Cql2Exception(at + ": the interval starts after it ends");
        }
        return new Cql2.Interval(s, e);
    }
}
