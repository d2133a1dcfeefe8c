package org.geoetl.diagnostic;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The records hello_world's stages exchange (job parameters, task parameters, results). */
final class HelloWorld {

    private HelloWorld() {
    }

    /** The job's parameters (validated against jobs/hello_world.yaml, defaults applied). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Params(int n, String message, double failureRate) {
    }

    /** A fixed(n) task's own parameters. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Slot(int index, int count) {
    }

    /** What a greeting task returns, and what each reply task receives as its item. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Greeting(int index, String greeting) {
    }

    /** An each(greeting) task's parameters. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ReplyTask(int index, Greeting item) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)

    record Reply(int index, String greeting, String reply) {
    }
}
