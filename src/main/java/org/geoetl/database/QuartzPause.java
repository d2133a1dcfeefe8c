package org.geoetl.database;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.stereotype.Component;

/**
 * Holds this process's Quartz scheduler still while its tables are recreated, and writes its
 * jobs and triggers (the cron routes', the curated schedules') back into the new tables. The
 * Camel quartz routes only register a trigger once per endpoint, so without this a rebuilt
 * database would keep the cron routes running but never firing until a restart.
 */
@Component
public class QuartzPause {

    private final CamelContext camel;

    public QuartzPause(CamelContext camel) {
        this.camel = camel;
    }

    /** A pause; closing it restores the jobs and triggers and resumes the scheduler. */
    public Paused pause() {
        Scheduler scheduler = camel.getComponent("quartz", QuartzComponent.class).getScheduler();
        try {
            scheduler.standby();
            Map<JobDetail, Set<Trigger>> jobs = new LinkedHashMap<>();
            for (JobKey key : scheduler.getJobKeys(GroupMatcher.anyJobGroup())) {
                JobDetail job = scheduler.getJobDetail(key);
                if (job != null) {
                    jobs.put(job, new LinkedHashSet<>(scheduler.getTriggersOfJob(key)));
                }
            }
            return new Paused(scheduler, jobs);
        } catch (SchedulerException e) {
            throw new IllegalStateException("the scheduler could not be paused: " + e.getMessage(), e);
        }
    }

    /** An active pause, with what the scheduler held when it began. */
    public static final class Paused implements AutoCloseable {

        private final Scheduler scheduler;
        private final Map<JobDetail, Set<Trigger>> jobs;

        Paused(Scheduler scheduler, Map<JobDetail, Set<Trigger>> jobs) {
            this.scheduler = scheduler;
            this.jobs = jobs;
        }

        /** How many triggers the pause will put back. */
        public int triggers() {
            return jobs.values().stream().mapToInt(Set::size).sum();
        }

        @Override
        public void close() {
            try {
                for (var e : jobs.entrySet()) {
                    // same key and schedule, the next fire time computed afresh: the restored trigger
                    // fires at its next tick, not as a misfire of the time it had when the pause began
                    Set<Trigger> fresh = new LinkedHashSet<>();
                    e.getValue().forEach(t -> fresh.add(t.getTriggerBuilder().startNow().build()));
                    scheduler.scheduleJob(e.getKey(), fresh, true);
                }
                scheduler.start();
            } catch (SchedulerException e) {
                throw new IllegalStateException("the scheduler could not be resumed: " + e.getMessage(), e);
            }
        }
    }
}
