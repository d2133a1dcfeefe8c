package org.geoetl.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.geoetl.catalog.ApprovalStatus;
import org.junit.jupiter.api.Test;

/** The status enums mirror the CHECK constraints the migrations leave in place, value for value. */
class StatusConstraintsTest {

    private static final Pattern TABLE = Pattern.compile("(?:CREATE|ALTER) TABLE app\\.(\\w+)");
    private static final Pattern CHECK = Pattern.compile("CHECK \\(status IN \\(([^)]*)\\)\\)");

    /** The last status CHECK each table got, in migration order. */
    private static List<String> allowed(String table) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("sql"))) {
            files = s.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql")).sorted().toList();
        }
        List<String> last = null;
        for (Path f : files) {
            String sql = Files.readString(f);
            Matcher check = CHECK.matcher(sql);
            while (check.find()) {
                Matcher t = TABLE.matcher(sql.substring(0, check.start()));
                String owner = null;
                while (t.find()) {
                    owner = t.group(1);
                }
                if (table.equals(owner)) {
                    last = new ArrayList<>();
                    for (String v : check.group(1).split(",")) {
                        last.add(v.trim().replace("'", ""));
                    }
                }
            }
        }
        return last;
    }

    private static List<String> values(Enum<?>[] constants) {
        return Arrays.stream(constants).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
    }

    @Test
    void taskStatusesAreTheTasksTableCheckWithoutPending() throws IOException {
        assertThat(allowed("tasks")).containsExactlyInAnyOrderElementsOf(values(TaskStatus.values()))
                .doesNotContain("pending");
        assertThat(TaskStatus.sqlValues()).containsExactlyElementsOf(values(TaskStatus.values()));
    }

    @Test
    void jobStageAndApprovalStatusesMirrorTheirTables() throws IOException {
        assertThat(allowed("jobs")).containsExactlyInAnyOrderElementsOf(values(JobStatus.values()));
        assertThat(allowed("job_stages")).containsExactlyInAnyOrderElementsOf(values(StageStatus.values()));
        assertThat(allowed("dataset_approvals")).containsExactlyInAnyOrderElementsOf(values(ApprovalStatus.values()));
        assertThat(allowed("worker_instances")).containsExactly("alive", "stopped", "dead");
    }

    @Test
    void statusBehaviour() {
        assertThat(Arrays.stream(JobStatus.values()).filter(JobStatus::isTerminal))
                .containsExactly(JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED);
        assertThat(Arrays.stream(JobStatus.values()).filter(JobStatus::canStartNewAttempt))
                .containsExactly(JobStatus.FAILED, JobStatus.CANCELLED);
        assertThat(JobStatus.of("processing")).isEqualTo(JobStatus.PROCESSING);
        assertThat(TaskStatus.of("interrupted")).isEqualTo(TaskStatus.INTERRUPTED);
        assertThat(ErrorKind.PERMANENT.retryable()).isFalse();
        assertThat(ErrorKind.UNKNOWN.retryable()).isTrue();
        assertThat(ApprovalStatus.PENDING.canMoveTo(ApprovalStatus.APPROVED)).isTrue();
        assertThat(ApprovalStatus.REVOKED.canMoveTo(ApprovalStatus.PENDING)).isFalse();
        assertThat(ApprovalStatus.APPROVED.canMoveTo(ApprovalStatus.REJECTED)).isFalse();
    }
}
