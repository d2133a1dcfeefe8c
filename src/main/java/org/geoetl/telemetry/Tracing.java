package org.geoetl.telemetry;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Spans of the engine, carried across queues as a W3C {@code traceparent} message header: submit
 * (the HTTP request's span) → orchestrator → every task → the stage barrier → the next stage …, one
 * trace per job run. With geoetl.tracing.enabled false (the default) every call is a no-op.
 * The log lines written inside a span carry {@code job_id} and {@code task_id} (MDC), beside the
 * {@code traceId} Micrometer Tracing adds.
 */
@Component
public class Tracing {

    /** The message header (and JMS property) carrying the trace context. */
    public static final String HEADER = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    public Tracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
    }

    /** An open span in scope on this thread; close it (try-with-resources) on the same thread. */
    public final class Scope implements AutoCloseable {
        private final Span span;
        private final Tracer.SpanInScope inScope;
        private final Map<String, String> mdcBefore;
        private final long startedNanos = System.nanoTime();

        private Scope(Span span, Map<String, String> mdc) {
            this.span = span;
            this.inScope = tracer.withSpan(span);
            this.mdcBefore = new HashMap<>();
            mdc.forEach((k, v) -> {
                mdcBefore.put(k, MDC.get(k));
                MDC.put(k, v);
            });
        }

        public Scope tag(String key, String value) {
            if (value != null) {
                span.tag(key, value);
            }
            return this;
        }

        /** System.nanoTime() when the span started (for durations measured beside it). */
        public long startedNanos() {
            return startedNanos;
        }

        public void error(Throwable t) {
            span.error(t);
        }

        /** The trace id, or null when tracing is off. */
        public String traceId() {
            String id = span.context().traceId();
            return id == null || id.isEmpty() ? null : id;
        }

        @Override
        public void close() {
            inScope.close();
            span.end();
            mdcBefore.forEach((k, v) -> {
                if (v == null) {
                    MDC.remove(k);
                } else {
                    MDC.put(k, v);
                }
            });
        }
    }

    /**
     * Starts a span named {@code name}: a child of {@code traceparent} when given, else of the
     * current span, else a new trace. {@code mdc} entries (job_id, task_id) are set for its log lines.
     */
    public Scope start(String name, String traceparent, Map<String, String> mdc) {
        Span span;
        if (traceparent != null && !traceparent.isBlank()) {
            span = propagator.extract(Map.of(HEADER, traceparent), (carrier, key) -> carrier.get(key)).name(name).start();
        } else {
            span = tracer.nextSpan().name(name).start();
        }
        mdc.forEach(span::tag);
        return new Scope(span, mdc);
    }

    /** The current span as a {@code traceparent} value, or null when there is none (tracing off). */
    public String current() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(HEADER);
    }

    /** The current trace id, or null. */
    public String currentTraceId() {
        Span span = tracer.currentSpan();
        return span == null ? null : span.context().traceId();
    }
}
