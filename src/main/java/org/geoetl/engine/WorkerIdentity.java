package org.geoetl.engine;

import java.lang.management.ManagementFactory;
import org.springframework.stereotype.Component;

/** Who runs a task, as recorded in app.tasks.executed_by: host and process. */
@Component
public class WorkerIdentity {

    private final String id = ManagementFactory.getRuntimeMXBean().getName();

    public String id() {
        return id;
    }
}
