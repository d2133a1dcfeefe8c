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
    void descriptionsNameTheTypeAndAreBounded() {
        assertThat(TaskFailures.describe(new IOException())).isEqualTo("IOException");
        assertThat(TaskFailures.describe(new IOException("disk full"))).isEqualTo("IOException: disk full");
        assertThat(TaskFailures.describe(new IOException("x".repeat(5000)))).hasSize(2001).endsWith("…");
    }
}
