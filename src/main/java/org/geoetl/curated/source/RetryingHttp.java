package org.geoetl.curated.source;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.geoetl.curated.CuratedProperties;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.engine.handler.TransientTaskException;
import org.geoetl.net.OutboundDownload;
import org.geoetl.net.OutboundHttp;
import org.geoetl.net.OutboundRefusedException;
import org.geoetl.net.OutboundResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * {@link OutboundHttp} for reference-data sources, turning HTTP outcomes into task outcomes:
 * 2xx is returned; 408, 429, 5xx and I/O failures are retried (Retry-After honoured, else
 * full-jitter backoff) and then throw {@link TransientTaskException} so the engine retries the
 * task later; 401/403 throw {@link PermanentTaskException} naming the credential variables; any
 * other status, and every outbound-policy refusal, throws {@link PermanentTaskException}. A caller
 * may take statuses it handles itself ({@code passThrough}, e.g. 401 to refresh a token).
 *
 * <p>Messages name the source, the host and the status: never the path or query (IBAT carries its
 * credentials in the query), and server texts only redacted (see {@link ErrorReasons}).
 */
@Component
public class RetryingHttp {

    /** One try of the underlying call. */
    @FunctionalInterface
    private interface Attempt<T> {
        T call() throws IOException;
    }

    /** What the retry decision looks at, whichever kind of answer it came from. */
    private record Answer(int status, Optional<String> retryAfter, byte[] body) {
        static Answer of(OutboundResponse r) {
            return new Answer(r.status(), r.header("retry-after"), r.body());
        }

        static Answer of(OutboundDownload d) {
            return new Answer(d.status(), d.header("retry-after"), null);
        }
    }

    private final OutboundHttp http;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Sleeper sleeper;

    @Autowired
    public RetryingHttp(OutboundHttp http, CuratedProperties properties, Clock clock) {
        this(http, properties.retry(), Sleeper.SYSTEM, clock, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param jitter a uniform random number in [0, 1) per wait; fixed in tests */
    public RetryingHttp(OutboundHttp http, CuratedProperties.Retry retry, Sleeper sleeper, Clock clock, DoubleSupplier jitter) {
        this.http = http;
        this.maxAttempts = retry.maxAttempts();
        this.backoff = new Backoff(retry.baseDelay(), retry.maxDelay(), jitter, clock);
        this.sleeper = sleeper;
    }

    public OutboundResponse get(SourceApi api, URI uri, Map<String, String> headers) {
        return get(api, uri, headers, Set.of());
    }

    /** GET; a status in {@code passThrough} is returned to the caller instead of being judged here. */
    public OutboundResponse get(SourceApi api, URI uri, Map<String, String> headers, Set<Integer> passThrough) {
        return run(api, uri, passThrough, () -> http.get(uri, headers), Answer::of);
    }

    /** POST {@code body} as {@code contentType}; {@code passThrough} as for {@link #get(SourceApi, URI, Map, Set)}. */
    public OutboundResponse post(SourceApi api, URI uri, Map<String, String> headers, byte[] body, String contentType,
                                 Set<Integer> passThrough) {
        return run(api, uri, passThrough, () -> http.post(uri, headers, body, contentType), Answer::of);
    }

    /**
     * Streams a 2xx body to {@code target} ({@link OutboundHttp#download}); more than
     * {@code maxBytes} is a policy refusal, so a PermanentTaskException (a bigger file will not shrink).
     */
    public OutboundDownload download(SourceApi api, URI uri, Map<String, String> headers, Path target, long maxBytes) {
        return download(api, uri, headers, target, maxBytes, bytes -> { });
    }

    /** As above, telling {@code onBytes} the bytes of the current attempt received so far. */
    public OutboundDownload download(SourceApi api, URI uri, Map<String, String> headers, Path target, long maxBytes,
                                     java.util.function.LongConsumer onBytes) {
        return run(api, uri, Set.of(), () -> http.download(uri, headers, target, maxBytes, onBytes), Answer::of);
    }

    private <T> T run(SourceApi api, URI uri, Set<Integer> passThrough, Attempt<T> attempt, Function<T, Answer> view) {
        String host = uri.getHost();
        String last = null;
        for (int n = 1; ; n++) {
            Duration wait;
            try {
                T result = attempt.call();
                Answer answer = view.apply(result);
                if (answer.status() / 100 == 2 || passThrough.contains(answer.status())) {
                    return result;
                }
                refuseUnlessRetriable(api, host, answer);
                last = "HTTP " + answer.status();
                wait = backoff.delay(n, answer.retryAfter());
            } catch (OutboundRefusedException e) {
                // the URL or the peer's answer breaks the outbound policy: no retry can change that
                throw new PermanentTaskException(api.name() + ": " + e.getMessage(), e);
            } catch (IOException e) {
                last = ErrorReasons.transport(e, api); // the cause stays out: its text is not ours to vet
                wait = backoff.delay(n, Optional.empty());
            }
            if (n >= maxAttempts) {
                throw new TransientTaskException(api.name() + " at " + host + " failed " + n + " time(s) in a row; last: "
                        + last + " (the task will be retried later)");
            }
            sleep(api, wait);
        }
    }

    private static void refuseUnlessRetriable(SourceApi api, String host, Answer answer) {
        int status = answer.status();
        if (status == 408 || status == 429 || status >= 500 && status <= 599) {
            return;
        }
        if (status == 401 || status == 403) {
            throw credentialsRefused(api, status);
        }
        throw new PermanentTaskException(api.name() + " at " + host + " answered HTTP " + status + ": "
                + ErrorReasons.reason(status, answer.body(), api));
    }

    /** The actionable message for refused credentials: which variables to check, never their values. */
    public static PermanentTaskException credentialsRefused(SourceApi api, int status) {
        return new PermanentTaskException(api.credentialVariables().isEmpty()
                ? api.name() + " refused access (HTTP " + status + ")"
                : api.name() + " refused the credentials (HTTP " + status + "); check " + api.variables());
    }

    private void sleep(SourceApi api, Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientTaskException(api.name() + " request interrupted while waiting to retry");
        }
    }
}
