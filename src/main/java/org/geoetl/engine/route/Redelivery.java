package org.geoetl.engine.route;

import org.apache.camel.Message;

/** Whether the broker has delivered this message before (Artemis/JMS or Service Bus). */
final class Redelivery {

    private Redelivery() {
    }

    static boolean isRedelivered(Message in) {
        if (Boolean.TRUE.equals(in.getHeader("JMSRedelivered", Boolean.class))) {
            return true;
        }
        Long deliveryCount = in.getHeader("CamelAzureServiceBusDeliveryCount", Long.class);
        return deliveryCount != null && deliveryCount > 1;
    }
}
