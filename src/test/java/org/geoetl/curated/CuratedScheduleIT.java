package org.geoetl.curated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.geoetl.support.EngineTestSupport;
import org.geoetl.support.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Curated schedules through Quartz, clustered in PostgreSQL: two service processes on one
 * database; a cron every 3 s fires each tick in exactly one of them (their logs name every tick
 * they fired), each tick is its own job, and disabling the dataset in the registry — through a
 * third instance, this test JVM — stops the ticks in both without a restart.
 */
class CuratedScheduleIT extends EngineTestSupport {

    private static final String[] FAST_SYNC = {"--geoetl.scheduler.sync-interval=1s", "--geoetl.janitor.enabled=false"};

    private long jobsOf(String id) {
        return count("SELECT count(*) FROM app.jobs WHERE job_type = 'curated_dataset_update'"
                + " AND parameters->>'dataset_id' = ? AND parameters->>'update_type' = 'scheduled'", id);
    }

    private static List<String> ticks(ServiceProcess p, String id) throws Exception {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("curated schedule " + Pattern.quote(id) + " fired for tick (\\S+)")
                .matcher(Files.readString(p.log()));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void eachTickFiresOnceAcrossTwoInstancesAndDisablingStopsIt() throws Exception {
        String id = "sched-" + unique().substring(0, 8);
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        String body = "{\"dataset_id\": \"" + id + "\", \"name\": \"Scheduled countries\", \"source_kind\":"
                + " \"natural_earth_admin0\", \"source\": {\"layer\": \"countries\"}, \"target_table\": \"curated_"
                + id.replace('-', '_') + "\", \"update_strategy\": \"full_replace\", \"schedule\": \"0/3 * * * * ?\"}";
        assertThat(http.postForEntity("/api/curated/datasets", new HttpEntity<>(body, json), String.class)
                .getStatusCode().value()).isEqualTo(201);
        try (ServiceProcess a = new ServiceProcess("sched-a", FAST_SYNC);
             ServiceProcess b = new ServiceProcess("sched-b", FAST_SYNC)) {
            a.start();
            b.start();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> jobsOf(id) >= 5);
            http.postForEntity("/api/curated/datasets/" + id + "/disable", new HttpEntity<>("", json), String.class);
            // both instances re-read the registry every second: give them that, then nothing may fire
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
            long afterDisable = jobsOf(id);
            await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12)).until(() -> jobsOf(id) == afterDisable);

            List<String> fired = new ArrayList<>(ticks(a, id));
            fired.addAll(ticks(b, id));
            assertThat(fired).as("ticks fired by a and b").hasSizeGreaterThanOrEqualTo(5).doesNotHaveDuplicates();
            assertThat(new HashSet<>(fired)).hasSize((int) afterDisable);
            assertThat(count("SELECT count(DISTINCT parameters->>'fire_time') FROM app.jobs WHERE parameters->>'dataset_id'"
                    + " = ? AND parameters->>'update_type' = 'scheduled'", id)).isEqualTo(afterDisable);
            // the first tick loaded the table; the later ones found the file unchanged and skipped
            assertThat(count("SELECT count(*) FROM app.curated_update_log WHERE dataset_id = ? AND status = 'completed'",
                    id)).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM app.curated_update_log WHERE dataset_id = ? AND status = 'skipped'",
                    id)).isGreaterThanOrEqualTo(afterDisable - 2);
        } finally {
            jdbc.update("DELETE FROM app.curated_datasets WHERE dataset_id = ?", id);
        }
    }
}
