package org.geoetl.broker;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Settings of the embedded Artemis broker beyond Spring Boot's (queues, persistence and data
 * directory come from spring.artemis.embedded.*): a dead-letter queue, and broker-level redelivery
 * with a delay for messages whose processing threw (database down, malformed message).
 * Task failures themselves are handled by the engine, not by broker redelivery.
 */
@Configuration
public class EmbeddedBrokerSettings {

    public static final String DEAD_LETTER_QUEUE = "DLQ";

    @Bean
    ArtemisConfigurationCustomizer geoetlArtemisSettings(
            @org.springframework.beans.factory.annotation.Value("${geoetl.broker.sync-transactional:true}") boolean sync) {
        return configuration -> {
            configuration.setJournalSyncTransactional(sync);
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
