package org.geoetl.telemetry.state;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.geoetl.config.GeoEtlProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Messages waiting per queue (and in the dead-letter queue), read from the embedded broker. Empty
 * when this process has none (a standalone broker or Service Bus: their own metrics say it).
 */
@Component
public class QueueDepths {

    public static final String DEAD_LETTERS = "DLQ";

    private final ObjectProvider<EmbeddedActiveMQ> embedded;
    private final GeoEtlProperties properties;

    public QueueDepths(ObjectProvider<EmbeddedActiveMQ> embedded, GeoEtlProperties properties) {
        this.embedded = embedded;
        this.properties = properties;
    }

    public String[] queues() {
        return new String[] {properties.queues().jobs(), properties.queues().heavy(), properties.queues().light(),
                DEAD_LETTERS};
    }

    public Optional<ActiveMQServer> server() {
        EmbeddedActiveMQ broker = embedded.getIfAvailable();
        return broker == null ? Optional.empty() : Optional.ofNullable(broker.getActiveMQServer());
    }

    /** Depth of every queue, dead letters last; empty without an embedded broker. */
    public Map<String, Long> depths() {
        Map<String, Long> out = new LinkedHashMap<>();
        server().ifPresent(s -> {
            for (String q : queues()) {
                out.put(q, depth(s, q));
            }
        });
        return out;
    }

    public long depth(String queue) {
        return server().map(s -> depth(s, queue)).orElse(-1L);
    }

    private static long depth(ActiveMQServer server, String name) {
        Queue queue = server.locateQueue(SimpleString.of(name));
        return queue == null ? 0 : queue.getMessageCount();
    }
}
