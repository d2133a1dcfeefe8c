package org.geoetl.vector;

/** One value in PostgreSQL's COPY text format: \N for null, backslash escapes, no NUL bytes. */
final class CopyText {

    private CopyText() {
    }

    static void append(StringBuilder row, String value) {
        if (row.length() > 0 && row.charAt(row.length() - 1) != '\n') {
            row.append('\t');
        }
        if (value == null) {
            row.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> row.append("\\\\");
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                case '\0' -> { } // PostgreSQL text cannot hold NUL; dropped (counted by the caller)
                default -> row.append(c);
            }
        }
    }
}
