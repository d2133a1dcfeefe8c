package org.geoetl.broker;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.geoetl.config.GeoEtlProperties;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Settings of the embedded Artemis broker beyond Spring Boot's (queues, persistence and data
 * directory come from spring.artemis.embedded.*): a dead-letter queue, and broker-level redelivery
 * with a delay for messages whose processing threw (database down, malformed message), and the
 * journal's sync settings (geoetl.broker.*).
 * Task failures themselves are handled by the engine, not by broker redelivery.
 */
@Configuration
public class EmbeddedBrokerSettings {

    public static final String DEAD_LETTER_QUEUE = "DLQ";

    @Bean
    ArtemisConfigurationCustomizer geoetlArtemisSettings(GeoEtlProperties properties) {
        GeoEtlProperties.Broker broker = properties.broker();
        return configuration -> {
            configuration.setJournalSyncTransactional(broker.syncTransactional());
            // how long the journal gathers writes before one sync: every transacted consume/send waits
            // for it, so it is the floor of each hop's latency (the NIO default is 3.3 ms)
            int nanos = (int) broker.journalBufferTimeout().toNanos();
            configuration.setJournalBufferTimeout_NIO(nanos);
            configuration.setJournalBufferTimeout_AIO(nanos);
            configuration.addAddressSetting("#", new AddressSettings()
                    .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_QUEUE))
                    .setMaxDeliveryAttempts(10)
                    .setRedeliveryDelay(1000)
                    .setRedeliveryMultiplier(2.0)
                    .setMaxRedeliveryDelay(60_000));
            configuration.addQueueConfiguration(QueueConfiguration.of(DEAD_LETTER_QUEUE)
                    .setRoutingType(RoutingType.ANYCAST).setDurable(true));
        };
    }
}
