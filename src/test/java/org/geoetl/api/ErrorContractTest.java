package org.geoetl.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.geoetl.engine.JobSubmission;
import org.geoetl.engine.NotFoundException;
import org.geoetl.engine.OperatorVerbs;
import org.geoetl.engine.params.FieldError;
import org.geoetl.engine.params.ParameterValidationException;
import org.geoetl.error.GeoEtlException;
import org.geoetl.stac.StacSearchException;
import org.geoetl.storage.BlobTooLargeException;
import org.junit.jupiter.api.Test;

/** Every domain error carries its own HTTP status; the processor finds it however deeply it is wrapped. */
class ErrorContractTest {

    @Test
    void domainErrorsCarryTheirStatus() {
        assertThat(new ParameterValidationException(List.of(new FieldError("n", "must be >= 1"))).status()).isEqualTo(400);
        assertThat(new ParameterValidationException(List.of(new FieldError("n", "x"))).details()).containsKey("errors");
        assertThat(new JobSubmission.UnknownJobTypeException("nope").status()).isEqualTo(404);
        assertThat(new NotFoundException("job x not found").status()).isEqualTo(404);
        assertThat(new OperatorVerbs.Refused("job is completed").status()).isEqualTo(409);
        assertThat(new BlobTooLargeException(10).status()).isEqualTo(413);
        assertThat(new StacSearchException("bad bbox").status()).isEqualTo(400);
        assertThat(new ApiException(418, "teapot").isClientError()).isTrue();
    }

    @Test
    void theFirstDomainErrorInTheCauseChainIsTheAnswer() {
        GeoEtlException inner = new NotFoundException("blob b not found");
        RuntimeException wrapped = new RuntimeException("sdk", new IllegalStateException("mid", inner));
        assertThat(ApiErrorProcessor.known(wrapped)).isSameAs(inner);
        assertThat(ApiErrorProcessor.known(new IllegalStateException("SELECT * FROM app.jobs"))).isNull();
        assertThat(ApiErrorProcessor.known(null)).isNull();
    }

    @Test
    void onlyErrorStatusesAreAccepted() {
        assertThatThrownBy(() -> new GeoEtlException(200, "fine")).isInstanceOf(IllegalArgumentException.class);
    }
}
