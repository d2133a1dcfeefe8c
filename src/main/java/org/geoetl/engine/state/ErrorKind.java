package org.geoetl.engine.state;

import java.util.Locale;

/** app.tasks.error_type: how a task failure is classified, which decides whether it is retried. */
public enum ErrorKind {
    /** The input is at fault; another attempt would fail the same way. */
    PERMANENT,
    /** The environment failed (I/O, timeouts, a database hiccup); a later attempt may succeed. */
    TRANSIENT,
    /** Not classified; retried like transient. */
    UNKNOWN;

    public boolean retryable() {
        return this != PERMANENT;
    }

    public String sql() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return sql();
    }
}
