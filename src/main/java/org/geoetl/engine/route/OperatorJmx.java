package org.geoetl.engine.route;

import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.geoetl.engine.Janitor;
import org.geoetl.engine.OperatorVerbs;
import org.geoetl.engine.message.Outgoing;
import org.springframework.jmx.export.annotation.ManagedOperation;
import org.springframework.jmx.export.annotation.ManagedResource;
import org.springframework.stereotype.Component;

/** The operator verbs as JMX operations (MBean geoetl:name=operator), for Hawtio or jconsole. */
@Component
@ManagedResource(objectName = "geoetl:name=operator", description = "GeoETL operator verbs")
public class OperatorJmx {

    private final OperatorVerbs verbs;
    private final QueueControl queues;
    private final Janitor janitor;
    private final OutgoingMessages outgoing;
    private final ProducerTemplate producer;

    public OperatorJmx(OperatorVerbs verbs, QueueControl queues, Janitor janitor, OutgoingMessages outgoing,
                       ProducerTemplate producer) {
        this.verbs = verbs;
        this.queues = queues;
        this.janitor = janitor;
        this.outgoing = outgoing;
        this.producer = producer;
    }

    /** Read-only: what operators may invoke over Jolokia (org.geoetl.security.JolokiaAccessFilter lists it). */
    @ManagedOperation(description = "Queues with their depth and whether this process consumes them (read-only)")
    public String listQueues() {
        return queues.list().toString();
    }

    @ManagedOperation(description = "Cancel a job")
    public String cancelJob(String jobId, String reason) {
        return verbs.cancel(jobId, reason).response().toString();
    }

    @ManagedOperation(description = "Retry only the failed tasks of a failed job")
    public String retryFailedTasks(String jobId) {
        OperatorVerbs.Result r = verbs.retryFailed(jobId);
        send(r.messages());
        return r.response().toString();
    }

    @ManagedOperation(description = "Pause consumption of a queue in this process")
    public String pauseQueue(String queue) throws Exception {
        return queues.pause(queue).toString();
    }

    @ManagedOperation(description = "Resume consumption of a queue in this process")
    public String resumeQueue(String queue) throws Exception {
        return queues.resume(queue).toString();
    }

    @ManagedOperation(description = "Run the janitor now")
    public String runJanitor() {
        Janitor.Report r = janitor.run("jmx");
        send(r.messages());
        return r.actions().toString();
    }

    private void send(List<Outgoing> messages) {
        if (messages.isEmpty()) {
            return;
        }
        producer.sendBody("direct:engine-dispatch", outgoing.toMessages(producer.getCamelContext(), messages));
    }
}
