package org.geoetl.catalog.health;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a consistency run found: per check at most N issues, each with the ids that repair it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HealthReport(Instant checkedAt, Summary summary, List<CheckResult> checks) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Summary(int totalChecks, int checksPassed, int checksWithIssues, int issues) {
    }

    /** {@code truncated}: more issues exist than the {@code limit} shown. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CheckResult(String name, String description, String repair, String status, int count, boolean truncated,
                              List<Map<String, Object>> issues) {

        static CheckResult of(HealthCheck check, List<Map<String, Object>> found, int limit) {
            boolean truncated = found.size() > limit;
            List<Map<String, Object>> shown = truncated ? found.subList(0, limit) : found;
            return new CheckResult(check.id(), check.description(), check.repair(), shown.isEmpty() ? "ok" : "issues",
                    shown.size(), truncated, List.copyOf(shown));
        }
    }

    static HealthReport of(Instant at, List<CheckResult> checks) {
        int withIssues = (int) checks.stream().filter(c -> c.count() > 0).count();
        int issues = checks.stream().mapToInt(CheckResult::count).sum();
        return new HealthReport(at, new Summary(checks.size(), checks.size() - withIssues, withIssues, issues), checks);
    }

    /** The issues of one check (empty when it passed). */
    public List<Map<String, Object>> issues(HealthCheck check) {
        return checks.stream().filter(c -> c.name().equals(check.id())).findFirst().map(CheckResult::issues)
                .orElse(List.of());
    }
}
