package org.geoetl.engine.definition;

/** One stage of a job type: a number (1-based), a name later stages can refer to, a task type, a fan-out rule and an optional run_if. */
public record StageDefinition(int number, String name, String taskType, FanOut fanOut, StageCondition runIf,
                              String description) {

    /** Whether this stage runs for these parameters (no run_if: always). */
    public boolean runsFor(com.fasterxml.jackson.databind.JsonNode params) {
        return runIf == null || runIf.test(params);
    }
}
