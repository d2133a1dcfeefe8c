package org.geoetl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.engine.handler.TransientTaskException;
import org.geoetl.engine.state.ErrorKind;
import org.geoetl.error.GeoEtlException;
import org.geoetl.storage.BlobNotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;

class TaskFailuresTest {

    @Test
    void inputFaultsArePermanent() {
        assertThat(TaskFailures.classify(new PermanentTaskException("bad"))).isEqualTo(ErrorKind.PERMANENT);
        assertThat(TaskFailures.classify(new IllegalArgumentException("bad"))).isEqualTo(ErrorKind.PERMANENT);
        assertThat(TaskFailures.classify(new NullPointerException())).isEqualTo(ErrorKind.PERMANENT);
        assertThat(TaskFailures.classify(new BlobNotFoundException("bronze", "x.tif"))).isEqualTo(ErrorKind.PERMANENT);
        assertThat(TaskFailures.classify(new GeoEtlException(422, "unreadable"))).isEqualTo(ErrorKind.PERMANENT);
    }

    @Test
    void environmentFaultsAreTransientAndTheRestUnknown() {
        assertThat(TaskFailures.classify(new TransientTaskException("later"))).isEqualTo(ErrorKind.TRANSIENT);
        assertThat(TaskFailures.classify(new IOException("reset"))).isEqualTo(ErrorKind.TRANSIENT);
        assertThat(TaskFailures.classify(new TimeoutException())).isEqualTo(ErrorKind.TRANSIENT);
        assertThat(TaskFailures.classify(new QueryTimeoutException("slow"))).isEqualTo(ErrorKind.TRANSIENT);
        assertThat(TaskFailures.classify(new GeoEtlException(503, "storage unavailable"))).isEqualTo(ErrorKind.TRANSIENT);
        assertThat(TaskFailures.classify(new IllegalStateException("?"))).isEqualTo(ErrorKind.UNKNOWN);
        assertThat(TaskFailures.classify(new OutOfMemoryError())).isEqualTo(ErrorKind.UNKNOWN);
    }

    @Test
    void descriptionsAreForUsersNeverClassNamesAndAreBounded() {
        assertThat(TaskFailures.describe(new IOException())).isEqualTo("I/O failure");
        assertThat(TaskFailures.describe(new IOException("disk full"))).isEqualTo("I/O failure: disk full");
        assertThat(TaskFailures.describe(new PermanentTaskException("layer 'x' has no features")))
                .isEqualTo("layer 'x' has no features");
        assertThat(TaskFailures.describe(new NullPointerException("Cannot invoke \"String.length()\" because \"s\" is null")))
                .isEqualTo("unexpected failure (null pointer); the service log has the detail");
        assertThat(TaskFailures.describe(new IOException("x".repeat(5000)))).hasSize(2001).endsWith("…");
    }

    private static org.springframework.jdbc.BadSqlGrammarException sqlError(String state, String message) {
        return new org.springframework.jdbc.BadSqlGrammarException("create staging",
                "CREATE TABLE geo.\"t\" (a1 text, a2 text, a3 text)", new java.sql.SQLException(message, state));
    }

    @Test
    void theDatabaseVerdictDecidesAndTheStatementIsNeverShown() {
        var tooWide = sqlError("54011", "tables can have at most 1600 columns");
        assertThat(TaskFailures.classify(tooWide)).isEqualTo(ErrorKind.PERMANENT);
        assertThat(TaskFailures.describe(tooWide)).contains("1600 columns", "54011", "PostgreSQL allows (1,600)")
                .doesNotContain("CREATE", "a1 text");
        assertThat(TaskFailures.classify(sqlError("42P01", "relation does not exist"))).isEqualTo(ErrorKind.PERMANENT);
        assertThat(TaskFailures.classify(sqlError("22P02", "invalid input"))).isEqualTo(ErrorKind.PERMANENT);
        assertThat(TaskFailures.classify(sqlError("40P01", "deadlock detected"))).isEqualTo(ErrorKind.TRANSIENT);
        assertThat(TaskFailures.classify(sqlError("08006", "connection failure"))).isEqualTo(ErrorKind.TRANSIENT);
        assertThat(TaskFailures.classify(sqlError("XX000", "internal"))).isEqualTo(ErrorKind.UNKNOWN);
        assertThat(TaskFailures.describe(new IOException("cannot read /work/main/data/work/j/in.gpkg")))
                .isEqualTo("I/O failure: cannot read …/in.gpkg");
    }
}
