package org.geoetl.engine.message;

/**
 * A message the engine wants sent: its target ({@code jobs}, {@code heavy}, {@code light} or
 * {@code dead-letter}), JSON body, an optional delivery delay (retry backoff) and, for
 * dead letters, the reason.
 */
public record Outgoing(String target, Object body, long delayMs, String reason) {

    public static final String JOBS = "jobs";
    public static final String DEAD_LETTER = "dead-letter";

    public static Outgoing job(JobMessage message) {
        return new Outgoing(JOBS, message, 0, null);
    }

    public static Outgoing task(TaskMessage message) {
        return new Outgoing(message.queueClass(), message, 0, null);
    }

    public static Outgoing taskLater(TaskMessage message, long delayMs) {
        return new Outgoing(message.queueClass(), message, delayMs, null);
    }

    public static Outgoing deadLetter(TaskMessage message, String reason) {
        return new Outgoing(DEAD_LETTER, message, 0, reason);
    }
}
