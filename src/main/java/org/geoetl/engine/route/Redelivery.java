package org.geoetl.engine.route;

import org.apache.camel.Exchange;

/** Whether the broker has delivered this message before (Artemis/JMS or Service Bus). */
final class Redelivery {

    private Redelivery() {
    }

    static boolean isRedelivered(Exchange exchange) {
        if (Boolean.TRUE.equals(exchange.getIn().getHeader("JMSRedelivered", Boolean.class))) {
            return true;
        }
        Long deliveryCount = exchange.getIn().getHeader("CamelAzureServiceBusDeliveryCount", Long.class);
        return deliveryCount != null && deliveryCount > 1;
    }
}
