package org.geoetl.support;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An in-memory span exporter for the integration tests' service (the test profile turns tracing
 * on): Spring Boot hands every SpanExporter bean the finished spans. Bounded, because every test
 * of the JVM makes spans and only the newest matter.
 */
@Configuration(proxyBeanMethods = false)
public class SpanCapture {

    private static final int KEEP = 50_000;
    private static final ConcurrentLinkedDeque<SpanData> SPANS = new ConcurrentLinkedDeque<>();

    @Bean
    SpanExporter capturingSpanExporter() {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                SPANS.addAll(spans);
                while (SPANS.size() > KEEP) {
                    SPANS.pollFirst();
                }
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }

    public static List<SpanData> all() {
        return List.copyOf(SPANS);
    }

    /** Finished spans of one trace, as exported so far. */
    public static List<SpanData> trace(String traceId) {
        return SPANS.stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }
}
