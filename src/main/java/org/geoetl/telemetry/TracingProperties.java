package org.geoetl.telemetry;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * geoetl.tracing: whether spans are made and what share of traces is kept. Export is Spring's:
 * set management.otlp.tracing.endpoint (e.g. http://collector:4318/v1/traces) to send them.
 */
public record TracingProperties(
        @DefaultValue("false") boolean enabled,
        /* share of job runs traced when enabled (1.0: every one; a trace is one job run) */
        @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("1.0") double sampling) {
}
